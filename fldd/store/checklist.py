"""The auditor's checklist marks (seen / not available / not applicable) on on-site questions, appended so that
who ticked what, and when, is never lost; the latest mark of a question is the one that holds."""

from __future__ import annotations

from fldd.store.clock import now
from fldd.store.connection import Store

MARKS = ("seen", "not_available", "not_applicable")


def add_mark(store: Store, assessment_id: int, question_id: str, mark: str | None, *, who: str = "") -> None:
    """Record a mark (None takes the tick back)."""
    if mark is not None and mark not in MARKS:
        raise ValueError(f"unknown checklist mark {mark!r}")
    with store.write() as db:
        db.execute("INSERT INTO checklist_marks (assessment_id, question_id, mark, marked_by, marked_at) "
                   "VALUES (?, ?, ?, ?, ?)", [assessment_id, question_id, mark, who, now()])


def current(store: Store, assessment_id: int) -> dict[str, dict]:
    """The latest mark of each question ever marked: {question_id: {mark, marked_by, marked_at}}."""
    with store.read() as db:
        rows = db.query("SELECT question_id, mark, marked_by, marked_at FROM checklist_marks "
                        "WHERE assessment_id = ? ORDER BY id", [assessment_id])
        return {r.pop("question_id"): r for r in rows}


def history(store: Store, assessment_id: int) -> list[dict]:
    """Every mark, oldest first."""
    with store.read() as db:
        return list(db.query("SELECT question_id, mark, marked_by, marked_at FROM checklist_marks "
                             "WHERE assessment_id = ? ORDER BY id", [assessment_id]))
