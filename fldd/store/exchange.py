"""What the workbook exchange keeps: the log of imported files, revisions made by imports, a data checksum."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

APPLIED = ("accepted", "accepted_incomplete")


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
                  revision: int | None = None, detail: dict[str, Any] | None = None) -> int:
    """Log one imported file with its outcome (every file is logged, rejected ones too)."""
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO imports (file_name, sha256, imported_at, outcome, errors, assessment_id, export_id, "
            "saved_at, revision, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [file_name, sha256, now(), outcome, json.dumps(errors, ensure_ascii=False), assessment_id, export_id,
             saved_at, revision, json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)])
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
