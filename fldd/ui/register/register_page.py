"""The supplier register page: find suppliers fast, see one in detail, add or edit one, start its assessment,
and decide on the profile corrections a supplier suggested."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from fldd.risk.countries import UnknownCountryError, country_name
from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING, page_heading
from fldd.ui.page import Page
from fldd.ui.prompter import Prompter
from fldd.ui.reports.report_dialog import ReportDialog, write_report_file
from fldd.usecases.report_jobs import DOSSIER, FILTERS, file_name
from fldd.ui.rating_legend import legend_label
from fldd.ui.register.supplier_dialog import SUPPLIER_STATUSES, SupplierDialog
from fldd.ui.register.supplier_filter import DUE_CHOICES, UNRATED, SupplierFilter
from fldd.ui.register.supplier_model import (COL_ASSESSMENT, COL_CHAIN_TIER, COL_COUNTRY, COL_GOODS, COL_INHERENT,
                                             COL_NAME, COL_NEXT_ACTION, COL_RATING, COL_SCORE, COL_VALID_UNTIL, ID_ROLE,
                                             TIER_WORDS,
                                             SupplierModel)
from fldd.ui.register.supplier_panel import SupplierPanel
from fldd.ui.theme import RATING_WORDS, STATUS_WORDS
from fldd.usecases.assessments import start_assessment
from fldd.usecases.corrections import apply_correction, dismiss_correction
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import register

# The widest text a column usually shows; its width is that text's (or the header's) plus padding.
COLUMN_SAMPLES = {COL_NAME: "Klang Valley Gloves Sdn", COL_COUNTRY: "BD — Bangladesh", COL_GOODS: "Rubber Gloves",
                  COL_CHAIN_TIER: "Tier in chain", COL_INHERENT: "Medium (10/10)",
                  COL_ASSESSMENT: "Desktop · Under review", COL_RATING: "Medium risk so far", COL_SCORE: "Score",
                  COL_VALID_UNTIL: "2026-11-20 · Expired"}
COLUMN_PADDING = 20
LAST_COLUMN_SHARE = 170  # what the widening columns leave to the stretching last column
SPARE_SHARES = {COL_NAME: 0.6, COL_GOODS: 0.4}  # who gets the spare width of a wide window
QUESTIONNAIRES = {"desktop": "fldd-desktop", "onsite": "fldd-onsite"}
SPLIT = (3, 1)  # table : detail panel
# The order the columns are shown in (the model keeps its own): what a buyer reads first, the rating, stays in
# view on a 1366-pixel screen with the details panel open; the rest scrolls.
SHOWN_ORDER = (COL_NAME, COL_COUNTRY, COL_RATING, COL_ASSESSMENT, COL_INHERENT, COL_GOODS, COL_CHAIN_TIER, COL_SCORE,
               COL_VALID_UNTIL, COL_NEXT_ACTION)


def count_text(shown: int, total: int, selected: int = 0) -> str:
    """'1,234 of 10,000 suppliers', and ', 12 selected' when several rows are (File > Export serves them)."""
    text = f"{shown:,} of {total:,} supplier{'' if total == 1 else 's'}"
    return text + (f", {selected:,} selected" if selected > 1 else "")


class RegisterPage(Page):
    """Search, filter and sort the register; the selected supplier's details on the right."""

    title = "Suppliers"
    open_findings = Signal(str, int)  # findings mode, corrective action id (the main window shows it)

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()
        self.dialog: SupplierDialog | None = None
        self.panel_hidden = False  # the person hid the details; selection alone no longer shows them
        self.last_id: int | None = None  # the supplier last selected, to say so when the filters hide it
        self.fit_names = True  # widen names and goods with the window until the person sizes a column
        self.model = SupplierModel(self)
        self.proxy = SupplierFilter(self)
        self.proxy.setSourceModel(self.model)

        self.heading = page_heading(self.title)
        self.add_button = QPushButton("&Add supplier…")
        self.add_button.setToolTip("Add a supplier to the register (Ctrl+N)")
        self.desktop_button = QPushButton("Start &desktop assessment")
        self.desktop_button.setToolTip("A new self-assessment questionnaire for the selected supplier")
        self.onsite_button = QPushButton("Start &on-site assessment")
        self.onsite_button.setToolTip("A new on-site audit of the selected supplier")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search name, goods, OS ID or country (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.country = QComboBox()
        self.rating = QComboBox()
        self.status = QComboBox()
        self.due = QComboBox()
        self._fill_filter_combos()
        self.count = QLabel(count_text(0, 0))
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.table = QTableView()
        self._fitting = True  # column widths being set by code, not by a person
        self._set_up_table()
        self._fitting = False
        self.panel = SupplierPanel(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, SPLIT[0])
        self.splitter.setStretchFactor(1, SPLIT[1])
        self.splitter.setChildrenCollapsible(False)
        self.panel.hide()

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.heading)
        top.addStretch(1)
        for button in (self.add_button, self.desktop_button, self.onsite_button):
            top.addWidget(button)
        filters = QHBoxLayout()
        filters.setSpacing(SPACING)
        filters.addWidget(self.search, 2)
        for combo in (self.country, self.rating, self.status, self.due):
            filters.addWidget(combo, 1)
        filters.addWidget(self.count)
        page = QVBoxLayout(self)
        page.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        page.setSpacing(SPACING)
        page.addLayout(top)
        page.addLayout(filters)
        page.addWidget(self.empty_hint)
        page.addWidget(self.splitter, 1)
        self.legend = legend_label()
        page.addWidget(self.legend)
        for first, second in ((self.search, self.country), (self.country, self.rating), (self.rating, self.status),
                              (self.status, self.due), (self.due, self.table), (self.table, self.add_button),
                              (self.add_button, self.desktop_button), (self.desktop_button, self.onsite_button),
                              (self.onsite_button, self.panel)):
            QWidget.setTabOrder(first, second)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search, context=context)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_supplier, context=context)
        self.search.textChanged.connect(self.proxy.set_text)
        self.search.returnPressed.connect(self._search_entered)
        self.country.currentIndexChanged.connect(lambda: self.proxy.set_country(self.country.currentData()))
        self.rating.currentIndexChanged.connect(lambda: self.proxy.set_rating(self.rating.currentData()))
        self.status.currentIndexChanged.connect(self._status_changed)
        self.due.currentIndexChanged.connect(lambda: self.proxy.set_due(self.due.currentData()))
        self.proxy.filtered.connect(self._update_count)
        self.proxy.filtered.connect(self._selection_changed)  # a filter hid or showed the selected row
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        self.add_button.clicked.connect(self.add_supplier)
        self.desktop_button.clicked.connect(lambda: self.start("desktop"))
        self.onsite_button.clicked.connect(lambda: self.start("onsite"))
        self.panel.edit_requested.connect(self.edit_supplier)
        self.panel.open_assessment.connect(self.open_assessment)
        self.panel.hide_requested.connect(self._hide_panel)
        self.panel.apply_correction.connect(self.apply_correction)
        self.panel.dismiss_correction.connect(self.dismiss_correction)
        self.panel.open_action.connect(lambda action_id: self.open_findings.emit("open", action_id))
        self.panel.dossier_requested.connect(self.write_dossier)
        self.panel.screening_decided.connect(lambda _supplier_id: (self.refresh(), self.data_changed.emit()))

        self.refresh()

    def _fill_filter_combos(self) -> None:
        self.country.addItem("All countries", None)
        self.country.setToolTip("Only suppliers in this country")
        self.rating.addItem("Any rating", None)
        for key in ("low", "medium", "high", "severe"):
            self.rating.addItem(RATING_WORDS[key], key)
        self.rating.addItem("Not rated", UNRATED)
        self.rating.setToolTip("Only suppliers whose latest assessment has this rating")
        self.status.addItem("Any status", None)
        self.status.insertSeparator(self.status.count())
        for key, word in SUPPLIER_STATUSES:
            self.status.addItem(f"Supplier {word.lower()}", f"supplier:{key}")
        self.status.insertSeparator(self.status.count())
        for key, word in STATUS_WORDS.items():
            self.status.addItem(f"Assessment {word.lower()}", f"assessment:{key}")
        self.status.setToolTip("Only suppliers with this status, or whose latest assessment has it")
        for key, word in DUE_CHOICES:
            self.due.addItem(word, key)
        self.due.setToolTip("Only suppliers with something due")
        for combo in (self.country, self.rating, self.status, self.due):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # several rows (Ctrl+click, Shift+click, Shift+arrows, Ctrl+A) for one workbook each (File > Export)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = table.fontMetrics()
        for column, sample in COLUMN_SAMPLES.items():
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + COLUMN_PADDING)
        self.base_widths = {c: table.columnWidth(c) for c in SPARE_SHARES}
        for place, column in enumerate(SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), place)
        header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        header.sectionResized.connect(self._section_resized)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """Share the table's spare width between names and goods when the table is resized."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self.fit_names:
            header = self.table.horizontalHeader()
            fixed = sum(header.sectionSize(c) for c in range(header.count() - 1) if c not in self.base_widths)
            spare = max(0, self.table.viewport().width() - fixed - LAST_COLUMN_SHARE - sum(self.base_widths.values()))
            self._fitting = True
            for column, base in self.base_widths.items():
                self.table.setColumnWidth(column, base + int(spare * SPARE_SHARES[column]))
            self._fitting = False
        return super().eventFilter(watched, event)

    def _section_resized(self, column: int, old: int, new: int) -> None:
        """A person dragged a column edge: leave the widths to them from now on."""
        if not self._fitting and column < self.model.columnCount() - 1:
            self.fit_names = False

    # -- reading -----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the register, keeping filters, sort and the selected supplier."""
        selected = self.selected_id()
        try:
            rows = register(self.ctx)
        except StoreError as exc:
            self.prompter.error(self, "Cannot read the register", exc.message)
            return
        self.model.set_rows(rows, self.ctx.today())
        self._fill_countries(rows)
        if selected is not None and self.select_supplier(selected, show_panel=False):
            self.panel.show_supplier(selected)  # read again: it may have changed
        self._update_count()
        self._update_buttons()

    def _fill_countries(self, rows: list[dict]) -> None:
        """The countries present in the register, keeping the current choice."""
        current = self.country.currentData()
        codes = sorted({r["country"] for r in rows if r.get("country")})
        self.country.blockSignals(True)
        while self.country.count() > 1:
            self.country.removeItem(1)
        for code in codes:
            try:
                self.country.addItem(f"{code} — {country_name(code)}", code)
            except UnknownCountryError:
                self.country.addItem(code, code)
        index = self.country.findData(current) if current else 0
        self.country.setCurrentIndex(max(0, index))
        self.country.blockSignals(False)
        if current and index < 0:
            self.proxy.set_country(None)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(count_text(shown, total, len(self.table.selectionModel().selectedRows())))
        if total == 0:
            self.empty_hint.setText("No suppliers yet: add the first with Add supplier… (Ctrl+N).")
        elif shown == 0:
            self.empty_hint.setText("No supplier matches the search and filters.")
        self.empty_hint.setVisible(shown == 0)

    def selected_id(self) -> int | None:
        """The supplier of the current row, or None."""
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.proxy.index(index.row(), 0).data(ID_ROLE)

    def selected_ids(self) -> list[int]:
        """The suppliers of every selected row, in the order the table shows them."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(ID_ROLE) for row in rows]

    def shown_ids(self) -> list[int]:
        """The suppliers the search and filters leave in the table, in its order."""
        self.proxy.flush()
        return [self.proxy.index(row, 0).data(ID_ROLE) for row in range(self.proxy.rowCount())]

    def select_supplier(self, supplier_id: int, show_panel: bool = True) -> bool:
        """Select a supplier's row (clearing filters that hide it); False if it is not in the register."""
        source_row = self.model.row_of(supplier_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        if show_panel:
            self.panel_hidden = False
            self.panel.show()
        if supplier_id != self.panel.supplier_id:
            self.panel.show_supplier(supplier_id)
        return True

    def clear_filters(self) -> None:
        """Show every supplier again."""
        self.search.clear()
        self.proxy.flush()
        for combo in (self.country, self.rating, self.status, self.due):
            combo.setCurrentIndex(0)

    # -- slots -------------------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_entered(self) -> None:
        """Enter in the search box: filter now and go to the first match."""
        self.proxy.flush()
        if self.proxy.rowCount():
            if self.selected_id() is None:
                self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _status_changed(self) -> None:
        kind, _, key = (self.status.currentData() or "").partition(":")
        self.proxy.set_status(key if kind == "supplier" else None, key if kind == "assessment" else None)

    def _selection_changed(self) -> None:
        """The panel follows the selected row; with none selected it shows none, and says so when the search or
        filters hid the supplier it showed."""
        supplier_id = self.selected_id()
        if supplier_id is not None:
            if supplier_id != self.panel.supplier_id:
                self.panel.show_supplier(supplier_id)
            self.last_id = supplier_id
            self.panel.set_notice("")
            if not self.panel_hidden:
                self.panel.show()
        else:
            if self.panel.supplier_id is not None:
                self.panel.show_supplier(None)
            row = self.model.row_of(self.last_id) if self.last_id is not None else None
            hidden = row is not None and not self.is_listed(self.last_id)
            self.panel.set_notice(f"{self.model.record(row)['name']} is not in the list: the search and filters "
                                  "hide it." if hidden else "")
        self._update_buttons()

    def is_listed(self, supplier_id: int) -> bool:
        """Whether the search and filters leave a supplier in the table."""
        source_row = self.model.row_of(supplier_id)
        return source_row is not None and self.proxy.mapFromSource(self.model.index(source_row, 0)).isValid()

    def _hide_panel(self) -> None:
        self.panel_hidden = True
        self.panel.hide()

    def _update_buttons(self) -> None:
        """An assessment starts for one supplier: not with several rows selected (the count says how many)."""
        selected = len(self.table.selectionModel().selectedRows())
        chosen = self.selected_id() is not None and selected == 1
        for button in (self.desktop_button, self.onsite_button):
            button.setEnabled(chosen)
        self.count.setText(count_text(self.proxy.rowCount(), self.model.rowCount(), selected))

    def _activated(self, index) -> None:
        """Double-click or Enter: show the details and tell the window."""
        supplier_id = self.proxy.index(index.row(), 0).data(ID_ROLE)
        if supplier_id is None:
            return
        self.panel_hidden = False
        self.panel.show()
        self.panel.show_supplier(supplier_id)
        self.open_supplier.emit(supplier_id)

    def add_supplier(self) -> None:
        """Ctrl+N: the supplier form, empty."""
        self._open_dialog(None)

    def edit_supplier(self, supplier_id: int) -> None:
        """The supplier form, filled in."""
        self._open_dialog(supplier_id)

    def _open_dialog(self, supplier_id: int | None) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = SupplierDialog(self.ctx, supplier_id, self)
        self.dialog.accepted.connect(self._saved)
        self.dialog.open()

    def _saved(self) -> None:
        saved = self.dialog.saved_id if self.dialog else None
        self.refresh()
        if saved is not None:
            self.select_supplier(saved)
        self.data_changed.emit()

    def start(self, tier: str) -> None:
        """Start a desktop or on-site assessment of the selected supplier and open it."""
        supplier_id = self.selected_id()
        if supplier_id is None:
            return
        row = self.model.record(self.model.row_of(supplier_id))
        if row.get("assessment_status") == "draft" and row.get("tier") == tier:
            words = TIER_WORDS.get(tier, tier).lower()
            if not self.prompter.confirm(self, "Start another assessment?",
                                         f"{row['name']} already has a draft {words} assessment. Start another?"):
                return
        try:
            assessment_id = start_assessment(self.ctx, supplier_id, QUESTIONNAIRES[tier])
        except Rejected as exc:
            self.prompter.error(self, "Assessment not started", "\n".join(exc.messages))
            return
        except StoreError as exc:
            self.prompter.error(self, "Assessment not started", exc.message)
            return
        self.refresh()
        self.data_changed.emit()
        self.open_assessment.emit(assessment_id)

    def apply_correction(self, correction_id: int) -> None:
        """Write a supplier's suggested value into the register; where the register changed after the export,
        ask first, showing both values."""
        shown = next((c for c in self.panel.pending if c.id == correction_id), None)
        if shown is not None and shown.changed_since and not shown.already_held:
            question = (f"The register's {shown.label} for {shown.supplier} has changed since the supplier saw it."
                        f"\n\nThe supplier saw: {shown.on_file or '(empty)'}\nThe register now holds: "
                        f"{shown.current or '(empty)'}\nThe supplier suggests: {shown.suggested}"
                        "\n\nReplace the register's value with the suggestion?")
            if not self.prompter.confirm(self, "Apply the suggested correction?", question):
                return
        self._decide(apply_correction, correction_id, "Correction not applied")

    def dismiss_correction(self, correction_id: int) -> None:
        """Close a supplier's suggestion without changing the register."""
        self._decide(dismiss_correction, correction_id, "Suggestion not dismissed")

    def _decide(self, decision, correction_id: int, failure: str) -> None:
        """Run the use case; show the register and the panel as they now are, the keyboard on what is next."""
        try:
            decision(self.ctx, correction_id)
        except Rejected as exc:
            self.prompter.error(self, failure, "\n".join(exc.messages))
        except StoreError as exc:
            self.prompter.error(self, failure, exc.message)
        else:
            self.data_changed.emit()
        supplier_id = self.panel.supplier_id
        self.refresh()
        if supplier_id is not None and self.panel.supplier_id != supplier_id:
            self.panel.show_supplier(supplier_id)  # keep showing what was decided on, saying where it is
            self.panel.set_notice("" if self.is_listed(supplier_id) else
                                  "Not in the list: the search and filters hide this supplier.")
        if not self.panel.corrections.focus_first():
            self.panel.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def write_dossier(self, supplier_id: int) -> ReportDialog | None:
        """Ask where to save the supplier's dossier, then write it in the background (progress, Cancel)."""
        name = self.panel.name.text()
        self.report_dialog = write_report_file(self.ctx, self.prompter, self, DOSSIER, supplier_id,
                                               file_name(DOSSIER, name, self.ctx.today()), FILTERS[DOSSIER])
        return self.report_dialog
