"""Asks the auditor why a sample is smaller than the protocol's minimum: the shortfall first, then a reason
box; Submit stays disabled until a reason is written."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fldd.ui.layout import MARGIN, SPACING

WIDTH = 560


class SampleReasonDialog(QDialog):
    """The shortfall, a reason box, and Submit / Cancel."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("sampleReasonDialog")
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        label = QLabel("&Reason for the smaller sample")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("sampleReason")
        self.reason.setPlaceholderText("For example: management allowed two hours on site; the remaining "
                                       "interviews are booked off site for next week.")
        self.reason.setTabChangesFocus(True)
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.submit = self.buttons.addButton("&Submit with this reason", QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit.setEnabled(False)

        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(self.message)
        layout.addWidget(label)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)
        self.setLayout(layout)
        self.resize(WIDTH, self.sizeHint().height() + 60)

        self.reason.textChanged.connect(lambda: self.submit.setEnabled(bool(self.reason.toPlainText().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def text(self) -> str:
        """The reason as written, trimmed."""
        return self.reason.toPlainText().strip()
