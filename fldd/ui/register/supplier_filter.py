"""Filters over the supplier register: free text, country, rating, status and what is due.

Which rows pass is worked out whenever a filter changes, narrowing a list of row numbers one prepared fact at a
time (each a tight list comprehension); filterAcceptsRow then only looks the answer up, so 10,000 rows filter in a
few milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal

from fldd.ui.register.supplier_model import NEVER, UNRATED, SupplierModel  # noqa: F401 - filter values, for callers

DUE_ALL, DUE_EXPIRED, DUE_SOON, DUE_OVERDUE, DUE_NEVER = "all", "expired", "soon", "overdue", "never"
DUE_CHOICES = (
    (DUE_ALL, "Anything due"),
    (DUE_EXPIRED, "Assessment expired"),
    (DUE_SOON, "Expires within 30 days"),
    (DUE_OVERDUE, "Actions overdue"),
    (DUE_NEVER, "Never assessed"),
)
DEBOUNCE_MS = 150


DUE_FACTS = {DUE_EXPIRED: "expired", DUE_SOON: "due_soon", DUE_OVERDUE: "overdue", DUE_NEVER: "never_assessed"}


class SupplierFilter(QSortFilterProxyModel):
    """Proxy over a SupplierModel; sorting is delegated to the model, which sorts on prepared keys."""

    filtered = Signal()  # emitted once after the visible rows changed because a filter changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.debounce_ms = DEBOUNCE_MS  # tests set 0 to filter on every keystroke
        self.text = ""
        self.country: str | None = None
        self.rating: str | None = None  # a rating key, UNRATED, or None for any
        self.supplier_status: str | None = None
        self.assessment_status: str | None = None  # a status key, NEVER for never assessed, or None for any
        self.due = DUE_ALL
        self._pending_text = ""
        self._model: SupplierModel | None = None
        self._accepted: list[bool] = []  # by index into model.rows
        self._generation = -1
        self._by_row: list[bool] = []  # by the model's current row: what filterAcceptsRow reads
        self._arrangement = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._apply_text)

    def setSourceModel(self, model: SupplierModel) -> None:  # noqa: N802 - Qt's name
        self._model = model
        self._generation = self._arrangement = -1
        super().setSourceModel(model)

    def source(self) -> SupplierModel:
        """The register model underneath."""
        return self._model

    # -- setting filters -------------------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Free text over name, goods, OS ID and country name; every word must occur (after a short pause)."""
        self._pending_text = text
        if self.debounce_ms > 0:
            self._timer.start(self.debounce_ms)
        else:
            self._apply_text()

    def flush(self) -> None:
        """Apply typed text now instead of after the pause."""
        if self._timer.isActive():
            self._timer.stop()
            self._apply_text()

    def _apply_text(self) -> None:
        if self._pending_text != self.text:
            self.text = self._pending_text
            self.refilter()

    def set_country(self, code: str | None) -> None:
        """Only suppliers in this ISO country (None: any)."""
        self.country = code or None
        self.refilter()

    def set_rating(self, rating: str | None) -> None:
        """Only this latest rating (UNRATED: none yet; None: any)."""
        self.rating = rating or None
        self.refilter()

    def set_status(self, supplier_status: str | None = None, assessment_status: str | None = None) -> None:
        """Only this supplier status and / or latest assessment status (None: any)."""
        self.supplier_status = supplier_status or None
        self.assessment_status = assessment_status or None
        self.refilter()

    def set_due(self, due: str) -> None:
        """One of the DUE_* choices."""
        self.due = due or DUE_ALL
        self.refilter()

    def is_filtered(self) -> bool:
        """True when any filter narrows the rows."""
        return bool(self.text.strip() or self.country or self.rating or self.supplier_status
                    or self.assessment_status or self.due != DUE_ALL)

    def refilter(self) -> None:
        """Work out the accepted rows again and let Qt update the view."""
        self.beginFilterChange()
        self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filtered.emit()

    # -- the filtering itself --------------------------------------------------------------------------------

    def _compute(self) -> None:
        """Narrow the row numbers by each active filter in turn; text last, as it is the dearest check."""
        model = self._model
        if model is None:
            self._accepted, self._by_row = [], []
            return
        facts = model.facts
        count = len(facts.blob)
        keep: list[int] | range = range(count)
        for values, wanted in ((facts.country, self.country), (facts.rating, self.rating),
                               (facts.status, self.supplier_status),
                               (facts.assessment_status, self.assessment_status)):
            if wanted:
                keep = [i for i in keep if values[i] == wanted]
        if self.due in DUE_FACTS:
            flags = getattr(facts, DUE_FACTS[self.due])
            keep = [i for i in keep if flags[i]]
        blobs = facts.blob
        for word in self.text.casefold().split():
            keep = [i for i in keep if word in blobs[i]]
        if isinstance(keep, range):
            self._accepted = [True] * count
        else:
            self._accepted = [False] * count
            for i in keep:
                self._accepted[i] = True
        self._generation = model.generation
        self._arrangement = -1  # _by_row follows on the next filterAcceptsRow

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt's name
        """Qt asks once per row: a list lookup, refreshed when the rows or their order changed."""
        model = self._model
        if self._arrangement != model.arrangement:
            if self._generation != model.generation:
                self._compute()
            self._arrange()
        return self._by_row[source_row]

    def _arrange(self) -> None:
        accepted = self._accepted
        self._by_row = [accepted[i] for i in self._model.order]
        self._arrangement = self._model.arrangement

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the model underneath (fast, on prepared keys); this proxy keeps the model's order."""
        if self._model is not None:
            self._model.sort(column, order)
