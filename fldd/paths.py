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


def app_folder() -> Path | None:
    """The folder the running app was installed into, which an update or uninstall replaces whole: the bundle's
    folder (the .app on macOS) when frozen; None for a source checkout, which no installer touches."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    if folder.name == "MacOS" and folder.parent.name == "Contents" and folder.parent.parent.suffix == ".app":
        return folder.parent.parent
    return folder


def inside_app_folder(path: Path | str) -> bool:
    """True when path is the app's folder or anything under it (links followed), or under the bundle's own files."""
    roots = [app_folder()]
    meipass = getattr(sys, "_MEIPASS", None) if roots[0] else None
    if meipass:
        roots.append(Path(meipass).resolve())
    place = Path(path).expanduser().resolve()
    return any(root is not None and place.is_relative_to(root) for root in roots)
