"""Worker interviews of an on-site assessment: one record per interview code (never a name), whose counts fill
the worker-interview questions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QRegularExpressionValidator
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QDateEdit, QFrame, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton, QScrollArea,
                               QTableView, QVBoxLayout, QWidget)

from fldd.standard.answers import AnswerError
from fldd.standard.model import pick
from fldd.store.answer_corrections import MIN_REASON
from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.runner.interview_context import InterviewContext
from fldd.usecases.errors import Rejected
from fldd.usecases.interview_records import list_interviews
from fldd.usecases.interviews import interview_questions, record_interview, remove_interview

COL_CODE, COL_DATE, COL_FACTS = range(3)
HEADERS = ("Code", "Date", "Facts answered")
CHOICES = (("yes", "Yes"), ("no", "No"), ("", "Not asked"))
TABLE_HEIGHT = 124
ERROR_STYLE = "color: #b00020;"


class InterviewModel(QAbstractTableModel):
    """The interview records: code, date and how many facts each one answers."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        if index.column() == COL_CODE:
            return row["code"]
        if index.column() == COL_DATE:
            return row["interviewed_on"] or "—"
        return f"{row['answered']} of {row['of']}"


class InterviewsPanel(QWidget):
    """The interview list and the form for one interview."""

    saved = Signal()  # the records (and so the counts) changed

    def __init__(self, session, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.prompter = prompter
        self.setObjectName("interviewsPanel")
        lang = session.record.language
        self.facts = interview_questions(session)

        heading = QLabel("Worker interviews")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel("One record per interview, under a code such as W-014: never a name. Ask each worker in "
                       "their words and mark Yes or No as they answered (“Not asked” where it did not come up); "
                       "only the counts enter the assessment.")
        intro.setWordWrap(True)
        self.model = InterviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("interviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(COL_CODE, 110)
        self.table.setColumnWidth(COL_DATE, 120)
        self.table.setFixedHeight(TABLE_HEIGHT)
        self.new_button = QPushButton("&New interview")
        self.delete_button = QPushButton("&Delete interview")
        self.code = QLineEdit()
        self.code.setObjectName("interviewCode")
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,4}-?[0-9]{0,4}"), self.code))
        self.code.setPlaceholderText("W-014")
        self.code.setMaximumWidth(140)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumWidth(140)
        self.groups: dict[str, QButtonGroup] = {}
        self.numbers: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.context = InterviewContext()
        form_inner = QWidget()
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING)
        grid.setColumnStretch(0, 1)
        for row, question in enumerate(self.facts):
            label = QLabel(pick(question.ask, lang))  # asked of one worker; the count is the question's text
            label.setWordWrap(True)
            label.setToolTip(pick(question.text, lang))
            self.labels[question.id] = label
            grid.addWidget(label, row, 0)
            if question.tally == "yes":
                group = QButtonGroup(self)
                for column, (value, text) in enumerate(CHOICES, start=1):
                    button = QRadioButton(text)
                    button.setProperty("value", value)
                    group.addButton(button)
                    grid.addWidget(button, row, column)
                    button.setChecked(value == "")
                self.groups[question.id] = group
            else:
                line = QLineEdit()
                line.setValidator(QDoubleValidator(0, 10_000, 2, line))
                line.setPlaceholderText(pick(question.unit, lang) if question.unit else "")
                line.setMaximumWidth(170)
                label.setBuddy(line)
                grid.addWidget(line, row, 1, 1, 3)
                self.numbers[question.id] = line
        inner = QVBoxLayout()
        inner.setSpacing(SPACING * 2)
        inner.addWidget(self.context.setting)
        inner.addLayout(grid)
        inner.addWidget(self.context.notes)
        inner.addStretch(1)
        form_inner.setLayout(inner)
        self.scroll = QScrollArea()
        self.scroll.setWidget(form_inner)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.status = QLabel()
        self.save_button = QPushButton("Sa&ve interview")
        self.save_button.setDefault(True)

        code_label = QLabel("C&ode")
        code_label.setBuddy(self.code)
        date_label = QLabel("D&ate")
        date_label.setBuddy(self.date)
        buttons = QHBoxLayout()  # one row: the form needs the height on a laptop screen
        for widget in (self.new_button, self.delete_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        for widget in (code_label, self.code, date_label, self.date):
            buttons.addWidget(widget)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        for widget in (heading, intro, self.table):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.setLayout(layout)

        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.new_button.clicked.connect(self.new_interview)
        self.delete_button.clicked.connect(self.delete_interview)
        self.save_button.clicked.connect(self.save)
        self.code.returnPressed.connect(self.save)
        self.reload()
        self.new_interview()

    def reload(self) -> None:
        """Re-read the records."""
        self.model.set_rows(list_interviews(self.session))
        self.delete_button.setEnabled(bool(self.model.rows) and not self.session.read_only)

    def set_read_only(self, read_only: bool) -> None:
        """A closed assessment: records can be looked at, not changed."""
        for widget in (self.new_button, self.save_button, self.code, self.date, self.scroll.widget()):
            widget.setEnabled(not read_only)
        self.context.set_enabled(not read_only)
        self.delete_button.setEnabled(not read_only and bool(self.model.rows))

    def new_interview(self) -> None:
        """An empty form with the next free code."""
        taken = {row["code"] for row in self.model.rows}
        number = len(taken) + 1
        while f"W-{number:03d}" in taken:
            number += 1
        self._fill(f"W-{number:03d}", self.session.ctx.today().isoformat(), {}, {})
        self.table.clearSelection()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            row = self.model.rows[current.row()]
            self._fill(row["code"], row["interviewed_on"], row["facts"], row["context"])

    def _fill(self, code: str, day: str | None, facts: dict, context: dict) -> None:
        self.code.setText(code)
        date = dt.date.fromisoformat(day) if day else self.session.ctx.today()
        self.date.setDate(QDate(date.year, date.month, date.day))
        for qid, group in self.groups.items():
            for button in group.buttons():
                button.setChecked(button.property("value") == (facts.get(qid) or ""))
        for qid, line in self.numbers.items():
            value = facts.get(qid)
            line.setText("" if value is None else f"{value:g}")
        self.context.fill(context)
        self.set_error(None)

    def facts_entered(self) -> dict:
        """The form's facts: 'yes' / 'no' per question asked, numbers as text."""
        facts = {qid: group.checkedButton().property("value") for qid, group in self.groups.items()
                 if group.checkedButton() is not None and group.checkedButton().property("value")}
        facts.update({qid: line.text().strip() for qid, line in self.numbers.items() if line.text().strip()})
        return facts

    def save(self) -> None:
        """Record the interview in the form (a known code replaces its record)."""
        reason = self.reviewers_reason(f"interview {self.code.text().strip().upper()} is recorded")
        if reason is False:
            return
        try:
            record_interview(self.session, self.code.text(), self.facts_entered(),
                             self.date.date().toString("yyyy-MM-dd"), self.context.values(), reason=reason)
        except (Rejected, StoreError, AnswerError) as exc:  # AnswerError: a count the questionnaire refuses
            self.set_error(str(exc))
            self.reload()
            self.saved.emit()  # the record may be kept even when a count could not be
            return
        code = self.code.text().strip().upper()
        self.reload()
        self.status.setText(f"Saved interview {code}; {len(self.model.rows)} interview"
                            f"{'s' if len(self.model.rows) != 1 else ''} recorded.")
        self.saved.emit()
        self.new_interview()

    def delete_interview(self) -> None:
        """Remove the selected record, after asking."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        code = self.model.rows[index.row()]["code"]
        if not self.prompter.confirm(self, "Delete interview", f"Delete the record of interview {code}? "
                                                               "The counts will be computed again."):
            return
        reason = self.reviewers_reason(f"interview {code} is deleted")
        if reason is False:
            return
        try:
            remove_interview(self.session, code, reason=reason)
        except (Rejected, StoreError, LookupError) as exc:
            self.set_error(str(exc))
            return
        self.reload()
        self.status.setText(f"Deleted interview {code}.")
        self.saved.emit()
        self.new_interview()

    def reviewers_reason(self, what: str) -> str | None | bool:
        """Once submitted, the reviewer's reason for changing the records (False when they cancel); None before."""
        if not self.session.corrects:
            return None
        reason = self.prompter.reason(self, "Change the interviews of a submitted assessment",
                                      f"This assessment is submitted: {what}, and the counts that came from the "
                                      "records are corrected with your name, the date and this reason (counts "
                                      "typed in directly stay as they are).",
                                      label="&Your reason (required)", button="&Record with this reason",
                                      placeholder="What you saw: for example, W-013 was interviewed off site on "
                                                  "the second visit", minimum=MIN_REASON)
        return False if reason is None else reason

    def set_error(self, message: str | None) -> None:
        """A red line above the Save button (None clears it)."""
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
