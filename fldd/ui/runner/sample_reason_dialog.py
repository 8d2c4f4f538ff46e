"""Asks the auditor why a sample is smaller than the protocol's minimum (or, with its own words, why a submitted
assessment's interview records change): the message first, then a reason box; the button stays disabled until
a reason is written."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fldd.ui.layout import MARGIN, SPACING

WIDTH = 560


class SampleReasonDialog(QDialog):
    """The shortfall, a reason box, and Submit / Cancel."""

    def __init__(self, parent: QWidget | None, title: str, text: str, *, label: str = "&Reason for the smaller sample",
                 placeholder: str = "For example: management allowed two hours on site; the remaining interviews "
                                    "are booked off site for next week.",
                 button: str = "&Submit with this reason", minimum: int = 1) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("sampleReasonDialog")
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        label = QLabel(label)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("sampleReason")
        self.reason.setPlaceholderText(placeholder)
        self.reason.setTabChangesFocus(True)
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.submit = self.buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
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

        self.reason.textChanged.connect(
            lambda: self.submit.setEnabled(len("".join(self.reason.toPlainText().split())) >= minimum))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def text(self) -> str:
        """The reason as written, trimmed."""
        return self.reason.toPlainText().strip()
