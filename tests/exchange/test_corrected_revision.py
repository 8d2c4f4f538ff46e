"""A supplier's later workbook never silently undoes a reviewer's correction: its new declaration is stored, and
the correction either stands, is agreed with, or waits for a reviewer to re-confirm it."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import answer_corrections as store_corrections
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.usecases.assessments import AssessmentSession, assessment_json
from fldd.usecases.exchange import export_workbook, import_paths
from tests.exchange.conftest import fill

COMPLETE = {"migrants": "No", "topics": ["fees"], "workers": 250, "hours": 50, "wage": (1500, "MYR"),
            "fee": "Don't know", "audit_date": dt.date(2026, 3, 31), "languages": "Malay"}


@pytest.fixture
def corrected(every_ctx, every_supplier, tmp_path):
    """A submitted workbook declaring 50 hours, corrected by a reviewer to 65; returns (assessment id, v1 path)."""
    sent = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "sent.xlsx").path
    v1 = fill(sent, COMPLETE, out=tmp_path / "v1.xlsx")
    [first] = import_paths(every_ctx, [v1])
    assert first.outcome == "accepted"
    session = AssessmentSession(every_ctx, first.assessment_id)
    session.answer("hours", 65, reason="Time sheets show 65 hours in the peak week")
    assert "thr_hours" in {t.id for t in session.result.triggers}
    return first.assessment_id, v1


def test_a_revision_that_leaves_the_corrected_answer_alone_keeps_the_correction(every_ctx, corrected, tmp_path):
    assessment_id, v1 = corrected
    v2 = fill(v1, {"workers": 260}, out=tmp_path / "v2.xlsx")

    [second] = import_paths(every_ctx, [v2])

    assert second.outcome == "accepted" and second.revision == 2 and not second.note
    session = AssessmentSession(every_ctx, assessment_id)
    assert (session.as_declared["hours"], session.values["hours"], session.values["workers"]) == (50, 65, 260)
    assert store_corrections.standing(every_ctx.store, assessment_id)["hours"]["status"] == "in_force"
    assert "thr_hours" in {t.id for t in session.result.triggers}
    stored = store_assessments.get(every_ctx.store, assessment_id)  # the import's own stored result
    assert stored.score == float(session.result.score)


def test_a_revision_declaring_another_value_puts_the_correction_to_re_confirm(every_ctx, corrected, tmp_path):
    assessment_id, v1 = corrected
    v3 = fill(v1, {"hours": 55}, out=tmp_path / "v3.xlsx")

    [third] = import_paths(every_ctx, [v3])

    assert third.outcome == "accepted"
    assert "1.5 (hours)" in third.note and "re-confirms" in third.note
    assert store_assessments.answers(every_ctx.store, assessment_id)["hours"].value == 55  # the new declaration
    data = assessment_json(every_ctx, assessment_id)
    correction = data["corrections"]["hours"]
    assert (correction["declared"], correction["value"], correction["to_reconfirm"]) == (50, 65, True)
    assert data["answers"]["hours"] == 65  # a reviewer's decision is undone only by a reviewer
    logged = [r for r in store_exchange.imports(every_ctx.store)
              if r["outcome"] == "accepted"][0]
    assert "1.5 (hours)" in logged["detail"]["note"]

    session = AssessmentSession(every_ctx, assessment_id)  # the reviewer re-confirms against the new declaration
    session.answer("hours", 65, reason="Still 65: the new figure leaves out the night shift")
    assert session.corrections["hours"]["status"] == "in_force"
    assert session.corrections["hours"]["declared_value"] == 55


def test_a_revision_declaring_the_corrected_value_settles_it(every_ctx, corrected, tmp_path):
    assessment_id, v1 = corrected
    v4 = fill(v1, {"hours": 65}, out=tmp_path / "v4.xlsx")

    [fourth] = import_paths(every_ctx, [v4])

    assert "now declares the corrected value of 1.5 (hours)" in fourth.note
    assert store_corrections.standing(every_ctx.store, assessment_id) == {}
    [row] = store_corrections.history(every_ctx.store, assessment_id, "hours")
    assert row["status"] == "agreed" and row["reason"] == "Time sheets show 65 hours in the peak week"
    assert AssessmentSession(every_ctx, assessment_id).values["hours"] == 65


def test_re_sending_a_corrected_assessment_prefills_the_suppliers_own_declaration(every_ctx, every_supplier,
                                                                                   corrected, tmp_path):
    assessment_id, _ = corrected
    again = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "again.xlsx",
                            assessment_id=assessment_id).path

    [back] = import_paths(every_ctx, [fill(again, {}, out=tmp_path / "back.xlsx")])

    assert back.outcome == "unchanged"  # returned as sent: no new word from the supplier, no agreement either
    assert store_corrections.standing(every_ctx.store, assessment_id)["hours"]["status"] == "in_force"


def test_a_revision_answering_a_question_a_reviewer_corrected_to_no_answer_is_accepted(every_ctx, corrected,
                                                                                       tmp_path):
    assessment_id, v1 = corrected
    session = AssessmentSession(every_ctx, assessment_id)
    session.correct("hours", None, "The figure was copied from another site")
    v2 = fill(v1, {"hours": 55}, out=tmp_path / "v2.xlsx")

    [second] = import_paths(every_ctx, [v2])

    assert second.outcome == "accepted" and not second.missing  # judged on the supplier's declaration
    assert store_assessments.get(every_ctx.store, assessment_id).status == "submitted"
    correction = store_corrections.standing(every_ctx.store, assessment_id)["hours"]
    assert (correction["new_value"], correction["status"]) == (None, "to_reconfirm")
    assert "hours" not in AssessmentSession(every_ctx, assessment_id).values  # a reviewer's decision stands
