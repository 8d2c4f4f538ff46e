"""An assessment's import history under the runner's header, for assessments that came from workbooks or answer
packs: one line on the latest revision, and a button that unfolds every file with, under each, what it
changed or why it was refused. Hidden for an assessment made in the app."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from fldd.ui.layout import MARGIN, SPACING
from fldd.usecases.import_log import LogEntry

MAX_ROWS = 6  # the list scrolls beyond this many rows, so the questions keep most of the height
QUESTION_ROLE = Qt.ItemDataRole.UserRole + 1


class ImportHistoryPanel(QWidget):
    """Call show_entries with fldd.usecases.import_log.assessment_imports(...) (oldest first); a change
    activated (Enter, double-click) asks for its question (go_to_question)."""

    go_to_question = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[LogEntry] = []
        self.latest = QLabel()
        self.latest.setObjectName("latestImport")
        self.latest.setStyleSheet("color: #3a4450;")
        self.latest.setWordWrap(True)
        self.toggle = QPushButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("Every file imported into this assessment, with what each changed")
        self.tree = QTreeWidget()
        self.tree.setObjectName("importHistory")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.hide()

        row = QHBoxLayout()
        row.setSpacing(SPACING)
        row.addWidget(self.latest, 1)
        row.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, 0, MARGIN, SPACING // 2)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(row)
        layout.addWidget(self.tree)
        self.toggle.toggled.connect(self._unfold)
        self.tree.itemExpanded.connect(self._fit)
        self.tree.itemCollapsed.connect(self._fit)
        self.tree.itemActivated.connect(self._activated)
        self.hide()

    def show_entries(self, entries: list[LogEntry], question: Callable[[str], str] = str) -> None:
        """Show an assessment's import history (oldest first, listed newest first); none hides the panel.
        question(qid) names a question in a change ("2.1 Is there a written policy…")."""
        self.entries = list(entries)
        self.setVisible(bool(entries))
        if not entries:
            self.toggle.setChecked(False)
            return
        applied = [e for e in entries if e.applied]
        latest = (applied or entries)[-1]
        self.latest.setText(latest.headline())
        self._label_toggle()
        self.tree.clear()
        for entry in reversed(entries):
            item = QTreeWidgetItem([entry.headline()])
            item.setToolTip(0, entry.headline())
            for text, qid in _children(entry, question):
                sub = QTreeWidgetItem([text])
                sub.setToolTip(0, text)
                sub.setData(0, QUESTION_ROLE, qid)
                item.addChild(sub)
            self.tree.addTopLevelItem(item)
        self._fit()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        qid = item.data(0, QUESTION_ROLE)
        if qid:
            self.go_to_question.emit(qid)

    def _unfold(self, shown: bool) -> None:
        self.tree.setVisible(shown)
        self._label_toggle()
        self._fit()

    def _label_toggle(self) -> None:
        count = len(self.entries)
        self.toggle.setText("Hide import &history" if self.toggle.isChecked() else
                            f"Import &history ({count} file{'s' if count != 1 else ''})")

    def _fit(self, *_args) -> None:
        """As tall as its rows, up to MAX_ROWS."""
        rows, index = 0, self.tree.model().index(0, 0)
        while index.isValid() and rows < MAX_ROWS:
            rows += 1
            index = self.tree.indexBelow(index)
        row_height = self.tree.sizeHintForRow(0) if self.tree.topLevelItemCount() else 0
        row_height = row_height if row_height > 0 else self.fontMetrics().height() + 4
        self.tree.setFixedHeight(max(1, rows) * row_height + 2 * self.tree.frameWidth())


def _children(entry: LogEntry, question: Callable[[str], str]) -> list[tuple[str, str]]:
    """What unfolds under a file, with the question id of each change: its changes, or why it was refused."""
    lines = [(str(p), "") for p in entry.problems]
    for c in entry.changes:
        what = f" ({c.what})" if c.what in ("comment", "evidence") else ""
        lines.append((f"{question(c.question)}{what} — {c.old or '(empty)'} → {c.new or '(empty)'}", c.question))
    return lines

