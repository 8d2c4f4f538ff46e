"""The buyer who later disputes an audit that interviewed 3 workers at a 900-worker site: the auditor could not
submit it without saying why, and the reason is on the record (who, when, what was short) for the buyer to read."""

from __future__ import annotations

import json

import pytest

from fldd.cli import main
from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import AssessmentSession, assessment_json, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.sampling import sample_checks, shortfalls
from fldd.usecases.suppliers import add_supplier

REASON = "Management allowed two hours on site; the other interviews are booked off site for next week."


def fill_onsite(session: AssessmentSession, **given) -> None:
    """Answer every required on-site question: the given values first, then the lowest-risk answer."""
    for qid, value in given.items():
        session.answer(qid, value)
    for _ in range(6):
        missing = [qid for qid in session.result.completeness.missing if qid not in given]
        if not missing:
            return
        for qid in missing:
            question = session.questionnaire.question(qid)
            if question.options:
                own = [o for o in question.options if o.value not in ("unknown", "na")]
                best = min(own, key=lambda o: o.risk or 0).value
                session.answer(qid, [best] if question.type == "multi" else best)
            else:
                session.answer(qid, int(question.minimum or 0))


@pytest.fixture
def audit(ctx):
    """An on-site audit of a 900-worker site that interviewed 3 workers and reviewed 30 worker files."""
    ctx.role = "auditor"
    supplier = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-onsite"))
    fill_onsite(session, wi_workforce_on_site=900, wi_interviewed=3, dr_files_sampled=30)
    assert not session.result.completeness.missing
    return session


def test_the_minimums_come_from_the_standard_for_the_sites_size(audit):
    checks = {c.rule: c for c in sample_checks(audit)}
    assert (checks["worker_interviews"].done, checks["worker_interviews"].minimum) == (3, 30)
    assert (checks["worker_files"].done, checks["worker_files"].minimum) == (30, 30)
    assert [s.rule for s in shortfalls(audit)] == ["worker_interviews"]
    assert shortfalls(audit)[0].text == "3 of 30 workers interviewed for a site of 900 workers"
    assert checks["worker_interviews"].basis  # the citation the minimum rests on travels with it


def test_submitting_three_interviews_at_a_900_worker_site_without_a_reason_is_refused(ctx, audit):
    with pytest.raises(Rejected) as refused:
        audit.move_to("submitted")
    assert "3 of 30 workers interviewed for a site of 900 workers" in str(refused.value)
    assert "reason" in str(refused.value)
    assert store_assessments.get(ctx.store, audit.id).status == "draft"
    assert assessment_json(ctx, audit.id)["sampling"]["reasons"] == []


@pytest.mark.parametrize("blank", ["   ", "\u200b\u200b", "\u3164", "\u2800 \u200d"])
def test_a_blank_reason_does_not_count(ctx, audit, blank):
    with pytest.raises(Rejected):
        audit.move_to("submitted", sample_reason=blank)  # spaces, or characters that draw nothing
    assert store_assessments.get(ctx.store, audit.id).status == "draft"


def test_the_reason_is_kept_with_who_and_when_and_shown_to_the_buyer(ctx, audit):
    audit.move_to("submitted", sample_reason=REASON)
    assert store_assessments.get(ctx.store, audit.id).status == "submitted"

    ctx.role = "buyer"  # months later, the buyer reads the record
    shown = assessment_json(ctx, audit.id)["sampling"]
    checks = {c["rule"]: c for c in shown["checks"]}
    assert checks["worker_interviews"]["short"] is True
    assert checks["worker_interviews"]["text"] == "3 of 30 workers interviewed for a site of 900 workers"
    assert checks["worker_files"]["short"] is False
    [reason] = shown["reasons"]
    assert reason["rule"] == "worker_interviews" and reason["reason"] == REASON
    assert (reason["done"], reason["minimum"], reason["workforce"]) == (3, 30, 900)
    assert reason["given_by"] == "amina" and reason["given_at"]


def test_a_sample_that_meets_the_minimum_needs_no_reason(ctx, audit):
    audit.answer("wi_interviewed", 30)
    audit.move_to("submitted")
    assert store_assessments.get(ctx.store, audit.id).status == "submitted"
    assert assessment_json(ctx, audit.id)["sampling"]["reasons"] == []


def test_reopened_and_submitted_again_keeps_both_reasons(ctx, audit):
    audit.move_to("submitted", sample_reason=REASON)
    audit.move_to("draft")
    audit.answer("wi_interviewed", 12)
    audit.move_to("submitted", sample_reason="Twelve workers on the second day; the site limited time again.")
    reasons = assessment_json(ctx, audit.id)["sampling"]["reasons"]
    assert [r["done"] for r in reasons] == [3, 12]


def test_the_cli_refuses_the_same_submission_and_shows_the_reason(ctx, audit, capsys):
    db = str(ctx.store.path)
    assert main(["--db", db, "assessments", "submit", str(audit.id)]) == 1
    err = capsys.readouterr().err
    assert "3 of 30 workers interviewed for a site of 900 workers" in err and "--sample-reason" in err
    assert main(["--db", db, "assessments", "submit", str(audit.id), "--sample-reason", REASON]) == 0
    capsys.readouterr()
    assert main(["--db", db, "assessments", "show", str(audit.id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "submitted"
    assert shown["sampling"]["reasons"][0]["reason"] == REASON
    assert main(["--db", db, "assessments", "show", str(audit.id)]) == 0
    text = capsys.readouterr().out
    assert "3 of 30 workers interviewed for a site of 900 workers" in text and REASON in text


def test_a_desktop_assessment_has_no_sample_rules(ctx):
    supplier = add_supplier(ctx, "Penang Parts", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    shown = assessment_json(ctx, session.id)
    assert sample_checks(session) == [] and shown["sampling"] == {"checks": [], "reasons": []}
    assert shown["checklist"] == {}


def test_an_answer_pack_of_a_short_sample_arrives_as_a_draft_saying_why(ctx, audit, tmp_path):
    from fldd.usecases.answer_pack import export_pack, import_pack
    from fldd.usecases.context import open_context

    pack = export_pack(ctx, audit.id, tmp_path / "audit.json")
    buyer = open_context(tmp_path / "buyer.sqlite3", user="buyer", role="buyer")
    try:
        add_supplier(buyer, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
        report = import_pack(buyer, pack)
        assert report.outcome == "accepted_incomplete"
        assert any("3 of 30 workers interviewed for a site of 900 workers" in issue.message
                   for issue in report.missing)
        assert store_assessments.get(buyer.store, report.assessment_id).status == "draft"
    finally:
        buyer.close()


def test_a_returned_workbook_of_a_short_sample_arrives_as_a_draft_saying_which_sample(ctx, audit, tmp_path):
    from fldd.usecases.exchange import export_workbook, import_paths
    from tests.exchange.conftest import fill

    sent = export_workbook(ctx, audit.record.supplier_id, "fldd-onsite", tmp_path / "onsite.xlsx",
                           assessment_id=audit.id).path
    fill(sent, {"wi_interviewed": 4})  # the auditor's workbook comes back, still short of 30
    [report] = import_paths(ctx, [sent])
    assert report.outcome == "accepted_incomplete", report.errors
    [short] = report.missing
    assert "4 of 30 workers interviewed for a site of 900 workers" in short.message
    assert "wi_interviewed" in short.question and short.sheet and short.cell and short.file == "onsite.xlsx"
    assert store_assessments.get(ctx.store, report.assessment_id).status == "draft"


def test_the_command_line_import_says_which_sample_is_short(ctx, audit, tmp_path, capsys):
    from fldd.usecases.exchange import export_workbook
    from tests.exchange.conftest import fill

    sent = export_workbook(ctx, audit.record.supplier_id, "fldd-onsite", tmp_path / "onsite.xlsx",
                           assessment_id=audit.id).path
    fill(sent, {"wi_interviewed": 4})
    ctx.close()  # the command opens the database on its own
    assert main(["--db", str(ctx.store.path), "workbook", "import", str(sent)]) == 0
    out = capsys.readouterr().out
    assert "onsite.xlsx: accepted incomplete" in out and "1 sample short of the minimum" in out
    assert "required" not in out
    assert "question 4.2 (wi_interviewed): sample below the protocol's minimum (4 of 30 workers interviewed" in out
