"""Open the database: one fldd process at a time (see lock.py), WAL, foreign keys, a copy of the file before any
migration, clear errors.

Reads go straight through sqlite3; sqlite-utils (about 90 ms to import) is loaded at the first write or
migration, so that the app's window is not kept waiting for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fldd.store import lock as process_lock
from fldd.store.errors import DatabaseCorrupt, StoreError, translate
from fldd.store.migrations import pending_names

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000  # between this process's own connections (threads); other processes wait on the lock
COMMAND_WAIT_SECONDS = 60.0  # a command waits this long for another command (a bulk import) to finish
APP_WAIT_SECONDS = 10.0  # the app, started while a command runs, waits less before saying so


class Reader:
    """The read side of a connection: `execute` for cursors, `query` for rows as dicts."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one statement."""
        return self.conn.execute(sql, params or ())

    def query(self, sql: str, params: Any = ()) -> Iterator[dict]:
        """Rows as dicts keyed by column name."""
        cursor = self.conn.execute(sql, params or ())
        columns = [c[0] for c in cursor.description]
        for row in cursor:
            yield dict(zip(columns, row))


class Store:
    """One open database. Writes go through `write()`, a single atomic transaction each."""

    def __init__(self, conn: sqlite3.Connection, path: Path, hold: process_lock.ProcessLock | None = None) -> None:
        self.conn = conn
        self.path = path
        self._hold = hold  # this process's lock on the database, let go after the connection is closed
        self._db: Database | None = None
        self._depth = 0  # savepoints open inside the current write()

    @property
    def db(self) -> Database:
        """The sqlite-utils view of the same connection (imported on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """A transaction: everything inside is committed together or not at all. A write inside another is a
        savepoint named by its depth (sqlite-utils' `atomic` names each one at random, so SQLite prepares
        every savepoint statement afresh: a bulk import opens a dozen per file)."""
        try:
            with self._transaction():
                yield self.db
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("BEGIN")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return
        self._depth += 1
        name = f"fldd_write_{self._depth}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # a failure can end the whole transaction, savepoints included
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            raise
        else:
            conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    @contextlib.contextmanager
    def read(self) -> Iterator[Reader]:
        """Reads, with environment errors turned into StoreError."""
        try:
            yield Reader(self.conn)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def close(self) -> None:
        """Close the connection (checkpointing the WAL), then let go of the process's lock on the database; a
        second call does nothing (a context replaced after a restore may be closed by more than one owner)."""
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()
        hold, self._hold = self._hold, None
        if hold is not None:
            hold.release()


def open_store(path: Path | str, *, migrate: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
               holder: str = process_lock.COMMAND, what: str = "", wait_seconds: float | None = None,
               on_wait: Callable[[process_lock.Holder], None] | None = None) -> Store:
    """Open (or create) the database at `path`, upgrading its schema after backing the file up.

    The process first takes the database's lock (lock.py): holder says whether it is the app or a command, and
    what (default: the command line) words it for the message another process gets; a command waits up to
    wait_seconds for another command to finish.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(path, f"cannot create the folder {path.parent}: {exc.strerror}") from None
    if wait_seconds is None:
        wait_seconds = APP_WAIT_SECONDS if holder == process_lock.APP else COMMAND_WAIT_SECONDS
    hold = process_lock.acquire(path, kind=holder, what=what, wait_seconds=wait_seconds, on_wait=on_wait)
    try:
        return _open_held(path, hold, migrate=migrate, busy_timeout_ms=busy_timeout_ms)
    except BaseException:
        hold.release()
        raise


def _open_held(path: Path, hold: process_lock.ProcessLock, *, migrate: bool, busy_timeout_ms: int) -> Store:
    existed = path.exists() and path.stat().st_size > 0
    conn = None
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
        conn.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA recursive_triggers=ON")
        _check_readable(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: a crashed process never loses a commit
        store = Store(conn, path, hold)
        if migrate:
            pending = pending_names(conn)
            if pending:
                if existed and _has_tables(conn):
                    backup(store, _backup_path(path, pending[0]))
                from fldd.store.migrations import migrations

                migrations().apply(store.db)
        return store
    except BaseException as exc:
        if conn is not None:
            conn.close()  # the caller lets go of the lock: no connection may outlive it
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from exc
        raise


def _check_readable(conn: sqlite3.Connection, path: Path) -> None:
    """Fail early, with a clear message, on a file that is not a SQLite database."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(path, "the file is not an fldd database or it is damaged. Restore a backup "
                                    "or choose another file with --db.") from exc


def _has_tables(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1").fetchone())


def _backup_path(path: Path, migration: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-{migration}-{stamp}{path.suffix}")


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of the whole database (SQLite's online backup), written beside the original."""
    tmp = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(tmp))
    try:
        store.conn.backup(dest)
    finally:
        dest.close()
    tmp.replace(target)
    return target


def integrity_problems(store: Store) -> list[str]:
    """SQLite's own integrity check; an empty list when the file is sound."""
    rows = store.conn.execute("PRAGMA integrity_check").fetchall()
    return [] if rows == [("ok",)] else [r[0] for r in rows]
