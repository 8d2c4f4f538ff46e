"""A supplier's open findings and their corrective actions, in the supplier panel: the most severe and most late
first, each with its due date and status (late ones in red) and a button that opens it in the Findings page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from fldd.ui.findings.findings_model import overdue_text
from fldd.ui.layout import SPACING
from fldd.ui.theme import ACTION_STATUS_WORDS, OVERDUE_COLOUR, SEVERITY_COLOURS, SEVERITY_WORDS, badge_style

SHOWN = 6  # lines listed; the rest are counted, a click away on the Findings page
STATUS_SHOWN = {**ACTION_STATUS_WORDS, "done": "Done, to verify"}


@dataclass
class Line:
    """One finding as shown: its severity badge, its title, when it is due and its status, its Open button."""

    action_id: int
    badge: QLabel
    title: QLabel
    when: QLabel
    button: QPushButton


def when_text(row: dict) -> str:
    """'Plan overdue by 3 days · Open' or 'Plan due 2026-12-07 · closure 2027-02-05 · In progress'."""
    status = STATUS_SHOWN.get(row["status"], row["status"])
    if row["overdue"]:
        return f"{overdue_text(row)} · {status}"
    if row.get("closure_date"):
        return f"Plan due {row['due_date']} · closure {row['closure_date']} · {status}"
    return f"Due {row['due_date']} · {status}"


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


class SupplierFindings(QWidget):
    """Set with set_rows(open findings as list_findings gives them, most urgent first)."""

    open_action = Signal(int)  # corrective action id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[Line] = []
        self.heading = _heading("Open findings")
        self.empty = QLabel("None open.")
        self.more = QLabel()
        self.more.setStyleSheet("color: #555;")
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(SPACING)
        self.grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING // 2)
        column.addWidget(self.heading)
        column.addWidget(self.empty)
        column.addLayout(self.grid)
        column.addWidget(self.more)

    def set_rows(self, rows: list[dict]) -> None:
        """Show these findings (overdue first within a severity), at most SHOWN of them."""
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # until it is deleted it would still paint over the new lines
                widget.deleteLater()
        self.lines = []
        rows = sorted(rows, key=lambda r: (list(SEVERITY_WORDS).index(r["severity"]), not r["overdue"],
                                           r["due_date"] or ""))
        self.heading.setText(f"Open findings ({len(rows)})" if rows else "Open findings")
        self.empty.setVisible(not rows)
        for number, row in enumerate(rows[:SHOWN]):
            badge = QLabel(SEVERITY_WORDS.get(row["severity"], row["severity"]))
            badge.setStyleSheet(badge_style(SEVERITY_COLOURS.get(row["severity"], "#e4e7eb")))
            badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            title = QLabel(row["title"])
            title.setWordWrap(True)
            when = QLabel(when_text(row))
            when.setWordWrap(True)
            when.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: bold;" if row["overdue"] else "color: #555;")
            button = QPushButton("Open")
            button.setToolTip(f"Show this finding in the Findings page: {row['description']}")
            button.clicked.connect(lambda _=False, aid=row["action_id"]: self.open_action.emit(aid))
            words = QWidget()  # title and due date close together, read as one
            lines = QVBoxLayout(words)
            lines.setContentsMargins(0, 0, 0, 0)
            lines.setSpacing(1)
            lines.addWidget(title)
            lines.addWidget(when)
            self.grid.addWidget(badge, number, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(words, number, 1)
            self.grid.addWidget(button, number, 2, Qt.AlignmentFlag.AlignTop)
            self.lines.append(Line(row["action_id"], badge, title, when, button))
        hidden = len(rows) - SHOWN
        self.more.setText(f"… and {hidden} more on the Findings page" if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
