"""Backups a person can trust: one file holding the whole workspace (every record and every evidence file, which
live inside the database), made with SQLite's online backup while the app is open, checked before it is called
a backup; restore that puts a checked backup in place of the database, keeping the one it replaces; moving the
database to another folder; and the reminder when the last backup is old.

CONTRACT (issue 12): the names and signatures below are fixed; the bodies are the backup helper's.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fldd import __version__, app_config, paths
from fldd.store import backup_files, portfolio, settings
from fldd.store import lock as process_lock
from fldd.store.backup_files import BadCandidate
from fldd.store.connection import open_store
from fldd.store.errors import StoreError
from fldd.terminal_text import shown
from fldd.usecases.context import AppContext, open_context, own_connection
from fldd.usecases.errors import Rejected
from fldd.usecases import safe_places

BACKUP_SUFFIX = ".fldd-backup"
LAST_AT_KEY = "last_backup_at"  # in the workspace's own settings: the backup travels with a restore or a move
LAST_PATH_KEY = "last_backup_path"
BEFORE_RESTORE = "before restore"
CLOCK_SKEW = dt.timedelta(days=1)  # how far ahead a date may be before it is taken for a clock set wrong
KEEP_SAFE = "to keep a copy of your suppliers, assessments and evidence somewhere safe."
BUSY = ("fldd is still working on this database (a backup, an import, an export or a report is under way). "
        "Wait for it to finish, then try again; nothing was changed.")


@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds, read from the file itself: when it was made (ISO, local time; "" when not known:
    unstamped, or a date still to come), by which fldd version, from which database path (both shown as text:
    control marks written <U+…>), its size, and counts (suppliers, assessments, findings, evidence files).
    older_schema: made by an earlier fldd, brought up to date when restored."""

    path: Path
    made_at: str
    app_version: str
    source_db: str
    size_bytes: int
    counts: dict[str, int]
    older_schema: bool = False


@dataclass(frozen=True)
class BackupStatus:
    """The last backup of this workspace (None: never), how many days ago, and the reminder to show (None: no
    reminder is due, or the person chose never)."""

    last_at: str | None
    last_path: str | None
    days_ago: int | None
    reminder: str | None


def _now() -> dt.datetime:
    """Local time with its offset (tests replace it)."""
    return dt.datetime.now().astimezone()


def back_up(ctx: AppContext, target: Path | None = None) -> BackupFacts:
    """Write a backup of the open database to target (a file), or to a new dated file in the backup folder
    (app_config.backup_folder()); checked after writing; remembered as this workspace's last backup."""
    facts = _write_backup(ctx, target)
    with own_connection(ctx) as own, own.store.write():  # this thread's connection: a worker runs this too
        settings.put(own.store, LAST_AT_KEY, facts.made_at)
        settings.put(own.store, LAST_PATH_KEY, str(facts.path))
    return facts


def _write_backup(ctx: AppContext, target: Path | None, note: str = "") -> BackupFacts:
    """The backup itself, not remembered as the last one (a safety copy before a restore is not). A file that is
    there already is never replaced."""
    made = _now()
    if target is None:
        target = _free_name(app_config.backup_folder(), made, note)
    else:
        target = Path(target).expanduser()
        if target.is_dir():
            target = _free_name(target, made, note)
    target = target.absolute()
    if process_lock.is_live_database_file(target) or _same_file(target, ctx.store.path):
        raise Rejected([f"{target}: this is the database fldd has open; a backup must go to a file of its own."])
    if os.path.lexists(target):
        raise Rejected([_taken(target)])
    _writable_folder(target.parent)
    stamp = {"backup_made_at": made.isoformat(timespec="seconds"), "backup_app_version": __version__,
             "backup_source_db": str(Path(os.path.abspath(ctx.store.path)))}
    try:
        with own_connection(ctx) as own:  # committed data only, whatever the caller's connection is doing
            backup_files.write_copy(own.store, target, stamp)
    except backup_files.NameTaken:
        raise Rejected([_taken(target)]) from None
    except BadCandidate as exc:
        raise Rejected([f"{target}: the backup was not kept: {exc}. Your database was not changed; try "
                        "again, or choose another folder."]) from None
    except OSError as exc:
        raise Rejected([f"{target}: the backup could not be written: {_write_problem(exc, target.parent)}. Your "
                        "database was not changed; choose another folder or free some space."]) from None
    return read_backup(target)


def _taken(target: Path) -> str:
    return (f"{target}: there is already a file with this name, and fldd never writes a backup over a file. "
            "Choose another name, or give a folder to get a new dated file in it; nothing was changed.")


def _write_problem(exc: OSError, folder: Path) -> str:
    """A failed write in plain words, whether the system or SQLite noticed it."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk holding {folder} is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"fldd may not write in {folder}"
    return f"writing in {folder} failed ({exc.strerror or exc})"


def _free_name(folder: Path, made: dt.datetime, note: str = "") -> Path:
    """'fldd backup 2026-11-23 1402.fldd-backup' in folder, numbered when one of that minute is there already."""
    base = f"fldd backup {made:%Y-%m-%d %H%M}" + (f" {note}" if note else "")
    candidate = folder / f"{base}{BACKUP_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base} ({number}){BACKUP_SUFFIX}"
        number += 1
    return candidate


def _writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".fldd-write-test-"):
            pass
    except OSError as exc:
        raise Rejected([f"{folder}: fldd cannot write in this folder ({exc.strerror or exc}). Choose a folder "
                        "you can write to; nothing was changed."]) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def read_backup(path: Path) -> BackupFacts:
    """The facts of a backup file; Rejected, naming the file, for one that is not a sound fldd backup (not
    SQLite, damaged, not fldd's, made by a newer fldd)."""
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise Rejected([f"{path}: there is no such file."])
    if path.is_dir():
        raise Rejected([f"{path}: this is a folder; choose a backup file (its name ends in {BACKUP_SUFFIX})."])
    if process_lock.is_live_database_file(path):
        raise Rejected([f"{path}: this is the database fldd has open, not a backup. Choose a backup file (its "
                        f"name ends in {BACKUP_SUFFIX}); nothing was changed."])
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise Rejected([f"{path}: this is not a regular file (it is a device, a pipe or the like), so it holds "
                            "no backup. Choose a backup file; nothing was changed."])
        size = path.stat().st_size
        if size == 0:
            raise Rejected([f"{path}: the file is empty (0 bytes), so it holds no backup. Choose another file; "
                            "nothing was changed."])
        if not backup_files.looks_like_sqlite(path):
            raise Rejected([f"{path}: this is not an fldd backup (it is not a database file at all). Choose a "
                            f"file whose name ends in {BACKUP_SUFFIX}; nothing was changed."])
        with backup_files.private_copy(path) as copy:
            found = backup_files.examine(copy)
    except backup_files.InUse as exc:
        raise Rejected([f"{path}: {shown(str(exc))} is working on this database; it can be read only once "
                        "that is closed. Close it (or choose a backup file), then try again; nothing was "
                        "changed."]) from None
    except BadCandidate as exc:
        raise Rejected([f"{path}: this is not a sound fldd backup: {exc}. Nothing was changed."]) from None
    except OSError as exc:
        raise Rejected([f"{path}: the file cannot be read ({exc.strerror or exc}); nothing was changed."]) from None
    return _facts(path, found, size)


def _facts(path: Path, found: dict, size: int) -> BackupFacts:
    stamp = found["stamp"]
    version = stamp.get("backup_app_version", "")
    if found["unknown"]:
        made_by = f"fldd {version}" if version else "a newer fldd"
        raise Rejected([f"{path}: this backup was made by {made_by}, newer than this fldd ({__version__}): it "
                        f"holds changes this version does not know ({', '.join(found['unknown'][:3])}). Install "
                        "the newer fldd, then restore it; nothing was changed."])
    return BackupFacts(path=path, made_at=_known_date(stamp.get("backup_made_at", "")),
                       app_version=shown(version) or "unknown",
                       source_db=shown(stamp.get("backup_source_db", "")), size_bytes=size,
                       counts=found["counts"], older_schema=bool(found["pending"]))


def _known_date(stamp: str) -> str:
    """The stamp when it is a date that can be true; "" (not known) for a missing, garbled or future one (a
    clock set wrong): such a backup never passes for a recent one."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return ""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return stamp if moment <= _now() + CLOCK_SKEW else ""


def workspace_counts(ctx: AppContext) -> dict[str, int]:
    """What the open database holds, counted as a backup's facts are (to set one against the other)."""
    return backup_files.counts(ctx.store)


def restore(ctx: AppContext, path: Path) -> tuple[AppContext, BackupFacts, Path]:
    """Put the backup at path in place of ctx's database: checked first, the current database backed up first
    (the returned Path), then swapped in under the database's lock. ctx is closed; the returned context is open
    on the restored database (same path), in the restored workspace's role. Nothing changes when anything is
    refused or fails, even after the swap (ctx then stays open on the database as it was)."""
    database = ctx.store.path
    facts = read_backup(path)
    if _same_file(facts.path, database):
        raise Rejected([f"{facts.path}: this is the database fldd has open, not a backup; nothing was changed."])
    if process_lock.holds(database) > 1:
        raise Rejected([BUSY])
    safety = _write_backup(ctx, None, BEFORE_RESTORE).path
    candidate = _ready_beside(facts.path, database, _restored_settings(facts))
    extra = process_lock.acquire(database)  # no other process can get in between the close and the reopening
    try:
        return _swap(ctx, candidate, database, safety), facts, safety
    finally:
        extra.release()


def _restored_settings(facts: BackupFacts) -> dict[str, str | None]:
    """What a restored workspace says of itself: set up (no first run again), and last backed up when the
    backup was made (not known: no last backup, so the reminder is not silenced)."""
    from fldd.usecases.preferences import SETUP_KEY

    known = bool(facts.made_at)
    return {SETUP_KEY: "1", LAST_AT_KEY: facts.made_at if known else None,
            LAST_PATH_KEY: str(facts.path) if known else None}


def _ready_beside(source: Path, database: Path, values: dict[str, str | None]) -> Path:
    """source, read through a private copy (with its -wal), checked, made the workspace it is to become (stamp
    cleared, values written), then copied beside the database and checked again there: the very bytes to swap in."""
    candidate = None
    try:
        with backup_files.private_copy(source) as copy:
            backup_files.examine(copy)
            backup_files.prepare(copy, values)
            candidate = backup_files.copy_beside(copy, database)
        backup_files.examine(candidate)
    except (BadCandidate, backup_files.InUse) as exc:
        if candidate is not None:
            backup_files.remove_file(candidate)
        raise Rejected([f"{source}: the copy made for the restore failed its check ({shown(str(exc))}); "
                        "nothing was changed."]) from None
    except OSError as exc:
        if candidate is not None:
            backup_files.remove_file(candidate)
        raise Rejected([f"{database.parent}: the backup could not be copied beside the database: "
                        f"{_write_problem(exc, database.parent)}; nothing was changed."]) from None
    return candidate


def _swap(ctx: AppContext, candidate: Path, database: Path, safety: Path) -> AppContext:
    """Close ctx, rename the checked copy over the database, reopen. On failure before the rename the old file is
    reopened in ctx; after it (the restored file will not open or upgrade, or its risk ratings cannot be brought
    up to date), the safety backup is put back the same way and ctx reopened on it."""
    if not backup_files.empty_wal(ctx.store):
        backup_files.remove_file(candidate)
        raise Rejected([BUSY])
    ctx.close()
    try:
        leftover = backup_files.leftover_journal(database)
        if leftover is not None:
            raise StoreError(leftover, "changes not yet written into the database are still in this file")
        backup_files.swap_in(candidate, database)
    except (OSError, StoreError) as exc:
        backup_files.remove_file(candidate)
        ctx.store = open_store(database)
        raise Rejected([f"{database}: the backup could not be put in place ({exc}); your database is as it "
                        "was."]) from None
    new = None
    try:
        new = open_context(database, user=ctx.user)  # the restored workspace's own role
        new.today = ctx.today
        from fldd.usecases.risk_data import make_risk_current

        make_risk_current(new)
        return new
    except Exception as exc:  # whatever stops it opening or settling (a failed upgrade included), the old one goes back
        if new is not None:
            new.close()
        backup_files.swap_in(_ready_beside(safety, database, {}), database)
        ctx.store = open_store(database)
        raise Rejected([f"{database}: the restored database could not be opened ({shown(str(exc))}); your "
                        "database was put back as it was."]) from None


def restore_file(db_path: Path, path: Path, *,
                 confirm: Callable[[BackupFacts, dict[str, int]], bool] | None = None) -> tuple[BackupFacts, Path]:
    """restore() for the CLI: the database at db_path is not open in this process; refused while another fldd
    process holds it (the message names the holder). confirm(facts, current counts), when given, is asked
    while the database is held; False leaves everything as it was."""
    ctx = open_context(db_path)
    try:
        if confirm is not None and not confirm(read_backup(path), workspace_counts(ctx)):
            raise Rejected([f"{Path(path)}: not restored, as you chose; nothing was changed."])
        new, facts, safety = restore(ctx, path)
        new.close()
    finally:
        ctx.close()
    return facts, safety


def move_database(ctx: AppContext, folder: Path) -> AppContext:
    """Move the open database into folder (as fldd.sqlite3): copied with the online backup, checked, the app
    config pointed at it, the old file removed only after; ctx is closed, the returned context is open on the
    new place. Rejected when folder already holds a database or cannot be written."""
    safe_places.refuse_unsafe_folder(folder, "the database")  # an update or uninstall would delete it there
    old = ctx.store.path
    folder = Path(folder).expanduser().absolute()
    target = folder / paths.DB_FILE_NAME
    if folder.exists() and _same_file(folder, old.parent):
        raise Rejected([f"{folder}: the database is already in this folder; nothing was changed."])
    if any(os.path.lexists(f) for f in process_lock.database_files(target)
           if not f.name.endswith(process_lock.LOCK_SUFFIX)):
        raise Rejected([f"{folder}: this folder already holds an fldd database ({target.name}). Choose an empty "
                        "folder, or move that file away first; nothing was changed."])
    _writable_folder(folder)
    if process_lock.holds(old) > 1:
        raise Rejected([BUSY])
    try:
        backup_files.write_copy(ctx.store, target)
    except BadCandidate as exc:
        raise Rejected([f"{target}: the database could not be copied here ({exc}); nothing was changed."]) \
            from None
    except backup_files.NameTaken:
        raise Rejected([f"{folder}: a file named {target.name} appeared in this folder meanwhile; nothing was "
                        "changed."]) from None
    except OSError as exc:
        raise Rejected([f"{target}: the database could not be copied here: {_write_problem(exc, folder)}; "
                        "nothing was changed."]) from None
    holder = process_lock.read_holder(process_lock.lock_path(old)).kind or process_lock.COMMAND
    try:
        new = open_context(target, user=ctx.user, holder=holder)
    except StoreError as exc:
        backup_files.remove_database(target)
        raise Rejected([f"{target}: the copy could not be opened ({exc.message}); nothing was changed."]) from None
    new.today = ctx.today
    config = app_config.load()
    config.database = str(target)
    try:
        app_config.save(config)
    except OSError as exc:
        new.close()
        backup_files.remove_database(target)
        raise Rejected([f"{app_config.config_path()}: fldd could not note the new place ({exc.strerror or exc}); "
                        "the database stays where it was."]) from None
    extra = process_lock.acquire(old)  # nobody opens the old file between its close and its removal
    try:
        ctx.close()
        backup_files.remove_database(old)
    finally:
        extra.release()
    return new


def backup_status(ctx: AppContext, *, how: str = "Back up now (Ctrl+B)") -> BackupStatus:
    """When this workspace was last backed up, and the reminder to show when that is older than the person's
    reminder setting (preferences.backup_reminder_days), or never happened on a workspace with suppliers.
    how: the words that say how to back up (the command line has its own)."""
    from fldd.usecases.preferences import preferences

    last_at = settings.get(ctx.store, LAST_AT_KEY) or None
    last_path = settings.get(ctx.store, LAST_PATH_KEY) or None
    days_ago = None
    ahead = False
    if last_at:
        try:
            days_ago = (ctx.today() - dt.date.fromisoformat(last_at[:10])).days
        except ValueError:
            last_at = None
    if days_ago is not None and days_ago < -CLOCK_SKEW.days:  # a date to come: the clock was, or is, wrong
        ahead, days_ago = True, None
    elif days_ago is not None:
        days_ago = max(0, days_ago)
    every = preferences(ctx).backup_reminder_days
    reminder = None
    if every and ahead:
        reminder = (f"The last backup is dated {last_at[:10]}, a day still to come: this computer's clock may be "
                    f"wrong, or may have been. {how} {KEEP_SAFE}")
    elif every and days_ago is None and portfolio.counts_any(ctx.store):
        reminder = f"This workspace has never been backed up. {how} {KEEP_SAFE}"
    elif every and days_ago is not None and days_ago >= every:
        reminder = f"Your last backup was {days_ago} day{'' if days_ago == 1 else 's'} ago. {how} {KEEP_SAFE}"
    return BackupStatus(last_at, last_path, days_ago, reminder)
