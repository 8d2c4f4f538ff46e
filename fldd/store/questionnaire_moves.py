"""Moves of assessments to another version of their questionnaire: the version changes in the same transaction
as its recorded entry (the database refuses one without the other), answers no longer valid are cleared with
their history, and corrections the new version cannot hold are withdrawn with a note saying why."""

from __future__ import annotations

import json
import uuid

from fldd.store.clock import now
from fldd.store.connection import Store

SOURCE = "version_move"  # answer_revisions.source of the changes a move makes


def record(db, assessment_id: int, *, from_version: str, to_version: str, status: str, who: str,
           report: dict, cleared: dict[str, str], withdrawn: dict[str, str]) -> int:
    """Inside the caller's write: record the move, clear the answers in `cleared` (question id -> why) and withdraw
    the standing corrections in `withdrawn` (question id -> why), then change the assessment's version."""
    stamp = now()
    cursor = db.execute(
        "INSERT INTO questionnaire_moves (uid, assessment_id, from_version, to_version, status, moved_by, moved_at, "
        "report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [str(uuid.uuid4()), assessment_id, from_version, to_version, status, who, stamp,
         json.dumps(report, ensure_ascii=False, sort_keys=True)])
    for qid, why in cleared.items():
        row = db.execute("SELECT value, comment FROM answers WHERE assessment_id = ? AND question_id = ?",
                         [assessment_id, qid]).fetchone()
        if row is None or row[0] is None:
            continue
        db.execute("UPDATE answers SET value = NULL, updated_by = ?, updated_at = ? WHERE assessment_id = ? "
                   "AND question_id = ?", [who, stamp, assessment_id, qid])
        db.execute("INSERT INTO answer_revisions (assessment_id, question_id, old_value, new_value, old_comment, "
                   "new_comment, changed_by, changed_at, source, reason) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                   [assessment_id, qid, row[0], row[1], row[1], who, stamp, SOURCE, why])
    for qid, why in withdrawn.items():
        db.execute("UPDATE answer_corrections SET status = 'withdrawn', status_note = ?, status_by = ?, status_at = ? "
                   "WHERE assessment_id = ? AND question_id = ? AND status IN ('in_force', 'to_reconfirm')",
                   [why, who, stamp, assessment_id, qid])
    db.execute("UPDATE assessments SET questionnaire_version = ?, updated_at = ? WHERE id = ?",
               [to_version, stamp, assessment_id])
    return int(cursor.lastrowid)


def moves(store: Store, assessment_id: int) -> list[dict]:
    """The moves of an assessment, oldest first, each with its report decoded."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM questionnaire_moves WHERE assessment_id = ? ORDER BY id", [assessment_id]))
    for row in rows:
        row["report"] = json.loads(row["report"] or "{}")
    return rows
