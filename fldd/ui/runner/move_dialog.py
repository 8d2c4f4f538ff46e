"""The confirmation before assessments move to another questionnaire version: what the move will carry, leave
out, keep read-only and conclude, read before anything changes. Cancel is the default button: the move is
recorded for good."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fldd.ui.layout import MARGIN, SPACING


class MoveDialog(QDialog):
    """A heading, the report as plain text, and the move or cancel buttons."""

    def __init__(self, parent: QWidget | None, title: str, heading: str, lines: list[str], accept: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("moveDialog")
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.report = QPlainTextEdit("\n".join(lines))
        self.report.setObjectName("moveReport")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.buttons = QDialogButtonBox()
        self.move_button = self.buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.setObjectName("confirmMove")
        self.move_button.setAutoDefault(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.setLayout(layout)
        self.resize(760, 460)
        cancel.setFocus()
