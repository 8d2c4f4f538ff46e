"""The assessments table: supplier, tier, status, rating with its colour, score, completeness and dates;
expired results in red with the word, and the tier / status / text filter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fldd.ui.tables import RowsModel
from fldd.ui.theme import OVERDUE_COLOUR, RATING_COLOURS, STATUS_WORDS
from fldd.usecases.rating_words import legend, of_row

(COL_SUPPLIER, COL_QUESTIONNAIRE, COL_STATUS, COL_RATING, COL_SCORE, COL_COMPLETE, COL_STARTED, COL_SUBMITTED,
 COL_VALID) = range(9)
HEADERS = ("Supplier", "Tier", "Status", "Rating", "Score", "Answered", "Started", "Submitted",
           "Valid until")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
TIER_WORDS = {"desktop": "Desktop", "onsite": "On-site"}  # the tooltip names the questionnaire in full
TIER_TITLES = {"desktop": "Desktop self-assessment", "onsite": "On-site assessment"}
STATUS_ORDER = {"draft": 0, "submitted": 1, "under_review": 2, "closed": 3}
RATING_ORDER = {"low": 0, "medium": 1, "high": 2, "severe": 3}
NUMERIC = (COL_SCORE, COL_COMPLETE)
LEGEND = legend()

Index = QModelIndex | QPersistentModelIndex


def valid_text(row: dict, today: dt.date) -> str:
    """The expiry date, with 'Expired' once it has passed."""
    until = row.get("valid_until")
    if not until or row["status"] == "draft":
        return ""
    return f"{until} — Expired" if dt.date.fromisoformat(until) < today else until


def is_expired(row: dict, today: dt.date) -> bool:
    """Whether a result that counts has passed its expiry date."""
    until = row.get("valid_until")
    return bool(until and row["status"] != "draft" and dt.date.fromisoformat(until) < today)


class AssessmentsModel(RowsModel):
    """Rows from fldd.usecases.assessments.list_assessments; `today` decides what has expired."""

    headers = HEADERS

    def __init__(self, today=dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self._today = today()
        self._red = QBrush(QColor(OVERDUE_COLOUR))
        self._bold = QFont()
        self._bold.setBold(True)
        self._rating_brushes = {k: QBrush(QColor(v)) for k, v in RATING_COLOURS.items()}
        self._grey = QBrush(QColor("#666666"))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole):
        """The rating and score headers explain themselves in a tooltip."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section in (COL_RATING, COL_SCORE):
            return LEGEND
        return super().headerData(section, orientation, role)

    def set_rows(self, rows: list[dict]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self._today = self.today()
        self.endResetModel()

    def cell(self, row: dict, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == ID_ROLE:
            return row["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_RATING:
            return self._rating_brushes.get(row["rating"])
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_RATING, COL_SCORE):
            return LEGEND
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_QUESTIONNAIRE:
            return f"{TIER_TITLES.get(row['tier'], '')} ({row['questionnaire_id']} {row['questionnaire_version']})"
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_SUPPLIER:
            return f"{row['supplier']} ({row['country']})"
        if col == COL_VALID and is_expired(row, self._today):
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._red
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None

    def _text(self, row: dict, col: int) -> str:
        if col == COL_SUPPLIER:
            return row["supplier"]
        if col == COL_QUESTIONNAIRE:
            return f"{TIER_WORDS.get(row['tier'], row['questionnaire_id'])} {row['questionnaire_version']}"
        if col == COL_STATUS:
            return STATUS_WORDS.get(row["status"], row["status"])
        if col == COL_RATING:
            return of_row(row).text
        if col == COL_SCORE:
            return "" if row["score"] is None else f"{row['score']:.1f}"
        if col == COL_COMPLETE:
            return "" if row["completeness"] is None else f"{row['completeness']:.0f}%"
        if col == COL_STARTED:
            return (row["started_at"] or "")[:10]
        if col == COL_SUBMITTED:
            if row["status"] == "draft":
                return ""
            return row["assessed_on"] or (row["submitted_at"] or "")[:10]
        return valid_text(row, self._today)

    def _sort_key(self, row: dict, col: int):
        if col == COL_STATUS:
            return STATUS_ORDER.get(row["status"], 9)
        if col == COL_RATING:
            return RATING_ORDER.get(row["rating"], -1)
        if col == COL_SCORE:
            return -1.0 if row["score"] is None else float(row["score"])
        if col == COL_COMPLETE:
            return -1.0 if row["completeness"] is None else float(row["completeness"])
        return self._text(row, col).casefold()


class AssessmentsFilter(QSortFilterProxyModel):
    """Shows one tier, one status and rows containing the search text (supplier, country, assessor)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tier: str | None = None
        self.status: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, tier: str | None | bool = False, status: str | None | bool = False,
                   text: str | None = None) -> None:
        """Change one or more filters (None means every tier or status)."""
        self.beginFilterChange()
        if tier is not False:
            self.tier = tier  # type: ignore[assignment]
        if status is not False:
            self.status = status  # type: ignore[assignment]
        if text is not None:
            self.text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt's name
        row = self.sourceModel().row(source_row)
        if self.tier and row["tier"] != self.tier:
            return False
        if self.status and row["status"] != self.status:
            return False
        if self.text:
            haystack = " ".join(str(row.get(k) or "") for k in ("supplier", "country", "assessor", "questionnaire_id"))
            return self.text in haystack.casefold()
        return True
