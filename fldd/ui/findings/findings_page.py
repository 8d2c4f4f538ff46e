"""The findings page: every finding with its corrective action, overdue ones first, filters, and the detail
of the selected one beside the table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.findings.action_panel import ActionPanel
from fldd.ui.findings.add_finding_dialog import AddFindingDialog
from fldd.ui.findings.findings_model import (
    ACTION_ID_ROLE,
    COL_ACTION,
    COL_ASSESSMENT,
    COL_DUE,
    COL_OVERDUE,
    COL_OWNER,
    COL_SEVERITY,
    COL_STATUS,
    COL_SUPPLIER,
    COL_TITLE,
    MODES,
    FindingsFilter,
    FindingsModel,
)
from fldd.ui.tables import record_table
from fldd.ui.layout import hbox, page_heading, vbox
from fldd.ui.page import Page
from fldd.ui.prompter import Prompter
from fldd.ui.theme import SEVERITY_WORDS
from fldd.usecases.errors import Rejected
from fldd.usecases.findings import list_findings

COLUMN_WIDTHS = {COL_SEVERITY: 70, COL_TITLE: 210, COL_SUPPLIER: 130, COL_DUE: 128, COL_OVERDUE: 158,
                 COL_STATUS: 84, COL_OWNER: 100, COL_ASSESSMENT: 90, COL_ACTION: 240}
PANEL_SHARE = 32  # percent of the width for the detail panel, within PANEL_WIDTH
PANEL_WIDTH = (360, 560)
AUDITOR_ONLY = "Only an auditor records findings of their own: switch the role on the Home page."


class FindingsPage(Page):
    """Findings and corrective actions across the portfolio."""

    title = "Findings"

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()
        self.add_dialog: AddFindingDialog | None = None

        self.heading = page_heading("Findings and corrective actions")
        self.mode = QComboBox()
        for key, label in MODES.items():
            self.mode.addItem(label, key)
        self.severity = QComboBox()
        self.severity.addItem("All severities", None)
        for key, word in SEVERITY_WORDS.items():
            self.severity.addItem(word, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Finding, supplier, action or owner")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.setMaximumWidth(420)
        self.count = QLabel()
        self.add_button = QPushButton("Add &finding…")
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self.proxy, movable_columns=True)
        header = self.table.horizontalHeader()
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.table.sortByColumn(COL_OVERDUE, Qt.SortOrder.AscendingOrder)
        self.panel = ActionPanel(ctx, self.prompter)

        show_label, severity_label, search_label = QLabel("S&how:"), QLabel("Severit&y:"), QLabel("Sea&rch:")
        show_label.setBuddy(self.mode)
        severity_label.setBuddy(self.severity)
        search_label.setBuddy(self.search)
        filters = QWidget()
        filters.setLayout(hbox(show_label, self.mode, severity_label, self.severity, search_label, self.search,
                               self.count, QWidget(), self.add_button, stretch=(0, 0, 0, 0, 0, 2, 0, 1, 0)))
        filters.layout().setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self._splitter_moved = False
        self.setLayout(vbox(self.heading, filters, self.splitter, stretch=(0, 0, 1)))
        self.setTabOrder(self.mode, self.severity)
        self.setTabOrder(self.severity, self.search)
        self.setTabOrder(self.search, self.table)

        self.mode.currentIndexChanged.connect(lambda: self._filter(mode=self.mode.currentData()))
        self.severity.currentIndexChanged.connect(lambda: self._filter(severity=self.severity.currentData()))
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_moved", True))
        self.panel.changed.connect(self._action_changed)
        self.panel.open_assessment.connect(self.open_assessment)
        self.panel.open_supplier.connect(self.open_supplier)
        self.add_button.clicked.connect(self.add_finding)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        self.refresh()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Give the detail panel its share of the width until the person drags the splitter."""
        super().resizeEvent(event)
        if not self._splitter_moved:
            total = sum(self.splitter.sizes()) or self.width()
            panel = max(PANEL_WIDTH[0], min(PANEL_WIDTH[1], total * PANEL_SHARE // 100))
            self.splitter.setSizes([total - panel, panel])

    def refresh(self) -> None:
        """Re-read the findings, keeping the selected action selected."""
        keep = self.panel.action_id
        try:
            rows = list_findings(self.ctx)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot read the findings", str(exc))
            return
        self.model.set_rows(rows)
        is_auditor = self.ctx.role == "auditor"
        self.add_button.setEnabled(is_auditor)
        self.add_button.setToolTip("" if is_auditor else AUDITOR_ONLY)
        self._update_count()
        if keep is not None and self.model.row_of_action(keep) < 0:
            self.panel.clear()
        elif keep is not None:
            self._select_row(keep)
            if not self.panel.dirty:  # never drop what the person is typing
                self.panel.load(keep)

    def _filter(self, **changes) -> None:
        self.proxy.set_filter(**changes)
        self._update_count()
        if self.panel.action_id is not None:
            self._select_row(self.panel.action_id)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total} findings" if total else "No findings yet")

    def _select_row(self, action_id: int) -> bool:
        source_row = self.model.row_of_action(action_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, COL_TITLE))
        if not index.isValid():
            return False
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)
        return True

    def select_action(self, action_id: int) -> None:
        """Select an action in the table (if the filters show it) and show its detail."""
        self._select_row(action_id)
        if self.model.row_of_action(action_id) >= 0:
            self.panel.load(action_id)
        else:
            self.panel.clear()

    def show_findings(self, mode: str = "open", action_id: int = 0) -> None:
        """Show one filter mode (open, overdue, to_verify, all), and an action if given (the Home page asks)."""
        self.refresh()
        if mode in MODES:
            self.mode.setCurrentIndex(self.mode.findData(mode))
        if action_id and self.model.row_of_action(action_id) >= 0 and not self._select_row(action_id):
            self.severity.setCurrentIndex(0)  # a filter left from before hides what was asked for: drop it
            self.search.clear()
        if action_id:
            self.select_action(action_id)

    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        action_id = current.data(ACTION_ID_ROLE)
        if action_id == self.panel.action_id:
            return
        saved = False
        if self.panel.dirty:
            saved = self.panel.save_pending(notify=False)
            if not saved:
                self.prompter.error(self, "Changes not saved",
                                    f"The changes to corrective action {self.panel.action_id} were not saved: "
                                    f"{self.panel.error.text()}")
        self.panel.load(action_id)
        if saved:
            self.refresh()
            self.data_changed.emit()

    def _action_changed(self, action_id: int) -> None:
        self.refresh()
        self.data_changed.emit()

    def add_finding(self) -> None:
        """Open the auditor's dialog; on success show the new finding."""
        selected = self.panel.row["assessment_id"] if self.panel.row else None
        self.add_dialog = AddFindingDialog(self.ctx, self, assessment_id=selected, prompter=self.prompter)
        self.add_dialog.accepted.connect(self._finding_added)
        self.add_dialog.open()

    def _finding_added(self) -> None:
        dialog = self.add_dialog
        self.refresh()
        if dialog is not None and dialog.finding_id is not None:
            row = next((r for r in (self.model.row(i) for i in range(self.model.rowCount()))
                        if r["id"] == dialog.finding_id), None)
            if row is not None:
                self.select_action(row["action_id"])
        self.data_changed.emit()
