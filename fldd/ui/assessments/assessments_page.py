"""The assessments page: every assessment of the portfolio, filtered by tier, status and text; double-click
or Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.assessments.assessments_model import (
    COL_COMPLETE,
    COL_QUESTIONNAIRE,
    COL_RATING,
    COL_SCORE,
    COL_STARTED,
    COL_STATUS,
    COL_SUBMITTED,
    COL_SUPPLIER,
    COL_VALID,
    ID_ROLE,
    TIER_TITLES,
    AssessmentsFilter,
    AssessmentsModel,
)
from fldd.ui.tables import record_table
from fldd.ui.layout import hbox, page_heading, vbox
from fldd.ui.page import Page
from fldd.ui.prompter import Prompter
from fldd.ui.rating_legend import legend_label
from fldd.ui.reports.assessment_reports import AssessmentReportButton
from fldd.ui.theme import STATUS_WORDS
from fldd.usecases.assessments import list_assessments
from fldd.usecases.errors import Rejected
from fldd.usecases.version_moves import bulk_lines, movable_count, move_all

FITTED = (COL_QUESTIONNAIRE, COL_STATUS, COL_RATING, COL_SCORE, COL_COMPLETE, COL_STARTED, COL_SUBMITTED, COL_VALID)
FIT_ROWS = 200  # rows measured (besides those on screen) to fit a column: a long list stays quick to lay out


class AssessmentsPage(Page):
    """All assessments; the runner opens the one chosen (open_assessment)."""

    title = "Assessments"

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()

        self.heading = page_heading("Assessments")
        self.tier = QComboBox()
        self.tier.addItem("All tiers", None)
        for key, word in TIER_TITLES.items():
            self.tier.addItem(word, key)
        self.status = QComboBox()
        self.status.addItem("All statuses", None)
        for key, word in STATUS_WORDS.items():
            self.status.addItem(word, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Supplier, country or assessor")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.setMaximumWidth(420)
        self.count = QLabel()
        self.open_button = QPushButton("&Open")
        self.open_button.setEnabled(False)
        self.move_button = QPushButton("Move to current &versions…")
        self.move_button.setObjectName("moveAll")
        self.move_button.setToolTip("Move every assessment on an older questionnaire version to the current one, "
                                    "after reading what each move carries and changes (closed ones stay)")
        self.move_button.hide()
        self.report = AssessmentReportButton(ctx, self.prompter)
        self.model = AssessmentsModel(ctx.today, self)
        self.proxy = AssessmentsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self.proxy)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.setStyleSheet("QTableView::item { padding: 0 6px; }")  # fitted columns, with air between them
        header.setResizeContentsPrecision(FIT_ROWS)
        header.setSectionResizeMode(COL_SUPPLIER, QHeaderView.ResizeMode.Stretch)  # the name gets the room
        for column in FITTED:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.sortByColumn(COL_STARTED, Qt.SortOrder.DescendingOrder)
        self.empty = QLabel("No assessments yet. Start one from a supplier on the Suppliers page.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        self.legend = legend_label()

        tier_label, status_label, search_label = QLabel("&Tier:"), QLabel("St&atus:"), QLabel("Sea&rch:")
        tier_label.setBuddy(self.tier)
        status_label.setBuddy(self.status)
        search_label.setBuddy(self.search)
        filters = QWidget()
        filters.setLayout(hbox(tier_label, self.tier, status_label, self.status, search_label, self.search,
                               self.count, QWidget(), self.move_button, self.report, self.open_button,
                               stretch=(0, 0, 0, 0, 0, 2, 0, 1, 0, 0, 0)))
        filters.layout().setContentsMargins(0, 0, 0, 0)
        self.setLayout(vbox(self.heading, filters, self.table, self.empty, self.legend, stretch=(0, 0, 1, 0, 0)))
        self.setTabOrder(self.tier, self.status)
        self.setTabOrder(self.status, self.search)
        self.setTabOrder(self.search, self.table)

        self.tier.currentIndexChanged.connect(lambda: self._filter(tier=self.tier.currentData()))
        self.status.currentIndexChanged.connect(lambda: self._filter(status=self.status.currentData()))
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.table.activated.connect(self._open)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.move_button.clicked.connect(self.move_all)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the assessments, keeping the selected one selected."""
        current = self.table.currentIndex()
        keep = current.data(ID_ROLE) if current.isValid() else None
        try:
            rows = list_assessments(self.ctx)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot read the assessments", str(exc))
            return
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.move_button.setVisible(self.ctx.role != "supplier" and movable_count(self.ctx) > 0)
        self._update_count()
        if keep is not None:
            self.select_assessment(keep)

    def move_all(self) -> None:
        """Move every assessment on an older version to the current one, once the person has read the report."""
        try:
            preview = move_all(self.ctx, dry_run=True)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot move the assessments", str(exc))
            return
        count = len(preview["moved"])
        heading = (f"Move {count} assessment{'s' if count != 1 else ''} to the current questionnaire version? "
                   "Answers are carried where the question is unchanged; new questions are left to answer; answers "
                   "to questions no longer asked are kept read-only. Each move is recorded with its assessment.")
        if not count or not self.prompter.review(self, "Move to current versions", heading, bulk_lines(preview),
                                                 f"&Move {count} assessment{'s' if count != 1 else ''}"):
            return
        try:
            done = move_all(self.ctx)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot move the assessments", str(exc))
            self.refresh()
            return
        self.refresh()
        self.data_changed.emit()
        self.prompter.inform(self, "Assessments moved", f"{len(done['moved'])} assessment(s) moved to the current "
                             f"version; {len(done['skipped'])} stay where they are (closed, or not movable).")

    def select_assessment(self, assessment_id: int) -> bool:
        """Select an assessment if the filters show it."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, COL_SUPPLIER)
            if index.data(ID_ROLE) == assessment_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def _filter(self, **changes) -> None:
        self.proxy.set_filter(**changes)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} assessments" if total else "")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.open_button.setEnabled(current.isValid())
        row = self.model.row(self.proxy.mapToSource(current).row()) if current.isValid() else None
        if row is None:
            self.report.show_assessment(None)
        else:
            self.report.show_assessment(row["id"], row["supplier"], row["tier"])

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_assessment.emit(int(index.data(ID_ROLE)))
