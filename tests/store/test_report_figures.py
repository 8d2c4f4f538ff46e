"""The small figures kept beside each stored result (migration 0011): an old database gets them from the results
it already holds, a saved or imported result writes them, and they are what the result says; an action moved
before actions kept a history counts in a past portfolio from the day it was done."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fldd.store import assessment_figures
from fldd.store import exchange as store_exchange
from fldd.store.connection import open_store
from fldd.store.migrations_reports import FIGURES_BACKFILL, FIGURES_TABLE
from fldd.store.portfolio_findings import findings_figures

V1 = Path(__file__).resolve().parent.parent / "usecases" / "v1_database" / "v1.sqlite3"


def kept(store) -> dict[int, tuple]:
    with store.read() as db:
        return {r[0]: tuple(r[1:]) for r in db.execute(
            "SELECT assessment_id, red_flags, fees_found, fees_repaid FROM assessment_figures ORDER BY 1")}


def test_the_v1_database_gets_the_figures_of_the_results_it_holds(tmp_path):
    path = tmp_path / "v1.sqlite3"
    shutil.copy(V1, path)
    store = open_store(path)
    try:
        # Klang's desktop had one red flag, its on-site seven; 1.0.0 named no facts, so no fee finding is known
        assert kept(store) == {1: (1, 0, 0), 2: (7, 0, 0), 3: (0, 0, 0), 4: (0, 0, 0)}
        with store.read() as db:
            results = {r[0]: json.loads(r[1]) for r in db.execute("SELECT id, result FROM assessments")}
        assert kept(store) == {i: assessment_figures.figures(r) for i, r in results.items()}
    finally:
        store.close()


def result(*, flags=(), fee_finding=True, repaid=None, onsite=False) -> dict:
    triggers = [{"id": "fees_charged", "action": "finding", "fact": "fees_charged", "severity": "minor"}] \
        if fee_finding else [{"id": "thr_grv_no_mechanism", "action": "finding", "fact": None}]
    derived = {("dr_fee_repaid_in_time" if onsite else "fee_repaid_in_time"): repaid}
    return {"red_flags": [{"question": q, "fact": f} for q, f in flags], "triggers": triggers, "derived": derived,
            "score": 70.0, "rating": "medium", "completeness": {"percent": 100.0}, "as_of": "2026-08-01",
            "expires": "2027-08-01"}


def test_the_figures_are_what_the_result_says():
    flags = [("wi_passport_held", "documents_held"), ("ob_documents_seen", "documents_held"), ("wi_threats", None)]
    assert assessment_figures.figures(result(flags=flags, repaid=False)) == (2, 1, 0)  # one fact, one question
    assert assessment_figures.figures(result(repaid=True, onsite=True)) == (0, 1, 1)
    assert assessment_figures.figures(result(fee_finding=False, repaid=True)) == (0, 0, 0)  # nothing to repay
    assert assessment_figures.figures({}) == (0, 0, 0)


@pytest.fixture
def store(tmp_path):
    """A new database holding one supplier (id 1)."""
    opened = open_store(tmp_path / "fldd.sqlite3")
    with opened.write() as db:
        db.execute("INSERT INTO suppliers (id, uid, name, country, created_at, updated_at) "
                   "VALUES (1, 's-1', 'Klang Valley Gloves', 'MY', '2026-01-01', '2026-01-01')")
    yield opened
    opened.close()


def test_an_imported_result_writes_its_figures_and_the_migration_would_write_the_same(store):
    made = [store_exchange.create_assessment(store, uid=f"a-{i}", supplier_id=1, questionnaire_id="fldd-desktop",
                                             version="2.0.0", tier="desktop", assessor="",
                                             language="en", source="workbook") for i in range(3)]
    store_exchange.settle(store, made[0], "submitted", result(repaid=True))
    store_exchange.settle(store, made[1], "submitted", result(flags=[("fee_items_paid", None)], repaid=False))
    store_exchange.settle(store, made[2], "draft", result(fee_finding=False))
    written = kept(store)
    assert written == {made[0]: (0, 1, 1), made[1]: (1, 1, 0), made[2]: (0, 0, 0)}
    with store.write() as db:  # the migration's back-fill, run again over the same results
        db.execute("DROP TABLE assessment_figures")
        db.execute(FIGURES_TABLE)
        db.execute(FIGURES_BACKFILL)
    assert kept(store) == written


def test_an_action_done_before_actions_kept_a_history_counts_from_its_done_day(store):
    with store.write() as db:
        db.execute("INSERT INTO assessments (id, uid, supplier_id, questionnaire_id, questionnaire_version, "
                   "tier, status, assessed_on, started_at, updated_at) VALUES (1, 'a-1', 1, 'fldd-desktop', "
                   "'1.0.0', 'desktop', 'submitted', '2026-02-01', '2026-01-20', '2026-02-01')")
        db.execute("INSERT INTO findings (id, assessment_id, source, severity, title, due_days, created_at) "
                   "VALUES (1, 1, 'auditor', 'major', 'Hours over 60', 14, '2026-02-01T09:00:00Z')")
        # as an upgraded database holds it: verified, with only its creation in the history
        db.execute("INSERT INTO corrective_actions (id, finding_id, description, due_date, status, created_at, "
                   "updated_at, done_at, verified_at) VALUES (1, 1, 'Cap hours', '2026-02-15', 'verified', "
                   "'2026-02-01', '2026-04-01', '2026-03-01T10:00:00Z', '2026-04-01T10:00:00Z')")
        db.execute("INSERT INTO action_history (uid, action_id, kind, to_status, changed_at) "
                   "VALUES ('h-1', 1, 'created', 'open', '2026-02-01T09:00:00Z')")
    def on(day: str) -> list[tuple]:
        rows = findings_figures(store, day, [("2026-01-01", day)], (("all", 0, None),), [], [], today=False)
        assert [(r["severity"], r["status"], r["n"]) for r in rows if r["part"] == "all"] == \
            [(r["severity"], r["status"], r["n"]) for r in rows if r["part"] == "open_or_recent"]
        return [(r["severity"], r["status"], r["owed"], r["n"]) for r in rows if r["part"] == "open_or_recent"]

    assert on("2026-02-20") == [("major", "open", "due", 1)]  # one date, passed on 15 February
    assert on("2026-03-01") == [("major", "done", None, 1)]
    assert on("2026-04-01") == [("major", "verified", None, 1)]
