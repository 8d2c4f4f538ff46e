"""A submitted answer is the supplier's declaration: a reviewer's change is a correction with who, when, the
old and new value and a reason, kept beside the declaration and scored."""

from __future__ import annotations

import json

import pytest

from fldd.cli import main
from fldd.store import answer_corrections as store_corrections
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.usecases.assessments import AssessmentSession, assessment_json, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_assessment_flow import complete


@pytest.fixture
def submitted(ctx):
    """A desktop assessment the supplier submitted, declaring 58 hours at the peak week."""
    sid = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    complete(session)
    session.answer("hrs_peak_weekly_max", 58)
    session.move_to("submitted")
    return session


def test_a_supplier_whose_submitted_answer_a_reviewer_changes_without_a_reason_finds_it_refused(ctx, submitted):
    before = store_exchange.data_checksum(ctx.store)

    with pytest.raises(Rejected, match="hrs_peak_weekly_max: .*submitted.*declaration.*needs a reason"):
        submitted.answer("hrs_peak_weekly_max", 72)
    for blank in ("   ", "ok\u200b\u200b\u200b", "\u3164\u3164\u3164"):  # nothing, or nothing a reader would see
        with pytest.raises(Rejected, match="needs a reason"):
            submitted.answer("hrs_peak_weekly_max", 72, reason=blank)

    assert store_exchange.data_checksum(ctx.store) == before
    assert submitted.values["hrs_peak_weekly_max"] == 58


def test_a_supplier_finds_its_declaration_kept_and_the_correction_traced(ctx, submitted):
    ctx.user = "reviewer kofi"
    submitted.answer("hrs_peak_weekly_max", 72, reason="Time sheets for March show 72 hours")

    assert store_assessments.answers(ctx.store, submitted.id)["hrs_peak_weekly_max"].value == 58  # as declared
    [correction] = store_corrections.history(ctx.store, submitted.id, "hrs_peak_weekly_max")
    assert (correction["declared_value"], correction["old_value"], correction["new_value"]) == (58, 58, 72)
    assert correction["corrected_by"] == "reviewer kofi" and correction["corrected_at"]
    assert correction["reason"] == "Time sheets for March show 72 hours"
    assert correction["status"] == "in_force"
    revision = store_assessments.revisions(ctx.store, submitted.id, "hrs_peak_weekly_max")[-1]
    assert (revision["source"], revision["reason"], revision["changed_by"]) == \
        ("correction", "Time sheets for March show 72 hours", "reviewer kofi")
    reopened = AssessmentSession(ctx, submitted.id)
    assert reopened.values["hrs_peak_weekly_max"] == 72 and reopened.as_declared["hrs_peak_weekly_max"] == 58


def test_an_auditor_finds_the_score_on_the_corrected_value_and_the_report_showing_both(ctx, submitted):
    before = submitted.result
    assert before.question_risk["hrs_peak_weekly_max"] < 3
    findings_before = {f["title"] for f in submitted.findings()}
    result = submitted.answer("hrs_peak_weekly_max", 72, reason="Time sheets show 72 hours")

    assert result.question_risk["hrs_peak_weekly_max"] == 3
    data = assessment_json(ctx, submitted.id)
    assert data["answers"]["hrs_peak_weekly_max"] == 72
    corrected = data["corrections"]["hrs_peak_weekly_max"]
    assert (corrected["declared"], corrected["value"], corrected["reason"], corrected["by"]) == \
        (58, 72, "Time sheets show 72 hours", "amina")
    assert data["result"]["score"] == float(result.score) < float(before.score)
    stored = store_assessments.get(ctx.store, submitted.id)  # what the lists, the register and Home read
    assert (stored.score, stored.rating) == (float(result.score), result.rating)
    raised = {f["title"] for f in submitted.findings()} - findings_before  # as submitting would have raised it
    assert raised == {t.title for t in result.triggers if t.action == "finding" and "hrs_peak_weekly_max" in t.because}
    assert raised


def test_a_second_correction_replaces_the_first_and_going_back_withdraws_it(ctx, submitted):
    submitted.answer("hrs_peak_weekly_max", 72, reason="Time sheets show 72 hours")
    submitted.answer("hrs_peak_weekly_max", 64, reason="Only one week was 72; the peak month averages 64")
    submitted.answer("hrs_peak_weekly_max", 58, reason="The supplier's payroll export confirms 58")

    rows = store_corrections.history(ctx.store, submitted.id, "hrs_peak_weekly_max")
    assert [(r["old_value"], r["new_value"], r["status"]) for r in rows] == \
        [(58, 72, "replaced"), (72, 64, "replaced"), (64, 58, "withdrawn")]
    assert store_corrections.standing(ctx.store, submitted.id) == {}
    assert AssessmentSession(ctx, submitted.id).values["hrs_peak_weekly_max"] == 58


def test_corrections_are_made_under_review_too_and_a_closed_assessment_stays_read_only(ctx, submitted):
    submitted.move_to("under_review")
    submitted.answer("hrs_peak_weekly_max", 72, reason="Time sheets show 72 hours")
    submitted.move_to("closed")

    with pytest.raises(Rejected, match="closed"):
        submitted.answer("hrs_peak_weekly_max", 58, reason="second thoughts")
    assert AssessmentSession(ctx, submitted.id).values["hrs_peak_weekly_max"] == 72


def test_a_draft_is_answered_without_reasons(ctx):
    sid = add_supplier(ctx, "Draft Co", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    session.answer("hrs_peak_weekly_max", 50)
    assert store_corrections.history(ctx.store, session.id) == []


def test_assessments_show_prints_the_declaration_beside_each_correction(ctx, submitted, capsys):
    submitted.answer("hrs_peak_weekly_max", 72, reason="Time sheets show 72 hours")
    db, aid = ctx.store.path, submitted.id
    ctx.close()  # the command opens the database itself

    assert main(["--db", str(db), "assessments", "show", str(aid)]) == 0

    out = capsys.readouterr().out
    assert "corrected hrs_peak_weekly_max: declared 58, now 72, by amina on " in out
    assert out.rstrip().count("Time sheets show 72 hours") == 1


def test_a_supplier_whose_corrected_answer_gets_a_comment_keeps_its_declaration(ctx, submitted):
    submitted.correct("hrs_peak_weekly_max", 72, "Time sheets for March show 72 hours")

    submitted.comment("hrs_peak_weekly_max", "Asked the supplier about March")

    stored = store_assessments.answers(ctx.store, submitted.id)["hrs_peak_weekly_max"]
    assert (stored.value, stored.comment) == (58, "Asked the supplier about March")
    [correction] = store_corrections.history(ctx.store, submitted.id, "hrs_peak_weekly_max")
    assert correction["status"] == "in_force"
    reopened = AssessmentSession(ctx, submitted.id)
    assert (reopened.values["hrs_peak_weekly_max"], reopened.as_declared["hrs_peak_weekly_max"]) == (72, 58)


def test_a_comment_from_an_answers_file_leaves_a_corrected_declaration_alone(ctx, submitted, tmp_path):
    submitted.correct("hrs_peak_weekly_max", 72, "Time sheets for March show 72 hours")
    path = tmp_path / "comments.json"
    path.write_text(json.dumps({"comments": {"hrs_peak_weekly_max": "see the March time sheets"}}), "utf-8")
    db, aid = ctx.store.path, submitted.id
    ctx.close()  # the command opens the database itself

    assert main(["--db", str(db), "workbook", "answer", str(aid), str(path)]) == 0

    from fldd.usecases.context import open_context
    again = open_context(db, user="amina", role="buyer")
    try:
        assert store_assessments.answers(again.store, aid)["hrs_peak_weekly_max"].value == 58
        assert store_corrections.standing(again.store, aid)["hrs_peak_weekly_max"]["status"] == "in_force"
    finally:
        again.close()


def test_a_supplier_cannot_record_a_reviewers_correction(ctx, submitted):
    before = store_exchange.data_checksum(ctx.store)
    ctx.role = "supplier"

    with pytest.raises(Rejected, match="correct.*buyer or the auditor"):
        submitted.correct("hrs_peak_weekly_max", 72, "Time sheets show 72 hours")
    with pytest.raises(Rejected, match="buyer or the auditor"):
        submitted.answer("hrs_peak_weekly_max", 72, reason="Time sheets show 72 hours")

    assert store_exchange.data_checksum(ctx.store) == before


@pytest.mark.parametrize("reason", ["x", " ok ", ".\n."])
def test_a_reason_of_a_character_or_two_is_refused(ctx, submitted, reason):
    before = store_exchange.data_checksum(ctx.store)
    with pytest.raises(Rejected, match="at least 3"):
        submitted.correct("hrs_peak_weekly_max", 72, reason)
    assert store_exchange.data_checksum(ctx.store) == before


def test_a_draft_returned_to_the_supplier_is_answered_and_submitted_again(ctx, submitted):
    qid = "hrs_peak_weekly_max"
    submitted.correct(qid, None, "The figure was copied from another site")
    submitted.move_to("draft")
    assert submitted.values[qid] == 58  # in a draft the supplier's answers count
    assert qid in submitted.corrections  # the correction is still shown

    submitted.answer(qid, 59)
    assert submitted.values[qid] == 59 and qid not in submitted.result.completeness.missing
    submitted.move_to("submitted")

    correction = store_corrections.standing(ctx.store, submitted.id)[qid]
    assert correction["status"] == "to_reconfirm" and correction["new_value"] is None
    reopened = AssessmentSession(ctx, submitted.id)
    assert reopened.as_declared[qid] == 59
    reopened.correct(qid, 59, "The new figure matches the time sheets")  # the reviewer takes the new word
    assert store_corrections.standing(ctx.store, submitted.id) == {}
    assert AssessmentSession(ctx, submitted.id).values[qid] == 59


def test_a_draft_scores_the_supplier_answers_while_corrections_wait(ctx, submitted):
    submitted.correct("hrs_peak_weekly_max", 72, "Time sheets for March show 72 hours")
    submitted.move_to("draft")
    draft = AssessmentSession(ctx, submitted.id)

    assert draft.values["hrs_peak_weekly_max"] == 58
    assert draft.result.question_risk["hrs_peak_weekly_max"] < 3
    draft.move_to("submitted")  # not re-answered: the correction counts again, untouched
    assert AssessmentSession(ctx, submitted.id).values["hrs_peak_weekly_max"] == 72
    assert store_corrections.standing(ctx.store, submitted.id)["hrs_peak_weekly_max"]["status"] == "in_force"
