"""The risk map's grid as a table model: every cell's colour, words and tooltip prepared once in set_grid, so
painting and hovering only index prepared lists (Qt calls data() for every visible cell on every paint)."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from fldd.ui.riskmap.shades import LEVEL_WORDS, RATING_WORDS, SHADE_COLOURS
from fldd.usecases.risk_map import NOT_ASSESSED, Cell, Grid, high_share, shade, worst

SHADE_ROLE = int(Qt.ItemDataRole.UserRole)  # the SHADES key
LINES_ROLE = SHADE_ROLE + 1  # (count line, measure line, extra line)
EXPIRED_ROLE = SHADE_ROLE + 2  # how many of the cell's results have expired
IDS_ROLE = SHADE_ROLE + 3  # the supplier ids behind the cell
HEADER_WIDTH = 13  # characters a goods name is wrapped at in the column header
HEADER_LINES = 3
SHARE_FROM = 10  # from this many suppliers counted a cell gives the share at high risk, below it the number

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)


def wrap_label(text: str, width: int = HEADER_WIDTH, lines: int = HEADER_LINES) -> str:
    """A goods name broken over at most `lines` lines for a narrow column header (the tooltip has it whole)."""
    return "\n".join(textwrap.wrap(text, width, max_lines=lines, placeholder="…", break_on_hyphens=False)) or text


def cell_lines(cell: Cell | None, measure: str) -> tuple[str, str, str]:
    """The words a cell shows: its count, then what the shade means for it, then (assessed) how many are not."""
    if cell is None or not cell.count:
        return ("", "", "")
    high, of = high_share(cell, measure)
    if measure == "inherent":
        middle = _high(high, of, "high") if high else LEVEL_WORDS.get(worst(cell, measure) or "unknown",
                                                                               "").lower()
        return (f"{cell.count:,}", middle, "")
    if not of:
        return (f"{cell.count:,}", "not assessed", "")
    middle = _high(high, of, "high+") if high else RATING_WORDS[worst(cell, measure)].lower()
    missing = cell.ratings[NOT_ASSESSED]
    return (f"{cell.count:,}", middle, f"{missing:,} not assessed" if missing else "")


def _high(high: int, of: int, word: str) -> str:
    """'3 high' for a few suppliers, '42% high' for many."""
    return f"{high:,} {word}" if of < SHARE_FROM else f"{round(100 * high / of)}% {word}"


def cell_tip(cell: Cell, measure: str, row: str, column: str) -> str:
    """The hover text: where, how many, and every level or rating counted."""
    lines = [f"{column} from {row}: {cell.count:,} supplier{'' if cell.count == 1 else 's'}"]
    if measure == "inherent":
        lines += [f"  {LEVEL_WORDS[k]} inherent risk: {cell.levels[k]:,}" for k in ("high", "medium", "low", "unknown")
                  if cell.levels[k]]
    else:
        lines += [f"  {RATING_WORDS[k]}: {cell.ratings[k]:,}" for k in ("severe", "high", "medium", "low",
                                                                        NOT_ASSESSED) if cell.ratings[k]]
        if cell.expired:
            lines.append(f"  of which {cell.expired:,} result{'' if cell.expired == 1 else 's'} expired (corner mark)")
    lines.append("Click or press Enter to list them.")
    return "\n".join(lines)


class GridModel(QAbstractTableModel):
    """Rows: countries or regions; columns: goods groups; read-only."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid: Grid | None = None
        self._rows: list[tuple[str, str]] = []
        self._columns: list[tuple[str, str, bool]] = []
        self._cells: list[list[tuple]] = []  # per row, per column: (shade, lines, tip, colour, expired, ids)
        self._headers: list[str] = []
        self._colours = {k: QColor(v) for k, v in SHADE_COLOURS.items()}

    def set_grid(self, grid: Grid) -> None:
        """Replace the grid (a model reset) and prepare every cell."""
        self.beginResetModel()
        self.grid = grid
        self._rows, self._columns = list(grid.rows), list(grid.columns)
        self._headers = [wrap_label(label) for _, label, _ in self._columns]
        empty = ("empty", ("", "", ""), None, self._colours["empty"], 0, ())
        prepared = []
        for row_key, row_label in self._rows:
            line = []
            for column_key, column_label, _ in self._columns:
                cell = grid.cells.get((row_key, column_key))
                if cell is None:
                    line.append(empty)
                    continue
                name = shade(cell, grid.measure)
                line.append((name, cell_lines(cell, grid.measure),
                             cell_tip(cell, grid.measure, row_label, column_label), self._colours[name],
                             cell.expired if grid.measure == "assessed" else 0, tuple(cell.ids)))
            prepared.append(line)
        self._cells = prepared
        self.endResetModel()

    def key(self, index: QModelIndex) -> tuple[tuple[str, str], tuple[str, str, bool]]:
        """(row key, label), (column key, label, listed) of a cell."""
        return self._rows[index.row()], self._columns[index.column()]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index, role=_DISPLAY):
        if not index.isValid():
            return None
        cell = self._cells[index.row()][index.column()]
        if role == _DISPLAY or role == _ACCESSIBLE:
            return " ".join(part for part in cell[1] if part) or "no suppliers"
        if role == LINES_ROLE:
            return cell[1]
        if role == SHADE_ROLE:
            return cell[0]
        if role == _BACKGROUND:
            return cell[3]
        if role == _TOOLTIP:
            return cell[2]
        if role == EXPIRED_ROLE:
            return cell[4]
        if role == IDS_ROLE:
            return cell[5]
        return None

    def headerData(self, section, orientation, role=_DISPLAY):  # noqa: N802 - Qt's name
        grid = self.grid
        if grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            key, label, listed = self._columns[section]
            if role == _DISPLAY:
                return self._headers[section]
            if role == _TOOLTIP:
                where = "a good on the DOL list" if listed else "goods not on the DOL list, grouped as written"
                return f"{label} ({where}): {grid.column_totals.get(key, 0):,} suppliers shown"
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            key, label = self._rows[section]
            if role == _DISPLAY:
                return label
            if role == _TOOLTIP:
                return f"{label}: {grid.row_totals.get(key, 0):,} suppliers shown"
        return None
