"""File > Settings. CONTRACT (issue 12): the settings helper fills this."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class SettingsDialog(QDialog):
    """Role, language, the database's place (move, open folder), backups (folder, reminder, back up now,
    restore). Takes the main window (for its ctx and replace_context) and the prompter."""

    def __init__(self, window, prompter, parent=None) -> None:
        super().__init__(parent or window)
        raise NotImplementedError
