"""The portfolio as a picture: a country (or region) x goods heat map of inherent or assessed risk, the suppliers
counted by recommended next step, and the suppliers behind any cell.

The suppliers are read once per refresh (fldd.usecases.risk_map.map_suppliers); every switch and filter only
recounts them in memory and repaints from the prepared cells, so 10,000 suppliers stay quick
(benchmarks/bench_queue_map.py)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableView, QVBoxLayout,
                               QWidget)

from fldd.ui.layout import MARGIN, SPACING, page_heading
from fldd.ui.page import Page
from fldd.ui.riskmap.cell_delegate import CELL_SIZE, CellDelegate
from fldd.ui.riskmap.grid_model import GridModel
from fldd.ui.riskmap.map_legend import legend_html
from fldd.ui.riskmap.shades import LEVEL_WORDS, STATUS_WORDS, TIER_WORDS
from fldd.ui.riskmap.step_tiles import StepTiles
from fldd.usecases.queue import STEP_LABELS
from fldd.usecases.risk_map import MAX_GOODS, Filters, edition_lines, map_suppliers, risk_grid

MIN_GOODS = 5
MAX_SHOWN_GOODS = 24
ROW_LABEL_WIDTH = 110  # a guess at the country names' width before the first grid is shown
SIDE_WIDTH = 300  # the chosen cell's suppliers, beside the map; the map takes the rest
ID_ROLE = int(Qt.ItemDataRole.UserRole)


class RiskMapPage(Page):
    """The heat map with its switches and filters; the chosen cell's suppliers beside it."""

    title = "Risk map"
    open_queue = Signal(str)  # a next step: the main window shows Next steps filtered to it

    def __init__(self, ctx, prompter=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.prompter = ctx, prompter
        self.suppliers: list = []
        self.labels: dict[str, str] = {}
        self.by_id: dict = {}
        self.editions: list[str] = []
        self.measure = "inherent"
        self.max_goods = MAX_GOODS
        self.chosen: tuple[str, str] | None = None  # (row key, column key) of the cell listed
        self.stale = True  # suppliers read since the grid was last counted
        self.grid = None

        self.heading = page_heading(self.title)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.inherent_button = QPushButton("&Inherent risk")
        self.inherent_button.setToolTip("Shade by the risk from country and goods alone (public risk data)")
        self.assessed_button = QPushButton("&Assessed risk")
        self.assessed_button.setToolTip("Shade by the rating of each supplier's latest result")
        self.measure_group = QButtonGroup(self)
        for button in (self.inherent_button, self.assessed_button):
            button.setCheckable(True)
            self.measure_group.addButton(button)
        self.inherent_button.setChecked(True)
        self.rows_by = _combo([("Countries", "country"), ("Regions (DOL)", "region")],
                              "Rows by country, or by the DOL findings' world region")
        self.step = _combo([("Any next step", None)] + [(w, k) for k, w in STEP_LABELS.items()],
                           "Only suppliers with this recommended next step")
        self.level = _combo([("Any inherent risk", None)] + [(f"{w} inherent risk", k)
                                                                   for k, w in LEVEL_WORDS.items()],
                            "Only suppliers at this inherent risk")
        self.chain_tier = _combo([("Any tier in the chain", None)] + [(w, k) for k, w in TIER_WORDS.items()],
                                 "Only suppliers at this tier of the supply chain")
        self.status = _combo([("Any supplier status", None)] + [(w, k) for k, w in STATUS_WORDS.items()],
                             "Only suppliers with this status in the register")
        self.tiles = StepTiles()
        self.model = GridModel(self)
        self.view = QTableView()
        self._set_up_view()
        self.cell_title = QLabel("Choose a cell to list its suppliers.")
        self.cell_title.setWordWrap(True)
        self.supplier_list = QListWidget()
        self.supplier_list.setToolTip("Double-click or press Enter to open the supplier")
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)

        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.cell_title)
        side_box.addWidget(self.supplier_list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.sized = False  # the splitter given its first sizes (after that, the person's)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(lambda *_: self._fit())
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count)
        controls = QHBoxLayout()
        controls.setSpacing(SPACING)
        controls.addWidget(QLabel("Shade by:"))
        controls.addWidget(self.inherent_button)
        controls.addWidget(self.assessed_button)
        controls.addSpacing(SPACING)
        for combo in (self.rows_by, self.step, self.level, self.chain_tier, self.status):
            controls.addWidget(combo, 1)
        page = QVBoxLayout(self)
        page.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        page.setSpacing(SPACING)
        page.addLayout(top)
        page.addLayout(controls)
        page.addWidget(self.tiles)
        page.addWidget(self.empty_hint)
        page.addWidget(self.splitter, 1)
        page.addWidget(self.legend)
        self.empty_hint.hide()

        self.measure_group.buttonClicked.connect(self._measure_clicked)
        for combo in (self.rows_by, self.step, self.level, self.chain_tier, self.status):
            combo.currentIndexChanged.connect(self.regrid)
        self.tiles.step_chosen.connect(self.open_queue)
        self.view.selectionModel().currentChanged.connect(self._cell_chosen)
        self.view.clicked.connect(self._cell_chosen)
        self.view.activated.connect(self._cell_activated)
        self.supplier_list.itemActivated.connect(lambda item: self.open_supplier.emit(item.data(ID_ROLE)))

        self.refresh()

    def _set_up_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setItemDelegate(CellDelegate(view))
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)  # Tab leaves the map; the arrows move inside it
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        horizontal, vertical = view.horizontalHeader(), view.verticalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        horizontal.setDefaultSectionSize(CELL_SIZE.width())
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        horizontal.setHighlightSections(True)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(CELL_SIZE.height())
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        vertical.setHighlightSections(True)
        view.setAccessibleName("Risk map")

    # -- reading and counting --------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the suppliers again (risk data, results or steps may have changed) and redraw."""
        self.suppliers, self.labels = map_suppliers(self.ctx)
        self.by_id = {s.id: s for s in self.suppliers}
        self.editions = edition_lines(self.ctx)
        self.stale = not self.isVisible()  # then showEvent counts them, at the size the page is shown
        if not self.stale:
            self.regrid()

    def filters(self) -> Filters:
        """The filters as chosen."""
        return Filters(step=self.step.currentData(), level=self.level.currentData(),
                       chain_tier=self.chain_tier.currentData(), status=self.status.currentData())

    def regrid(self) -> None:
        """Recount the suppliers into cells for the measure, rows and filters chosen, keeping the chosen cell."""
        grid = risk_grid(self.suppliers, self.labels, measure=self.measure, rows_by=self.rows_by.currentData(),
                         filters=self.filters(), max_goods=self.max_goods)
        self.grid = grid
        self.stale = False
        self.model.set_grid(grid)
        self._fit()  # the row labels' width may have changed (regions are longer than countries)
        if self.grid is not grid:  # _fit counted them again for the room left
            return
        self.tiles.set_counts(grid.by_step, self.step.currentData())
        total = grid.total
        self.count.setText(f"{grid.shown:,} of {total:,} supplier{'' if total == 1 else 's'}")
        self.legend.setText(legend_html(self.measure, self.editions))
        self.empty_hint.setVisible(not grid.shown)
        self.empty_hint.setText("No suppliers in the register yet: add some under Suppliers (or load the demo "
                                "from Home)." if not total else "No supplier passes these filters.")
        self._restore_choice()

    def _restore_choice(self) -> None:
        if self.chosen is not None:
            rows = [k for k, _ in self.model.grid.rows]
            columns = [k for k, _, _ in self.model.grid.columns]
            if self.chosen[0] in rows and self.chosen[1] in columns:
                index = self.model.index(rows.index(self.chosen[0]), columns.index(self.chosen[1]))
                self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self._list(index)
                return
        self.chosen = None
        self._list(None)

    def set_measure(self, measure: str) -> None:
        """Shade by "inherent" or "assessed" risk."""
        self.measure = measure
        (self.inherent_button if measure == "inherent" else self.assessed_button).setChecked(True)
        self.regrid()

    def _measure_clicked(self, button) -> None:
        self.set_measure("inherent" if button is self.inherent_button else "assessed")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._fit(force=self.stale)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self, force: bool = False) -> None:
        """Show as many goods columns as the map has room for (the rest are summed as Other goods)."""
        if not self.sized and self.isVisible():
            self.splitter.setSizes([max(1, self.width() - SIDE_WIDTH), SIDE_WIDTH])
            self.sized = True
        header = self.view.verticalHeader().sizeHint().width() if self.model.grid is not None else ROW_LABEL_WIDTH
        room = self.splitter.sizes()[0] if self.sized else self.width() - SIDE_WIDTH
        room -= header + self.view.verticalScrollBar().sizeHint().width() + 2 * self.view.frameWidth()
        fits = max(MIN_GOODS, min(MAX_SHOWN_GOODS, room // CELL_SIZE.width() - 1))  # one for Other goods
        if (fits != self.max_goods or force) and self.isVisible():
            self.max_goods = fits
            self.regrid()

    # -- the chosen cell -------------------------------------------------------------------------------------

    def _cell_chosen(self, index, _previous=None) -> None:
        if index.isValid():
            (row, _), (column, _, _) = self.model.key(index)
            self.chosen = (row, column)
        self._list(index if index.isValid() else None)

    def _cell_activated(self, index) -> None:
        self._cell_chosen(index)
        if self.supplier_list.count():
            self.supplier_list.setFocus()
            self.supplier_list.setCurrentRow(0)

    def _list(self, index) -> None:
        """List the suppliers behind a cell (None: none chosen)."""
        self.supplier_list.clear()
        if index is None:
            self.cell_title.setText("Choose a cell to list its suppliers (click, or the arrow keys).")
            return
        (_, row_label), (_, column_label, _) = self.model.key(index)
        ids = self.model.data(index, int(Qt.ItemDataRole.UserRole) + 3) or ()
        found = sorted((self.by_id[i] for i in ids), key=lambda s: s.name.casefold())
        counted = f"{len(found):,} supplier{'' if len(found) == 1 else 's'}" if found else "no suppliers"
        self.cell_title.setText(f"<b>{_escape(column_label)}</b> from <b>{_escape(row_label)}</b>: {counted}")
        for s in found:
            item = QListWidgetItem(f"{s.name}\n    {s.country_name} · {s.step_label or 'No step'}")
            item.setData(ID_ROLE, s.id)
            item.setToolTip(f"{s.name}: {', '.join(s.goods) or 'no goods recorded'}\n"
                            f"Inherent risk: {LEVEL_WORDS.get(s.inherent_level or 'unknown')}; latest rating: "
                            f"{(s.rating or 'not assessed').capitalize()}{' (expired)' if s.expired else ''}\n"
                            "Double-click or press Enter to open the supplier")
            self.supplier_list.addItem(item)

    def listed_ids(self) -> list[int]:
        """The supplier ids listed for the chosen cell, in the order shown."""
        return [self.supplier_list.item(i).data(ID_ROLE) for i in range(self.supplier_list.count())]

    def cell_index(self, row_label: str, column_label: str):
        """The model index of the cell at a row and column label (for tests and scripts), or an invalid one."""
        rows = [label for _, label in self.model.grid.rows]
        columns = [label for _, label, _ in self.model.grid.columns]
        if row_label in rows and column_label in columns:
            return self.model.index(rows.index(row_label), columns.index(column_label))
        return self.model.index(-1, -1)


def _combo(entries: list[tuple[str, object]], tip: str) -> QComboBox:
    combo = QComboBox()
    for text, data in entries:
        combo.addItem(text, data)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
