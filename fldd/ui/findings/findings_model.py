"""The findings table: one row per corrective action, overdue ones in red with words, and the filters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fldd.ui.tables import RowsModel
from fldd.ui.theme import ACTION_STATUS_WORDS, OVERDUE_COLOUR, SEVERITY_COLOURS, SEVERITY_WORDS

# What tells urgency comes first, so it stays in view on a small screen; the long action text comes last.
COL_SEVERITY, COL_TITLE, COL_SUPPLIER, COL_DUE, COL_OVERDUE, COL_STATUS, COL_OWNER, COL_ASSESSMENT, COL_ACTION = \
    range(9)
HEADERS = ("Severity", "Finding", "Supplier", "Next due", "Overdue", "Status", "Owner", "Assessment", "Action")
# Which deadline the "Next due" date is (an action owes its plan first, then the work; see the store's DEADLINE_SQL)
DUE_WORDS = {"plan": "plan", "closure": "closure"}
# What an overdue action owes, in the words of the Overdue column (see the store's DEADLINE_SQL)
OWED_WORDS = {"plan": "Plan overdue", "closure": "Closure overdue", "due": "Overdue"}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
TIER_WORDS = {"desktop": "Desktop", "onsite": "On-site"}
SEVERITY_ORDER = {"priority": 0, "major": 1, "minor": 2}
STATUS_ORDER = {"open": 0, "in_progress": 1, "done": 2, "verified": 3}
OVERDUE_RANK = {"open": 1, "in_progress": 1, "done": 2, "verified": 3}  # after the overdue rows (rank 0)
# Filter modes of the "Show" box: name -> label
MODES = {"open": "Open (not verified)", "overdue": "Overdue", "to_verify": "Done, to verify", "all": "All"}

Index = QModelIndex | QPersistentModelIndex


def overdue_text(row: dict, short: bool = False) -> str:
    """'Plan overdue by N days' (or closure) for an overdue action, else nothing; `short` leaves out which
    deadline, for where the date beside it says so."""
    if not row.get("overdue"):
        return ""
    days = -row["days_left"]
    owed = "Overdue" if short else OWED_WORDS.get(row.get("deadline_kind"), "Overdue")
    return f"{owed} by {days} day" + ("" if days == 1 else "s")


def due_tooltip(row: dict) -> str:
    """Both deadlines of an action: its plan's and its closure's (one date for actions recorded with one)."""
    if not row.get("closure_date"):
        return f"Due {row['due_date']}"
    return f"Corrective-action plan due {row['due_date']}\nWork to be finished by {row['closure_date']}"


def assessment_text(row: dict) -> str:
    """The tier and number of the assessment a finding belongs to, e.g. 'Desktop #12'."""
    return f"{TIER_WORDS.get(row['tier'], row['tier'])} #{row['assessment_id']}"


class FindingsModel(RowsModel):
    """Rows from fldd.usecases.findings.list_findings."""

    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._red = QBrush(QColor(OVERDUE_COLOUR))
        self._bold = QFont()
        self._bold.setBold(True)
        self._severity_brushes = {k: QBrush(QColor(v)) for k, v in SEVERITY_COLOURS.items()}

    def row_of_action(self, action_id: int) -> int:
        """The row showing this action, or -1."""
        return next((i for i, r in enumerate(self._rows) if r["action_id"] == action_id), -1)

    def cell(self, row: dict, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_TITLE, COL_ACTION, COL_SUPPLIER):
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == ACTION_ID_ROLE:
            return row["action_id"]
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_SEVERITY:
            return self._severity_brushes.get(row["severity"])
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DUE:
            return due_tooltip(row)
        if row["overdue"] and col in (COL_DUE, COL_OVERDUE):
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._red
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return None

    @staticmethod
    def _text(row: dict, col: int) -> str:
        if col == COL_SEVERITY:
            return SEVERITY_WORDS.get(row["severity"], row["severity"])
        if col == COL_TITLE:
            return row["title"]
        if col == COL_SUPPLIER:
            return row["supplier"]
        if col == COL_ASSESSMENT:
            return assessment_text(row)
        if col == COL_ACTION:
            return " ".join((row["description"] or "").split())
        if col == COL_OWNER:
            return row["owner"] or ""
        if col == COL_DUE:
            kind = DUE_WORDS.get(row.get("deadline_kind"))
            return f"{row['deadline']} ({kind})" if kind else row.get("deadline") or ""
        if col == COL_STATUS:
            return ACTION_STATUS_WORDS.get(row["status"], row["status"])
        return overdue_text(row, short=True)

    def _sort_key(self, row: dict, col: int):
        if col == COL_SEVERITY:
            return SEVERITY_ORDER.get(row["severity"], 9)
        if col == COL_STATUS:
            return STATUS_ORDER.get(row["status"], 9)
        if col == COL_OVERDUE:
            # overdue first (most overdue on top), then outstanding by due date, then done, then verified
            rank = 0 if row["overdue"] else OVERDUE_RANK.get(row["status"], 3)
            return rank * 1_000_000 + (row["days_left"] or 0)
        return self._text(row, col).casefold()


class FindingsFilter(QSortFilterProxyModel):
    """Shows the rows of one mode (open, overdue, done to verify, all), severity and search text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mode = "open"
        self.severity: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, *, mode: str | None = None, severity: str | None | bool = False,
                   text: str | None = None) -> None:
        """Change one or more filters (severity None means every severity)."""
        self.beginFilterChange()
        if mode is not None:
            self.mode = mode
        if severity is not False:
            self.severity = severity  # type: ignore[assignment]
        if text is not None:
            self.text = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt's name
        row = self.sourceModel().row(source_row)
        if self.mode == "open" and row["status"] == "verified":
            return False
        if self.mode == "overdue" and not row["overdue"]:
            return False
        if self.mode == "to_verify" and row["status"] != "done":
            return False
        if self.severity and row["severity"] != self.severity:
            return False
        if self.text:
            haystack = " ".join(str(row.get(k) or "") for k in ("title", "supplier", "description", "owner"))
            return self.text in haystack.casefold()
        return True
