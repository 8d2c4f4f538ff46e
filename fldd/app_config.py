"""The few choices that live outside any database: where the database is and where backups go.

They cannot live in the database (the app must find the database first), so they sit in a small JSON file in
the user data folder (`fldd.json`), written atomically. Everything else a person chooses (role, language,
backup reminder) belongs to the workspace and is kept in the database's settings (usecases/preferences.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from fldd import paths

CONFIG_FILE_NAME = "fldd.json"


@dataclass
class AppConfig:
    """database: the database to open when no --db is given (None: the default in the data folder);
    backup_folder: where backups are written (None: default_backup_folder())."""

    database: str | None = None
    backup_folder: str | None = None


def config_path() -> Path:
    """The config file: in the user data folder (FLDD_DATA_DIR in tests and portable installs)."""
    return paths.data_dir() / CONFIG_FILE_NAME


def load() -> AppConfig:
    """The saved config; a missing, unreadable or damaged file reads as the defaults (it holds only pointers,
    and the defaults are always safe)."""
    try:
        raw = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppConfig()
    if not isinstance(raw, dict):
        return AppConfig()
    known = {k: v for k, v in raw.items() if k in AppConfig.__dataclass_fields__ and (v is None or isinstance(v, str))}
    return AppConfig(**known)


def save(config: AppConfig) -> None:
    """Write the config atomically (temporary file, fsync, replace): a crash leaves the old one or the new one."""
    target = config_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    with open(tmp, "w", encoding="utf-8") as out:
        json.dump(asdict(config), out, indent=2, ensure_ascii=False)  # paths read as written (install scripts read it)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)


def database_path() -> Path:
    """The database the app opens without --db: the one the person moved it to, else the default."""
    chosen = load().database
    return Path(chosen) if chosen else paths.default_db_path()


class DatabaseMissing(Exception):
    """fldd.json points at a database that is not there (the drive or folder it was moved to is missing, or the
    file is gone): opening would make a new empty one there and the person would think their work lost."""

    def __init__(self, path: Path, how: str) -> None:
        super().__init__(f"{path}: fldd's database is not there. It was moved to this place, and its folder or "
                         f"drive may not be connected (a USB drive, a network or cloud folder), or the file was "
                         f"moved away or deleted. {how} fldd did not create a new, empty database.")
        self.path = path


CLI_HOW = "Connect the drive and try again, or run with --db FILE to open a database elsewhere."
APP_HOW = "Connect the drive, then start fldd again."


def database_to_open(how: str = CLI_HOW) -> Path:
    """database_path(), refused (DatabaseMissing, its message ending with how) when the person moved the database
    and it is not there; a brand-new default database (nothing moved) may still be created."""
    path = database_path()
    if load().database and not path.exists():
        raise DatabaseMissing(path, how)
    return path


def default_backup_folder() -> Path:
    """Where backups go unless the person chose a folder: 'fldd backups' in their Documents folder (the place a
    Windows user looks, and one that their own backup tools usually copy); under FLDD_DATA_DIR in tests."""
    override = os.environ.get(paths.DATA_DIR_ENV)
    if override:
        return Path(override) / "backups"
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "fldd backups"


def backup_folder() -> Path:
    """The folder backups are written to."""
    chosen = load().backup_folder
    return Path(chosen) if chosen else default_backup_folder()
