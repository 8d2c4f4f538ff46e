"""Checks or imports files off the GUI thread, on a database connection of its own, so the window never freezes;
progress comes back by signal and a cancel is read between files (the file being imported is finished
first: each is committed whole or not at all)."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from fldd.store.errors import StoreError
from fldd.usecases.errors import Rejected
from fldd.usecases.import_job import run_import


class ImportWorker(QThread):
    """Runs fldd.usecases.import_job.run_import over a list of files (dry_run: a preview)."""

    progress = Signal(int, int, str)  # files done, files in all, the file just done
    reports = Signal(list)  # FileReport per file read, in order (fewer than the files when cancelled)
    failed = Signal(str)

    def __init__(self, ctx, paths: list[Path], *, dry_run: bool, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.paths = list(paths)
        self.dry_run = dry_run
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop before the next file (safe to call from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether a cancel was asked for."""
        return self._cancel.is_set()

    def run(self) -> None:  # noqa: D102 - QThread's entry point
        try:
            done = run_import(self.ctx, self.paths, dry_run=self.dry_run, cancelled=self._cancel.is_set,
                              progress=lambda n, total, path: self.progress.emit(n, total, str(path)))
        except (Rejected, StoreError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: say so loudly, but never leave the dialog waiting for ever
            traceback.print_exc()
            self.failed.emit(f"fldd failed with an internal error, please report it: {exc!r}")
            return
        self.reports.emit(done)
