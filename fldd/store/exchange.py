"""What the workbook exchange keeps: the log of imported files, revisions made by imports, a data checksum."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fldd.store import answer_corrections, assessment_figures
from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

APPLIED = ("accepted", "accepted_incomplete")
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps would build one per call


def applied_import(store: Store, sha256: str) -> dict | None:
    """The earliest import that applied this exact file (same sha256), if any."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM imports WHERE sha256 = ? AND outcome IN (?, ?) ORDER BY id LIMIT 1",
                             [sha256, *APPLIED]))
    return rows[0] if rows else None


def latest_applied(store: Store, export_id: str) -> dict | None:
    """The import of this export that was applied last (its file's own save time, revision, when)."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM imports WHERE export_id = ? AND outcome IN (?, ?) ORDER BY id DESC "
                             "LIMIT 1", [export_id, *APPLIED]))
    return rows[0] if rows else None


def record_import(store: Store, *, file_name: str, sha256: str, outcome: str, errors: list[str],
                  assessment_id: int | None = None, export_id: str | None = None, saved_at: str | None = None,
                  revision: int | None = None, detail: dict[str, Any] | None = None,
                  imported_at: str | None = None) -> int:
    """Log one imported file with its outcome (every file is logged, rejected ones too); imported_at is now
    unless given (the demo's story sets it in the past)."""
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO imports (file_name, sha256, imported_at, outcome, errors, assessment_id, export_id, "
            "saved_at, revision, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [file_name, sha256, imported_at or now(), outcome, json.dumps(errors, ensure_ascii=False), assessment_id,
             export_id, saved_at, revision, json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)])
        return int(cursor.lastrowid)


def imports(store: Store, assessment_id: int | None = None, limit: int = 1000) -> list[dict]:
    """Logged imports, newest first (errors and detail decoded)."""
    sql = "SELECT * FROM imports"
    params: list = []
    if assessment_id is not None:
        sql += " WHERE assessment_id = ?"
        params.append(assessment_id)
    with store.read() as db:
        rows = list(db.query(sql + " ORDER BY id DESC LIMIT ?", [*params, limit]))
    for row in rows:
        row["errors"] = json.loads(row["errors"] or "[]")
        row["detail"] = json.loads(row["detail"] or "{}")
    return rows


def next_revision(store: Store, assessment_id: int) -> int:
    """Count one more revision of an assessment (a newer workbook for it was applied); returns the new number."""
    with store.write() as db:
        row = db.execute("SELECT revision FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is None:
            raise NotFound(f"assessment {assessment_id}")
        db.execute("UPDATE assessments SET revision = ?, updated_at = ? WHERE id = ?",
                   [row[0] + 1, now(), assessment_id])
    return row[0] + 1


def create_assessment(store: Store, *, uid: str, supplier_id: int, questionnaire_id: str, version: str, tier: str,
                      assessor: str, language: str, source: str) -> int:
    """A new draft assessment under a given uid (the export id of the workbook that creates it)."""
    stamp = now()
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO assessments (uid, supplier_id, questionnaire_id, questionnaire_version, tier, status, "
            "source, assessor, language, started_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)",
            [uid, supplier_id, questionnaire_id, version, tier, source, assessor, language, stamp, stamp])
        return int(cursor.lastrowid)


def put_answers(store: Store, assessment_id: int, writes: dict[str, tuple[Any, str]], *, who: str,
                source: str) -> int:
    """Set answers and comments (JSON value or None, comment) with one revision each, in bulk; returns how many.
    The caller has worked out that each of them changes."""
    stamp = now()
    with store.write() as db:
        old = {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT question_id, value, comment FROM answers WHERE assessment_id = ?", [assessment_id])}
        rows, revisions = [], []
        for qid, (value, comment) in writes.items():
            new_value = None if value is None else _JSON(value)
            old_value, old_comment = old.get(qid, (None, None))
            rows.append((assessment_id, qid, new_value, comment or "", who, stamp))
            revisions.append((assessment_id, qid, old_value, new_value, old_comment, comment or "", who, stamp,
                              source))
        db.conn.executemany(
            "INSERT INTO answers (assessment_id, question_id, value, comment, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
            "value = excluded.value, comment = excluded.comment, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at", rows)
        db.conn.executemany(
            "INSERT INTO answer_revisions (assessment_id, question_id, old_value, new_value, old_comment, "
            "new_comment, changed_by, changed_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", revisions)
        answer_corrections.redeclare(db, assessment_id, {r[1]: r[3] for r in revisions if r[2] != r[3]}, who,
                                     stamp, source)
    return len(rows)


def settle(store: Store, assessment_id: int, status: str, result: dict) -> None:
    """Set an imported assessment's status (submitted or draft) and its latest result, in one statement."""
    stamp = now()
    with store.write() as db:
        db.execute(
            "UPDATE assessments SET status = ?, submitted_at = ?, closed_at = NULL, score = ?, rating = ?, "
            "completeness = ?, answered_required = ?, required = ?, result = ?, valid_until = ?, assessed_on = ?, "
            "updated_at = ? WHERE id = ?",
            [status, stamp if status == "submitted" else None, result.get("score"), result.get("rating"),
             result.get("completeness", {}).get("percent"), result.get("completeness", {}).get("answered_required"),
             result.get("completeness", {}).get("required"), _JSON(result),
             result.get("expires"), result.get("as_of"), stamp, assessment_id])
        assessment_figures.keep(db, assessment_id, result)


def data_checksum(store: Store, skip: tuple[str, ...] = ("imports",)) -> str:
    """sha256 over the whole database as SQL text, leaving out the import log: equal before and after a
    rejected import, which is logged but must change nothing else."""
    digest = hashlib.sha256()
    skipped = tuple(f'INSERT INTO "{name}" ' for name in skip)
    with store.read() as db:
        for statement in db.conn.iterdump():  # one whole statement per item
            if not statement.startswith(skipped):
                digest.update(statement.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()
