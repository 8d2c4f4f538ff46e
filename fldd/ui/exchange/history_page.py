"""The import history: every workbook and answer pack ever imported, newest first, filtered by outcome, period
and supplier or file name; the selected file's details below, with its assessment a click away; the list as
shown saved as a spreadsheet. Opened from File > Import history (Ctrl+H)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSplitter, QWidget

from fldd.store.errors import StoreError
from fldd.ui.exchange.history_details import EntryDetails
from fldd.ui.exchange.history_model import (
    COL_ASSESSMENT, COL_DETAILS, COL_FILE, COL_OUTCOME, COL_QUESTIONNAIRE, COL_REVISION, COL_SUPPLIER, COL_WHEN,
    ID_ROLE, ImportHistoryModel)
from fldd.ui.exchange.report_model import OUTCOME_WORDS
from fldd.ui.layout import hbox, page_heading, vbox
from fldd.ui.page import Page
from fldd.ui.prompter import Prompter
from fldd.ui.tables import record_table
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.errors import Rejected
from fldd.usecases.import_log import OUTCOMES, LogFilter, import_entry, import_log, save_log_xlsx

COLUMN_WIDTHS = {COL_WHEN: 116, COL_FILE: 200, COL_OUTCOME: 150, COL_SUPPLIER: 170, COL_QUESTIONNAIRE: 126,
                 COL_ASSESSMENT: 84, COL_REVISION: 64}
WIDER = {COL_FILE: 160, COL_SUPPLIER: 90}  # what file names and suppliers get of a wide window, at most
DETAILS_WIDTH = 420  # the Details column keeps this much before File and Supplier widen
PERIODS = (("Any time", None), ("Today", 0), ("Last 7 days", 6), ("Last 30 days", 29), ("Last 12 months", 364))
PAGE_SIZE = 200
DETAILS_SHARE = 0.38  # of the splitter's height, for the details pane
PROBLEMS = (Rejected, StoreError)


class ImportHistoryPage(Page):
    """The import log; open_assessment asks the window to open the assessment of the selected file."""

    title = "Import history"

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()
        self._total = 0

        self.heading = page_heading("Import history")
        self.outcome = QComboBox()
        self.outcome.addItem("All outcomes", None)
        for key in OUTCOMES:
            self.outcome.addItem(OUTCOME_WORDS[key], key)
        self.period = QComboBox()
        for label, days in PERIODS:
            self.period.addItem(label, days)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Supplier or file name")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.setMaximumWidth(420)
        self.count = QLabel()
        self.more_button = QPushButton("Show &more")
        self.save_button = QPushButton("Save as spread&sheet…")
        self.save_button.setToolTip("Save the files listed, with every problem and change, as an .xlsx workbook")
        self.model = ImportHistoryModel(self)
        self.table = record_table(self.model, sortable=False)
        self._columns_moved = self._fitting = False
        self._fit_columns()
        self.details = EntryDetails()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.error.hide()

        outcome_label, period_label, search_label = QLabel("O&utcome:"), QLabel("&When:"), QLabel("Sea&rch:")
        outcome_label.setBuddy(self.outcome)
        period_label.setBuddy(self.period)
        search_label.setBuddy(self.search)
        filters = QWidget()
        filters.setLayout(hbox(outcome_label, self.outcome, period_label, self.period, search_label, self.search,
                               self.count, QWidget(), self.more_button, self.save_button,
                               stretch=(0, 0, 0, 0, 0, 2, 0, 1, 0, 0)))
        filters.layout().setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._splitter_moved = False
        self.setLayout(vbox(self.heading, filters, self.error, self.splitter, self.empty, stretch=(0, 0, 0, 1, 0)))
        self.setTabOrder(self.outcome, self.period)
        self.setTabOrder(self.period, self.search)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.details.open_button)

        self.outcome.currentIndexChanged.connect(self.reload)
        self.period.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.more_button.clicked.connect(self.show_more)
        self.save_button.clicked.connect(self.save)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)
        self.details.open_assessment.connect(self.open_assessment)
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_moved", True))
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.table.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self.reload()

    # ---------------------------------------------------------------- reading

    def log_filter(self) -> LogFilter:
        """The filters as chosen."""
        days = self.period.currentData()
        since = None if days is None else self.ctx.today() - dt.timedelta(days=days)
        return LogFilter(outcome=self.outcome.currentData(), text=self.search.text(), since=since)

    def refresh(self) -> None:
        """Shown again (or a file was just imported): read the log again, keeping the selected file."""
        self.reload()

    def reload(self) -> None:
        """Read the first page of the log under the filters; the selected file stays selected if it is there."""
        keep = self.details.entry.id if self.details.entry else None
        try:
            page = import_log(self.ctx, self.log_filter(), limit=max(PAGE_SIZE, self.model.rowCount()))
        except PROBLEMS as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        self.model.set_rows(page.lines)
        self._total = page.total
        self._update_count()
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, COL_FILE))
        else:
            self.details.show_entry(None)

    def show_more(self) -> None:
        """The next page of older files."""
        try:
            page = import_log(self.ctx, self.log_filter(), limit=PAGE_SIZE, offset=self.model.rowCount())
        except PROBLEMS as exc:
            self._show_error(str(exc))
            return
        self.model.add_lines(page.lines)
        self._total = page.total
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self._total
        self.count.setText(f"{shown} of {total} files" if shown < total else f"{total} file{'s' if total != 1 else ''}")
        self.more_button.setVisible(shown < total)
        self.save_button.setEnabled(total > 0)
        filtered = self.log_filter() != LogFilter()
        self.empty.setText("No file matches these filters." if filtered else
                           "No file has been imported yet. Returned workbooks and answer packs are imported with "
                           "File > Import workbooks or answer packs (Ctrl+I); each one is then listed here.")
        self.empty.setVisible(total == 0)
        self.splitter.setVisible(total > 0)

    # ---------------------------------------------------------------- the selected file

    def _current_changed(self, current, _previous=None) -> None:
        if not current.isValid():
            self.details.show_entry(None)
            return
        try:
            entry = import_entry(self.ctx, int(current.data(ID_ROLE)))
        except PROBLEMS as exc:
            self._show_error(str(exc))
            return
        self.details.show_entry(entry)

    def _activated(self, index) -> None:
        """Enter or a double-click opens the file's assessment, when it has one."""
        if index.isValid() and self.details.entry is not None and self.details.entry.assessment_id is not None:
            self.open_assessment.emit(self.details.entry.assessment_id)

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        """Save the files listed (under the filters, every page) as a spreadsheet."""
        suggested = f"import-history-{self.ctx.today().isoformat()}.xlsx"
        chosen = self.prompter.save_file(self, "Save the import history", suggested, "Spreadsheets (*.xlsx)")
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        try:
            saved, count = save_log_xlsx(self.ctx, self.log_filter(), path)
        except (*PROBLEMS, OSError) as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        self.prompter.inform(self, "Import history saved", f"{count} file{'s' if count != 1 else ''} saved to {saved}.")

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # ---------------------------------------------------------------- layout

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Give the details pane its share of the height until the person drags the splitter."""
        super().resizeEvent(event)
        if not self._splitter_moved:
            total = sum(self.splitter.sizes()) or self.height()
            details = int(total * DETAILS_SHARE)
            self.splitter.setSizes([total - details, details])

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """The table resized: long file and supplier names get room in a wide window (until the person sizes
        a column)."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        if self._columns_moved:
            return
        self._fitting = True
        table = self.table  # its new size is known before its viewport's (a resize event is filtered first)
        inner = table.width() - 2 * table.frameWidth() - table.verticalScrollBar().sizeHint().width()
        spare = inner - sum(COLUMN_WIDTHS.values()) - DETAILS_WIDTH
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width + max(0, min(WIDER.get(column, 0), spare // 2)))
        self._fitting = False

    def _column_resized(self, column: int, *_sizes) -> None:
        if not self._fitting and column != COL_DETAILS:  # Details stretches with the window by itself
            self._columns_moved = True
