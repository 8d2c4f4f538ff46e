"""Filters over the supplier register: free text, country, rating, status and what is due.

Which rows pass is worked out in one Python pass over the model's prepared facts whenever a filter changes;
filterAcceptsRow then only looks the answer up, so 10,000 rows filter in a few milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal

from fldd.ui.register.supplier_model import Facts, SupplierModel

DUE_ALL, DUE_EXPIRED, DUE_SOON, DUE_OVERDUE, DUE_NEVER = "all", "expired", "soon", "overdue", "never"
DUE_CHOICES = (
    (DUE_ALL, "Anything due"),
    (DUE_EXPIRED, "Assessment expired"),
    (DUE_SOON, "Expires within 30 days"),
    (DUE_OVERDUE, "Actions overdue"),
    (DUE_NEVER, "Never assessed"),
)
UNRATED = "unrated"  # rating filter value for suppliers without a rating
DEBOUNCE_MS = 150


def _due_test(due: str):
    """The Facts predicate of a due choice, or None for all."""
    return {
        DUE_EXPIRED: lambda f: f.expired,
        DUE_SOON: lambda f: f.due_soon,
        DUE_OVERDUE: lambda f: f.overdue,
        DUE_NEVER: lambda f: f.never_assessed,
    }.get(due)


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
        self.assessment_status: str | None = None  # a status key, "none" for never assessed, or None for any
        self.due = DUE_ALL
        self._pending_text = ""
        self._accepted: list[bool] = []
        self._generation = -1
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._apply_text)

    def source(self) -> SupplierModel:
        """The register model underneath."""
        return self.sourceModel()

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
        """One pass over the prepared facts, cheapest checks first."""
        model = self.source()
        if model is None:
            self._accepted = []
            return
        words = self.text.casefold().split()
        country, rating = self.country, self.rating
        s_status, a_status = self.supplier_status, self.assessment_status
        due = _due_test(self.due)

        def accepts(f: Facts) -> bool:
            if country and f.country != country:
                return False
            if rating and (f.rating or UNRATED) != rating:
                return False
            if s_status and f.status != s_status:
                return False
            if a_status and (f.assessment_status or "none") != a_status:
                return False
            if due and not due(f):
                return False
            return all(w in f.blob for w in words)

        if not (words or country or rating or s_status or a_status or due):
            self._accepted = [True] * len(model.facts)
        else:
            self._accepted = [accepts(f) for f in model.facts]
        self._generation = model.generation

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 - Qt's name
        model = self.sourceModel()
        if self._generation != model.generation:
            self._compute()
        return self._accepted[model.order[source_row]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the model underneath (fast, on prepared keys); this proxy keeps the model's order."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)
