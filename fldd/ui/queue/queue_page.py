"""The buyer's next steps: every supplier's recommended step and why, sortable and filterable, with decisions.

The table shows the queue of fldd.usecases.queue (the rules of the standard applied to each supplier's facts);
beside it, every reason for the selected supplier, its decision and history, and the buttons that act on it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFrame, QLabel, QLineEdit, QPushButton, QScrollArea, QSplitter,
                               QWidget)

from fldd.store.errors import StoreError
from fldd.ui.layout import hbox, page_heading, vbox
from fldd.ui.page import Page
from fldd.ui.queue.decide_dialog import DecideDialog
from fldd.ui.queue.queue_model import (COL_COUNTRY, COL_INHERENT, COL_REASON, COL_RESULT, COL_STATE, COL_STEP,
                                       COL_SUPPLIER, COL_VALID_UNTIL, HEADERS, VIEW_LABELS, VIEWS, QueueModel,
                                       state_words)
from fldd.ui.tables import record_table
from fldd.usecases.errors import Rejected
from fldd.usecases.queue import STEP_LABELS, STEPS, queue_rows
from fldd.usecases.queue_decisions import DECISION_LABELS, history

# The columns in the order they are kept when the table is narrow, each with the text it must show whole (longer
# ones elide); what does not fit is in the panel beside the table (latest result, validity, every reason).
FIT = ((COL_SUPPLIER, "Klang Valley Gloves Sdn"), (COL_STEP, "Decide on the relationship"),
       (COL_STATE, "On-site assessment in"), (COL_INHERENT, "Medium (10/10)"), (COL_COUNTRY, "MY — Malaysia"),
       (COL_VALID_UNTIL, "2026-11-23 · Expired"), (COL_RESULT, "On-site — severe, 2026-11-23"),
       (COL_REASON, "The latest result, desktop self-assessment"))
TIER_TEXT = {"desktop": "desktop self-assessment", "onsite": "on-site assessment"}
PANEL_WIDTH = 360
LEVELS = (("high", "High"), ("medium", "Medium"), ("low", "Low"))
ACTIONS = {"desktop": "E&xport desktop workbook…", "onsite": "S&tart on-site assessment"}
HISTORY_SHOWN = 3


def result_text(row: dict) -> str:
    """'Latest result: desktop self-assessment of 2025-07-10, rated severe; expired on 2026-07-10'."""
    if not row["tier"]:
        return "Latest result: none yet"
    until = (f"; expired on {row['valid_until']}" if row["expired"] else
             f"; valid until {row['valid_until']}" if row["valid_until"] else "")
    return (f"Latest result: {TIER_TEXT.get(row['tier'], row['tier'])} of {row['assessed_on']}, rated "
            f"{row['rating'] or 'not rated'}{until}")


def count_text(shown: int, total: int) -> str:
    """'12 of 40 suppliers' or '40 suppliers'."""
    return f"{shown} of {total} suppliers" if shown != total else f"{total} suppliers"


class QueuePage(Page):
    """The queue: filter, sort, read why, decide."""

    title = "Next steps"

    def __init__(self, ctx, prompter, parent=None):
        super().__init__(parent)
        self.ctx, self.prompter = ctx, prompter
        self.dialog: QWidget | None = None
        self.chosen: int | None = None  # the supplier last chosen: chosen again when a filter shows it again
        self.model = QueueModel(self)

        self.heading = page_heading("Next steps")
        self.count = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find: supplier, country, goods, reason…")
        self.search.setClearButtonEnabled(True)
        self.step = QComboBox()
        self.step.addItem("Every step", None)
        for step in STEPS:
            self.step.addItem(STEP_LABELS[step], step)
        self.country = QComboBox()
        self.country.addItem("Every country", None)
        self.level = QComboBox()
        self.level.addItem("Any inherent risk", None)
        for value, words in LEVELS:
            self.level.addItem(f"Inherent risk {words.lower()}", value)
        self.view = QComboBox()
        for view in VIEWS:
            self.view.addItem(VIEW_LABELS[view], view)
        self.table = record_table(self.model)
        self.table.setObjectName("queueTable")
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.viewport().installEventFilter(self)
        self.table.horizontalHeader().setSortIndicator(COL_STEP, Qt.SortOrder.AscendingOrder)  # most urgent first

        self.name = QLabel()
        self.name.setObjectName("queueSupplier")
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.recommended = QLabel()
        self.recommended.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.RichText)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editions = QLabel()
        self.editions.setWordWrap(True)
        self.editions.setStyleSheet("color: #555;")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #555;")
        self.decide_button = QPushButton("&Decide…")
        self.decide_button.setToolTip("Record a decision against the recommended step (Ctrl+D)")
        self.open_button = QPushButton("&Open supplier")
        self.action_button = QPushButton()

        filters = QWidget()
        filters.setLayout(hbox(self.search, self.step, self.country, self.level, self.view, stretch=(1,)))
        filters.layout().setContentsMargins(0, 0, 0, 0)
        buttons = QWidget()
        buttons.setLayout(vbox(self.decide_button, self.open_button, self.action_button))
        buttons.layout().setContentsMargins(0, 0, 0, 0)
        details = QWidget()  # scrolls when the reasons are long; the buttons below stay in reach
        details.setLayout(vbox(self.name, self.recommended, self.state, self.result, self.reasons, self.editions,
                               self.history, QWidget(), stretch=(0, 0, 0, 0, 0, 0, 0, 1)))
        details.layout().setContentsMargins(0, 0, 6, 0)
        self.details = QScrollArea()
        self.details.setWidget(details)
        self.details.setWidgetResizable(True)
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel = QWidget()
        self.panel.setLayout(vbox(self.details, buttons, stretch=(1, 0)))
        self.panel.setMinimumWidth(PANEL_WIDTH)
        self.panel.setMaximumWidth(PANEL_WIDTH + 120)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setChildrenCollapsible(False)
        top = QWidget()
        top.setLayout(hbox(self.heading, QWidget(), self.count, stretch=(0, 1, 0)))
        top.layout().setContentsMargins(0, 0, 0, 0)
        self.setLayout(vbox(top, filters, split, stretch=(0, 0, 1)))

        self.search.textChanged.connect(self._filter)
        for combo in (self.step, self.country, self.level, self.view):
            combo.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.model.modelReset.connect(self._after_reset)
        self.table.activated.connect(lambda _: self.decide())
        self.decide_button.clicked.connect(self.decide)
        self.open_button.clicked.connect(self._open_supplier)
        self.action_button.clicked.connect(self.act)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.decide)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        self.refresh()

    # -- columns -------------------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def fit_columns(self) -> None:
        """Show the columns that fit the table's width whole, in FIT's order, and give the rest of the width to
        Why, or without it to the supplier and the state: the table never scrolls sideways (a column resized by
        hand may make it)."""
        metrics, header = self.table.fontMetrics(), self.table.horizontalHeader()
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_HeaderMargin) + 24
        left = self.table.viewport().width()
        widths: dict[int, int] = {}
        for column, sample in FIT:
            need = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(HEADERS[column])) \
                + pad
            if need > left and column != COL_SUPPLIER:
                break  # keep the order: once one does not fit, the later ones are not shown
            widths[column] = need
            left -= need
        grow = [COL_REASON] if COL_REASON in widths else [c for c in (COL_SUPPLIER, COL_STATE) if c in widths]
        for column in grow:
            widths[column] += max(0, left) // len(grow)
        for column in range(len(HEADERS)):
            self.table.setColumnHidden(column, column not in widths)
            if column in widths:
                self.table.setColumnWidth(column, widths[column])

    # -- reading -----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the queue (the filter, the sort and the selected supplier stay)."""
        keep = self.chosen
        try:
            rows = queue_rows(self.ctx)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot read the next steps", str(exc))
            return
        self.model.set_rows(rows)
        self._fill_countries()
        if keep is not None:
            self.select_supplier(keep)

    def _fill_countries(self) -> None:
        chosen = self.country.currentData()
        self.country.blockSignals(True)
        self.country.clear()
        self.country.addItem("Every country", None)
        for code, name in self.model.countries():
            self.country.addItem(f"{name} ({code})", code)
        self.country.setCurrentIndex(max(0, self.country.findData(chosen)))
        self.country.blockSignals(False)

    def _filter(self) -> None:
        keep = self.chosen
        self.model.set_filter(step=self.step.currentData(), country=self.country.currentData(),
                              level=self.level.currentData(), view=self.view.currentData(), text=self.search.text())
        if keep is not None:
            self.select_supplier(keep)

    def show_filtered(self, step: str = "", view: str = "all") -> None:
        """Show the queue of one step (every step when empty) in one view (VIEWS), the other filters cleared."""
        for combo in (self.country, self.level):
            combo.setCurrentIndex(0)
        self.search.clear()
        self.step.setCurrentIndex(max(0, self.step.findData(step or None)))
        self.view.setCurrentIndex(max(0, self.view.findData(view if view in VIEWS else "all")))
        self._filter()

    def _after_reset(self) -> None:
        self.count.setText(count_text(self.model.rowCount(), len(self.model.rows)))
        self._show_selected()

    # -- selection -----------------------------------------------------------------------------------------------

    def selected_row(self) -> dict | None:
        """The queue row of the supplier selected, or None."""
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() and self.table.selectionModel().isSelected(index) \
            else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row["supplier_id"] if row else None

    def select_supplier(self, supplier_id: int) -> bool:
        """Select a supplier's row if the filter shows it."""
        row = self.model.row_of(supplier_id)
        if row is None:
            self._show_selected()
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._show_selected()
        return True

    def _show_selected(self) -> None:
        row = self.selected_row()
        for button in (self.decide_button, self.open_button):
            button.setEnabled(row is not None)
        if row is None:
            self.name.setText("Choose a supplier to read why")
            for label in (self.recommended, self.state, self.result, self.reasons, self.editions, self.history):
                label.clear()
            self.action_button.hide()
            return
        self.chosen = row["supplier_id"]
        self.name.setText(f"{row['supplier']} — {row['country_name']}")
        self.recommended.setText(f"Recommended: {row['step_label']}")
        decision = row["decision"]
        state = decision["lapsed_because"].capitalize() if decision and not decision["applies"] else state_words(row)
        if decision and decision["applies"]:
            state += f" — {decision['decided_by']}, {decision['decided_at'][:10]}: {decision['reason']}"
        self.state.setText(state)
        self.state.setStyleSheet("color: #b00020;" if decision and not decision["applies"] else "")
        self.result.setText(result_text(row))
        # the first reason is the rule that chose the step; the others hold too and are worth knowing, but are not
        # what to do (a weaker step's advice under a stronger step would read as a contradiction)
        first, *also = row["reasons"] or [""]
        listed = "<ul style='margin-left: 12px; -qt-list-indent: 0;'>{}</ul>"
        self.reasons.setText("<b>Why</b>" + listed.format(f"<li>{html.escape(first)}</li>") + (
            "<b>Also noted</b>" + listed.format("".join(f"<li>{html.escape(r)}</li>" for r in also)) if also else ""))
        self.editions.setText(f"Inherent risk from the risk data in force: {row['risk_editions']}.")
        earlier = history(self.ctx, row["supplier_id"])[1 if decision else 0:][:HISTORY_SHOWN]
        self.history.setText("Earlier decisions: " + "; ".join(
            f"{d['decided_at'][:10]} {DECISION_LABELS[d['decision']].lower()} ({d['decided_by']}): {d['reason']}"
            for d in earlier) if earlier else "")
        action = ACTIONS.get(row["step"])
        self.action_button.setVisible(action is not None)
        if action:
            self.action_button.setText(action)

    # -- acting ----------------------------------------------------------------------------------------------------

    def decide(self) -> DecideDialog | None:
        """Open Decide… for the selected supplier (window-modal, so tests and the user keep the window)."""
        row = self.selected_row()
        if row is None:
            return None
        self.dialog = DecideDialog(self.ctx, row, self)
        self.dialog.decided.connect(self._decided)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.open()
        return self.dialog

    def _decided(self, row: dict) -> None:
        self.refresh()
        self.select_supplier(row["supplier_id"])
        self.data_changed.emit()

    def _open_supplier(self) -> None:
        supplier_id = self.selected_id()
        if supplier_id is not None:
            self.open_supplier.emit(supplier_id)

    def act(self) -> None:
        """The natural thing for the step: export a desktop workbook, or start the on-site assessment."""
        row = self.selected_row()
        if row is None:
            return
        if row["step"] == "desktop":
            from fldd.ui.exchange.export_dialog import ExportDialog

            self.dialog = ExportDialog(self.ctx, self.prompter, self, supplier_id=row["supplier_id"])
            self.dialog.data_changed.connect(self.refresh)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.open()
        elif row["step"] == "onsite":
            from fldd.usecases.assessments import start_assessment

            try:
                assessment_id = start_assessment(self.ctx, row["supplier_id"], "fldd-onsite")
            except Rejected as exc:
                self.prompter.error(self, "Assessment not started", "\n".join(exc.messages))
                return
            self.data_changed.emit()
            self.open_assessment.emit(assessment_id)
