"""Loaded editions of the risk lists (table risk_editions) and their rows (risk_rows): written whole in one
transaction, never changed after but for withdrawing a list, and kept when a newer edition replaces them."""

from __future__ import annotations

import json

from fldd.store import clock
from fldd.store.connection import Store

COLUMNS = ("id", "uid", "kind", "list_name", "edition", "published", "source", "complete", "note", "file_name",
           "sha256", "loaded_at", "loaded_by", "row_count", "withdrawn_at", "withdrawn_by", "withdrawn_reason")


def add_edition(store: Store, edition: dict, rows: list[dict]) -> int:
    """Store an edition and its rows together (one transaction); returns its id. edition: the COLUMNS but id, uid,
    loaded_at, row_count and the withdrawn ones."""
    import uuid

    record = {k: edition.get(k) for k in COLUMNS if k not in ("id", "uid", "loaded_at", "row_count", "withdrawn_at",
                                                              "withdrawn_by", "withdrawn_reason")}
    record.update(uid=str(uuid.uuid4()), loaded_at=clock.now(), row_count=len(rows),
                  complete=1 if edition.get("complete", True) else 0)
    names = ", ".join(record)
    with store.write() as db:
        cursor = db.execute(f"INSERT INTO risk_editions ({names}) VALUES ({', '.join('?' * len(record))})",
                            list(record.values()))
        edition_id = cursor.lastrowid
        db.conn.executemany("INSERT INTO risk_rows (edition_id, position, data) VALUES (?, ?, ?)",
                            ((edition_id, i, json.dumps(row, ensure_ascii=False, separators=(",", ":")))
                             for i, row in enumerate(rows, start=1)))
    return int(edition_id)


def editions(store: Store) -> list[dict]:
    """Every loaded edition, oldest load first (rows not included)."""
    with store.read() as db:
        return list(db.query(f"SELECT {', '.join(COLUMNS)} FROM risk_editions ORDER BY id"))


def rows_of(store: Store, edition_ids: list[int]) -> dict[int, list[dict]]:
    """The rows of these editions, in the file's order."""
    found: dict[int, list[dict]] = {i: [] for i in edition_ids}
    if not edition_ids:
        return found
    marks = ", ".join("?" * len(edition_ids))
    with store.read() as db:
        for edition_id, data in db.execute(f"SELECT edition_id, data FROM risk_rows WHERE edition_id IN ({marks}) "
                                           "ORDER BY edition_id, position", edition_ids):
            found[edition_id].append(json.loads(data))
    return found


def withdraw(store: Store, kind: str, list_name: str, *, by: str, reason: str) -> int:
    """Mark every edition of a list withdrawn (kept, no longer in force); returns how many were."""
    with store.write() as db:
        cursor = db.execute("UPDATE risk_editions SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? "
                            "WHERE kind = ? AND list_name = ? AND withdrawn_at IS NULL",
                            [clock.now(), by, reason, kind, list_name])
        return cursor.rowcount


def generation(store: Store) -> tuple:
    """Changes whenever an edition is loaded or withdrawn (by this process or another), and differs between two
    databases made one after the other at the same path (the newest edition's random uid): the cache key of the
    data in force."""
    with store.read() as db:
        return tuple(db.execute("SELECT count(*), max(id), count(withdrawn_at), (SELECT uid FROM risk_editions "
                                "ORDER BY id DESC LIMIT 1) FROM risk_editions").fetchone())
