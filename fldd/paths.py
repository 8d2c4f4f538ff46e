"""The one place that knows where bundled files and the user's database live, frozen or not."""

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR_ENV = "FLDD_DATA_DIR"  # overrides the user data folder (tests, portable installs)
DB_FILE_NAME = "fldd.sqlite3"


def _bundle_roots() -> list[Path]:
    """Folders that may hold questionnaires/ and resources/, in the order they are tried."""
    roots = []
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file():  # source checkout or editable install
        roots.append(checkout)
    meipass = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if meipass:
        roots.append(Path(meipass))
    roots.append(_PACKAGE_DIR / "_data")  # wheel install (copied there by setup.py)
    return roots


def _bundled_dir(name: str) -> Path:
    """The first existing bundled folder called name; FileNotFoundError names every place tried."""
    tried = [root / name for root in _bundle_roots()]
    for candidate in tried:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"fldd: no {name}/ folder in any of: {', '.join(map(str, tried))}")


def questionnaires_dir() -> Path:
    """Folder of the shipped questionnaire files (the fldd standard)."""
    return _bundled_dir("questionnaires")


def resources_dir() -> Path:
    """Folder of shipped icons, fonts, public risk data and translations."""
    return _bundled_dir("resources")


def data_dir() -> Path:
    """The user's data folder (not created here): $FLDD_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs  # only needed when no override is given

    return Path(platformdirs.user_data_dir(appname="fldd", appauthor="fldd"))


def default_db_path() -> Path:
    """The database used when no --db is given."""
    return data_dir() / DB_FILE_NAME


def cache_dir() -> Path:
    """Where rebuildable files go (the compiled standard): beside the data folder when it is overridden."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(appname="fldd", appauthor="fldd"))
