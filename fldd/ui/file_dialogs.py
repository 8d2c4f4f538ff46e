"""The app's file dialogs, which never open the files they list.

Qt's own file dialog works out each file's type (for its icon and Type column) from its content when the
name does not say it, so showing the folder that holds the database opened and closed the database's -wal and
-shm files, and closing them dropped every POSIX lock SQLite held (see fldd/store/lock.py, whose lock keeps
other fldd processes out whatever happens). Here types come from file names alone: listing a folder opens
nothing in it, so no other program that honours SQLite's locks is misled either. Native dialogs, where the
platform provides them, are left as they are: they do not take the icon provider, and run their listing in a
process of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtGui import QAbstractFileIconProvider
from PySide6.QtWidgets import QFileDialog, QWidget


class NameOnlyTypes(QAbstractFileIconProvider):
    """File types by name, never by reading the file."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt's name
        """The type's description from the file name only ('File' when the name does not tell)."""
        if info.isDir():
            return "Folder"
        found = self._mime.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return found.comment() if not found.isDefault() else "File"


_types: NameOnlyTypes | None = None


def ask(parent: QWidget | None, title: str, mode: QFileDialog.FileMode, *, filters: str = "",
        suggested: str = "", save: bool = False) -> list[str]:
    """Show a file dialog and return what was chosen (empty when cancelled)."""
    dialog = build(parent, title, mode, filters=filters, suggested=suggested, save=save)
    return list(dialog.selectedFiles()) if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def build(parent: QWidget | None, title: str, mode: QFileDialog.FileMode, *, filters: str = "",
          suggested: str = "", save: bool = False) -> QFileDialog:
    """The dialog ask() shows, not yet shown."""
    global _types
    if _types is None:
        _types = NameOnlyTypes()
    dialog = QFileDialog(parent, title, suggested, filters)
    dialog.setIconProvider(_types)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog
