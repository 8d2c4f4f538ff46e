"""An assessment from start to close, through the same use cases the app and the command line call."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fldd.standard.answers import AnswerError
from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import AssessmentSession, add_auditor_finding, assessment_json, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def session(ctx):
    sid = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    return AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))


def complete(session):
    """Answer every visible required question with its lowest-risk answer."""
    for _ in range(5):
        for qid in session.result.completeness.missing:
            q = session.questionnaire.question(qid)
            if q.options:
                own = [o for o in q.options if o.value not in ("unknown", "na")]
                best = min(own, key=lambda o: o.risk or 0)
                session.answer(qid, [best.value] if q.type == "multi" else best.value)
            elif q.type == "money":
                session.answer(qid, "1500 MYR")
            elif q.type in ("number", "count", "percent"):
                session.answer(qid, 150 if q.id == "wag_overtime_rate_pct" else int(q.minimum or 0))
            else:
                session.answer(qid, "Malay and Nepali")


def test_each_answer_is_saved_at_once_and_rescored(ctx, session):
    result = session.answer("hrs_peak_weekly_max", 66)
    assert store_assessments.answers(ctx.store, session.id)["hrs_peak_weekly_max"].value == 66
    assert result.question_risk["hrs_peak_weekly_max"] == 3
    reopened = AssessmentSession(ctx, session.id)
    assert reopened.values["hrs_peak_weekly_max"] == 66


def test_show_if_branches_follow_the_answers(session):
    assert "pr_workers_foreign" not in session.result.visible
    session.answer("pr_workers_migrant", 40)
    assert "pr_workers_foreign" in session.result.visible
    session.answer("pr_workers_migrant", 0)
    assert "pr_workers_foreign" not in session.result.visible


def test_a_bad_answer_changes_nothing(ctx, session):
    session.answer("pr_workers_total", 120)
    with pytest.raises(AnswerError, match="pr_workers_total: 'lots' is not a number"):
        session.answer("pr_workers_total", "lots")
    assert store_assessments.answers(ctx.store, session.id)["pr_workers_total"].value == 120
    assert session.values["pr_workers_total"] == 120


def test_inherent_risk_of_country_and_goods_reaches_the_rules(session):
    assert "thr_inherent_risk_onsite" in {t.id for t in session.result.triggers}


def test_submit_needs_every_required_answer(session):
    with pytest.raises(Rejected, match="answer every required question before submitting"):
        session.move_to("submitted")
    assert session.record.status == "draft"


def test_submitting_turns_finding_rules_into_findings_with_deadlines(ctx, session):
    session.answer("hrs_peak_weekly_max", 66, "peak season before Chinese New Year")
    session.answer("hrs_over_60_workers", "unknown")  # how widespread is not known: graded as widespread
    complete(session)
    session.move_to("submitted")
    assert session.record.status == "submitted" and session.record.assessed_on == TODAY.isoformat()
    rows = {r["threshold_id"]: r for r in session.findings()}
    hours = rows["excessive_hours"]  # the hours finding carries its fact's id
    assert hours["severity"] == "major" and hours["due_days"] == 14
    assert hours["due_date"] == (TODAY + dt.timedelta(days=14)).isoformat() and hours["status"] == "open"
    assert hours["because"]["hrs_peak_weekly_max"] == 66
    stored = store_assessments.get(ctx.store, session.id)
    assert stored.valid_until == "2027-11-23" and stored.rating is not None
    session.move_to("under_review")
    session.move_to("closed")
    assert len(session.findings()) == len(rows)  # closing adds no duplicates


def test_closed_assessment_is_read_only(ctx, session):
    complete(session)
    for status in ("submitted", "under_review", "closed"):
        session.move_to(status)
    with pytest.raises(Rejected, match="is closed"):
        session.answer("pr_workers_total", 5)
    with pytest.raises(Rejected, match="can move to nothing: it is closed"):
        session.move_to("draft")


def test_auditor_finding_gets_the_severity_deadline(ctx, session):
    fid = add_auditor_finding(ctx, session.id, severity="priority", title="Passports in the HR safe",
                              action="Return all passports today; install personal lockers", owner="HR manager")
    (row,) = [r for r in session.findings() if r["id"] == fid]
    assert row["source"] == "auditor" and row["due_date"] == (TODAY + dt.timedelta(days=7)).isoformat()
    assert row["owner"] == "HR manager"


def test_on_site_assessment_compares_with_the_latest_declaration(ctx, session):
    session.answer("fee_any_paid", "no")
    onsite = AssessmentSession(ctx, start_assessment(ctx, session.supplier.id, "fldd-onsite"))
    onsite.answer("wi_interviewed", 15)
    onsite.answer("wi_paid_fees", 4)
    assert any(m.verifies == "fee_any_paid" for m in onsite.result.mismatches)


def test_assessment_json_has_answers_result_and_findings(ctx, session):
    session.answer("pr_workers_total", 300, "head office figure")
    data = json.loads(json.dumps(assessment_json(ctx, session.id), default=str))
    assert data["answers"]["pr_workers_total"] == 300 and data["comments"]["pr_workers_total"] == "head office figure"
    for key in ("rating", "score", "indicators", "modules", "triggers", "completeness", "expires"):
        assert key in data["result"]
    assert data["supplier"]["name"] == "Klang Valley Gloves"


def test_interviews_enter_the_assessment_only_as_counts(ctx, session):
    from fldd.store import interviews as store_interviews
    from fldd.usecases.interviews import record_interview, remove_interview

    onsite = AssessmentSession(ctx, start_assessment(ctx, session.supplier.id, "fldd-onsite"))
    record_interview(onsite, "w-001", {"wi_paid_fees": "yes", "wi_fee_typical_months": 1.0})
    record_interview(onsite, "W-002", {"wi_paid_fees": "yes", "wi_no_own_passport": "yes",
                                       "wi_fee_typical_months": 2.0})
    record_interview(onsite, "W-003", {"wi_paid_fees": "no"})
    assert (onsite.values["wi_interviewed"], onsite.values["wi_paid_fees"], onsite.values["wi_no_own_passport"]) == (
        3, 2, 1)
    assert float(onsite.values["wi_fee_typical_months"]) == 1.5 and float(onsite.values["wi_fee_max_months"]) == 2.0
    remove_interview(onsite, "W-002")
    assert (onsite.values["wi_interviewed"], onsite.values["wi_paid_fees"]) == (2, 1)
    assert [r["code"] for r in store_interviews.rows(ctx.store, onsite.id)] == ["W-001", "W-003"]


@pytest.mark.parametrize("code", ["Maria Lopez", "maria", "W 14 Ana", ""])
def test_an_interview_code_that_could_be_a_name_is_refused(ctx, session, code):
    from fldd.usecases.interviews import record_interview

    onsite = AssessmentSession(ctx, start_assessment(ctx, session.supplier.id, "fldd-onsite"))
    with pytest.raises(Rejected, match="never a name"):
        record_interview(onsite, code, {})


def test_an_interview_whose_counts_would_be_refused_is_not_stored(ctx, session):
    from fldd.store import interviews as store_interviews
    from fldd.usecases.interviews import record_interview

    onsite = AssessmentSession(ctx, start_assessment(ctx, session.supplier.id, "fldd-onsite"))
    record_interview(onsite, "W-001", {"wi_paid_fees": "yes", "wi_fee_typical_months": 2})
    with pytest.raises(Rejected, match="interview W-002: .*above the maximum"):
        record_interview(onsite, "W-002", {"wi_paid_fees": "yes", "wi_fee_typical_months": 75})
    assert [r["code"] for r in store_interviews.rows(ctx.store, onsite.id)] == ["W-001"]
    assert onsite.values["wi_interviewed"] == 1 and float(onsite.values["wi_fee_max_months"]) == 2


def test_a_supplier_cannot_review_or_close(ctx, session):
    complete(session)
    session.move_to("submitted")
    ctx.role = "supplier"
    with pytest.raises(Rejected, match="for the buyer or the auditor"):
        session.move_to("under_review")
    assert session.record.status == "submitted"
