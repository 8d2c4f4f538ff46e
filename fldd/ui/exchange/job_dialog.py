"""What the import and export dialogs share: a line for errors, and a background job that closing the dialog
stops after the item under way (a file imported or a workbook written is never cut in half)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from fldd.ui.theme import OVERDUE_COLOUR


class JobDialog(QDialog):
    """A dialog running at most one JobWorker (`self.worker`) at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = None
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.error.hide()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def reject(self) -> None:
        """Close; a running job stops after its current item first."""
        self._stop_worker()
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._stop_worker()
        super().closeEvent(event)

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self._stopped()

    def _stopped(self) -> None:
        """After a job was stopped by closing: what the dialog still has to tell (nothing by default)."""
