"""File > Risk data editions…: which edition of each risk table is in force (and which it replaced), and loading
a newer one from CSV or Excel, with the refusal in full or what changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING, page_heading
from fldd.ui.tables import RowsModel, record_table
from fldd.usecases.errors import Rejected
from fldd.usecases.risk_data import (DEFAULT_NAMES, KIND_WORDS, FewerRows, basis_lines, load_risk_edition,
                                     refresh_if_pending, risk_editions, risk_refresh_pending, withdraw_list)

FILTERS = "Risk lists (*.csv *.xlsx *.txt);;All files (*)"
LIST_KINDS = ("eu_flr", "entity_list", "own_list")
MIN_SIZE = (960, 640)
WIDTHS = (310, 235, 90, 175, 60, 150)
TABLE_ROWS = (4, 2)  # rows each table shows without scrolling: in force, replaced


def loaded_words(edition) -> str:
    """'shipped with fldd', or '2026-12-07 by amina, from dol-2025.csv'."""
    if not edition.loaded_at:
        return "shipped with fldd"
    return f"{edition.loaded_at[:10]} by {edition.loaded_by}, from {edition.file_name}"


def _coverage(e) -> str:
    """Partial where fldd knows it is; a file the buyer loaded is as its publisher made it, which fldd cannot tell."""
    if not e.complete:
        return "partial (see the note)"
    return "as published" if e.loaded_at is None else "as loaded"


class EditionsModel(RowsModel):
    """One edition per row: list, edition, published, loaded, rows, complete or partial (with the note)."""

    headers = ("List", "Edition", "Published", "Loaded", "Rows", "Coverage")

    def cell(self, e, col: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.name, e.shown(), e.published or "not known", loaded_words(e), f"{e.rows:,}",
                    _coverage(e))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (e.source, e.note) if t)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RiskDataDialog(QDialog):
    """The editions in force and the replaced ones; Load a newer edition…; what the load did or why it was
    refused."""

    data_changed = Signal()  # an edition was loaded: supplier risk may have changed

    def __init__(self, ctx, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.prompter = ctx, prompter
        self.setWindowTitle("Risk data editions")
        self.setMinimumSize(*MIN_SIZE)
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        # opens wide enough for every column (names and editions uncut) where the screen allows
        self.resize(min(sum(WIDTHS) + 90, screen.width() - 60), min(780, screen.height() - 60))
        self.in_force = EditionsModel(self)
        self.replaced = EditionsModel(self)
        self.in_force_table = record_table(self.in_force, sortable=False)
        self.replaced_table = record_table(self.replaced, sortable=False)
        for table, rows in zip((self.in_force_table, self.replaced_table), TABLE_ROWS):
            table.setMinimumHeight(table.horizontalHeader().sizeHint().height()
                                   + rows * table.verticalHeader().defaultSectionSize() + 4)
            for col, width in enumerate(WIDTHS):
                table.setColumnWidth(col, width)
            header = table.horizontalHeader()  # the list's name takes what the window spares
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.selectionModel().currentRowChanged.connect(
                lambda current, _, table=table: self._show_details(table, current.row()))
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details_area = QScrollArea()  # a partial edition's note names many countries: scroll, never clip
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setWidget(self.details)
        self.details_area.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.pending = QLabel("The suppliers' inherent risk was not yet recomputed with these editions (a load was "
                              "interrupted, or fldd was updated).")
        self.pending.setWordWrap(True)
        self.recompute = QPushButton("Recompute now")
        self.recompute.clicked.connect(self._recompute)

        self.kind = QComboBox()
        for kind, words in KIND_WORDS.items():
            self.kind.addItem(f"{words[0].upper()}{words[1:]} ({kind})", kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.list_name = QLineEdit()
        self.edition = QLineEdit()
        self.edition.setPlaceholderText("e.g. 2025 (default: the year in the file name)")
        self.published = QLineEdit()
        self.published.setPlaceholderText("YYYY-MM-DD, if known")
        self.load_button = QPushButton("Load a newer edition…")
        self.load_button.clicked.connect(self.load)
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setPlaceholderText("What a load changed, or why a file was refused, shows here.")
        self.outcome.setMinimumHeight(76)  # a refusal lists every problem: several lines
        self.outcome.setMaximumHeight(170)

        form = QGridLayout()
        form.setHorizontalSpacing(SPACING)
        for row, col, label, widget in ((0, 0, "Kind", self.kind), (0, 2, "List name", self.list_name),
                                        (1, 0, "Edition", self.edition), (1, 2, "Published", self.published)):
            form.addWidget(QLabel(label), row, col)
            form.addWidget(widget, row, col + 1)
        form.addWidget(self.load_button, 1, 4)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        load_box = QGroupBox("Load a newer edition from CSV or Excel (layouts: resources/risk/README.md)")
        box_layout = QVBoxLayout(load_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.outcome)
        self.withdraw_button = QPushButton("Withdraw this list…")
        self.withdraw_button.setToolTip("An EU FLR, entity or own list the buyer no longer uses: kept, no longer in "
                                        "force")
        self.withdraw_button.clicked.connect(self.withdraw)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        pending_row = QHBoxLayout()
        pending_row.addWidget(self.pending, 1)
        pending_row.addWidget(self.recompute)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(page_heading("Risk data editions"))
        layout.addWidget(QLabel("In force: every inherent-risk figure, reason and report rests on these."))
        layout.addWidget(self.in_force_table, 1)
        layout.addWidget(QLabel("Replaced or withdrawn (kept):"))
        layout.addWidget(self.replaced_table, 1)
        layout.addWidget(self.details_area, 2)  # the note of a partial edition runs to several lines
        layout.addLayout(pending_row)
        layout.addWidget(load_box)
        layout.addWidget(buttons)
        self._kind_changed()
        self.refresh()

    def refresh(self) -> None:
        """Read the editions again."""
        in_force = risk_editions(self.ctx)
        self.in_force.set_rows(in_force)
        self.replaced.set_rows(risk_editions(self.ctx, include_replaced=True)[len(in_force):])
        stale = risk_refresh_pending(self.ctx)
        self.pending.setVisible(stale)
        self.recompute.setVisible(stale)
        self.withdraw_button.setEnabled(False)
        if self.in_force.rowCount():
            self.in_force_table.selectRow(0)

    def _show_details(self, table, row: int) -> None:
        model = table.model()
        if row < 0 or row >= model.rowCount():
            return
        e = model.row(row)
        self.withdraw_button.setEnabled(table is self.in_force_table and e.kind in LIST_KINDS)
        parts = [f"<b>{e.name}, {e.shown()}</b>", e.source, e.note, *basis_lines(e)]
        self.details.setText("<br>".join(_escape(p) if i else p for i, p in enumerate(parts) if p))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.list_name.setText(DEFAULT_NAMES[kind])
        self.list_name.setCursorPosition(0)  # the name from its start, not its cut-off end
        self.list_name.setEnabled(kind in LIST_KINDS)

    def _load(self, kind: str, path, *, fewer_rows: bool):
        """Load the file; on a refusal show why and return None. A DOL or TIP table much shorter than the one in
        force is put to the person, and loaded only if they say it is the whole list."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return load_risk_edition(self.ctx, kind, path, list_name=self.list_name.text() or None,
                                     edition=self.edition.text() or None, published=self.published.text() or None,
                                     fewer_rows=fewer_rows)
        except FewerRows as exc:
            QGuiApplication.restoreOverrideCursor()
            question = exc.messages[0].split(": ", 1)[-1].replace(" (if it is the whole list, load it with "
                                                                  "--fewer-rows)", "")
            if self.prompter.confirm(self, "A much shorter list", f"{question}.\n\nIs this file the whole list?"):
                return self._load(kind, path, fewer_rows=True)
            self.outcome.setPlainText("Not loaded: nothing changed, the edition in force stays.\n" + exc.messages[0])
        except Rejected as exc:
            self.outcome.setPlainText("Refused: nothing changed, the edition in force stays.\n" +
                                      "\n".join(exc.messages))
        except StoreError as exc:
            self.outcome.setPlainText(f"Not loaded: {exc}")
        finally:
            QGuiApplication.restoreOverrideCursor()
        return None

    def load(self) -> None:
        """Ask for the file, load it, and say what changed or why it was refused."""
        kind = self.kind.currentData()
        path = self.prompter.open_file(self, f"Load a {KIND_WORDS[kind]} edition", FILTERS)
        if not path:
            return
        loaded = self._load(kind, path, fewer_rows=False)
        if loaded is None:
            return
        self.outcome.setPlainText(loaded.summary())
        self.edition.clear()
        self.published.clear()
        self.refresh()
        if not loaded.unchanged:
            self.data_changed.emit()

    def withdraw(self) -> None:
        """Take the selected list out of force, with the reason the buyer gives."""
        row = self.in_force_table.currentIndex().row()
        if row < 0:
            return
        e = self.in_force.row(row)
        reason = self.prompter.reason(self, "Withdraw a list", f"Withdraw {e.name} ({e.shown()})? It is kept and "
                                      "listed as withdrawn; supplier risk and screening no longer use it.",
                                      label="&Why it is withdrawn", placeholder="For example: merged into the group "
                                      "list", button="&Withdraw")
        if reason is None:
            return
        try:
            withdraw_list(self.ctx, e.kind, e.name, reason=reason)
        except Rejected as exc:
            self.outcome.setPlainText("\n".join(exc.messages))
            return
        self.outcome.setPlainText(f"{e.name} withdrawn: no longer in force.")
        self.refresh()
        self.data_changed.emit()

    def _recompute(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            refresh_if_pending(self.ctx)
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.refresh()
        self.data_changed.emit()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
