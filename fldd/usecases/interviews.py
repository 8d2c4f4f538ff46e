"""Worker interviews: recorded under codes, entering the assessment only as counts (the `tally` questions)."""

from __future__ import annotations

import re
import statistics
from decimal import Decimal
from typing import Any

from fldd.standard.answers import AnswerError, coerce
from fldd.store import interviews as store_interviews
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.errors import Rejected
from fldd.usecases.interview_privacy import clean_context

CODE = re.compile(r"^[A-Z]{0,4}-?[0-9]{1,4}$")


def interview_questions(session: AssessmentSession) -> list:
    """The questions an interview record answers (facts and per-worker numbers), in questionnaire order."""
    return [q for q in session.questionnaire.questions
            if q.tally == "yes" or (q.tally in ("median", "max") and q.fact == q.id)]


def record_interview(session: AssessmentSession, code: str, facts: dict[str, Any],
                     interviewed_on: str | None = None, context: dict[str, Any] | None = None) -> None:
    """Save one interview and refresh the counts it feeds; the code must not look like a name. The context
    (language, interpreter, location, a note) stays with the record and never enters the answers."""
    if session.read_only:
        raise Rejected([f"assessment {session.id} is closed"])
    code = code.strip().upper()
    if not CODE.match(code):
        raise Rejected([f"interview code '{code}': use a code such as W-014 (letters and digits only, "
                        "never a name), so that no worker can be identified"])
    kept = clean_context(code, context)
    known = {q.id: q for q in interview_questions(session)}
    clean: dict[str, Any] = {}
    for qid, value in facts.items():
        question = known.get(qid)
        if question is None:
            raise Rejected([f"interview {code}: '{qid}' is not a fact recorded per interview"])
        if value in (None, ""):
            continue
        if question.tally == "yes":
            if value not in ("yes", "no"):
                raise Rejected([f"interview {code}: {qid} must be yes or no"])
            clean[qid] = value
        else:
            try:
                number = Decimal(str(value))
            except ArithmeticError:
                raise Rejected([f"interview {code}: {qid}: '{value}' is not a number"]) from None
            if not number.is_finite() or number < 0:
                raise Rejected([f"interview {code}: {qid}: '{value}' is not a number of 0 or more"])
            clean[qid] = float(number)
    others = [r for r in store_interviews.rows(session.ctx.store, session.id) if r["code"] != code]
    planned = _tallies(session, others + [{"code": code, "facts": clean}])
    problems = []
    for qid, value in planned.items():
        try:
            coerce(session.questionnaire.question(qid), value)
        except AnswerError as exc:
            problems.append(f"interview {code}: {exc.message} (in {qid})")
    if problems:
        raise Rejected(problems)  # checked before anything is stored: no record without its counts
    with session.ctx.store.write():
        store_interviews.put(session.ctx.store, session.id, code, clean, interviewed_on, kept)
        refresh_tallies(session)


def remove_interview(session: AssessmentSession, code: str) -> None:
    """Delete one interview record and refresh the counts."""
    if session.read_only:
        raise Rejected([f"assessment {session.id} is closed"])
    store_interviews.remove(session.ctx.store, session.id, code)
    refresh_tallies(session)


def tallies(session: AssessmentSession) -> dict[str, Any]:
    """The aggregate answers the interview records give (nothing when there are none)."""
    return _tallies(session, store_interviews.rows(session.ctx.store, session.id))


def _tallies(session: AssessmentSession, records: list[dict]) -> dict[str, Any]:
    if not records:
        return {}
    out: dict[str, Any] = {}
    for q in session.questionnaire.questions:
        if q.tally == "count":
            out[q.id] = len(records)
        elif q.tally == "yes":
            out[q.id] = sum(1 for r in records if r["facts"].get(q.id) == "yes")
        elif q.tally in ("median", "max"):
            numbers = [r["facts"][q.fact] for r in records if isinstance(r["facts"].get(q.fact), (int, float))]
            if numbers:
                value = statistics.median(numbers) if q.tally == "median" else max(numbers)
                out[q.id] = round(value, 2)
    return out


def refresh_tallies(session: AssessmentSession) -> None:
    """Write the aggregates into the assessment's answers (each a normal, revisioned answer; once submitted,
    a correction whose reason says the records changed)."""
    for qid, value in tallies(session).items():
        if session.values.get(qid) != value:
            session.answer(qid, value, reason="counted again from the interview records, which changed")
