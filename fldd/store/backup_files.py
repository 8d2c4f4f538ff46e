"""The files behind backups, restores and moves: a database copied with SQLite's online backup into a file of its
own, checked before it gets its name; a candidate backup looked at through a private copy; and a checked copy
swapped in place of a database so that a pulled plug leaves one whole database or the other, never a mix.

Why here: only the store opens SQLite files. The use cases (usecases/backup.py) decide what to copy where and
word the messages; these functions do the file work and say, in a short phrase, what is wrong with a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fldd.store import lock as process_lock
from fldd.store.connection import Store
from fldd.store.migrations import NAMES, SET_NAME

SQLITE_HEADER = b"SQLite format 3\x00"
PART_SUFFIX = ".part"
STAMP_KEYS = ("backup_made_at", "backup_app_version", "backup_source_db")  # facts written inside a backup
COUNTED = {"suppliers": "suppliers", "assessments": "assessments", "findings": "findings",
           "evidence_files": "evidence"}  # what a backup's facts count -> the table counted
FLDD_TABLES = ("suppliers", "assessments", "settings")


class BadCandidate(Exception):
    """A file that is not a sound fldd database; the message says what is wrong, in words for its owner."""


def write_copy(store: Store, target: Path, stamp: dict[str, str] | None = None) -> Path:
    """Copy the open database into target with the online backup: written as target.part, stamped (facts kept
    in the copy's own settings), made a single file (no -wal), checked, flushed to disk, then renamed. Nothing
    is left at target or beside it when anything fails."""
    tmp = target.with_name(target.name + PART_SUFFIX)
    _remove(tmp)
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # the copy takes the source's WAL mode: one file instead
            if stamp:
                with dest:
                    dest.executemany("INSERT INTO settings (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", list(stamp.items()))
            problems = _integrity(dest)
        finally:
            dest.close()
        if problems:
            raise BadCandidate(f"the copy failed its check ({problems[0]})")
        _flush(tmp)
        os.replace(tmp, target)
        _flush_folder(target.parent)
    except BaseException:
        _remove(tmp)
        for companion in ("-journal", "-wal", "-shm"):
            _remove(tmp.with_name(tmp.name + companion))
        raise
    return target


def looks_like_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's header (read without SQLite, so a stray file is never opened)."""
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@contextlib.contextmanager
def private_copy(path: Path) -> Iterator[Path]:
    """A copy of the file in a temporary folder of its own, removed after: the person's file is only read, and no
    -wal or -shm ever appears beside it."""
    folder = Path(tempfile.mkdtemp(prefix="fldd-backup-check-"))
    try:
        copy = folder / "candidate.sqlite3"
        shutil.copyfile(path, copy)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def copy_beside(source: Path, database: Path) -> Path:
    """A copy of source in the database's folder (so that it can replace the database by a rename), flushed."""
    tmp = database.with_name(database.name + ".restoring")
    for stale in (tmp, tmp.with_name(tmp.name + "-journal")):
        _remove(stale)  # left by a restore a crash cut short
    shutil.copyfile(source, tmp)
    _flush(tmp)
    return tmp


def examine(path: Path) -> dict:
    """Check a candidate copy (one the caller owns: it is made a single file first) and read its facts:
    {'stamp': {key: value}, 'counts': {...}, 'pending': [migrations to run], 'unknown': [migrations this fldd
    does not know]}. BadCandidate says what is wrong: damaged, or not an fldd database."""
    try:
        conn = sqlite3.connect(str(path))
    except sqlite3.Error as exc:
        raise BadCandidate(f"it cannot be opened as a database ({exc})") from None
    try:
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            problems = _integrity(conn)
        except sqlite3.DatabaseError as exc:
            raise BadCandidate(f"it is damaged ({exc})") from None
        if problems:
            raise BadCandidate(f"it is damaged: checking it found {len(problems)} problem"
                               f"{'' if len(problems) == 1 else 's'}, the first: {problems[0]}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables or not set(FLDD_TABLES) <= tables:
            raise BadCandidate("it is a database, but not one of fldd's (it has no fldd suppliers, assessments "
                               "or settings)")
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                              [SET_NAME])]
        if not applied:
            raise BadCandidate("it is a database, but not one of fldd's (fldd never set it up)")
        stamp = dict(conn.execute(f"SELECT key, value FROM settings WHERE key IN ({','.join('?' * len(STAMP_KEYS))})",
                                  STAMP_KEYS).fetchall())
        counts = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if table in tables else 0
                  for name, table in COUNTED.items()}
    finally:
        conn.close()
    return {"stamp": stamp, "counts": counts, "pending": [n for n in NAMES if n not in applied],
            "unknown": [n for n in applied if n not in NAMES]}


def clear_stamp(store: Store) -> None:
    """Forget a backup's own facts once it is a workspace again (a later plain copy must not pass for it)."""
    with store.write() as db:
        db.execute(f"DELETE FROM settings WHERE key IN ({','.join('?' * len(STAMP_KEYS))})", STAMP_KEYS)


def counts(store: Store) -> dict[str, int]:
    """What the open database holds, counted as a backup's facts count it."""
    with store.read() as db:
        return {name: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for name, table in COUNTED.items()}


def empty_wal(store: Store) -> bool:
    """Write everything in the WAL into the database file and empty it; False when another connection kept it
    from finishing (then nothing may be swapped)."""
    busy, _, _ = store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def leftover_journal(database: Path) -> Path | None:
    """A -wal or -journal with content beside a closed database (it holds changes not in the file itself)."""
    for suffix in ("-wal", "-journal"):
        companion = database.with_name(database.name + suffix)
        if companion.exists() and companion.stat().st_size > 0:
            return companion
    return None


def swap_in(candidate: Path, database: Path) -> None:
    """Put candidate in place of the closed database in one rename (both in one folder): a crash leaves the old
    file or the new one, whole. The old database's -wal and -shm go first, so none is ever applied to the new
    file. Only while this process holds the database's lock with no connection open to it."""
    for suffix in ("-wal", "-shm", "-journal"):
        _remove(database.with_name(database.name + suffix))
    os.replace(candidate, database)
    _flush_folder(database.parent)


def remove_database(database: Path) -> None:
    """Delete a closed database and its SQLite companions (its lock file stays: see lock.py)."""
    for path in process_lock.database_files(database):
        if not path.name.endswith(process_lock.LOCK_SUFFIX):
            _remove(path)


def remove_file(path: Path) -> None:
    """Delete a file fldd wrote, if there."""
    _remove(path)


def _integrity(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return [] if rows == [("ok",)] else [r[0] for r in rows]


def _flush(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """Make a rename last (POSIX); Windows has no folder handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
