"""One fldd process per database at a time, under a lock that nothing else in the process can drop.

Why. SQLite guards a database with POSIX advisory locks (fcntl), and those belong to the process, not to the
connection: when any code in the process opens one of the database's files through another descriptor and
closes it, every lock the process held on that file is gone. Qt's file dialogs do exactly that when they show
the folder that holds the database (they open files to look at them), and so may anything that reads a file a
user picked. A second process (the CLI while the app is open) then believes it is alone: on opening it may
truncate the -shm index under the first process, and on closing it checkpoints and deletes the -wal file, so
the first process goes on committing into a deleted file and loses everything when it ends.

The design. Before a process opens the database it takes an exclusive lock on a file beside it,
`<database>.lock`, with flock() (on Windows, a byte-range lock through msvcrt), and keeps it until its last
connection to the database is closed. flock() locks belong to the open file description: closing any other
descriptor of any file cannot drop them, and the kernel drops them when the process dies (kill -9, a pulled
plug), so a lock is never stale. The lock is taken under the database's real name (symbolic links
resolved, as SQLite resolves them to name its -wal), and a database file with a second name (a hard link) is
refused: under two names SQLite would keep two WALs, and a lock under one name is not seen under the other. Only one process therefore ever has SQLite connections to the database, and
SQLite's own locks are needed only between the connections of that one process, which SQLite tracks in memory
and a dropped POSIX lock does not disturb. Connections opened again in the same process (a worker thread's)
share the process's lock, counted. A second fldd process waits for a command that holds the database to end
(up to a limit) and is refused at once, with a message naming the holder, while the app holds it: nothing is
opened, nothing is changed. The lock file holds who has the database (process id, app or command, since when)
for that message; it is never deleted (deleting it would let two processes lock two different files).

Why not one of SQLite's own options. `PRAGMA locking_mode=EXCLUSIVE` and the `unix-excl` VFS keep the same
POSIX locks, which the same close drops, after which a second process recovers the WAL and deletes it as
before. The `unix-flock` VFS is not compiled into the SQLite that Python ships on Linux (checked: "no such
vfs"), and it has no shared-memory index, so no WAL. `unix-dotfile` has no WAL either and leaves a lock
behind after a crash, locking the user out of a database that is sound. Keeping the WAL on close
(SQLITE_FCNTL_PERSIST_WAL, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE) is not reachable from Python 3.11's sqlite3, and
would not stop the -shm from being rebuilt under the first process. A shared lock for readers would not help:
a reader's connection deletes the WAL on closing just as a writer's does. So a whole-process lock it is.

Other programs (the sqlite3 shell, a database browser, a backup tool copying the open file) do not know this
lock: the README asks users to close fldd before pointing them at the file.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fldd.store.errors import DatabaseReadOnly, StoreError

LOCK_SUFFIX = ".lock"
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", LOCK_SUFFIX)  # the files SQLite and fldd keep beside the database
APP = "app"
COMMAND = "command"
_WINDOWS_LOCK_OFFSET = 1 << 20  # Windows locks are mandatory: lock a byte past the holder note, so it stays readable
_POLL_SECONDS = 0.1  # how often a waiting process tries again (flock has no timeout of its own)


class DatabaseInUse(StoreError):
    """Another fldd process has the database open; this one opened nothing and changed nothing."""


@dataclass(frozen=True)
class Holder:
    """Who has a database, as written in its lock file."""

    pid: int | None
    kind: str  # APP or COMMAND; "" when the note could not be read
    what: str  # "the fldd app", "fldd workbook import ..."
    since: str  # local time, HH:MM, or ""

    def describe(self) -> str:
        """E.g. 'the fldd app (process 1234, since 14:02)'."""
        details = [f"process {self.pid}" if self.pid else "", f"since {self.since}" if self.since else ""]
        details = [d for d in details if d]
        return self.what + (f" ({', '.join(details)})" if details else "")


@dataclass
class _Held:
    fd: int
    count: int
    database: Path


_held: dict[tuple[int, int], _Held] = {}  # the lock file's (device, inode) -> this process's hold on it
_guard = threading.Lock()


def lock_path(database: Path) -> Path:
    """The lock file beside a database."""
    return database.with_name(database.name + LOCK_SUFFIX)


def database_files(database: Path) -> list[Path]:
    """The database and every file SQLite or fldd keeps beside it."""
    return [database] + [database.with_name(database.name + suffix) for suffix in COMPANION_SUFFIXES]


def is_live_database_file(path: Path | str) -> bool:
    """Whether `path` is a database this process has open, or one of its companion files: writing or reading
    such a file from fldd's own code would damage the database or drop SQLite's locks."""
    target = _canonical(Path(path))
    with _guard:
        open_databases = [held.database for held in _held.values()]
    return any(target == _canonical(f) for db in open_databases for f in database_files(db))


def holds(database: Path) -> int:
    """How many holds this process has on a database (one per open connection, plus any taken on purpose): a
    restore or move may touch the files only when its own are the only ones."""
    target = _canonical(database)
    with _guard:
        return sum(held.count for held in _held.values() if _canonical(held.database) == target)


def held_elsewhere(database: Path) -> Holder | None:
    """Who holds `database` when it is another process (None when nobody, or only this process, does): a file
    another fldd is working on is read only through SQLite's own view of it. Looks only when the lock file is
    there, and never creates one."""
    path = lock_path(Path(os.path.realpath(database)))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        with _guard:
            if _identity(fd) in _held:
                return None
            if _try_lock(fd):
                _unlock(fd)
                return None
    finally:
        os.close(fd)
    return read_holder(path)


def hold_marker(path: Path) -> int:
    """Create and lock a marker file, held while the returned descriptor stays open (os.close lets go; so does the
    end of the process, a crash included): another process can tell work under way from work a crash cut short."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    _try_lock(fd)
    return fd


def marker_held(path: Path) -> bool:
    """Whether some process holds the marker at path (hold_marker); False when it is gone or free."""
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


class ProcessLock:
    """This process's hold on one database; release() when the connection that asked for it is closed."""

    def __init__(self, key: tuple[int, int]) -> None:
        self._key: tuple[int, int] | None = key

    def release(self) -> None:
        """Let go of this hold; the lock itself goes with the process's last hold."""
        with _guard:
            key, self._key = self._key, None
            if key is None or key not in _held:
                return
            held = _held[key]
            held.count -= 1
            if held.count == 0:
                del _held[key]
                _forget_holder(held.fd)
                _unlock(held.fd)
                os.close(held.fd)


def acquire(database: Path, *, kind: str = COMMAND, what: str = "", wait_seconds: float = 0.0,
            on_wait: Callable[[Holder], None] | None = None) -> ProcessLock:
    """Hold `database` for this process, waiting up to wait_seconds for another fldd command to finish.

    Raises DatabaseInUse at once when the fldd app holds it (waiting would not help), after wait_seconds when
    another command does; on_wait is told once who is being waited for.
    """
    database = _real_file(database)
    path = lock_path(database)
    fd = _open_lock_file(path, database)
    key = _identity(fd)
    deadline = time.monotonic() + wait_seconds
    told = False
    while True:
        with _guard:  # one decision at a time, so two threads of this process never lock against each other
            if key in _held:  # another connection of this process: share the lock
                os.close(fd)  # flock belongs to the other descriptor's open file: closing this one drops nothing
                _held[key].count += 1
                return ProcessLock(key)
            if _try_lock(fd):
                _held[key] = _Held(fd, 1, database)
                break
        holder = read_holder(path)
        if holder.kind == APP or time.monotonic() >= deadline:
            os.close(fd)
            raise DatabaseInUse(database, _in_use_message(holder, kind, waited=0 if holder.kind == APP else wait_seconds))
        if on_wait is not None and not told:
            on_wait(holder)
            told = True
        time.sleep(_POLL_SECONDS)
    _write_holder(fd, kind, what or _default_what(kind))
    return ProcessLock(key)


def _real_file(database: Path) -> Path:
    """The database's one true name: symbolic links resolved (SQLite names its -wal and -shm after the file they
    point to, so the lock must be too), and a file with other names (hard links) refused, since SQLite would keep
    a separate -wal for each name and no lock taken under one name is seen under another."""
    real = Path(os.path.realpath(database))
    try:
        links = os.stat(real).st_nlink
    except OSError:
        return real  # a new database: it has only the name it is about to get
    if links > 1:
        raise StoreError(database, f"the database file has {links} names (hard links), and fldd cannot keep two "
                                   "programs from using it under different names. Copy it to a file of its own "
                                   "(or remove its other names) and open that; nothing was changed.")
    return real


def read_holder(path: Path) -> Holder:
    """Who the lock file says has the database (blank fields when it cannot be read)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read(4096)
    except OSError:
        text = ""
    note = dict(line.partition("=")[::2] for line in text.splitlines())
    pid = note.get("pid", "")
    return Holder(int(pid) if pid.isdigit() else None, note.get("kind", ""),
                  note.get("what", "") or "another fldd program", note.get("since", ""))


def _in_use_message(holder: Holder, kind: str, *, waited: float) -> str:
    if holder.kind == APP and kind == APP:
        return (f"fldd is already open on this database: {holder.describe()}. Use that window, or close it and "
                "start fldd again; nothing was changed.")
    if holder.kind == APP:
        return (f"this database is open in {holder.describe()}. Close the app and try again, or do this from "
                "the app's window; nothing was changed.")
    after = f" after waiting {waited:g} s" if waited else ""
    return (f"this database is in use by {holder.describe()}{after}. Try again when it has finished; "
            "nothing was changed.")


def _default_what(kind: str) -> str:
    if kind == APP:
        return "the fldd app"
    words = " ".join(sys.argv[1:4])
    return f"the command `fldd {words}`" if words else "an fldd command"


def _open_lock_file(path: Path, database: Path) -> int:
    binary = getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | binary, 0o666)
    except PermissionError:
        try:  # a lock file that is there but read-only locks as well (only the holder's note goes unwritten)
            return os.open(path, os.O_RDONLY | binary)
        except OSError:
            pass
        raise DatabaseReadOnly(database, f"cannot create the lock file {path.name} beside the database (permission "
                                         "denied). Choose a folder you can write to with --db, or fix its "
                                         "permissions; nothing was changed.") from None
    except OSError as exc:
        raise DatabaseReadOnly(database, f"cannot create the lock file {path.name} beside the database "
                                         f"({exc.strerror or exc}). Choose a folder you can write to with --db, "
                                         "or fix its permissions; nothing was changed.") from None


def _identity(fd: int) -> tuple[int, int]:
    stat = os.fstat(fd)
    return stat.st_dev, stat.st_ino


def _canonical(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _write_holder(fd: int, kind: str, what: str) -> None:
    what = " ".join(what.split())  # one line: the note is a line per field
    note = f"pid={os.getpid()}\nkind={kind}\nsince={dt.datetime.now():%H:%M}\nwhat={what}\n".encode()
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, note)
    except OSError:
        pass  # the note only words a message for others; the lock is what matters


def _forget_holder(fd: int) -> None:
    try:
        os.ftruncate(fd, 0)  # so that the next holder's waiters never read an old note in the moment before its own
    except OSError:
        pass


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
