"""Folders the person's work must not be kept in, checked before the database is moved or a backup folder chosen.

The app's own folder is replaced whole when fldd is updated and deleted when it is uninstalled: a database or
backups put there would go with it, so it is refused. A backup folder on the same disk as the database (the
database's own folder, or fldd's data folder) is allowed but warned about: a dead disk takes both."""

from __future__ import annotations

from pathlib import Path

from fldd import paths
from fldd.usecases.errors import Rejected


def refuse_unsafe_folder(folder: Path | str, what: str) -> None:
    """Rejected, naming the folder and why, when folder is inside the app's own folder; what says what was to go
    there ('the database', 'backups')."""
    if paths.inside_app_folder(folder):
        raise Rejected([f"{folder}: this folder is inside the folder fldd itself is installed in "
                        f"({paths.app_folder()}). Updating or uninstalling fldd replaces that folder, and "
                        f"{what} would be deleted with it. Choose a folder outside it, for example in your "
                        "Documents; nothing was changed."])


def _within(place: Path, folder: Path) -> bool:
    try:
        return place.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def same_disk_warning(folder: Path | str, database: Path | str) -> str | None:
    """A warning when backups would sit beside the database (its folder or fldd's data folder), else None."""
    folder = Path(folder)
    if not (_within(folder, Path(database).parent) or _within(folder, paths.data_dir())):
        return None
    return (f"{folder} is beside your database. A backup on the same disk is lost with it when the disk fails "
            "or the computer is lost. Prefer a USB stick, a network folder or a cloud folder for backups.")
