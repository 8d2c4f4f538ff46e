"""The interview list an auditor reviews: one row per code, with its date and how many facts it answers."""

from __future__ import annotations

import pytest

from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.interview_records import interview_count, list_interviews
from fldd.usecases.interviews import interview_questions, record_interview
from fldd.usecases.suppliers import add_supplier


@pytest.fixture
def session(ctx):
    supplier = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    return AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-onsite"))


def test_no_interviews_yet(session):
    assert list_interviews(session) == [] and interview_count(session) == 0


def test_each_interview_is_listed_by_code_with_the_facts_it_answers(session):
    record_interview(session, "W-002", {"wi_paid_fees": "yes", "wi_fee_typical_months": 2}, "2026-11-20")
    record_interview(session, "w-001", {"wi_paid_fees": "no"})
    rows = list_interviews(session)
    assert [r["code"] for r in rows] == ["W-001", "W-002"]
    assert rows[1]["interviewed_on"] == "2026-11-20" and rows[1]["facts"]["wi_paid_fees"] == "yes"
    assert (rows[0]["answered"], rows[1]["answered"]) == (1, 2)
    assert rows[0]["of"] == len(interview_questions(session))
    assert interview_count(session) == 2
