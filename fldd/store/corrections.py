"""Supplier profile corrections suggested in returned workbooks, kept until a person applies or dismisses them.

A supplier's latest word on a field counts: a newer pending suggestion for the same supplier and field marks
the older one 'superseded' (kept, not deleted, so the due-diligence record still shows who suggested what, in
which file and when). The same suggestion arriving again while it is still pending is not added twice, nor
one dismissed from an earlier file of the same export: a supplier's revised copy of a workbook still carries
the cell it typed before. A new export may raise it again, as the supplier then typed it anew.
"""

from __future__ import annotations

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

PENDING, APPLIED, DISMISSED, SUPERSEDED = "pending", "applied", "dismissed", "superseded"
DECISIONS = (APPLIED, DISMISSED)

_SELECT = ("SELECT c.id, c.supplier_id, s.name AS supplier, c.field, c.on_file, c.suggested, c.file_name, "
           "c.file_sha256, c.export_id, c.received_at, c.received_by, c.status, c.decided_by, c.decided_at "
           "FROM supplier_corrections c JOIN suppliers s ON s.id = c.supplier_id ")


def suggest(store: Store, *, supplier_id: int, field: str, on_file: str, suggested: str, file_name: str = "",
            file_sha256: str = "", export_id: str | None = None, who: str = "",
            received_at: str | None = None) -> int | None:
    """Keep one suggested correction as pending; returns its id, or None when the very same suggestion is
    already pending, or was dismissed from this export. An older pending suggestion for the field is marked
    superseded."""
    stamp = received_at or now()
    with store.write() as db:
        if export_id is not None and db.execute(
                "SELECT 1 FROM supplier_corrections WHERE supplier_id = ? AND field = ? AND suggested = ? "
                "AND export_id = ? AND status = ?", [supplier_id, field, suggested, export_id, DISMISSED]).fetchone():
            return None
        row = db.execute("SELECT id, suggested FROM supplier_corrections WHERE supplier_id = ? AND field = ? "
                         "AND status = ?", [supplier_id, field, PENDING]).fetchone()
        if row is not None and row[1] == suggested:
            return None
        if row is not None:
            db.execute("UPDATE supplier_corrections SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                       [SUPERSEDED, who, stamp, row[0]])
        cursor = db.execute(
            "INSERT INTO supplier_corrections (supplier_id, field, on_file, suggested, file_name, file_sha256, "
            "export_id, received_at, received_by, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [supplier_id, field, on_file, suggested, file_name, file_sha256, export_id, stamp, who, PENDING])
        return int(cursor.lastrowid)


def withdraw(store: Store, supplier_id: int, field: str, who: str = "") -> int:
    """Mark the pending suggestion for a field superseded (the supplier's later word agrees with the
    register); returns how many were."""
    with store.write() as db:
        cursor = db.execute("UPDATE supplier_corrections SET status = ?, decided_by = ?, decided_at = ? "
                            "WHERE supplier_id = ? AND field = ? AND status = ?",
                            [SUPERSEDED, who, now(), supplier_id, field, PENDING])
        return cursor.rowcount


def get(store: Store, correction_id: int) -> dict:
    """One suggestion, any status, with its supplier's name."""
    with store.read() as db:
        rows = list(db.query(_SELECT + "WHERE c.id = ?", [correction_id]))
    if not rows:
        raise NotFound(f"suggested correction {correction_id}")
    return rows[0]


def pending(store: Store, supplier_id: int | None = None) -> list[dict]:
    """Pending suggestions (of one supplier, or every one), oldest first within a supplier."""
    sql = _SELECT + "WHERE c.status = ?"
    params: list = [PENDING]
    if supplier_id is not None:
        sql += " AND c.supplier_id = ?"
        params.append(supplier_id)
    with store.read() as db:
        return list(db.query(sql + " ORDER BY s.name COLLATE NOCASE, c.supplier_id, c.id", params))


def history(store: Store, supplier_id: int) -> list[dict]:
    """Every suggestion ever made for a supplier, newest first (the audit trail)."""
    with store.read() as db:
        return list(db.query(_SELECT + "WHERE c.supplier_id = ? ORDER BY c.id DESC", [supplier_id]))


def pending_by_supplier(store: Store) -> dict[int, int]:
    """How many suggestions each supplier has pending (suppliers with none left out)."""
    with store.read() as db:
        return dict(db.execute("SELECT supplier_id, count(*) FROM supplier_corrections WHERE status = ? "
                               "GROUP BY supplier_id", [PENDING]).fetchall())


def decide(store: Store, correction_id: int, status: str, who: str) -> bool:
    """Mark a pending suggestion applied or dismissed; False if it was no longer pending."""
    if status not in DECISIONS:
        raise ValueError(f"a suggestion is decided as {' or '.join(DECISIONS)}, not {status!r}")
    with store.write() as db:
        cursor = db.execute("UPDATE supplier_corrections SET status = ?, decided_by = ?, decided_at = ? "
                            "WHERE id = ? AND status = ?", [status, who, now(), correction_id, PENDING])
        return cursor.rowcount == 1
