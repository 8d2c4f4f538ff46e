"""Import returned workbooks and answer packs in bulk: choose files or a folder, see what would change, import
with a progress bar and Cancel, then read (and save) the per-file report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.exchange.import_worker import ImportWorker
from fldd.ui.exchange.report_model import (
    COL_CHANGED, COL_FILE, COL_MISSING, COL_OUTCOME, COL_QUESTIONNAIRE, COL_SUPPLIER, SORT_ROLE, ImportReportModel,
    file_row)
from fldd.ui.exchange.job_dialog import JobDialog
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.tables import record_table
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import write_report_xlsx
from fldd.usecases.import_job import files_to_import

FILE_FILTER = ("Workbooks and answer packs (*.xlsx *.json *.zip);;Workbooks (*.xlsx);;"
               "Answer packs (*.json *.zip)")
WIDTHS = {COL_FILE: 210, COL_OUTCOME: 175, COL_SUPPLIER: 180, COL_QUESTIONNAIRE: 125, COL_CHANGED: 110,
          COL_MISSING: 115}
MIN_SIZE = (900, 560)
PREFERRED_SIZE = (1200, 720)  # every column readable without scrolling sideways
DETAILS_HEIGHT = 150


class ImportDialog(JobDialog):
    """The bulk import: a dry run on choosing files, then the import in a worker thread, then the report."""

    preview_done = Signal(list)  # FileReports of the dry run
    import_done = Signal(list)  # FileReports of the import (fewer than the files when cancelled)
    progressed = Signal(int, int)  # files done, files in all; emitted in the worker thread
    data_changed = Signal()  # the import wrote something other pages show

    def __init__(self, ctx, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.files: list[Path] = []
        self.reports: list = []
        self.worker: ImportWorker | None = None
        self._imported = False
        self._done: str | None = None  # "preview" or "import": what to announce when the worker ends
        self.setWindowTitle("Import workbooks and answer packs")
        self.setMinimumSize(*MIN_SIZE)
        if parent is not None:  # as large as the columns want, within the window it opens from
            self.resize(max(MIN_SIZE[0], min(PREFERRED_SIZE[0], int(parent.width() * 0.92))),
                        max(MIN_SIZE[1], min(PREFERRED_SIZE[1], int(parent.height() * 0.9))))

        self.add_files_button = QPushButton("Add &files…")
        self.add_folder_button = QPushButton("Add f&older…")
        self.clear_button = QPushButton("C&lear")
        self.count_label = QLabel("No files chosen yet: add the workbooks (.xlsx) or answer packs (.json, .zip) "
                                  "suppliers sent back, or a folder of them.")
        self.count_label.setWordWrap(True)
        self.model = ImportReportModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = record_table(self.proxy)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # files in the order they are read, until sorted
        for col, width in WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Select a file to read every reason, missing answer and change.")
        self.details.setMinimumHeight(DETAILS_HEIGHT // 2)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v of %m files")
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton("&Save report…")
        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton("Ca&ncel")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)

        choose = QHBoxLayout()
        choose.setSpacing(SPACING)
        for button in (self.add_files_button, self.add_folder_button, self.clear_button):
            choose.addWidget(button)
        choose.addWidget(self.count_label, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([MIN_SIZE[1], DETAILS_HEIGHT])
        actions = QHBoxLayout()
        actions.setSpacing(SPACING)
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        for widget in (self.import_button, self.cancel_button, self.buttons):
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(choose)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(actions)

        self.add_files_button.clicked.connect(self.add_files)
        self.add_folder_button.clicked.connect(self.add_folder)
        self.clear_button.clicked.connect(self.clear)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.save_report)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.model.modelReset.connect(self._refresh_details)
        self.progressed.connect(self._on_progress)
        self._settle()

    # ---------------------------------------------------------------- choosing files

    def add_files(self) -> None:
        """Ask for files, then check them (a dry run)."""
        chosen = self.prompter.open_files(self, "Choose workbooks or answer packs to import", FILE_FILTER)
        if chosen:
            self._add([Path(p) for p in chosen])

    def add_folder(self) -> None:
        """Ask for a folder (its workbooks are imported), then check them."""
        folder = self.prompter.open_folder(self, "Choose a folder of returned workbooks")
        if folder:
            self._add([Path(folder)])

    def _add(self, paths: list[Path]) -> None:
        new = [p for p in files_to_import(paths) if p not in self.files]
        if not new:
            self._show_error("No new workbook or answer pack there." if paths else "")
            return
        if self._imported:  # a new batch after an import: start a fresh report
            self.files, self.reports, self._imported = [], [], False
        self.files += new
        self._start(dry_run=True)

    def clear(self) -> None:
        """Forget the chosen files and the report."""
        self.files, self.reports, self._imported = [], [], False
        self.model.set_rows([])
        self.details.clear()
        self.status.clear()
        self._show_error("")
        self._settle()

    # ---------------------------------------------------------------- running

    def start_import(self) -> None:
        """Import every chosen file in the worker thread."""
        if self.files and not self.busy:
            self._start(dry_run=False)

    def cancel(self) -> None:
        """Stop after the file being read (it is committed whole or not at all)."""
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling: finishing the file being read…")

    @property
    def busy(self) -> bool:
        """Whether a check or an import is running."""
        return self.worker is not None

    def _start(self, *, dry_run: bool) -> None:
        self._show_error("")
        self.reports = []
        self.model.set_rows([file_row(p, None) for p in self.files])
        self.details.clear()
        self.progress.setRange(0, len(self.files))
        self.progress.setValue(0)
        self.progress.show()
        verb = "Checking" if dry_run else "Importing"
        self.status.setText(f"{verb} {len(self.files)} file{'s' if len(self.files) != 1 else ''}…")
        worker = ImportWorker(self.ctx, self.files, dry_run=dry_run, parent=self)
        worker.progress.connect(self.progressed, Qt.ConnectionType.DirectConnection)
        worker.done.connect(self._on_reports)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self.worker = worker
        self._settle()
        worker.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        if self.worker is not None and not self.worker.cancelled:
            verb = "Checking" if self.worker.dry_run else "Importing"
            self.status.setText(f"{verb}: {done} of {total} files read…")

    def _on_reports(self, reports: list) -> None:
        worker = self.worker  # still set: its `finished` arrives after its reports
        dry_run, cancelled = worker.dry_run, worker.cancelled
        self.reports = reports
        rows = [file_row(p, reports[i] if i < len(reports) else None, preview=dry_run, cancelled=cancelled)
                for i, p in enumerate(self.files)]
        self.model.set_rows(rows)
        self.status.setText(self._summary(reports, dry_run, cancelled))
        self._imported = self._imported or not dry_run
        self._done = "preview" if dry_run else "import"  # told once the worker has ended

    def _on_failed(self, message: str) -> None:
        self._show_error(message)
        self.status.setText("Stopped: nothing more was read.")

    def _on_finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self.progress.hide()
        self._settle()
        done, self._done = self._done, None
        if done == "import" and any(r.outcome in ("accepted", "accepted_incomplete") for r in self.reports):
            self.data_changed.emit()
        if done is not None:
            (self.import_done if done == "import" else self.preview_done).emit(self.reports)

    def _summary(self, reports: list, dry_run: bool, cancelled: bool) -> str:
        counts: dict[str, int] = {}
        for r in reports:
            counts[r.outcome] = counts.get(r.outcome, 0) + 1
        words = {"accepted": "accepted", "accepted_incomplete": "accepted as incomplete", "rejected": "rejected",
                 "unchanged": "unchanged", "superseded": "superseded by a newer file"}
        parts = ", ".join(f"{counts[k]} {w}" for k, w in words.items() if counts.get(k))
        n = len(self.files)
        if cancelled:
            head = "Check cancelled" if dry_run else "Import cancelled"
            return f"{head} after {len(reports)} of {n} files ({parts or 'none read'}); the rest were not read."
        if dry_run:
            if not any(r.outcome in ("accepted", "accepted_incomplete") for r in reports):
                return f"Checked {n} file{'s' if n != 1 else ''}: {parts}. None of them would change anything."
            return f"Checked {n} file{'s' if n != 1 else ''}, nothing imported yet: {parts}. Press Import to import."
        return f"Imported {n} file{'s' if n != 1 else ''}: {parts}."

    # ---------------------------------------------------------------- report

    def save_report(self) -> None:
        """Write the per-file report as a spreadsheet where the person chooses."""
        if not self.reports:
            return
        suggested = f"import-report-{self.ctx.today().isoformat()}.xlsx"
        chosen = self.prompter.save_file(self, "Save the import report", suggested, "Spreadsheets (*.xlsx)")
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".xlsx") else Path(chosen + ".xlsx")
        try:
            write_report_xlsx(self.reports, path)
        except (Rejected, StoreError, OSError) as exc:
            self._show_error(str(exc))
            return
        self._show_error("")
        self.status.setText(f"Report saved to {path} ({dt.datetime.now():%H:%M}).")

    def _refresh_details(self) -> None:
        self._show_details(self.table.currentIndex())

    def _show_details(self, current, _previous=None) -> None:
        if not current.isValid():
            self.details.clear()
            return
        row = self.model.row(self.proxy.mapToSource(current).row())
        self.details.setPlainText(row["full"] or row["details"] or row["path"])

    def _settle(self) -> None:
        """Enable what makes sense now."""
        busy = self.busy
        for button in (self.add_files_button, self.add_folder_button, self.clear_button):
            button.setEnabled(not busy)
        self.clear_button.setEnabled(not busy and bool(self.files))
        will_apply = any(r.outcome in ("accepted", "accepted_incomplete") for r in self.reports)
        self.import_button.setEnabled(not busy and bool(self.files) and not self._imported and will_apply)
        self.cancel_button.setEnabled(busy)
        self.save_button.setEnabled(not busy and self._imported and bool(self.reports))
        self.close_button.setEnabled(True)
        if not self.files and not busy:
            self.count_label.setText("No files chosen yet: add the workbooks (.xlsx) or answer packs (.json, .zip) "
                                     "suppliers sent back, or a folder of them.")
        elif self.files:
            self.count_label.setText(f"{len(self.files)} file{'s' if len(self.files) != 1 else ''} chosen.")
