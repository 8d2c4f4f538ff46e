"""Runs one long use case (a bulk import, a bulk export, a backup, the demo) off the GUI thread, so the window never
freezes: progress comes back by signal, and a cancel is read by the use case between its items (the item under
way is finished first, whole). Every worker thread in the app is a JobWorker: whatever happens in the job, it
ends in done or failed, so no window is left waiting with its buttons held."""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from fldd.error_log import record
from fldd.store.errors import StoreError
from fldd.ui.crash_handler import what_went_wrong, where_the_details_are
from fldd.usecases.errors import Rejected

# job(progress, cancelled) -> result: progress(done, total, what was just done); cancelled() true once asked.
Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class JobWorker(QThread):
    """A QThread around a job; the job must open its own database connection (a SQLite connection belongs to
    the thread that opened it: the use cases' run_* functions do)."""

    progress = Signal(int, int, str)  # items done, items in all, the item just done
    done = Signal(object)  # the job's result
    failed = Signal(str)

    def __init__(self, job: Job, parent=None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop before the next item (safe to call from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether a cancel was asked for."""
        return self._cancel.is_set()

    def stop(self) -> None:
        """Cancel and wait for the item under way (a dialog closing while the job runs)."""
        self.cancel()
        self.wait()

    def run(self) -> None:  # noqa: D102 - QThread's entry point
        try:
            result = self._job(self.progress.emit, self._cancel.is_set)
        except (Rejected, StoreError, OSError) as exc:
            self.failed.emit(str(exc))
            return
        except BaseException as exc:  # noqa: BLE001 - escaping run(), it would reach the crash handler on this thread
            self.failed.emit(unexpected(exc))
            return
        self.done.emit(result)


def unexpected(error: BaseException) -> str:
    """Log an error nobody expected (and print it where there is a console), and say it in words that fit after
    'X was not done: '."""
    if sys.stderr is not None:
        traceback.print_exception(error)
    where = record(type(error), error, error.__traceback__)
    return f"fldd met an unexpected problem ({what_went_wrong(error)}). {where_the_details_are(where)}"
