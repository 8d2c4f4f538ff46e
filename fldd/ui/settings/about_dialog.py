"""Help > About fldd. CONTRACT (issue 12): the settings helper fills this."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class AboutDialog(QDialog):
    """Version, database and data folder, questionnaire versions, risk-data editions; copy for support."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        raise NotImplementedError
