"""Parts the findings dialogs share: the red line that says why a save was refused, OK and Cancel, and the row
that picks one file to keep as evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from fldd.ui.layout import hbox
from fldd.ui.prompter import Prompter
from fldd.ui.theme import OVERDUE_COLOUR

EVIDENCE_FILTERS = "Documents and photos (*.pdf *.jpg *.jpeg *.png *.heic *.docx *.xlsx *.txt);;All files (*)"


def error_line() -> QLabel:
    """A hidden, wrapping, red label for the message of a refused save."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {OVERDUE_COLOUR};")
    label.hide()
    return label


def ok_cancel(ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """OK (with the dialog's own words on it) and Cancel."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok_button.setText(ok_text)
    return buttons, ok_button


class FilePick(QWidget):
    """'Attach…', the chosen file's name and 'Remove'; the file is read only when the dialog saves."""

    changed = Signal()

    def __init__(self, prompter: Prompter, title: str, attach_text: str = "&Attach a file…",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompter = prompter
        self.title = title
        self.path: str | None = None
        self.attach_button = QPushButton(attach_text)
        self.remove_button = QPushButton("R&emove")
        self.label = QLabel()
        self.label.setStyleSheet("color: #555;")
        self.setLayout(hbox(self.attach_button, self.label, self.remove_button, stretch=(0, 1, 0)))
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.attach_button.clicked.connect(self.attach)
        self.remove_button.clicked.connect(lambda: self.set_path(None))
        self.set_path(None)

    def set_path(self, path: str | None) -> None:
        """Show the chosen file (None: none)."""
        self.path = path
        self.label.setText(Path(path).name if path else "No file attached")
        self.label.setToolTip(path or "")
        self.remove_button.setVisible(path is not None)
        self.changed.emit()

    def attach(self) -> None:
        """Ask which file to keep."""
        path = self.prompter.open_file(self, self.title, EVIDENCE_FILTERS)
        if path:
            self.set_path(path)
