"""Backups a person can trust: one file holding the whole workspace (every record and every evidence file, which
live inside the database), made with SQLite's online backup while the app is open, checked before it is called
a backup; restore that puts a checked backup in place of the database, keeping the one it replaces; moving the
database to another folder; and the reminder when the last backup is old.

CONTRACT (issue 12): the names and signatures below are fixed; the bodies are the backup helper's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fldd.usecases.context import AppContext

BACKUP_SUFFIX = ".fldd-backup"


@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds, read from the file itself: when it was made (ISO, local time), by which fldd
    version, from which database path, its size, and counts (suppliers, assessments, findings, evidence files)."""

    path: Path
    made_at: str
    app_version: str
    source_db: str
    size_bytes: int
    counts: dict[str, int]


@dataclass(frozen=True)
class BackupStatus:
    """The last backup of this workspace (None: never), how many days ago, and the reminder to show (None: no
    reminder is due, or the person chose never)."""

    last_at: str | None
    last_path: str | None
    days_ago: int | None
    reminder: str | None


def back_up(ctx: AppContext, target: Path | None = None) -> BackupFacts:
    """Write a backup of the open database to target (a file), or to a new dated file in the backup folder
    (app_config.backup_folder()); checked after writing; remembered as this workspace's last backup."""
    raise NotImplementedError


def read_backup(path: Path) -> BackupFacts:
    """The facts of a backup file; Rejected, naming the file, for one that is not a sound fldd backup (not
    SQLite, damaged, not fldd's, made by a newer fldd)."""
    raise NotImplementedError


def restore(ctx: AppContext, path: Path) -> tuple[AppContext, BackupFacts, Path]:
    """Put the backup at path in place of ctx's database: checked first, the current database backed up first
    (the returned Path), then swapped in under the database's lock. ctx is closed; the returned context is open
    on the restored database (same path). Nothing changes when anything is refused or fails."""
    raise NotImplementedError


def restore_file(db_path: Path, path: Path) -> tuple[BackupFacts, Path]:
    """restore() for the CLI: the database at db_path is not open in this process; refused while another fldd
    process holds it (the message names the holder)."""
    raise NotImplementedError


def move_database(ctx: AppContext, folder: Path) -> AppContext:
    """Move the open database into folder (as fldd.sqlite3): copied with the online backup, checked, the app
    config pointed at it, the old file removed only after; ctx is closed, the returned context is open on the
    new place. Rejected when folder already holds a database or cannot be written."""
    raise NotImplementedError


def backup_status(ctx: AppContext) -> BackupStatus:
    """When this workspace was last backed up, and the reminder to show when that is older than the person's
    reminder setting (preferences.backup_reminder_days), or never happened on a workspace with suppliers."""
    raise NotImplementedError
