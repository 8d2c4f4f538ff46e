"""A control character pasted into an answer, a comment or a supplier's details is refused where it is typed,
naming the question or field: before, it was stored and then stopped every export of that assessment."""

from __future__ import annotations

import pytest

from fldd.standard.answers import AnswerError
from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook
from fldd.usecases.suppliers import add_supplier, get_supplier, update_supplier



@pytest.fixture
def session(ctx):
    supplier = add_supplier(ctx, "Klang Valley Gloves", "MY")
    return AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))


def _a_text_question(session) -> str:
    return next(q.id for q in session.questionnaire.questions if q.type == "text")


@pytest.mark.parametrize("character", ["\x01", "\x0b", "\x1f", "\ufffe"])
def test_an_answer_with_a_control_character_is_refused_naming_the_question(session, character):
    qid = _a_text_question(session)
    with pytest.raises(AnswerError, match=f"{qid}.*control character \\(U\\+{ord(character):04X}\\)"):
        session.answer(qid, f"paid {character}in cash")
    assert qid not in store_assessments.answers(session.ctx.store, session.id)


def test_tabs_and_line_ends_are_kept(session):
    qid = _a_text_question(session)
    session.answer(qid, "\tfirst line\r\nsecond line")
    assert session.values[qid] == "\tfirst line\r\nsecond line"


def test_a_comment_with_a_control_character_is_refused(session):
    qid = _a_text_question(session)
    with pytest.raises(Rejected, match=f"question {qid}: the comment holds a control character"):
        session.comment(qid, "see\x07 the file")
    assert session.comments.get(qid, "") == ""


def test_a_supplier_detail_with_a_control_character_is_refused(ctx, session):
    with pytest.raises(Rejected, match="address: the text holds a control character"):
        update_supplier(ctx, session.supplier.id, address="Lot 7\x00, Klang")
    with pytest.raises(Rejected, match="name: the text holds a control character"):
        add_supplier(ctx, "Bad\x1b Name", "MY")
    assert get_supplier(ctx, session.supplier.id).address == ""


def test_text_stored_before_the_rule_stops_the_export_with_a_message_not_a_crash(ctx, session, tmp_path):
    qid = _a_text_question(session)
    store_assessments.save_answer(ctx.store, session.id, qid, "old\x01 text", "", who="older fldd")
    with pytest.raises(Rejected, match=f"question {qid}: the answer holds a control character"):
        export_workbook(ctx, session.supplier.id, "fldd-desktop", tmp_path / "w.xlsx", assessment_id=session.id)
    assert not (tmp_path / "w.xlsx").exists()
