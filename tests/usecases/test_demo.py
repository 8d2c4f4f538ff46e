"""The demo portfolio: believable, every state present, added once, and all or nothing."""

from __future__ import annotations

import pytest

from fldd.usecases import demo
from fldd.usecases.assessments import list_assessments
from fldd.usecases.corrections import apply_correction, pending_corrections, pending_count
from fldd.usecases.findings import list_findings
from fldd.usecases.sent_workbooks import sent_workbooks, summary
from fldd.usecases.suppliers import register


def test_demo_covers_every_state_and_is_added_once(ctx):
    first = demo.build_demo(ctx)
    assert first["existing"] is False and first["suppliers"] == len(demo.SUPPLIERS)
    rows = list_assessments(ctx)
    assert {r["status"] for r in rows} == {"draft", "submitted", "under_review", "closed"}
    assert {r["tier"] for r in rows} == {"desktop", "onsite"}
    assert len({r["country"] for r in register(ctx)}) >= 15
    findings = list_findings(ctx)
    assert {f["severity"] for f in findings} == {"priority", "major", "minor"}
    assert {f["status"] for f in findings} >= {"open", "done", "verified"}
    assert pending_count(ctx) == {"corrections": len(demo.SUGGESTED_CORRECTIONS), "suppliers": 2}
    sent = summary(sent_workbooks(ctx))
    assert sent == {"sent": 10, "returned": 4, "awaiting": 5, "overdue": 2, "replaced": 1, "not_chased": 0}
    again = demo.build_demo(ctx)
    assert again["existing"] is True and again["suppliers"] == first["suppliers"]
    assert len(list_assessments(ctx)) == len(rows)
    assert pending_count(ctx) == {"corrections": len(demo.SUGGESTED_CORRECTIONS), "suppliers": 2}
    assert summary(sent_workbooks(ctx)) == sent


def test_the_demo_workbooks_came_back_into_their_assessments_or_still_wait(ctx):
    demo.build_demo(ctx)
    rows = sent_workbooks(ctx)
    returned = {r["supplier"]: r for r in rows if r["status"] == "returned"}
    assert set(returned) == {name for name, _ in demo.RETURNED_WORKBOOKS}
    for row in returned.values():
        [assessment] = [a for a in list_assessments(ctx, row["supplier_id"]) if a["tier"] == "desktop"]
        assert row["export_id"] == assessment["uid"] and row["returned_on"] >= row["sent_on"]
        assert row["returned_on"] == (assessment["submitted_at"] or assessment["started_at"])[:10]
    waiting = [(r["supplier"], r["days_since_sent"], r["overdue"]) for r in sent_workbooks(ctx, awaiting_only=True)]
    assert waiting == [("Sialkot Sports Goods", 47, True), ("Phnom Penh Apparel", 38, True),
                       ("Tiruppur Cotton Spinners", 12, False), ("Jakarta Footwear Indah", 5, False),
                       ("Mindanao Banana Growers", 2, False)]


def test_the_demo_corrections_show_what_was_on_file_and_can_be_applied(ctx):
    demo.build_demo(ctx)
    pending = pending_corrections(ctx)
    assert {(c.supplier, c.field) for c in pending} == {(name, key) for name, key, _, _ in demo.SUGGESTED_CORRECTIONS}
    for correction in pending:
        assert correction.on_file == correction.current and not correction.changed_since
        apply_correction(ctx, correction.id)  # every demo suggestion passes the register's checks
    assert pending_corrections(ctx) == []


def test_a_failure_half_way_leaves_no_demo_behind(ctx, monkeypatch):
    calls = []
    real = demo._story

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk pulled out")
        return real(*args, **kwargs)

    monkeypatch.setattr(demo, "_story", failing)
    with pytest.raises(RuntimeError):
        demo.build_demo(ctx)
    assert register(ctx) == [] and list_assessments(ctx) == [] and pending_corrections(ctx) == []
    assert sent_workbooks(ctx) == []
    monkeypatch.setattr(demo, "_story", real)
    assert demo.build_demo(ctx)["suppliers"] == len(demo.SUPPLIERS)


def test_a_failure_at_the_last_sent_workbook_leaves_no_demo_behind(ctx, monkeypatch):
    real = demo._log_sent
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == len(demo.RETURNED_WORKBOOKS) + len(demo.AWAITING_WORKBOOKS):
            raise RuntimeError("disk pulled out")
        return real(*args, **kwargs)

    monkeypatch.setattr(demo, "_log_sent", failing)
    with pytest.raises(RuntimeError):
        demo.build_demo(ctx)
    assert sent_workbooks(ctx) == [] and register(ctx) == [] and pending_corrections(ctx) == []


def test_the_demo_keeps_old_assessments_on_the_version_they_were_answered_on(ctx):
    from fldd.usecases.version_moves import movable_count

    demo.build_demo(ctx)
    oldest = ctx.standard.versions("fldd-desktop")[0]
    current = ctx.standard.get("fldd-desktop").version
    rows = list_assessments(ctx)
    old = [r for r in rows if r["questionnaire_version"] == oldest]
    assert oldest != current and old and {r["status"] for r in old} == {"closed", "submitted"}
    assert all(r["questionnaire_version"] == current for r in rows if r["status"] in ("draft", "under_review"))
    assert movable_count(ctx) == sum(1 for r in old if r["status"] == "submitted") > 0
