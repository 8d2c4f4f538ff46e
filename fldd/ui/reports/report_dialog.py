"""Writes one report in the background, with progress and Cancel, then opens the file (or shows its folder).

Every report action of the app ends here, so they all behave alike: the file name is asked first, the window
stays responsive while the report is written, a cancel leaves no half file, and a refusal says why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from fldd.ui.exchange.job_dialog import JobDialog
from fldd.ui.job_worker import JobWorker
from fldd.ui.layout import MARGIN, SPACING
from fldd.usecases.report_jobs import TITLES, ReportRequest, run_report

MIN_WIDTH = 520


class ReportDialog(JobDialog):
    """Runs one ReportRequest; `written` is the file once done (None while running, cancelled or refused)."""

    def __init__(self, ctx, prompter, request: ReportRequest | None = None, parent: QWidget | None = None,
                 *, options: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.request = request
        self.written: Path | None = None
        self.setMinimumWidth(MIN_WIDTH)
        self.setWindowTitle(TITLES[request.kind] if request else "Report")
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton("&Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelReport")
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = self.buttons.addButton("Show in &folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton("C&lose", QDialogButtonBox.ButtonRole.AcceptRole)
        for button in (self.open_button, self.folder_button, self.close_button):
            button.hide()

        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        if options is not None:
            layout.addWidget(options)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setLayout(layout)

        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(lambda: self.written and self.prompter.show_file(self, self.written))
        self.folder_button.clicked.connect(
            lambda: self.written and self.prompter.show_file(self, self.written, in_folder=True))
        self.close_button.clicked.connect(self.accept)

    # --- running -----------------------------------------------------------------------------------------

    def start(self, request: ReportRequest | None = None) -> None:
        """Write the report (the one given, or the dialog's) in the background."""
        self.request = request or self.request
        self.written = None
        self._show_error("")
        for button in (self.open_button, self.folder_button, self.close_button):
            button.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.progress.setRange(0, 0)  # busy until the report says how much there is
        self.progress.show()
        self.status.setText(f"Writing the {TITLES[self.request.kind].lower()} to {self.request.target}…")
        ctx, req = self.ctx, self.request

        def job(progress, cancelled):
            return run_report(ctx, req, progress, cancelled)

        worker = JobWorker(job, self)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self.worker = worker
        worker.start()

    def cancel(self) -> None:
        """Stop writing: nothing is left behind. Closes the dialog when nothing runs."""
        if self.worker is None:
            self.reject()
            return
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText("Cancelling…")

    def running(self) -> bool:
        """Whether a report is being written."""
        return self.worker is not None

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        if self.worker is not None and not self.worker.cancelled and what:
            self.status.setText(f"Writing the {TITLES[self.request.kind].lower()}: {what}…")

    def _on_done(self, written) -> None:
        if written is None:
            self.status.setText("Cancelled: no file was written.")
            return
        self.written = Path(written)
        self.status.setText(f"Written: {self.written}")
        self.open_button.show()
        self.folder_button.show()
        self.prompter.show_file(self, self.written)

    def _on_failed(self, message: str) -> None:
        self.status.setText("The report was not written.")
        self._show_error(message)

    def _on_finished(self) -> None:
        self.worker = None
        self.progress.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)


def write_report_file(ctx, prompter, parent: QWidget | None, kind: str, subject: int | None,
                      suggested: str, filters: str) -> ReportDialog | None:
    """Ask where to write the report, then write it in a ReportDialog (returned, shown); None when the person
    chose no file."""
    chosen = prompter.save_file(parent, f"Save the {TITLES[kind].lower()} as", suggested, filters)
    if not chosen:
        return None
    target = Path(chosen)
    if not target.suffix:
        target = target.with_suffix(Path(suggested).suffix)
    dialog = ReportDialog(ctx, prompter, ReportRequest(kind, target, subject), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog

