"""The per-file table of an import: what would happen (preview), then what happened, each outcome in words and
colour; the full reasons of one file for the details pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from fldd.exchange.outcome import FileReport
from fldd.ui.tables import RowsModel

COL_FILE, COL_OUTCOME, COL_SUPPLIER, COL_QUESTIONNAIRE, COL_CHANGED, COL_MISSING, COL_DETAILS = range(7)
HEADERS = ("File", "Outcome", "Supplier", "Questionnaire", "Answers set", "Required missing", "Details")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
WAITING, CANCELLED = "waiting", "cancelled"

OUTCOME_WORDS = {
    "accepted": "Accepted", "accepted_incomplete": "Accepted, incomplete", "rejected": "Rejected",
    "unchanged": "Unchanged", "superseded": "Superseded (older file)",
    WAITING: "Waiting", CANCELLED: "Not imported (cancelled)",
}
PREVIEW_WORDS = {
    "accepted": "Will be accepted", "accepted_incomplete": "Will be accepted, incomplete",
    "rejected": "Will be rejected", "unchanged": "No change", "superseded": "Older than the one imported",
}
OUTCOME_COLOURS = {"accepted": "#d8f0dc", "accepted_incomplete": "#fff1c2", "rejected": "#f8c4c4",
                   "unchanged": "#e8e8e8", "superseded": "#e8e8e8"}
OUTCOME_ORDER = {"rejected": 0, "accepted_incomplete": 1, "accepted": 2, "superseded": 3, "unchanged": 4,
                 WAITING: 5, CANCELLED: 6}



def file_row(path: Path, report: FileReport | None, *, preview: bool = False, cancelled: bool = False) -> dict:
    """One row of the table: a file not yet read, left out by a cancel, or checked / imported."""
    if report is None:
        state = CANCELLED if cancelled else WAITING
        return {"file": path.name, "path": str(path), "outcome": state, "word": OUTCOME_WORDS[state],
                "supplier": "", "questionnaire": "", "changed": None, "missing": None,
                "details": "Not read: the import was cancelled before this file." if cancelled else "",
                "full": ""}
    words = PREVIEW_WORDS if preview else OUTCOME_WORDS
    if report.outcome in ("accepted", "accepted_incomplete") and report.revision in (None, 1):
        changed = report.answered  # a new assessment: every answer given is set
    else:
        changed = sum(1 for c in report.changes if c.what == "answer")
    return {"file": path.name, "path": str(path), "outcome": report.outcome, "word": words[report.outcome],
            "supplier": report.supplier, "questionnaire": report.questionnaire,
            "changed": None if report.outcome == "rejected" else changed,
            "missing": len(report.missing) if report.outcome in ("accepted", "accepted_incomplete") else None,
            "details": _gist(report, preview), "full": full_text(report)}


def _gist(report: FileReport, preview: bool) -> str:
    """The one line that says why: the first problem, the note, or where the answers go."""
    if report.errors:
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        return f"{report.errors[0].where() + ': ' if report.errors[0].where() else ''}{report.errors[0].message}{more}"
    if report.note:
        return report.note
    if report.revision and report.revision > 1:
        target = f"revision {report.revision} of assessment {report.assessment_id}"
    elif report.assessment_id and not preview:
        target = f"new assessment {report.assessment_id}"
    else:
        target = "a new assessment"
    verb = "will become" if preview else "became"
    corrections = len(report.corrections)
    extra = f"; {corrections} supplier profile correction{'s' if corrections != 1 else ''} suggested" \
        if corrections else ""
    return f"{verb.capitalize()} {target}{extra}"


def full_text(report: FileReport) -> str:
    """Everything the report says about one file, one item a line."""
    lines = [f"{report.path.name}: {OUTCOME_WORDS[report.outcome]}"]
    if report.note:
        lines.append(report.note)
    sections = (("Problems", [f"{e.where() + ': ' if e.where() else ''}{e.message}" for e in report.errors]),
                ("Missing before it can be submitted", [m.missing_text() for m in report.missing]),
                ("Changes", [str(c) for c in report.changes]),
                ("Supplier profile corrections suggested (apply or dismiss them on the supplier's page in Suppliers)",
                 [f"{c.question}: {c.old or '(empty)'} -> {c.new}" for c in report.corrections]))
    for title, items in sections:
        if items:
            lines.append("")
            lines.append(f"{title} ({len(items)}):")
            lines += [f"  • {item}" for item in items]
    return "\n".join(lines)


class ImportReportModel(RowsModel):
    """Rows from file_row: one per file, in the order they are imported."""

    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._brushes = {k: QBrush(QColor(v)) for k, v in OUTCOME_COLOURS.items()}
        self._grey = QBrush(QColor("#6b6b6b"))

    def set_row(self, index: int, row: dict) -> None:
        """Replace one row (a file just read)."""
        self._rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(HEADERS) - 1))

    def rows(self) -> list[dict]:
        """Every row, in file order."""
        return list(self._rows)

    def cell(self, row: dict, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            if col == COL_OUTCOME:
                return OUTCOME_ORDER[row["outcome"]]
            if col in (COL_CHANGED, COL_MISSING):
                return -1 if row[_KEYS[col]] is None else row[_KEYS[col]]
            return self._text(row, col).casefold()
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_OUTCOME:
            return self._brushes.get(row["outcome"])
        if role == Qt.ItemDataRole.ForegroundRole and row["outcome"] in (WAITING, CANCELLED):
            return self._grey
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_DETAILS, COL_FILE):
            return row["full"] or row["details"] or row["path"]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_CHANGED, COL_MISSING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: dict, col: int) -> str:
        if col == COL_OUTCOME:
            return row["word"]
        value = row[_KEYS[col]]
        return "" if value is None else str(value)


_KEYS = {COL_FILE: "file", COL_SUPPLIER: "supplier", COL_QUESTIONNAIRE: "questionnaire", COL_CHANGED: "changed",
         COL_MISSING: "missing", COL_DETAILS: "details"}
