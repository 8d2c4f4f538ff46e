"""Settings > Database: where the workspace's one file lives, how big it is, Open folder, and moving it to another
folder (done at once, through the backup use case: copied, checked, then the old file removed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fldd.store.errors import StoreError
from fldd.ui.layout import SPACING
from fldd.ui.settings.folders import open_folder_button, path_label
from fldd.usecases import backup
from fldd.usecases import backup_words
from fldd.usecases.about import database_size
from fldd.usecases.errors import Rejected

NOTE_STYLE = "color: #444;"
DONE_STYLE = "color: #1b5e20;"


def note(text: str, style: str = NOTE_STYLE) -> QLabel:
    """A wrapped line of explanation under a setting."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    return label


class DatabaseTab(QWidget):
    """The database's place and size; Open folder; Move to another folder… (the main window is told the new
    context, so every page works on the moved file)."""

    def __init__(self, main, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main, self.prompter = main, prompter
        self.path = path_label()
        self.path.setObjectName("databasePath")
        self.size = QLabel()
        self.open_button = open_folder_button(prompter, self, lambda: self.main.ctx.store.path, holds_file=True)
        self.move_button = QPushButton("&Move to another folder…")
        self.move_button.clicked.connect(self.move)
        self.status = note("", DONE_STYLE)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.move_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(note("Your whole workspace — suppliers, assessments, answers, findings, corrective "
                              "actions and the evidence files attached to them — is kept in this one file:", ""))
        layout.addWidget(self.path)
        layout.addWidget(self.size)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addSpacing(SPACING * 2)
        layout.addWidget(note("Move it when this folder is not where you keep your work, for example to a folder "
                              "your company's backups cover. fldd copies the database to the folder you choose, "
                              "checks the copy, points itself at it and only then removes the file here. It "
                              "happens at once, not when you press OK."))
        layout.addWidget(note("Choose a folder on this computer. A network drive, or a folder that OneDrive, "
                              "Dropbox or Google Drive keeps in sync, can damage a database while it is open: "
                              "keep backups there instead (Backups tab)."))
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        """Show the database the window works on now."""
        path = Path(self.main.ctx.store.path)
        self.path.setText(str(path))
        self.size.setText(f"Size: {backup_words.size(database_size(path))}")

    def move(self) -> None:
        """Ask for a folder, confirm, move; a refusal is shown in full and nothing changes."""
        chosen = self.prompter.open_folder(self, "Move the database to which folder?")
        if not chosen:
            return
        target, current = Path(chosen), Path(self.main.ctx.store.path)
        if target.resolve() == current.parent.resolve():
            self.prompter.inform(self, "Already there", f"The database is already in {target}.")
            return
        if not self.prompter.confirm(self, "Move the database?",
                                     f"Move your workspace to {target}?\n\nfldd copies it there, checks the copy, "
                                     f"and then removes {current.name} from {current.parent}. From now on fldd "
                                     "opens it from the new folder."):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            moved = backup.move_database(self.main.ctx, target)
        except Rejected as exc:
            QApplication.restoreOverrideCursor()
            self.prompter.error(self, "The database was not moved",
                                "\n".join(exc.messages) + f"\n\nNothing changed: fldd still uses {current}.")
            return
        except (StoreError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            self.prompter.error(self, "The database was not moved", f"{exc}\n\nfldd still uses {current}.")
            return
        QApplication.restoreOverrideCursor()
        self.main.replace_context(moved)
        self.refresh()
        self.status.setText(f"Moved. fldd now opens your database from {moved.store.path}.")
        self.status.show()
