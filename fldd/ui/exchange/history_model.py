"""The import history table: one row per logged file, newest first, each outcome in the words and colour of
the import dialog's report."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fldd.ui.exchange.report_model import OUTCOME_COLOURS, OUTCOME_WORDS
from fldd.ui.tables import RowsModel
from fldd.usecases.import_log import LogLine, local_time_text

(COL_WHEN, COL_FILE, COL_OUTCOME, COL_SUPPLIER, COL_QUESTIONNAIRE, COL_ASSESSMENT, COL_REVISION,
 COL_DETAILS) = range(8)
HEADERS = ("Imported", "File", "Outcome", "Supplier", "Questionnaire", "Assessment", "Revision", "Details")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNKNOWN_SUPPLIER = "(not known)"


class ImportHistoryModel(RowsModel):
    """LogLines from fldd.usecases.import_log.import_log, in the order given (newest first)."""

    headers = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._brushes = {k: QBrush(QColor(v)) for k, v in OUTCOME_COLOURS.items()}
        self._grey = QBrush(QColor("#6b6b6b"))

    def add_lines(self, lines: list[LogLine]) -> None:
        """Append the next page of older entries."""
        if not lines:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(lines) - 1)
        self._rows += lines
        self.endInsertRows()

    def line(self, row: int) -> LogLine:
        """The entry shown in one row."""
        return self._rows[row]

    def row_of(self, import_id: int) -> int:
        """The row showing an entry, or -1."""
        return next((row for row, line in enumerate(self._rows) if line.id == import_id), -1)

    def cell(self, line: LogLine, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, col)
        if role == ID_ROLE:
            return line.id
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_OUTCOME:
            return self._brushes.get(line.outcome)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_SUPPLIER and not line.supplier:
            return self._grey
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_FILE, COL_DETAILS, COL_SUPPLIER):
            return self._text(line, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_ASSESSMENT, COL_REVISION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(line: LogLine, col: int) -> str:
        if col == COL_WHEN:
            return local_time_text(line.imported_at)
        if col == COL_FILE:
            return line.file_name
        if col == COL_OUTCOME:
            return OUTCOME_WORDS.get(line.outcome, line.outcome)
        if col == COL_SUPPLIER:
            return line.supplier or UNKNOWN_SUPPLIER
        if col == COL_QUESTIONNAIRE:
            return line.questionnaire
        if col == COL_ASSESSMENT:
            return "" if line.assessment_id is None else str(line.assessment_id)
        if col == COL_REVISION:
            return "" if line.revision is None else str(line.revision)
        return line.gist()
