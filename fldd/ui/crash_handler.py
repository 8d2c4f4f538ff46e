"""Unexpected errors in the app: written to the error log and told to the person, who can go on working.

Every answer is saved the moment it is entered, so an error in one action loses nothing already saved; the
message says so, says where the details are, and the app stays open. Only one message is shown at a time: an
error repeating in a paint or a timer must not bury the screen in boxes. An error on a worker thread is logged
there and its message carried to the GUI thread: a window built on a worker thread freezes the whole app.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from fldd.error_log import record
from fldd.ui.prompter import Prompter

TITLE = "fldd met an unexpected problem"


class _Courier(QObject):
    """Lives in the GUI thread; a message sent from any thread is shown there, from its event loop."""

    carry = Signal(str)

    def __init__(self, handler: CrashHandler) -> None:
        super().__init__()
        self.handler = handler
        self.carry.connect(self.show, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def show(self, text: str) -> None:
        self.handler.tell(text)


class CrashHandler:
    """sys.excepthook (and threading.excepthook) for the app's lifetime; made on the GUI thread."""

    def __init__(self, prompter: Prompter) -> None:
        self.prompter = prompter
        self.showing = False
        self.previous = sys.excepthook
        self.previous_thread_hook = threading.excepthook
        self.courier = _Courier(self)

    def install(self) -> None:
        """Catch what nothing else caught, from now on."""
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put back the hooks found at install (the app has ended)."""
        sys.excepthook = self.previous
        threading.excepthook = self.previous_thread_hook

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:  # a thread that asked to end: not an error (as Python's own hook)
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def note(self, kind: type[BaseException], error: BaseException | None, tb: TracebackType | None):
        """Write the error to the log (and to stderr when there is one); the log's path or None."""
        if sys.stderr is not None:
            self.previous(kind, error, tb)
        return record(kind, error if error is not None else kind(), tb)

    def handle(self, kind: type[BaseException], error: BaseException | None, tb: TracebackType | None) -> None:
        """Log it, then tell the person: at once on the GUI thread, through the GUI thread's event loop from any
        other (this thread only logs)."""
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, tb)
            return
        text = message(error if error is not None else kind(), self.note(kind, error, tb))
        if _on_gui_thread():
            self.tell(text)
        else:
            self.courier.carry.emit(text)

    def tell(self, text: str) -> None:
        """Show the message once (not while a message about an earlier error is still open); GUI thread only."""
        if self.showing:
            return
        self.showing = True
        try:
            self.prompter.error(None, TITLE, text)
        finally:
            self.showing = False


def _on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    if app is None:
        return threading.current_thread() is threading.main_thread()
    return QThread.currentThread() == app.thread()


def what_went_wrong(error: BaseException) -> str:
    """The error's own first line, or its kind when it has no words (or cannot give them)."""
    try:
        text = str(error).strip()
    except Exception:  # noqa: BLE001 - an error whose __str__ fails must still be told
        text = ""
    return text.splitlines()[0][:200] if text else type(error).__name__


def where_the_details_are(where) -> str:
    """Where the error log is (to send to support), or that it could not be written."""
    return (f"The details were written to {where}: please send that file to whoever supports fldd for you."
            if where else "The details could not be written to the error log (the disk may be full).")


def message(error: BaseException, where) -> str:
    """What the person reads: what happened in one line, that saved work is safe, where the details are."""
    return (f"Something went wrong in what you just did ({what_went_wrong(error)}). Everything you saved before "
            f"is safe: fldd writes each answer and change the moment you make it. You can go on working; if the "
            f"same thing happens again, restart fldd.\n\n{where_the_details_are(where)}")
