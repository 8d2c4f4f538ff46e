"""Workbooks received from buyers (kept byte for byte, with their metadata as received) and the files written
back from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fldd.store.clock import now
from fldd.store.connection import Store

_COLUMNS = ("id, assessment_id, export_id, file_name, file_path, sha256, size, metadata, supplier_sheet, "
            "received_at, received_by")


@dataclass(frozen=True)
class Received:
    """One workbook a buyer sent, as it came: metadata (signature included) and Supplier sheet rows."""

    id: int
    assessment_id: int
    export_id: str
    file_name: str
    file_path: str
    sha256: str
    size: int
    metadata: dict[str, str]
    supplier_sheet: dict[str, list[str]]  # field key -> [what the buyer holds, the supplier's correction]
    received_at: str
    received_by: str


def _received(row: dict) -> Received:
    return Received(**{**row, "metadata": json.loads(row["metadata"]),
                       "supplier_sheet": json.loads(row["supplier_sheet"] or "{}")})


def add(store: Store, *, assessment_id: int, export_id: str, file_name: str, file_path: str, sha256: str,
        data: bytes, metadata: dict[str, str], supplier_sheet: dict[str, Any], who: str) -> int:
    """Keep a received workbook and link it to its assessment."""
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO received_workbooks (assessment_id, export_id, file_name, file_path, sha256, size, metadata, "
            "supplier_sheet, data, received_at, received_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [assessment_id, export_id, file_name, file_path, sha256, len(data),
             json.dumps(metadata, ensure_ascii=False, sort_keys=True),
             json.dumps(supplier_sheet, ensure_ascii=False, sort_keys=True), data, now(), who])
        return int(cursor.lastrowid)


def latest(store: Store, assessment_id: int) -> Received | None:
    """The workbook received last for an assessment (its metadata is what a write-back carries)."""
    with store.read() as db:
        rows = list(db.query(f"SELECT {_COLUMNS} FROM received_workbooks WHERE assessment_id = ? "
                             "ORDER BY id DESC LIMIT 1", [assessment_id]))
    return _received(rows[0]) if rows else None


def of_assessment(store: Store, assessment_id: int) -> list[Received]:
    """Every workbook received for an assessment, oldest first (without their bytes)."""
    with store.read() as db:
        rows = list(db.query(f"SELECT {_COLUMNS} FROM received_workbooks WHERE assessment_id = ? ORDER BY id",
                             [assessment_id]))
    return [_received(row) for row in rows]


def find(store: Store, assessment_id: int, sha256: str) -> Received | None:
    """The same file received before for this assessment, if it was."""
    with store.read() as db:
        rows = list(db.query(f"SELECT {_COLUMNS} FROM received_workbooks WHERE assessment_id = ? AND sha256 = ?",
                             [assessment_id, sha256]))
    return _received(rows[0]) if rows else None


def content(store: Store, received_id: int) -> bytes:
    """The received file's bytes."""
    with store.read() as db:
        row = db.execute("SELECT data FROM received_workbooks WHERE id = ?", [received_id]).fetchone()
    return bytes(row[0]) if row else b""


def add_return(store: Store, received_id: int, *, file_name: str, file_path: str, sha256: str, answers: int,
               comments: int, who: str) -> int:
    """Log one file written back from a received workbook."""
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO workbook_returns (received_id, file_name, file_path, sha256, answers, comments, written_at, "
            "written_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [received_id, file_name, file_path, sha256, answers, comments, now(), who])
        return int(cursor.lastrowid)


def returns(store: Store, assessment_id: int) -> list[dict]:
    """Every file written back for an assessment, newest first."""
    with store.read() as db:
        return list(db.query(
            "SELECT w.* FROM workbook_returns w JOIN received_workbooks r ON r.id = w.received_id "
            "WHERE r.assessment_id = ? ORDER BY w.id DESC", [assessment_id]))


def written_back(store: Store, sha256: str) -> bool:
    """Whether a file with these bytes was written back by this database."""
    with store.read() as db:
        return db.execute("SELECT 1 FROM workbook_returns WHERE sha256 = ? LIMIT 1", [sha256]).fetchone() is not None
