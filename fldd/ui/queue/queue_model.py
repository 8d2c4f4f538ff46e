"""The queue as a table model: every string, colour, sort key and filter fact prepared once in set_rows, so Qt's
thousands of data() calls while painting 10,000 rows only index lists; filtering and sorting reorder a list of
row numbers here (no proxy model calling data() twice per comparison)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from fldd.ui.theme import RATING_COLOURS
from fldd.usecases.queue import STEP_LABELS, STEPS
from fldd.usecases.queue_decisions import DECISION_LABELS

(COL_SUPPLIER, COL_STEP, COL_STATE, COL_INHERENT, COL_COUNTRY, COL_RESULT, COL_VALID_UNTIL, COL_REASON) = range(8)
HEADERS = ("Supplier", "Next step", "Decision / under way", "Inherent risk", "Country", "Latest result", "Valid until",
           "Why")
HEADER_TIPS = {
    COL_INHERENT: "Risk of forced labour from the country and the goods alone, before any assessment",
    COL_STEP: "The step the rules of the standard (next_steps.yaml) recommend",
    COL_STATE: "A decision recorded against the step, whether it still holds, or the step already under way",
    COL_REASON: "The weightiest reason; every reason shows beside the table",
}
VIEWS = ("all", "undecided", "decided")
VIEW_LABELS = {"undecided": "Needs a decision", "decided": "Decided or under way", "all": "All suppliers"}
LEVEL_RANK = {"low": 0, "medium": 1, "high": 2}
RATING_RANK = {"low": 0, "medium": 1, "high": 2, "severe": 3}
TIER_WORDS = {"desktop": "Desktop", "onsite": "On-site"}
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_LAPSED = "#b00020"


def state_words(row: dict) -> str:
    """What the Decision / under way column says of a row."""
    decision = row["decision"]
    if decision and not decision["applies"]:
        return "Lapsed: " + decision["lapsed_because"].split("lapsed: ", 1)[-1]
    if decision:
        when = f" until {decision['until']}" if decision["decision"] == "defer" else (
            f" for {decision['until']}" if decision["until"] else "")
        other = f" ({STEP_LABELS[decision['step']]})" if decision["decision"] == "other" else ""
        return f"{DECISION_LABELS[decision['decision']]}{other}{when}"
    return row["under_way"] or ""


class QueueModel(QAbstractTableModel):
    """One row per queue row of fldd.usecases.queue.queue_rows(); read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []
        self.order: list[int] = []  # order[shown row] = index into rows
        self._display: list[tuple[str, ...]] = []
        self._keys: list[tuple] = []
        self._facts: list[tuple] = []  # (step, country, inherent level, view state, search text)
        self._blobs: list[str] = []  # the search text of each row
        self._by: dict[str, dict] = {}  # filter name -> value -> indexes of the rows holding it
        self._sorted: dict[tuple, list[int]] = {}  # (column, order) -> every row in that order
        self._background: list[tuple] = []
        self._lapsed: list[bool] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter: tuple = (None, None, None, "all", "")
        self._colours = {key: QColor(code) for key, code in RATING_COLOURS.items()}
        self._red = QColor(_LAPSED)

    def set_rows(self, rows: list[dict]) -> None:
        """Replace every row, keeping the filter and the sort."""
        self.beginResetModel()
        self.rows = list(rows)
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of small tuples: the cyclic collector would double the time
        try:
            prepared = [self._prepare(row) for row in self.rows]
        finally:
            if collecting:
                gc.enable()
        self._display = [p[0] for p in prepared]
        self._keys = [p[1] for p in prepared]
        self._facts = [p[2] for p in prepared]
        self._blobs = [f[4] for f in self._facts]
        self._by = {name: {} for name in ("step", "country", "level", "view")}
        for i, facts in enumerate(self._facts):
            for name, value in zip(("step", "country", "level", "view"), facts):
                self._by[name].setdefault(value, set()).add(i)
        self._sorted = {}
        self._background = [p[3] for p in prepared]
        self._lapsed = [p[4] for p in prepared]
        self.order = self._arranged()
        self.endResetModel()

    def _prepare(self, row: dict) -> tuple:
        level, rating, tier = row["inherent_level"], row["rating"], row["tier"]
        score = row["inherent_score"]
        inherent = (f"{level.capitalize()} ({score:g}/10)" if score is not None else level.capitalize()) \
            if level else "—"
        result = f"{TIER_WORDS.get(tier, tier)} · {rating or 'not rated'} · {row['assessed_on']}" if tier else \
            "Never assessed"
        valid = row["valid_until"] or ""
        if valid and row["expired"]:
            valid += " · Expired"
        elif valid and row["expires_in_days"] is not None and row["expires_in_days"] <= 60:
            valid += " · Due"
        state = state_words(row)
        reason = row["reasons"][0] if row["reasons"] else ""
        display = (row["supplier"], row["step_label"], state, inherent, f"{row['country']} — {row['country_name']}",
                   result, valid, reason)
        keys = (row["supplier"].casefold(), row["rank"], state.casefold(), (LEVEL_RANK.get(level, -1), score or 0),
                row["country"], (RATING_RANK.get(rating, -1), row["assessed_on"] or ""), row["valid_until"] or "9999",
                reason.casefold())
        decision = row["decision"]
        view = "undecided" if row["needs_decision"] else "decided"
        search = "\n".join((row["supplier"], row["country"], row["country_name"], ", ".join(row["goods"]),
                            *row["reasons"], state)).casefold()
        facts = (row["step"], row["country"], level, view, search)
        background = (None, None, None, self._colours.get(level) if level else None, None,
                      self._colours.get(rating) if rating else None, None, None)
        return display, keys, facts, background, bool(decision and not decision["applies"])

    # -- filter and sort ---------------------------------------------------------------------------------------

    def set_filter(self, *, step: str | None = None, country: str | None = None, level: str | None = None,
                   view: str = "all", text: str = "") -> None:
        """Show only the rows of this step, country, inherent level, view (VIEWS) and holding every word of text."""
        wanted = (step, country, level, view, text.strip().casefold())
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self.order = self._arranged()
        self.endResetModel()

    def _shown(self) -> set[int] | None:
        """Indexes of the rows the filter lets through (None: every row), from the sets prepared in set_rows."""
        step, country, level, view, text = self._filter
        chosen = None
        for name, value in (("step", step), ("country", country), ("level", level),
                            ("view", None if view == "all" else view)):
            if value is not None:
                found = self._by[name].get(value, set())
                chosen = found if chosen is None else chosen & found
        words = text.split()
        if words:
            blobs = self._blobs
            chosen = {i for i in (range(len(blobs)) if chosen is None else chosen)
                      if all(w in blobs[i] for w in words)}
        return chosen

    def _base(self) -> list[int]:
        """Every row in the current sort's order, worked out once per column and direction."""
        if self._sort is None:
            return list(range(len(self.rows)))
        if self._sort not in self._sorted:
            column, order = self._sort
            keys = [k[column] for k in self._keys]
            self._sorted[self._sort] = sorted(range(len(keys)), key=keys.__getitem__,
                                              reverse=order == Qt.SortOrder.DescendingOrder)
        return self._sorted[self._sort]

    def _arranged(self) -> list[int]:
        shown, base = self._shown(), self._base()
        return list(base) if shown is None else [i for i in base if i in shown]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the shown rows by the column's prepared key."""
        if not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        sources = [self.order[p.row()] if p.row() < len(self.order) else None for p in kept]
        self._sort = (column, Qt.SortOrder(order))
        self.order = self._arranged()
        if kept:
            position = {source: shown for shown, source in enumerate(self.order)}
            self.changePersistentIndexList(kept, [self.index(position[s], p.column()) if s in position
                                                  else QModelIndex() for s, p in zip(sources, kept)])
        self.layoutChanged.emit()

    # -- Qt model interface --------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(HEADERS)

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
            return self._red if column == COL_STATE and self._lapsed[i] else None
        if role == _TOOLTIP:
            return self._display[i][column] or None
        if role == ID_ROLE:
            return self.rows[i]["supplier_id"]
        return None

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802 - Qt's name
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == _DISPLAY:
            return HEADERS[section]
        if role == _TOOLTIP:
            return HEADER_TIPS.get(section)
        return None

    # -- helpers for the page --------------------------------------------------------------------------------------

    def record(self, row: int) -> dict | None:
        """The queue row shown at `row`, or None."""
        return self.rows[self.order[row]] if 0 <= row < len(self.order) else None

    def row_of(self, supplier_id: int) -> int | None:
        """The shown row of a supplier, or None when it is filtered out."""
        for shown, source in enumerate(self.order):
            if self.rows[source]["supplier_id"] == supplier_id:
                return shown
        return None

    def countries(self) -> list[tuple[str, str]]:
        """(code, name) of every country in the rows, by name."""
        return sorted({(r["country"], r["country_name"]) for r in self.rows}, key=lambda c: c[1].casefold())

    def counts(self) -> dict[str, int]:
        """Rows by step (all rows, whatever the filter)."""
        out = dict.fromkeys(STEPS, 0)
        for facts in self._facts:
            out[facts[0]] += 1
        return out
