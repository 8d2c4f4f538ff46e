"""Open the database: WAL, foreign keys, a copy of the file before any migration, clear errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from fldd.store.errors import DatabaseCorrupt, StoreError, translate
from fldd.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 5000


class Store:
    """One open database. Writes go through `write()`, a single atomic transaction each."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """A transaction: everything inside is committed together or not at all."""
        try:
            with self.db.atomic():
                yield self.db
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Database]:
        """Reads, with environment errors turned into StoreError."""
        try:
            yield self.db
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.execute("PRAGMA optimize")
        self.db.close()


def open_store(path: Path | str, *, migrate: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Store:
    """Open (or create) the database at `path`, upgrading its schema after backing the file up."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(path, f"cannot create the folder {path.parent}: {exc.strerror}") from None
    existed = path.exists() and path.stat().st_size > 0
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
        db = Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        db.execute("PRAGMA foreign_keys=ON")
        _check_readable(db, path)
        if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: a crashed process never loses a commit
        store = Store(db, path)
        if migrate:
            pending = MIGRATIONS.pending(db)
            if pending and existed and _has_tables(db):
                backup(store, _backup_path(path, pending[0].name))
            MIGRATIONS.apply(db)
        return store
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc


def _check_readable(db: Database, path: Path) -> None:
    """Fail early, with a clear message, on a file that is not a SQLite database."""
    try:
        db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(path, "the file is not an fldd database or it is damaged. Restore a backup "
                                    "or choose another file with --db.") from exc


def _has_tables(db: Database) -> bool:
    return bool(db.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1").fetchone())


def _backup_path(path: Path, migration: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-{migration}-{stamp}{path.suffix}")


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of the whole database (SQLite's online backup), written beside the original."""
    tmp = target.with_name(target.name + ".part")
    dest = sqlite3.connect(str(tmp))
    try:
        store.db.conn.backup(dest)
    finally:
        dest.close()
    tmp.replace(target)
    return target


def integrity_problems(store: Store) -> list[str]:
    """SQLite's own integrity check; an empty list when the file is sound."""
    rows = store.db.conn.execute("PRAGMA integrity_check").fetchall()
    return [] if rows == [("ok",)] else [r[0] for r in rows]
