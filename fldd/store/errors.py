"""Environment problems with the database file, told apart from bugs, each with a message a user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A database problem the user can do something about; nothing was written."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.message = message


class DatabaseLocked(StoreError):
    """Another program holds a write lock for longer than we wait."""


class DatabaseReadOnly(StoreError):
    """The file or its folder cannot be written."""


class DiskFull(StoreError):
    """No space left to write."""


class DatabaseCorrupt(StoreError):
    """The file is not an fldd database, or it is damaged."""


class NotFound(LookupError):
    """A record asked for by id does not exist."""


def translate(exc: sqlite3.Error, path: Path | str) -> Exception:
    """The StoreError for an environment failure; the original exception for anything else (a bug)."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(path, "the database is in use by another program (is fldd open twice?). "
                                    "Close it and try again; nothing was saved by this action.")
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return DatabaseReadOnly(path, "the database cannot be written (read-only file or folder). "
                                      "Choose another file with --db or fix the permissions; nothing was lost.")
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull(path, "the disk is full. Free some space and try again; the last answer was not saved.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorrupt(path, "the file is not an fldd database or it is damaged. Restore a backup "
                                     "(fldd keeps one beside the file before each upgrade) or choose another file.")
    return exc
