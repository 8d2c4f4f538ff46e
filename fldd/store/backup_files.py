"""The files behind backups, restores and moves: a database copied with SQLite's online backup into a file of its
own, checked before it gets its name; a candidate backup looked at through a private copy; and a checked copy
swapped in place of a database so that a pulled plug leaves one whole database or the other, never a mix.

Why here: only the store opens SQLite files. The use cases (usecases/backup.py) decide what to copy where and
word the messages; these functions do the file work and say, in a short phrase, what is wrong with a file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from fldd.store import backup_schema
from fldd.store import lock as process_lock
from fldd.store.connection import Store
from fldd.store.migrations import NAMES, SET_NAME

SQLITE_HEADER = b"SQLite format 3\x00"
PART_SUFFIX = ".part"
WRITING_PREFIX = ".fldd-writing-"  # the private folder a copy is written in, beside its final name
OLD_PART = ".fldd-backup.part"  # what earlier versions left beside a backup when killed while writing it
BUSY_MARKER = "writing"  # locked by the process writing in that private folder
UNFINISHED_AFTER = 600  # seconds without change after which a copy in the making is taken as cut short
STAMP_KEYS = ("backup_made_at", "backup_app_version", "backup_source_db")  # facts written inside a backup
COUNTED = {"suppliers": "suppliers", "assessments": "assessments", "findings": "findings",
           "evidence_files": "evidence"}  # what a backup's facts count -> the table counted
FLDD_TABLES = ("suppliers", "assessments", "settings")


class BadCandidate(Exception):
    """A file that is not a sound fldd database; the message says what is wrong, in words for its owner."""


class NameTaken(Exception):
    """The backup's name was taken (by the time the copy was ready): a file there is never replaced."""


def write_copy(store: Store, target: Path, stamp: dict[str, str] | None = None) -> Path:
    """Copy the open database into target with the online backup: written in a private folder beside target,
    stamped (facts kept in the copy's own settings), made a single file (no -wal), checked, flushed to disk, then
    given target's name only if nothing has that name (NameTaken otherwise: nothing is ever replaced). Nothing is
    left at target or beside it when anything fails; a disk that fills up, or any other SQLite failure while
    writing, is an OSError like any other write failure."""
    folder = target.parent
    clear_unfinished(folder)
    work = Path(tempfile.mkdtemp(prefix=WRITING_PREFIX, dir=folder))
    tmp = work / (target.name + PART_SUFFIX)
    busy = None
    try:
        busy = process_lock.hold_marker(work / BUSY_MARKER)
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
        _take_name(tmp, target)
        _flush_folder(folder)
    except sqlite3.Error as exc:
        raise as_os_error(exc, folder) from None
    finally:
        if busy is not None:
            os.close(busy)
        shutil.rmtree(work, ignore_errors=True)
    return target


def as_os_error(exc: sqlite3.Error, folder: Path) -> OSError:
    """SQLite's words for a failed write, as the OSError the same failure gives any other file."""
    text = str(exc).lower()
    if "full" in text:
        return OSError(errno.ENOSPC, "the disk is full", str(folder))
    if "readonly" in text or "read-only" in text:
        return OSError(errno.EROFS, "the folder cannot be written to", str(folder))
    return OSError(errno.EIO, f"writing failed ({exc})", str(folder))


def _take_name(tmp: Path, target: Path) -> None:
    """Give the finished copy its name, failing when the name is taken (a hard link cannot replace anything); a
    disk without hard links (FAT, some network shares) gets the name claimed first, then the copy renamed onto it."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise NameTaken(str(target)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV):
            raise
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except FileExistsError:
        raise NameTaken(str(target)) from None
    try:
        os.replace(tmp, target)
    except BaseException:
        _remove(target)  # the empty name this call claimed
        raise


def clear_unfinished(folder: Path) -> None:
    """Remove what a copy cut short by a crash left in folder: a private folder whose marker no process holds any
    more (the writer's lock went with it), or, without a marker (the instant between making the folder and
    locking it, or an older fldd's .part), one unchanged for UNFINISHED_AFTER seconds."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    now = time.time()
    for entry in entries:
        try:
            if entry.name.startswith(WRITING_PREFIX) and entry.is_dir():
                marker = entry / BUSY_MARKER
                if marker.exists():
                    stale = not process_lock.marker_held(marker)
                else:
                    stale = now - max([entry.stat().st_mtime] + [p.stat().st_mtime for p in entry.iterdir()]) \
                        > UNFINISHED_AFTER
                if stale:
                    shutil.rmtree(entry, ignore_errors=True)
            elif entry.name.endswith(OLD_PART) and entry.is_file() and now - entry.stat().st_mtime > UNFINISHED_AFTER:
                _remove(entry)
        except OSError:
            continue


def looks_like_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's header (read without SQLite, so a stray file is never opened)."""
    with open(path, "rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@contextlib.contextmanager
def private_copy(path: Path) -> Iterator[Path]:
    """A copy of the file in a temporary folder of its own, removed after: the person's file is only read, and no
    -wal or -shm ever appears beside it. A -wal or -journal beside the file is copied with it under the same base
    name, so SQLite applies it to the copy (a data folder copied while fldd was open keeps its latest changes in
    the -wal). Refused (OSError) while another fldd process works on the file."""
    holder = process_lock.held_elsewhere(path)
    if holder is not None:
        raise InUse(holder.describe())
    folder = Path(tempfile.mkdtemp(prefix="fldd-backup-check-"))
    try:
        copy = folder / "candidate.sqlite3"
        shutil.copyfile(path, copy)
        for suffix in ("-wal", "-journal"):
            companion = path.with_name(path.name + suffix)
            if companion.is_file() and companion.stat().st_size > 0:
                shutil.copyfile(companion, copy.with_name(copy.name + suffix))
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class InUse(Exception):
    """Another fldd process has the file open (the message names it)."""


def prepare(path: Path, values: dict[str, str | None]) -> None:
    """Make a checked copy the workspace it is to become, in one transaction, before it takes the database's
    place: the backup's own stamp goes, and each setting in values is written (None: removed). A crash after the
    swap then leaves a database already in its final state."""
    conn = sqlite3.connect(str(path))
    try:
        with conn:
            conn.execute(f"DELETE FROM settings WHERE key IN ({','.join('?' * len(STAMP_KEYS))})", STAMP_KEYS)
            for key, value in values.items():
                if value is None:
                    conn.execute("DELETE FROM settings WHERE key = ?", [key])
                else:
                    conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
    except sqlite3.Error as exc:
        raise BadCandidate(f"it cannot be made ready to restore ({exc})") from None
    finally:
        conn.close()


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
        return _examine(conn)
    except sqlite3.Error as exc:  # a table fldd reads shaped otherwise than fldd makes it
        raise BadCandidate(f"it is not shaped as fldd's databases are ({exc})") from None
    finally:
        conn.close()


def _examine(conn: sqlite3.Connection) -> dict:
    try:
        conn.execute("PRAGMA journal_mode=DELETE")  # a -wal copied with it is written into it here
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
    unknown = [n for n in applied if n not in NAMES]
    problems = [] if unknown else backup_schema.differences(conn)
    if problems:
        more = f" (and {len(problems) - 1} other difference{'' if len(problems) == 2 else 's'})" \
            if len(problems) > 1 else ""
        raise BadCandidate(f"its tables are not the ones fldd makes: {problems[0]}{more}. A backup fldd made "
                           "is never changed; this one was changed after it was made")
    stamp = dict(conn.execute(f"SELECT key, value FROM settings WHERE key IN ({','.join('?' * len(STAMP_KEYS))})",
                              STAMP_KEYS).fetchall())
    counts = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if table in tables else 0
              for name, table in COUNTED.items()}
    return {"stamp": stamp, "counts": counts, "pending": [n for n in NAMES if n not in applied],
            "unknown": unknown}


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
