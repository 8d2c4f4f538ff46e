"""Everything the log holds about one imported file, for the import history's details pane: its outcome in
words and colour, where its answers went (with a button to open that assessment), and every problem, missing
answer, change and suggested correction."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from fldd.ui.exchange.report_model import OUTCOME_COLOURS, OUTCOME_WORDS
from fldd.ui.layout import SPACING
from fldd.ui.theme import badge_style
from fldd.usecases.import_log import PACK, LogEntry, local_time_text

PLACEHOLDER = "Select a file to read everything about its import: every problem with its sheet, cell and " \
              "question, the answers it changed, the required answers still missing."


def entry_text(entry: LogEntry) -> str:
    """The entry as plain text, one fact or item a line."""
    saved_word = "Pack exported" if entry.kind == PACK else "File saved"
    facts = [("Imported", local_time_text(entry.imported_at)),
             ("Supplier", entry.supplier or "not known (the file could not be read that far)"),
             ("Questionnaire", entry.questionnaire),
             ("Assessment", _target(entry)),
             (saved_word, local_time_text(entry.saved_at) if entry.saved_at else ""),
             ("Export", entry.export_id or ""),
             ("sha256", entry.sha256)]
    lines = [f"{name}: {value}" for name, value in facts if value]
    if entry.note:
        lines += ["", entry.note]
    sections = (("Problems", [str(p) for p in entry.problems]),
                ("Changes", [str(c) for c in entry.changes]),
                ("Supplier profile corrections suggested (apply or dismiss them on the supplier's page in Suppliers)",
                 [f"{c.question}: {c.old or '(empty)'} -> {c.new}" for c in entry.corrections]),
                ("Missing before it can be submitted", [m.missing_text() for m in entry.missing]))
    for title, items in sections:
        if items:
            lines += ["", f"{title} ({len(items)}):"]
            lines += [f"  • {item}" for item in items]
    return "\n".join(lines)


def _target(entry: LogEntry) -> str:
    if entry.assessment_id is None:
        return "none (nothing was written)" if entry.outcome == "rejected" else ""
    if entry.applied:
        made = "created it" if entry.revision in (None, 1) else f"revision {entry.revision}"
        return f"{entry.assessment_id} ({made})"
    return f"{entry.assessment_id} (not changed by this file)"


class EntryDetails(QWidget):
    """The selected entry: file name and outcome badge, an Open assessment button, the full text below."""

    open_assessment = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: LogEntry | None = None
        self.title = QLabel()
        self.title.setObjectName("entryFile")
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome = QLabel()
        self.outcome.setObjectName("entryOutcome")
        self.open_button = QPushButton("&Open assessment")
        self.open_button.setToolTip("Open the assessment this file created or changed")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(PLACEHOLDER)

        head = QHBoxLayout()
        head.setSpacing(SPACING)
        head.addWidget(self.title, 1)
        head.addWidget(self.outcome)
        head.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(head)
        layout.addWidget(self.text, 1)
        self.open_button.clicked.connect(self._open)
        self.show_entry(None)

    def show_entry(self, entry: LogEntry | None) -> None:
        """Show an entry, or nothing."""
        self.entry = entry
        self.title.setText(entry.file_name if entry else "")
        self.title.setToolTip(entry.file_name if entry else "")
        self.outcome.setText(OUTCOME_WORDS.get(entry.outcome, entry.outcome) if entry else "")
        self.outcome.setStyleSheet(badge_style(OUTCOME_COLOURS.get(entry.outcome, "#e8e8e8")) if entry else "")
        self.outcome.setVisible(entry is not None)
        self.open_button.setVisible(entry is not None)
        self.open_button.setEnabled(entry is not None and entry.assessment_id is not None)
        if entry is not None and entry.assessment_id is not None:
            self.open_button.setText(f"&Open assessment {entry.assessment_id}")
        else:
            self.open_button.setText("&Open assessment")
        self.text.setPlainText(entry_text(entry) if entry else "")

    def _open(self) -> None:
        if self.entry is not None and self.entry.assessment_id is not None:
            self.open_assessment.emit(self.entry.assessment_id)
