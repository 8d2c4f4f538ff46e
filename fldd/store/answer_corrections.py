"""Reviewers' corrections to submitted answers, kept beside the supplier's declaration, never over it.

Once an assessment is submitted, what the supplier answered is its declaration: `answers` keeps it as
declared. A reviewer who changes an answer adds a correction here (declared, old and new value, a reason that
may not be blank, who, when); the value in force is the standing correction's, else the declaration.

A correction stands until a reviewer replaces it with another one (one going back to the declared value is
kept as 'withdrawn'), or until the supplier declares anew: every write of a declared value, whatever its
source (the runner, a workbook or an answer pack), goes through `redeclare` in the same transaction. A new
declaration equal to the corrected value settles it ('agreed'); any other change of the declaration leaves
the correction in force but 'to_reconfirm', so a supplier's later workbook never silently undoes a reviewer's
decision and a reviewer never silently ignores the supplier's new word. In a draft (one returned to the
supplier) standing corrections are kept but not applied: the supplier's answers count until it is submitted.

Why corrections rather than read-only answers and a return to the supplier: most submitted assessments come
as workbooks from suppliers without the app, and a round trip for every obvious error would stall reviews,
while a correction keeps both the declaration and the reviewer's view on the record.
"""

from __future__ import annotations

import json
from typing import Any

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound
from fldd.visible_text import visible_characters

IN_FORCE, TO_RECONFIRM, REPLACED, WITHDRAWN, AGREED = "in_force", "to_reconfirm", "replaced", "withdrawn", "agreed"
STANDING = (IN_FORCE, TO_RECONFIRM)
CORRECTABLE = ("submitted", "under_review")
SOURCE = "correction"
MIN_REASON = 3  # visible characters: a reason a later reader can act on, not a stray key
REVIEWERS = ("buyer", "auditor")


def reason_problem(reason: str | None) -> str | None:
    """Why a reviewer's reason is not enough (blank, or fewer than MIN_REASON visible characters), else None."""
    if visible_characters(reason) < MIN_REASON:
        return f"a correction needs a reason of at least {MIN_REASON} characters (what the reviewer saw)"
    return None


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decoded(row: dict) -> dict:
    for key in ("declared_value", "old_value", "new_value"):
        row[key] = _load(row[key])
    return row


def correct(store: Store, assessment_id: int, question_id: str, value: Any, reason: str, who: str) -> int | None:
    """Record a reviewer's correction (JSON value or None for no answer) with its reason; returns its id, or
    None when the value in force is already this one and needs no re-confirming. The declaration is left as it
    is; a correction to re-confirm is re-confirmed by giving its value again (or another) against the new
    declaration, or withdrawn by giving the declared value."""
    import uuid  # here, not at the top: the store modules Home reads at start-up import this one

    problem = reason_problem(reason)
    if problem:
        raise ValueError(problem)
    reason = reason.strip()
    stamp = now()
    with store.write() as db:
        row = db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is None:
            raise NotFound(f"assessment {assessment_id}")
        if row[0] not in CORRECTABLE:
            raise ValueError(f"assessment {assessment_id} is {row[0]}: only a submitted answer is corrected")
        answer = db.execute("SELECT value, comment FROM answers WHERE assessment_id = ? AND question_id = ?",
                            [assessment_id, question_id]).fetchone()
        declared, comment = (answer[0], answer[1]) if answer else (None, "")
        standing = db.execute(f"SELECT id, new_value, status FROM answer_corrections WHERE assessment_id = ? "
                              f"AND question_id = ? AND status IN {STANDING}", [assessment_id, question_id]).fetchone()
        old = standing[1] if standing else declared
        new = _dump(value)
        if _load(new) == _load(old) and not (standing and standing[2] == TO_RECONFIRM):
            return None  # the same value again re-confirms a correction the supplier's new word put in question
        if standing:
            db.execute("UPDATE answer_corrections SET status = ?, status_by = ?, status_at = ? WHERE id = ?",
                       [REPLACED, who, stamp, standing[0]])
        status = WITHDRAWN if _load(new) == _load(declared) else IN_FORCE
        cursor = db.execute(
            "INSERT INTO answer_corrections (uid, assessment_id, question_id, declared_value, old_value, new_value, "
            "reason, corrected_by, corrected_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [str(uuid.uuid4()), assessment_id, question_id, declared, old, new, reason, who, stamp, status])
        db.execute("INSERT INTO answer_revisions (assessment_id, question_id, old_value, new_value, old_comment, "
                   "new_comment, changed_by, changed_at, source, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [assessment_id, question_id, old, new, comment, comment, who, stamp, SOURCE, reason])
        db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [stamp, assessment_id])
        return int(cursor.lastrowid)


def redeclare(db, assessment_id: int, declared: dict[str, str | None], who: str, stamp: str, source: str) -> None:
    """Inside the caller's write: the supplier's declaration of these questions changed (JSON text or None);
    a standing correction of one becomes 'agreed' if the new declaration is its value, else 'to_reconfirm'."""
    rows = db.execute(f"SELECT id, question_id, declared_value, new_value FROM answer_corrections "
                      f"WHERE assessment_id = ? AND status IN {STANDING}", [assessment_id]).fetchall()
    for correction_id, qid, was_declared, corrected in rows:
        if qid not in declared:
            continue
        now_declared = _load(declared[qid])
        if now_declared == _load(corrected):
            status, note = AGREED, f"the {source} now declares the corrected value"
        elif now_declared != _load(was_declared):
            status, note = TO_RECONFIRM, f"the supplier declared anew ({source}) after the correction"
        else:
            continue
        db.execute("UPDATE answer_corrections SET status = ?, status_note = ?, status_by = ?, status_at = ? "
                   "WHERE id = ?", [status, note, who, stamp, correction_id])


def standing(store: Store, assessment_id: int) -> dict[str, dict]:
    """The corrections in force (to re-confirm or not) of an assessment, by question id, values decoded."""
    with store.read() as db:
        rows = db.query(f"SELECT * FROM answer_corrections WHERE assessment_id = ? AND status IN {STANDING}",
                        [assessment_id])
        return {r["question_id"]: _decoded(r) for r in rows}


def history(store: Store, assessment_id: int, question_id: str | None = None) -> list[dict]:
    """Every correction of an assessment (of one question), oldest first, values decoded."""
    sql = "SELECT * FROM answer_corrections WHERE assessment_id = ?"
    params: list = [assessment_id]
    if question_id is not None:
        sql += " AND question_id = ?"
        params.append(question_id)
    with store.read() as db:
        return [_decoded(r) for r in db.query(sql + " ORDER BY id", params)]

