"""Moving an assessment to a version that retired a question, narrowed another's options and added a new one:
what is carried, what is not and why, what stays read-only, and what the report says."""

from __future__ import annotations

import random

import pytest

from fldd.store import answer_corrections as store_corrections
from fldd.store import assessments as store_assessments
from fldd.usecases import demo
from fldd.usecases.assessments import AssessmentSession, assessment_json, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import add_supplier
from fldd.usecases.version_moves import move_assessment, report_lines, retired_answers
from tests.usecases.version_variant import OLD, VariantContext, with_variant


@pytest.fixture
def setting(ctx):
    standard, changed = with_variant(ctx.standard)
    retire, narrow, removed, kept = changed["retire"], changed["narrow"], changed["removed"], changed["kept"]
    vctx = VariantContext(ctx.store, ctx.user, ctx.role, ctx.today, custom=standard)
    supplier = add_supplier(vctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"])
    aid = start_assessment(vctx, supplier, OLD)
    demo._fill(vctx, aid, 1, random.Random(3))  # a whole plausible declaration first
    session = AssessmentSession(vctx, aid)
    session.answer(retire, "yes", "As the policy says")
    session.answer(narrow, removed, "Chosen from the old list")
    session.answer("pr_workers_total", 300)
    return vctx, aid, retire, narrow, removed, kept


def test_answers_carry_by_id_and_the_report_says_what_did_not(setting):
    ctx, aid, retire, narrow, removed, _ = setting
    answered = {q for q, a in store_assessments.answers(ctx.store, aid).items() if a.value is not None}
    report = move_assessment(ctx, aid)
    assert set(report["carried"]) == answered - {retire, narrow} and "pr_workers_total" in report["carried"]
    (dropped,) = report["dropped"]
    assert dropped["question"] == narrow and "not an answer version 9.0.0 accepts" in dropped["why"]
    assert report["retired_kept"] == [retire]
    assert report["new_questions"] == ["gov_new_data_point"] and "gov_new_data_point" in report["to_answer"]
    assert "gov_new_data_point" in report["missing"]

    session = AssessmentSession(ctx, aid)
    assert session.questionnaire.version == "9.0.0"
    assert narrow not in session.values and session.comments[narrow] == "Chosen from the old list"
    assert retire not in session.values  # kept, never scored
    (old_answer,) = retired_answers(ctx, aid, session.questionnaire)
    assert (old_answer.question_id, old_answer.value, old_answer.version) == (retire, "yes", "1.0.0")
    assert old_answer.comment == "As the policy says" and old_answer.question is not None
    revisions = store_assessments.revisions(ctx.store, aid, narrow)
    assert revisions[-1]["source"] == "version_move" and removed in revisions[-1]["old_value"]
    shown = assessment_json(ctx, aid)
    assert [r["question"] for r in shown["retired_answers"]] == [retire]
    lines = "\n".join(report_lines(report))
    assert f"not carried: {narrow}: not an answer version 9.0.0 accepts" in lines
    assert f"kept read-only, no longer asked in 9.0.0 (not scored): {retire}" in lines
    assert "new questions to answer: 1 (gov_new_data_point)" in lines


def test_a_correction_the_new_version_cannot_hold_is_withdrawn_with_the_reason(setting):
    ctx, aid, retire, narrow, removed, kept = setting
    session = AssessmentSession(ctx, aid)
    session.answer(narrow, kept)
    session.move_to("submitted")
    session.correct(narrow, removed, "The records show the old answer")
    report = move_assessment(ctx, aid)
    assert report["carried"].count(narrow) == 1
    (withdrawn,) = report["corrections_withdrawn"]
    assert withdrawn["question"] == narrow
    assert store_corrections.standing(ctx.store, aid) == {}
    after = AssessmentSession(ctx, aid)
    assert after.values[narrow] == kept and after.record.status == "submitted"


def test_moving_back_or_to_an_unknown_version_is_refused(setting):
    ctx, aid, *_ = setting
    with pytest.raises(Rejected, match="has no version 3.1.4 in this fldd"):
        move_assessment(ctx, aid, "3.1.4")
    move_assessment(ctx, aid)
    with pytest.raises(Rejected, match="moves only to a newer version, not 1.0.0"):
        move_assessment(ctx, aid, "1.0.0")


def test_assessments_show_lists_the_answers_no_longer_asked(setting, monkeypatch, capsys):
    from fldd.cli import main

    ctx, aid, retire, *_ = setting
    move_assessment(ctx, aid)
    monkeypatch.setattr("fldd.usecases.questionnaires.standard", lambda: ctx.custom)  # the CLI's own context
    path = ctx.store.path
    ctx.store.close()  # the database belongs to one process at a time: the command opens it itself
    assert main(["--db", str(path), "assessments", "show", str(aid)]) == 0
    out = capsys.readouterr().out
    assert "moved from fldd-desktop 1.0.0 to 9.0.0 by amina" in out
    assert "answers from version 1.0.0 no longer asked (kept, not scored):" in out
    assert f'      {retire}: "yes"  ' in out
