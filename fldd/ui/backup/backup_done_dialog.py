"""What a person sees when a backup is made: where the file went, what it holds, and a button to open its folder
(to copy it to a USB stick or a shared drive, which is what makes it a backup)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fldd.ui.layout import MARGIN, SPACING, page_heading
from fldd.usecases import backup_words as words

WIDTH = 560


def done_text(facts) -> str:
    """The message, as rich text."""
    name, folder = html.escape(facts.path.name), html.escape(str(facts.path.parent))
    return (f"<p>Saved as <b>{name}</b><br>in the folder {folder}</p>"
            f"<p>It holds {words.holds(facts.counts)} ({words.size(facts.size_bytes)}), as they were on "
            f"{words.when(facts.made_at)}. fldd checked the file after writing it.</p>"
            "<p>A backup on this computer does not help if the computer is lost or broken: copy the file to a USB "
            "stick or your company's shared drive as well. To bring a backup back, use "
            "<b>File &gt; Restore from a backup</b>.</p>")


class BackupDoneDialog(QDialog):
    """The backup's place and contents, 'Open the folder' and 'Close'."""

    def __init__(self, facts, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backup made")
        self.setObjectName("backupDone")
        self.facts = facts
        self.prompter = prompter
        self.heading = page_heading("Your workspace is backed up")
        self.text = QLabel(done_text(facts))
        self.text.setObjectName("backupDoneText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.folder_button = self.buttons.addButton("&Open the folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button.setObjectName("openBackupFolder")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.folder_button.clicked.connect(self.open_folder)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(WIDTH)
        self.setMaximumWidth(WIDTH + 200)

    def open_folder(self) -> None:
        """Show the folder that holds the backup, in the system's file manager."""
        self.prompter.show_file(self, self.facts.path, in_folder=True)
