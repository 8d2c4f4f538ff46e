"""Document review and observation as checklists over the on-site questions themselves: "not applicable" and
"not available" are answers (the ones the standard names for each item), "seen" is the auditor's tick, kept
with who and when, and the note is the answer's comment. Nothing is stored beside the answers but the ticks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fldd.standard.answers import coerce
from fldd.standard.model import NOT_APPLICABLE, Question, pick
from fldd.store import checklist as store_checklist
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.errors import Rejected

SEEN, MISSING, NOT_APPLICABLE_MARK = store_checklist.MARKS


def has_checklist(session: AssessmentSession, module_id: str) -> bool:
    """Whether the module has checklist items at all."""
    return any(q.check is not None for q in _module(session, module_id).questions)


def _module(session: AssessmentSession, module_id: str):
    return next(m for m in session.questionnaire.modules if m.id == module_id)


def _missing_value(question: Question) -> Any:
    """The answer that records "not available", typed as the question keeps it (None: not offered)."""
    value = question.check.not_available if question.check else None
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    return None if value is None else coerce(question, value)


def _offers_na(question: Question) -> bool:
    return question.option(NOT_APPLICABLE) is not None


def _answer_for(question: Question, mark: str | None) -> Any:
    """The answer a mark writes (None for a tick that says nothing about what was found)."""
    if mark == MISSING:
        return _missing_value(question)
    if mark == NOT_APPLICABLE_MARK:
        return NOT_APPLICABLE
    return None


def effective_mark(question: Question, value: Any, stored: str | None) -> str | None:
    """What the checklist shows: the answer decides when there is one; else the auditor's own tick."""
    if value is not None:
        if value == NOT_APPLICABLE and _offers_na(question):
            return NOT_APPLICABLE_MARK
        missing = _missing_value(question)
        if missing is not None and value == missing:
            return MISSING
        return SEEN
    return SEEN if stored == SEEN else None


def checklist_rows(session: AssessmentSession, module_id: str) -> list[dict]:
    """The items of a module that apply given the answers so far, in questionnaire order."""
    lang = session.record.language
    marks = store_checklist.current(session.ctx.store, session.id)
    rows = []
    for question in _module(session, module_id).questions:
        if question.check is None or question.id not in session.result.visible:
            continue
        stored = marks.get(question.id, {})
        rows.append({
            "qid": question.id, "item": pick(question.check.item, lang), "question": pick(question.text, lang),
            "mark": effective_mark(question, session.values.get(question.id), stored.get("mark")),
            "ticked": stored.get("mark"), "marked_by": stored.get("marked_by"), "marked_at": stored.get("marked_at"),
            "note": session.comments.get(question.id, ""),
            "offers": {SEEN: True, MISSING: question.check.not_available is not None,
                       NOT_APPLICABLE_MARK: _offers_na(question)},
        })
    return rows


def mark_item(session: AssessmentSession, question_id: str, mark: str | None) -> None:
    """Tick an item (None takes the tick back) in a draft; a mark that is an answer is saved as that answer, and
    an answer the checklist wrote is cleared when the tick changes, so the two never disagree."""
    if session.read_only:
        raise Rejected([f"assessment {session.id} is closed"])
    if session.record.status != "draft":  # the ticks are the auditor's record of the visit, as submitted
        status = session.record.status.replace("_", " ")
        raise Rejected([f"assessment {session.id} is {status}: its checklist is the record of the visit as "
                        "submitted; return it to draft to change a tick (an answer can be corrected, with a reason)"])
    question = session.questionnaire.question(question_id)
    if question is None or question.check is None:
        raise Rejected([f"'{question_id}' is not a checklist item of {session.questionnaire.ref}"])
    if mark is not None and mark not in store_checklist.MARKS:
        raise Rejected([f"{question_id}: '{mark}' is not seen, not_available or not_applicable"])
    offers = {SEEN: True, MISSING: question.check.not_available is not None,
              NOT_APPLICABLE_MARK: _offers_na(question)}
    if mark is not None and not offers[mark]:
        raise Rejected([f"{question_id}: the standard gives no answer for '{mark.replace('_', ' ')}' here"])
    value = session.values.get(question_id)
    written_by_checklist = value is not None and effective_mark(question, value, None) in (MISSING,
                                                                                          NOT_APPLICABLE_MARK)
    new_value = _answer_for(question, mark)
    with session.ctx.store.write():
        store_checklist.add_mark(session.ctx.store, session.id, question_id, mark, who=session.ctx.user)
        if new_value is not None and new_value != value:
            session.answer(question_id, new_value)
        elif new_value is None and written_by_checklist:
            session.answer(question_id, None)


def note_item(session: AssessmentSession, question_id: str, text: str) -> None:
    """The item's note is the answer's comment (shown on the question card and in the reports)."""
    session.comment(question_id, text.strip())


def progress(rows: list[dict]) -> tuple[int, int]:
    """(items marked, items listed)."""
    return sum(1 for r in rows if r["mark"]), len(rows)
