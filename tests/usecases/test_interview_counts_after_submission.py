"""Interview records after submission: a change needs the reviewer's own reason, recounts only the counts the
records fed (never counts typed directly), and removing records takes back what they fed."""

from __future__ import annotations

import pytest

from fldd.store import answer_corrections as store_corrections
from fldd.store import exchange as store_exchange
from fldd.store import interviews as store_interviews
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.interviews import record_interview, remove_interview
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_assessment_flow import complete

REASON = "W-002 interviewed on a second visit"
ONE_SITE = "a one-worker test site: every worker interviewed"


def _onsite(ctx):
    ctx.role, ctx.user = "auditor", "auditor bob"
    sid = add_supplier(ctx, "Site Co", "MY")
    return AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-onsite"))


def test_an_auditor_who_typed_the_counts_keeps_them_when_a_record_is_added_later(ctx):
    session = _onsite(ctx)
    session.answer("wi_interviewed", 12)
    complete(session)  # every count typed directly
    session.move_to("submitted", sample_reason=ONE_SITE)
    typed = {qid: v for qid, v in session.values.items() if qid.startswith("wi_")}

    record_interview(session, "W-001", {"wi_paid_fees": "yes"}, reason=REASON)

    assert [r["code"] for r in store_interviews.rows(ctx.store, session.id)] == ["W-001"]
    assert store_corrections.history(ctx.store, session.id) == []
    reopened = AssessmentSession(ctx, session.id)
    assert {qid: v for qid, v in reopened.values.items() if qid.startswith("wi_")} == typed


def test_a_record_changed_after_submission_without_the_reviewers_reason_is_refused(ctx):
    session = _onsite(ctx)
    record_interview(session, "W-001", {"wi_paid_fees": "no"})
    complete(session)
    session.move_to("submitted", sample_reason=ONE_SITE)
    before = store_exchange.data_checksum(ctx.store)

    for reason in (None, "", " a "):
        with pytest.raises(Rejected, match="reason"):
            record_interview(session, "W-002", {"wi_paid_fees": "yes"}, reason=reason)
        with pytest.raises(Rejected, match="reason"):
            remove_interview(session, "W-001", reason=reason)

    assert store_exchange.data_checksum(ctx.store) == before


def test_counts_that_came_from_the_records_are_corrected_with_the_reviewers_reason(ctx):
    session = _onsite(ctx)
    record_interview(session, "W-001", {"wi_paid_fees": "no"})
    complete(session)
    session.move_to("submitted", sample_reason=ONE_SITE)

    record_interview(session, "W-002", {"wi_paid_fees": "yes"}, reason=REASON)

    assert (session.values["wi_interviewed"], session.values["wi_paid_fees"]) == (2, 1)
    assert session.values["wi_threatened"] == 0
    rows = store_corrections.history(ctx.store, session.id)
    assert {r["question_id"] for r in rows} == {"wi_interviewed", "wi_paid_fees"}
    assert {(r["reason"], r["corrected_by"]) for r in rows} == {(REASON, "auditor bob")}
    assert AssessmentSession(ctx, session.id).as_declared["wi_interviewed"] == 1  # the declaration stays


def test_removing_the_last_record_takes_back_the_counts_it_fed(ctx):
    session = _onsite(ctx)
    record_interview(session, "W-001", {"wi_paid_fees": "yes", "wi_fee_typical_months": 2})
    assert session.values["wi_fee_max_months"] == 2

    remove_interview(session, "W-001")

    fed = ("wi_interviewed", "wi_paid_fees", "wi_threatened", "wi_fee_typical_months", "wi_fee_max_months")
    assert [qid for qid in fed if qid in session.values] == []
    assert [qid for qid in fed if qid in AssessmentSession(ctx, session.id).values] == []


def test_after_submission_removing_records_recounts_down_with_the_reviewers_reason(ctx):
    session = _onsite(ctx)
    record_interview(session, "W-001", {"wi_paid_fees": "no"})
    record_interview(session, "W-002", {"wi_paid_fees": "yes"})
    complete(session)
    session.move_to("submitted", sample_reason="a two-worker test site: every worker interviewed")

    remove_interview(session, "W-002", reason="W-002 was a visitor, not a worker")
    assert (session.values["wi_interviewed"], session.values["wi_paid_fees"]) == (1, 0)
    remove_interview(session, "W-001", reason="W-001 withdrew consent")

    assert "wi_interviewed" not in session.values and "wi_paid_fees" not in session.values
    standing = store_corrections.standing(ctx.store, session.id)
    assert standing["wi_interviewed"]["new_value"] is None
    assert standing["wi_interviewed"]["reason"] == "W-001 withdrew consent"
