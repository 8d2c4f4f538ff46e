"""The interview records of an on-site assessment as the auditor reviews them: codes, dates and facts."""

from __future__ import annotations

from fldd.store import interviews as store_interviews
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.interviews import interview_questions


def list_interviews(session: AssessmentSession) -> list[dict]:
    """Every interview by code: date, its facts, how many of the per-interview facts it answers, and its
    non-identifying context (language, interpreter, location, note)."""
    known = {q.id for q in interview_questions(session)}
    rows = []
    for row in store_interviews.rows(session.ctx.store, session.id):
        facts = row["facts"]
        rows.append({"code": row["code"], "interviewed_on": row["interviewed_on"], "facts": facts,
                     "context": row["context"],
                     "answered": sum(1 for qid in known if facts.get(qid) not in (None, "")),
                     "of": len(known)})
    return rows


def interview_count(session: AssessmentSession) -> int:
    """How many interviews the counts are computed from."""
    return len(store_interviews.rows(session.ctx.store, session.id))
