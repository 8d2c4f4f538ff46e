"""The supplier register as a table model: every string, colour and sort key computed once in set_rows.

Qt calls data() thousands of times while painting and sorting; each call crosses from C++ into Python, so
data() only indexes prepared lists. Sorting reorders rows here with Python's sort over prepared keys (a few
milliseconds for 10,000 rows) instead of letting QSortFilterProxyModel call data() twice per comparison.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from fldd.risk.countries import UnknownCountryError, country_name
from fldd.ui.theme import OVERDUE_COLOUR, RATING_COLOURS, STATUS_WORDS
from fldd.usecases.inherent import editions_words
from fldd.usecases.rating_words import legend, rating_text

(COL_NAME, COL_COUNTRY, COL_GOODS, COL_CHAIN_TIER, COL_INHERENT, COL_ASSESSMENT, COL_RATING, COL_SCORE,
 COL_VALID_UNTIL, COL_NEXT_ACTION) = range(10)
HEADERS = ("Name", "Country", "Goods", "Tier in chain", "Inherent risk", "Latest assessment", "Rating", "Score",
           "Valid until", "Next action due")
COLUMN_COUNT = len(HEADERS)
HEADER_TIPS = {
    COL_CHAIN_TIER: "1 = direct supplier, 2 = a supplier of a direct supplier, and so on",
    COL_INHERENT: "Risk of forced labour before any assessment (0-10), from the public risk data and what the buyer "
                  "recorded: the country, the goods, recruitment corridors, raw-material origins, the buyer's "
                  "lists and confirmed entity-list matches. Each cell's tooltip names the editions it rests on",
    COL_RATING: "Rating of the latest assessment ('so far' until it is submitted complete)\n\n" + legend(),
    COL_SCORE: "Score of the latest assessment\n\n" + legend(),
    COL_VALID_UNTIL: "When the latest assessment's result expires; 'Due' within 30 days",
    COL_NEXT_ACTION: "Earliest due date of an open corrective action",
}

SORT_ROLE = int(Qt.ItemDataRole.UserRole)  # typed sort key: str, int, float, ISO date text, or None
ID_ROLE = SORT_ROLE + 1  # the supplier id of the row

DUE_SOON_DAYS = 30
PERSISTENT_LOOKUPS = 16  # up to this many persistent indexes, find their new rows one by one
INHERENT_WORDS = {"low": "Low", "medium": "Medium", "high": "High"}
INHERENT_RANK = {"low": 0, "medium": 1, "high": 2}
RATING_RANK = {"low": 0, "medium": 1, "high": 2, "severe": 3}
TIER_WORDS = {"desktop": "Desktop", "onsite": "On-site"}
STATUS_RANK = {"draft": 0, "submitted": 1, "under_review": 2, "closed": 3}

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_ALIGNMENTS = {COL_SCORE: _RIGHT, COL_CHAIN_TIER: _CENTRE}
_RED = {(expiring, overdue): frozenset(c for c, flag in ((COL_VALID_UNTIL, expiring), (COL_NEXT_ACTION, overdue))
                                       if flag)
        for expiring in (False, True) for overdue in (False, True)}  # columns shown in red, shared by all rows


UNRATED = "unrated"  # the rating fact of a supplier without a rating
NEVER = "none"  # the assessment-status fact of a supplier never assessed
FACT_NAMES = ("blob", "country", "rating", "status", "assessment_status", "expired", "due_soon", "overdue",
              "never_assessed")


@dataclass(slots=True)
class Facts:
    """What the filter asks of the rows, one list per fact (index = position in model.rows), prepared once."""

    blob: list[str] = field(default_factory=list)  # name, goods, OS ID and country name, case-folded
    country: list[str] = field(default_factory=list)
    rating: list[str] = field(default_factory=list)  # a rating key or UNRATED
    status: list[str] = field(default_factory=list)  # the supplier's status
    assessment_status: list[str] = field(default_factory=list)  # the latest assessment's status or NEVER
    expired: list[bool] = field(default_factory=list)
    due_soon: list[bool] = field(default_factory=list)
    overdue: list[bool] = field(default_factory=list)
    never_assessed: list[bool] = field(default_factory=list)


def _goods(text: str | None) -> list[str]:
    try:
        goods = json.loads(text or "[]")
    except ValueError:
        return [text or ""]
    return [str(g) for g in goods] if isinstance(goods, list) else [str(goods)]


@lru_cache(maxsize=64)
def _editions_words(stamp: str | None) -> str:
    """The editions an inherent risk rests on (most suppliers share one stamp: worked out once)."""
    return editions_words(stamp)


@lru_cache(maxsize=512)
def _country(code: str) -> str:
    try:
        return country_name(code)
    except UnknownCountryError:
        return ""


class SupplierModel(QAbstractTableModel):
    """One row per supplier of fldd.usecases.suppliers.register(); read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.generation = 0  # bumped by set_rows, so a filter knows its prepared answers are stale
        self.arrangement = 0  # bumped whenever rows or their order change
        self.rows: list[dict] = []  # as given, in their original order
        self.facts = Facts()
        self.order: list[int] = []  # order[shown row] = index into rows
        self._display: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._background: list[tuple] = []
        self._red: list[frozenset[int]] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue = QColor(OVERDUE_COLOUR)
        self._colours = {key: QColor(code) for key, code in RATING_COLOURS.items()}

    # -- loading ---------------------------------------------------------------------------------------------

    def set_rows(self, rows: list[dict], today: dt.date | None = None) -> None:
        """Replace every row (a model reset), keeping the current sort."""
        self.beginResetModel()
        self.today = today or dt.date.today()
        self.rows = list(rows)
        soon = (self.today + dt.timedelta(days=DUE_SOON_DAYS)).isoformat()
        now = self.today.isoformat()
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of small acyclic tuples: the cyclic collector would double the time
        try:
            prepared = [self._prepare(row, now, soon) for row in self.rows]
        finally:
            if collecting:
                gc.enable()
        self._display = [p[0] for p in prepared]
        self._keys = [p[1] for p in prepared]
        self._background = [p[2] for p in prepared]
        self._red = [p[3] for p in prepared]
        self.facts = Facts(*(list(column) for column in zip(*(p[4] for p in prepared)))) if prepared else Facts()
        self.order = list(range(len(self.rows)))
        if self._sort is not None:
            self.order = self._sorted_order(*self._sort)
        self.generation += 1
        self.arrangement += 1
        self.endResetModel()

    def _prepare(self, row: dict, now: str, soon: str) -> tuple:
        """Display strings, sort keys, backgrounds, red columns and filter facts of one row."""
        code = row.get("country") or ""
        name_of_country = _country(code)
        goods = ", ".join(_goods(row.get("goods")))
        chain_tier = row.get("chain_tier")
        level = row.get("inherent_level")
        inherent_score = row.get("inherent_score")
        assessment_id = row.get("assessment_id")
        tier = row.get("tier")
        a_status = row.get("assessment_status")
        rating = row.get("rating")
        score = row.get("score")
        valid = row.get("valid_until")
        due = row.get("next_action_due")

        shown_rating = rating_text(rating, a_status, row.get("answered_required"), row.get("required")) \
            if assessment_id is not None else None
        expired = bool(valid) and valid < now
        due_soon = bool(valid) and now <= valid <= soon
        overdue = bool(due) and due < now
        if assessment_id is None:
            assessment = "Never assessed"
        else:
            assessment = f"{TIER_WORDS.get(tier, tier or '')} · {STATUS_WORDS.get(a_status, a_status or '')}"
        display = (
            row.get("name") or "",
            f"{code} — {name_of_country}" if name_of_country else code,
            goods,
            str(chain_tier) if chain_tier is not None else "",
            (f"{INHERENT_WORDS.get(level, level)} ({inherent_score:g}/10)" if inherent_score is not None
             else INHERENT_WORDS.get(level, level)) if level else "—",
            assessment,
            shown_rating.short if shown_rating is not None else "—",
            f"{score:.1f}" if score is not None else "",
            (f"{valid} · Expired" if expired else f"{valid} · Due" if due_soon else valid) if valid else "",
            (f"{due} · Overdue" if overdue else due) if due else "",
        )
        keys = (
            (row.get("name") or "").casefold(),
            code,
            goods.casefold() or None,
            chain_tier,
            float(inherent_score) if inherent_score is not None else INHERENT_RANK.get(level) if level else None,
            (0 if tier == "desktop" else 10) + STATUS_RANK.get(a_status, 0) if assessment_id is not None else None,
            RATING_RANK.get(rating) if rating else None,
            score,
            valid or None,
            due or None,
        )
        background = (None, None, None, None, self._colours.get(level) if level else None, None,
                      self._colours.get(rating) if rating else None, None, None, None)
        red = _RED[(expired or due_soon, overdue)]
        blob = "\n".join((row.get("name") or "", goods, row.get("os_id") or "", name_of_country)).casefold()
        facts = (blob, code, rating or UNRATED, row.get("status") or "", a_status or NEVER, expired, due_soon, overdue,
                 assessment_id is None)
        return display, keys, background, red, facts

    # -- Qt model interface ----------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index, role=_DISPLAY):
        """Prepared values only: no formatting here."""
        if not index.isValid():
            return None
        i = self.order[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._display[i][column]
        if role == _BACKGROUND:
            return self._background[i][column]
        if role == _FOREGROUND:
            return self._overdue if column in self._red[i] else None
        if role == _FONT:
            return self._bold if column in self._red[i] else None
        if role == SORT_ROLE:
            return self._keys[i][column]
        if role == ID_ROLE:
            return self.rows[i]["id"]
        if role == _TOOLTIP and column == COL_RATING and self.rows[i].get("assessment_id") is not None:
            row = self.rows[i]  # the whole words, with how much is answered (the cell has room for less)
            return rating_text(row.get("rating"), row.get("assessment_status"), row.get("answered_required"),
                               row.get("required")).text
        if role == _TOOLTIP and column == COL_INHERENT and self.rows[i].get("inherent_level"):
            return f"{self._display[i][column]}\n{_editions_words(self.rows[i].get('inherent_editions'))}"
        if role == _TOOLTIP:
            return self._display[i][column] or None
        if role == _ALIGN:
            return _ALIGNMENTS.get(column)
        return None

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802 - Qt's name
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == _DISPLAY:
            return HEADERS[section]
        if role == _TOOLTIP:
            return HEADER_TIPS.get(section)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder rows by the column's prepared key (empty values last in both directions)."""
        if not 0 <= column < COLUMN_COUNT:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_order = self.order
        self.order = self._sorted_order(column, order)
        self.arrangement += 1
        if old_persistent:  # the view's current and selected rows: usually a handful
            sources = [old_order[p.row()] for p in old_persistent]
            if len(sources) > PERSISTENT_LOOKUPS:
                position = {source: shown for shown, source in enumerate(self.order)}
                rows = [position[source] for source in sources]
            else:
                rows = [self.order.index(source) for source in sources]
            self.changePersistentIndexList(old_persistent,
                                           [self.index(row, p.column()) for row, p in zip(rows, old_persistent)])
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = [k[column] for k in self._keys]
        present = [i for i, key in enumerate(keys) if key is not None]
        missing = [i for i, key in enumerate(keys) if key is None]
        present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return present + missing

    # -- helpers for the page --------------------------------------------------------------------------------

    def supplier_id(self, row: int) -> int | None:
        """The supplier id shown at row, or None."""
        return self.rows[self.order[row]]["id"] if 0 <= row < len(self.order) else None

    def row_of(self, supplier_id: int) -> int | None:
        """The row showing supplier_id, or None."""
        for shown, source in enumerate(self.order):
            if self.rows[source]["id"] == supplier_id:
                return shown
        return None

    def record(self, row: int) -> dict:
        """The register dict behind a row."""
        return self.rows[self.order[row]]

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order last sorted by, or None."""
        return self._sort

