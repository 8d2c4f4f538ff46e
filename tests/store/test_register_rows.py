"""The register's rows: each supplier's nearest open corrective action, read in one pass for every supplier."""

from __future__ import annotations

from fldd.store import assessments, findings, suppliers
from fldd.store.connection import open_store


def _action(store, assessment_id: int, due: str, status: str = "open") -> None:
    with store.write() as db:
        finding = findings.add_finding(db, assessment_id, severity="major", title="Fees", due_days=30, source="auditor")
        action = findings.add_action(db, finding, description="Repay", due_date=due)
    if status != "open":
        findings.set_action_status(store, action, status)


def test_next_action_due_is_the_earliest_open_or_in_progress_action_across_assessments(tmp_path):
    store = open_store(tmp_path / "r.sqlite3")
    busy = suppliers.add(store, {"name": "Busy", "country": "MY", "goods": []})
    done = suppliers.add(store, {"name": "Done", "country": "MY", "goods": []})
    quiet = suppliers.add(store, {"name": "Quiet", "country": "MY", "goods": []})
    first = assessments.create(store, busy, "fldd-desktop", "1.0.0", "desktop")
    second = assessments.create(store, busy, "fldd-onsite", "1.0.0", "onsite")
    _action(store, first, "2026-03-01", "done")
    _action(store, first, "2026-05-01", "in_progress")
    _action(store, second, "2026-04-01")
    _action(store, second, "2026-02-01", "verified")
    _action(store, assessments.create(store, done, "fldd-desktop", "1.0.0", "desktop"), "2026-01-01", "done")

    rows = {r["name"]: r for r in suppliers.register_rows(store)}

    assert rows["Busy"]["next_action_due"] == "2026-04-01"
    assert rows["Busy"]["assessment_id"] == second
    assert rows["Done"]["next_action_due"] is None
    assert rows["Quiet"]["next_action_due"] is None and rows["Quiet"]["assessment_id"] is None
    assert list(rows) == ["Busy", "Done", "Quiet"]
    store.close()
