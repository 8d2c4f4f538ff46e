"""The document-review and observation checklists: one row per item, ticked from the keyboard (arrow keys to
move, Space to tick and go on to the next item, F2 for a note). The ticks are answers where they say something
about the site, so the question cards and the result follow them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from fldd.standard.answers import AnswerError
from fldd.standard.model import pick
from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING, page_heading
from fldd.ui.tables import RowsModel
from fldd.usecases.checklist import MISSING, NOT_APPLICABLE_MARK, SEEN, checklist_rows, mark_item, note_item
from fldd.usecases.errors import Rejected

COL_ITEM, COL_SEEN, COL_MISSING, COL_NA, COL_NOTE = range(5)
HEADERS = ("Item", "Seen", "Not available", "N/A", "Note")
MARK_OF = {COL_SEEN: SEEN, COL_MISSING: MISSING, COL_NA: NOT_APPLICABLE_MARK}
KEY_PREFIX = "__checklist__:"
ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #3a4450;"


def checklist_key(module_id: str) -> str:
    """The module list's key for a module's checklist."""
    return KEY_PREFIX + module_id


def module_of(key: str) -> str | None:
    """The module a checklist key belongs to (None for any other key)."""
    return key[len(KEY_PREFIX):] if key.startswith(KEY_PREFIX) else None


class ChecklistModel(RowsModel):
    """The items with their mark and note; a mark the question cannot take shows no box."""

    headers = HEADERS
    note_edited = Signal(str, str)  # question id, note

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.read_only = False

    @property
    def rows(self) -> list[dict]:
        """The items, in the order shown."""
        return self._rows

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # the cursor passes every cell
        if index.column() == COL_NOTE and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def cell(self, row: dict, column: int, role: int):
        if column in MARK_OF:
            if role == Qt.ItemDataRole.CheckStateRole and row["offers"][MARK_OF[column]]:
                return Qt.CheckState.Checked if row["mark"] == MARK_OF[column] else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._mark_tip(row, column)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row["item"] if column == COL_ITEM else row["note"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["question"] if column == COL_ITEM else (row["note"] or "F2 to write a note")
        return None

    @staticmethod
    def _mark_tip(row: dict, column: int) -> str:
        if not row["offers"][MARK_OF[column]]:
            return "The question has no answer for this: answer it on its card"
        return {COL_SEEN: "Space: seen (answer what it shows on the question's card)",
                COL_MISSING: "Space: the site could not show it (saved as the question's answer)",
                COL_NA: "Space: not applicable at this site (saved as the question's answer)"}[column]

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != COL_NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.rows[index.row()]
        text = str(value or "").strip()
        if text == row["note"]:
            return False
        self.note_edited.emit(row["qid"], text)
        return True


class ChecklistView(QTableView):
    """Space ticks the mark under the cursor and moves to the next item; Delete takes a tick back."""

    tick = Signal(int, int)  # row, column
    untick = Signal(int)  # row

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Items and notes wrap to the new column widths, never cut off."""
        super().resizeEvent(event)
        self.resizeRowsToContents()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        index = self.currentIndex()
        if index.isValid() and self.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_Space and index.column() in MARK_OF:
                self.tick.emit(index.row(), index.column())
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and index.column() != COL_NOTE:
                self.untick.emit(index.row())
                event.accept()
                return
        super().keyPressEvent(event)


class ChecklistPanel(QWidget):
    """A module's checklist: the table, how to use it from the keyboard, and who ticked the current item."""

    changed = Signal()  # marks (and so maybe answers) changed

    def __init__(self, session, module_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.module_id = module_id
        self.setObjectName("checklistPanel")
        module = next(m for m in session.questionnaire.modules if m.id == module_id)
        title = pick(module.title, session.record.language)

        heading = page_heading(f"{title}: checklist")
        hint = QLabel("↑ ↓ move between items, ← → between columns. Space ticks and goes to the next item; "
                      "Space on a tick takes it back. F2 writes a note (the answer's comment). “Not available” "
                      "and “N/A” are saved as the question's answer; after “Seen”, answer what the record or "
                      "place shows on the question's card.")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.model = ChecklistModel(self)
        self.table = ChecklistView()
        self.table.setObjectName("checklistTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()  # item and note share the width; no sideways scrolling
        for column in (COL_ITEM, COL_NOTE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in MARK_OF:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QLabel()
        self.detail.setObjectName("checklistDetail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet(HINT_STYLE)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.error)
        self.setLayout(layout)

        self.table.tick.connect(self._tick)
        self.table.untick.connect(lambda row: self._set_mark(row, None))
        self.table.clicked.connect(lambda index: index.column() in MARK_OF and self._tick(index.row(), index.column(),
                                                                                       advance=False))
        self.model.note_edited.connect(self._note)
        self.table.selectionModel().currentChanged.connect(lambda current, _previous: self._show_detail(current))
        self.reload()

    def reload(self) -> None:
        """Re-read the items (answers given on the cards change the marks and which items apply)."""
        current = self.table.currentIndex()
        qid = self.model.rows[current.row()]["qid"] if current.isValid() and current.row() < len(self.model.rows) \
            else None
        self.model.set_rows(checklist_rows(self.session, self.module_id))
        rows = [r["qid"] for r in self.model.rows]
        row = rows.index(qid) if qid in rows else 0
        if rows:
            self.table.setCurrentIndex(self.model.index(row, current.column() if qid in rows else COL_SEEN))
        self.table.resizeRowsToContents()

    def set_read_only(self, read_only: bool) -> None:
        """A closed assessment: the checklist can be read, not changed."""
        self.model.read_only = read_only

    def focus_table(self) -> None:
        """Put the keyboard in the table, on the current item."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tick(self, row: int, column: int, advance: bool = True) -> None:
        item = self.model.rows[row]
        mark = MARK_OF[column]
        if not item["offers"][mark]:
            self.set_error(f"{item['item']}: the question has no answer for "
                           f"“{HEADERS[column].lower()}”; answer it on its card.")
            return
        taken_back = item["mark"] == mark and (mark != SEEN or item["ticked"] == SEEN)
        if self._set_mark(row, None if taken_back else mark) and advance and not taken_back:
            self.table.setCurrentIndex(self.model.index(min(row + 1, len(self.model.rows) - 1), column))

    def _set_mark(self, row: int, mark: str | None) -> bool:
        if self.model.read_only:
            return False
        qid = self.model.rows[row]["qid"]
        try:
            mark_item(self.session, qid, mark)
        except (Rejected, StoreError, AnswerError) as exc:
            self.set_error(str(exc))
            return False
        self.set_error(None)
        self.table.setCurrentIndex(self.model.index(row, self.table.currentIndex().column()))
        self.reload()
        self.changed.emit()
        return True

    def _note(self, qid: str, text: str) -> None:
        try:
            note_item(self.session, qid, text)
        except (Rejected, StoreError) as exc:
            self.set_error(str(exc))
            return
        self.set_error(None)
        self.reload()
        self.changed.emit()

    def _show_detail(self, index: QModelIndex) -> None:
        if not index.isValid() or index.row() >= len(self.model.rows):
            self.detail.setText("")
            return
        row = self.model.rows[index.row()]
        said = {SEEN: "seen", MISSING: "not available", NOT_APPLICABLE_MARK: "not applicable"}.get(row["mark"])
        when = (row["marked_at"] or "")[:16].replace("T", " ")
        who = f", ticked by {row['marked_by']} at {when} UTC" if row["ticked"] and row["mark"] else ""
        self.detail.setText(f"{row['question']}\n{said.capitalize() if said else 'Not checked yet'}{who}.")

    def set_error(self, message: str | None) -> None:
        """A red line under the table (None clears it)."""
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
