"""Worker interviews: recorded under codes, entering the assessment only as counts (the `tally` questions).

The rule for counts: in a draft the records rule the counts they feed (typed counts are overwritten; removing
the last record clears what the records fed). Once submitted the counts are the supplier's (or auditor's)
declaration, so a change of the records is a reviewer's correction: it needs the reviewer's own reason
(refused without one) and recounts only when the assessment's counts came from the records, i.e. the number
of interviews in force is the number of records before the change; counts typed directly (or corrected by
hand) are left as they stand, the record is still kept. A recount covers what the records feed, down to
clearing it when the last record goes.
"""

from __future__ import annotations

import re
import statistics
from decimal import Decimal
from typing import Any

from fldd.standard.answers import AnswerError, coerce
from fldd.store import answer_corrections as store_corrections
from fldd.store import interviews as store_interviews
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.errors import Rejected
from fldd.usecases.interview_privacy import clean_context

CODE = re.compile(r"^[A-Z]{0,4}-?[0-9]{1,4}$")


def interview_questions(session: AssessmentSession) -> list:
    """The questions an interview record answers (facts and per-worker numbers), in questionnaire order."""
    return [q for q in session.questionnaire.questions
            if q.tally == "yes" or (q.tally in ("median", "max") and q.record_key == q.id)]


def record_interview(session: AssessmentSession, code: str, facts: dict[str, Any],
                     interviewed_on: str | None = None, context: dict[str, Any] | None = None, *,
                     reason: str | None = None) -> None:
    """Save one interview and refresh the counts it feeds; the code must not look like a name. The context
    (language, interpreter, location, a note) stays with the record and never enters the answers. Once
    submitted, `reason` (the reviewer's own) is required; see the module's rule for counts."""
    _check_change(session, reason)
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
    before = store_interviews.rows(session.ctx.store, session.id)
    others = [r for r in before if r["code"] != code]
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
        _recount(session, before, reason)


def remove_interview(session: AssessmentSession, code: str, *, reason: str | None = None) -> None:
    """Delete one interview record and recount (once submitted, with the reviewer's own reason)."""
    _check_change(session, reason)
    before = store_interviews.rows(session.ctx.store, session.id)
    with session.ctx.store.write():
        store_interviews.remove(session.ctx.store, session.id, code)
        _recount(session, before, reason)


def _check_change(session: AssessmentSession, reason: str | None) -> None:
    """Refuse a change of the records of a closed assessment, or of a submitted one without a reason."""
    if session.read_only:
        raise Rejected([f"assessment {session.id} is closed"])
    problem = store_corrections.reason_problem(reason) if session.corrects else None
    if problem:
        raise Rejected([f"assessment {session.id} is submitted: changing its interview records changes its "
                        f"counts, so {problem}"])


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
            key = q.record_key
            numbers = [r["facts"][key] for r in records if isinstance(r["facts"].get(key), (int, float))]
            if numbers:
                value = statistics.median(numbers) if q.tally == "median" else max(numbers)
                out[q.id] = round(value, 2)
    return out


def _recount(session: AssessmentSession, before: list[dict], reason: str | None) -> None:
    """Bring the counts the records feed in line with the records now stored (the module's rule)."""
    if session.corrects and not _from_records(session, before):
        return  # counts typed directly: the record is kept, the counts stand
    fed, now = _tallies(session, before), tallies(session)
    for qid in [q.id for q in session.questionnaire.questions if q.id in fed or q.id in now]:
        if session.values.get(qid) != now.get(qid):
            session.answer(qid, now.get(qid), reason=reason)


def _from_records(session: AssessmentSession, before: list[dict]) -> bool:
    """Whether the submitted counts came from the records: the interviews in force are the records' number."""
    expected = len(before) or None
    return all(session.values.get(q.id) == expected for q in session.questionnaire.questions if q.tally == "count")
