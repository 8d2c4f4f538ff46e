"""Evidence files kept inside the database with their sha256, so one file moves the whole record."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterator

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


def add(store: Store, data: bytes, file_name: str, *, assessment_id: int | None = None,
        question_id: str | None = None, action_id: int | None = None, finding_id: int | None = None,
        note: str = "", who: str = "", added_at: str | None = None) -> int:
    """Keep a file (once per content) and link it to an answer, a finding or a corrective action; added_at is
    now unless given (evidence arriving in an answer pack keeps when it was added where it was attached)."""
    with store.write() as db:
        return insert(db, data, file_name, assessment_id=assessment_id, question_id=question_id,
                      action_id=action_id, finding_id=finding_id, note=note, who=who, added_at=added_at)


def check_size(data: bytes, file_name: str) -> None:
    """ValueError, naming the file, when it is over the limit for one evidence file."""
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ValueError(f"{file_name}: {len(data) // (1024 * 1024)} MB is over the "
                         f"{MAX_EVIDENCE_BYTES // (1024 * 1024)} MB limit for one evidence file")


def insert(db, data: bytes, file_name: str, *, assessment_id: int | None = None, question_id: str | None = None,
           action_id: int | None = None, finding_id: int | None = None, note: str = "", who: str = "",
           added_at: str | None = None) -> int:
    """add() inside the caller's transaction, so a file and the record it proves are written together."""
    check_size(data, file_name)
    digest = hashlib.sha256(data).hexdigest()
    media_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
    db.execute("INSERT OR IGNORE INTO evidence_blobs (sha256, size, data) VALUES (?, ?, ?)", [digest, len(data), data])
    return int(db.execute(
        "INSERT INTO evidence (assessment_id, question_id, action_id, finding_id, file_name, sha256, size, "
        "media_type, note, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [assessment_id, question_id, action_id, finding_id, file_name, digest, len(data), media_type, note, who,
         added_at or now()]).lastrowid)


def list_for(store: Store, *, assessment_id: int | None = None, question_id: str | None = None,
             action_id: int | None = None, finding_id: int | None = None) -> list[dict]:
    """Evidence records (without their bytes) for an assessment, a question, a finding or an action."""
    where, params = [], []
    for column, value in (("assessment_id", assessment_id), ("question_id", question_id), ("action_id", action_id),
                          ("finding_id", finding_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = "SELECT id, assessment_id, question_id, action_id, finding_id, file_name, sha256, size, media_type, " \
          "note, added_by, added_at FROM evidence" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    with store.read() as db:
        return list(db.query(sql, params))


def content(store: Store, evidence_id: int) -> tuple[str, bytes]:
    """The file name and bytes of one evidence record, checked against its sha256."""
    with store.read() as db:
        name, digest, data = _stored(db, evidence_id, "data")
    _check(name, digest, hashlib.sha256(data))
    return name, data


def chunks(store: Store, evidence_id: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    """The bytes of one evidence record a chunk at a time, read from the blob in place (a dossier streams
    hundreds of files; none is held whole); ValueError after the last chunk when they do not match their
    sha256 (the caller throws away what it wrote)."""
    with store.read() as db:
        name, digest, rowid = _stored(db, evidence_id, "rowid")
        sha = hashlib.sha256()
        with db.conn.blobopen("evidence_blobs", "data", rowid, readonly=True) as blob:
            while chunk := blob.read(size):
                sha.update(chunk)
                yield chunk
    _check(name, digest, sha)


def _stored(db, evidence_id: int, column: str) -> tuple:
    """(file name, sha256, the blob's column) of one evidence record; NotFound when there is none."""
    row = db.execute(f"SELECT e.file_name, e.sha256, b.{column} FROM evidence e JOIN evidence_blobs b "
                     "ON b.sha256 = e.sha256 WHERE e.id = ?", [evidence_id]).fetchone()
    if row is None:
        raise NotFound(f"evidence {evidence_id}")
    return row


def _check(name: str, digest: str, sha) -> None:
    if sha.hexdigest() != digest:
        raise ValueError(f"{name}: stored bytes do not match their sha256; the file is damaged")


def remove(store: Store, evidence_id: int) -> None:
    """Unlink an evidence record; the bytes go when nothing else points at them."""
    with store.write() as db:
        row = db.execute("SELECT sha256 FROM evidence WHERE id = ?", [evidence_id]).fetchone()
        if row is None:
            raise NotFound(f"evidence {evidence_id}")
        db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
        db.execute("DELETE FROM evidence_blobs WHERE sha256 = ? AND NOT EXISTS "
                   "(SELECT 1 FROM evidence WHERE sha256 = ?)", [row[0], row[0]])
