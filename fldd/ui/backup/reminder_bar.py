"""The bar at the top of Home when a backup is due: what is at stake, 'Back up now', and 'Remind me later' (until
fldd is next started: a reminder snoozed for good would never be seen again)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from fldd.store.errors import StoreError
from fldd.ui.layout import hbox
from fldd.usecases.backup import backup_status

_snoozed: set[str] = set()  # databases whose reminder was put off for this session

BACKGROUND, BORDER = "#fff1c2", "#e0c060"


class BackupReminderBar(QFrame):
    """Hidden unless backup_status has a reminder for the workspace."""

    back_up = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupReminder")
        self.setStyleSheet(f"QFrame#backupReminder {{ background: {BACKGROUND}; border: 1px solid {BORDER}; "
                           "border-radius: 4px; }")
        self.text = QLabel()
        self.text.setObjectName("backupReminderText")
        self.text.setWordWrap(True)
        self.now_button = QPushButton("&Back up now")
        self.now_button.setObjectName("backupReminderNow")
        self.later_button = QPushButton("Remind me &later")
        self.later_button.setObjectName("backupReminderLater")
        self.later_button.setToolTip("Hide this until fldd is started again")
        layout = hbox(self.text, self.now_button, self.later_button, stretch=(1, 0, 0))
        layout.setContentsMargins(10, 6, 10, 6)
        self.setLayout(layout)
        self._key = ""
        self.now_button.clicked.connect(self.back_up)
        self.later_button.clicked.connect(self.snooze)
        self.hide()

    def update_for(self, ctx) -> None:
        """Show the workspace's reminder, if one is due and not put off."""
        self._key = str(ctx.store.path)
        try:
            reminder = backup_status(ctx).reminder
        except StoreError:
            reminder = None
        if reminder is None or self._key in _snoozed:
            self.hide()
            return
        self.text.setText(reminder)
        self.show()

    def snooze(self) -> None:
        """Put the reminder off until fldd is next started."""
        _snoozed.add(self._key)
        self.hide()
