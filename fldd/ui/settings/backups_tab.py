"""Settings > Backups: the folder backups go to (Change…, kept in the app config when OK is pressed), the reminder
when the last backup is old, when the last backup was made, and Back up now / Restore from a backup…."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fldd import app_config
from fldd.store.errors import StoreError
from fldd.ui.layout import SPACING
from fldd.ui.settings.database_tab import note
from fldd.ui.settings.folders import path_label, show_folder
from fldd.usecases import backup, backup_words
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import REMINDER_CHOICES

REMINDER_WORDS = {7: "a week (7 days)", 30: "a month (30 days)", 90: "three months (90 days)", 0: "Never remind me"}
WARNING_STYLE = "color: #8a4b00; font-weight: bold;"


def when_words(status) -> str:
    """'20 November 2026 at 14:02 (3 days ago)', or that there is none."""
    if not status.last_at:
        return "No backup of this workspace has been made yet."
    ago = {None: "", 0: " (today)", 1: " (yesterday)"}.get(status.days_ago, f" ({status.days_ago} days ago)")
    return f"{backup_words.when(status.last_at)}{ago}"


class BackupsTab(QWidget):
    """The backup folder and reminder as chosen here (pending until the dialog applies them), the last backup,
    and the two actions, which run at once through the main window."""

    restored = Signal()  # the window now works on a restored workspace: its choices are shown afresh

    def __init__(self, main, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main, self.prompter = main, prompter
        self.folder = app_config.backup_folder()
        self.folder_label = path_label(str(self.folder))
        self.folder_label.setObjectName("backupFolder")
        self.change_button = QPushButton("C&hange…")
        self.change_button.clicked.connect(self.change_folder)
        self.open_button = QPushButton("Open folder")
        self.open_button.clicked.connect(lambda: show_folder(self.prompter, self, self.folder))
        self.reminder = QComboBox()
        for days in REMINDER_CHOICES:
            self.reminder.addItem(REMINDER_WORDS[days], days)
        reminder_label = QLabel("&Remind me when the last backup is older than:")
        reminder_label.setBuddy(self.reminder)
        self.last = path_label()
        self.last.setObjectName("lastBackup")
        self.last_file = path_label()
        self.last_file.setStyleSheet("color: #444;")
        self.last_file.hide()
        self.warning = note("", WARNING_STYLE)
        self.warning.hide()
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setToolTip("Write a backup of the whole workspace to the backup folder now")
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton("Restore from a bac&kup…")
        self.restore_button.clicked.connect(self.restore)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_button)
        folder_row.addWidget(self.open_button)
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(reminder_label)
        reminder_row.addWidget(self.reminder)
        reminder_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        last = QGridLayout()
        last.addWidget(QLabel("Last backup:"), 0, 0, Qt.AlignmentFlag.AlignTop)
        last.addWidget(self.last, 0, 1)
        last.addWidget(self.last_file, 1, 1)
        last.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(note("A backup is one file holding your whole workspace, evidence files included. Backups "
                              "are written to:", ""))
        layout.addLayout(folder_row)
        layout.addWidget(note("Pick a folder your company's backups or cloud storage copy, or a USB stick you keep "
                              "elsewhere: a backup on the same disk as the database is lost with it."))
        layout.addSpacing(SPACING * 2)
        layout.addLayout(reminder_row)
        layout.addWidget(note("fldd reminds you to back up when the last backup is older than this."))
        layout.addSpacing(SPACING * 2)
        layout.addLayout(last)
        layout.addWidget(self.warning)
        layout.addLayout(actions)
        layout.addWidget(note("Back up now and Restore happen at once, not when you press OK. A restore keeps a "
                              "backup of the workspace it replaces."))
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        """Show the reminder saved for the workspace the window works on, and its last backup."""
        from fldd.usecases.preferences import preferences

        days = preferences(self.main.ctx).backup_reminder_days
        self.reminder.setCurrentIndex(max(0, self.reminder.findData(days)))
        self.show_status()

    def show_status(self) -> None:
        """When the last backup was made, and the reminder when one is due."""
        try:
            status = backup.backup_status(self.main.ctx)
        except (Rejected, StoreError) as exc:
            self.last.setText(f"Cannot tell: {exc}")
            self.last_file.hide()
            self.warning.hide()
            return
        self.last.setText(when_words(status))
        self.last_file.setText(f"File: {status.last_path}" if status.last_path else "")
        self.last_file.setVisible(bool(status.last_path))
        self.warning.setText(status.reminder or "")
        self.warning.setVisible(bool(status.reminder))

    def reminder_days(self) -> int:
        """The reminder chosen here (saved when the dialog applies)."""
        return self.reminder.currentData()

    def folder_changed(self) -> bool:
        """True when a folder other than the saved one was chosen."""
        return self.folder != app_config.backup_folder()

    def change_folder(self) -> None:
        """Choose the backup folder; one fldd cannot write to is refused here, naming it."""
        chosen = self.prompter.open_folder(self, "Write backups to which folder?")
        if not chosen:
            return
        folder = Path(chosen)
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            self.prompter.error(self, "Cannot write backups there",
                                f"fldd cannot write to {folder}. Choose a folder you can save files in.")
            return
        self.folder = folder
        self.folder_label.setText(str(folder))

    def save_folder(self) -> None:
        """Keep the chosen folder in the app config (the default is kept as 'no choice', so it follows the
        Documents folder). OSError when the config cannot be written."""
        if not self.folder_changed():
            return
        config = app_config.load()
        config.backup_folder = None if self.folder == app_config.default_backup_folder() else str(self.folder)
        app_config.save(config)

    def back_up(self) -> None:
        """Back up now, into the folder shown here (a folder just chosen is kept first, so the backup goes where
        the person sees)."""
        try:
            self.save_folder()
        except OSError as exc:
            self.prompter.error(self, "Cannot keep the backup folder", f"{app_config.config_path()}: {exc}")
            return
        self.main.back_up()
        job = getattr(self.main, "backup_job", None)  # the backup runs off the window's thread
        if job is None:
            self.show_status()
            return
        self.backup_button.setEnabled(False)
        job.finished.connect(self._backed_up)

    def _backed_up(self) -> None:
        self.backup_button.setEnabled(True)
        self.show_status()

    def restore(self) -> None:
        """Restore from a backup; the restored workspace's own choices are shown after."""
        before = self.main.ctx
        self.main.restore()
        if self.main.ctx is not before:
            self.restored.emit()
        else:
            self.show_status()
