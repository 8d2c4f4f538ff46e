"""Unexpected errors in the app: written to the error log and told to the person, who can go on working.

Every answer is saved the moment it is entered, so an error in one action loses nothing already saved; the
message says so, says where the details are, and the app stays open. Only one message is shown at a time: an
error repeating in a paint or a timer must not bury the screen in boxes.
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from fldd.error_log import record
from fldd.ui.prompter import Prompter

TITLE = "fldd met an unexpected problem"


class CrashHandler:
    """sys.excepthook (and threading.excepthook) for the app's lifetime."""

    def __init__(self, prompter: Prompter) -> None:
        self.prompter = prompter
        self.showing = False
        self.previous = sys.excepthook
        self.previous_thread_hook = threading.excepthook

    def install(self) -> None:
        """Catch what nothing else caught, from now on."""
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.note(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        """Put back the hooks found at install (the app has ended)."""
        sys.excepthook = self.previous
        threading.excepthook = self.previous_thread_hook

    def note(self, kind: type[BaseException], error: BaseException | None, tb: TracebackType | None):
        """Write the error to the log (and to stderr when there is one); the log's path or None."""
        if sys.stderr is not None:
            self.previous(kind, error, tb)
        return record(kind, error if error is not None else kind(), tb)

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log it, then tell the person once (not while a message about an earlier error is still open)."""
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, tb)
            return
        where = self.note(kind, error, tb)
        if self.showing:
            return
        self.showing = True
        try:
            self.prompter.error(None, TITLE, message(error, where))
        finally:
            self.showing = False


def message(error: BaseException, where) -> str:
    """What the person reads: what happened in one line, that saved work is safe, where the details are."""
    what = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    details = (f"The details were written to {where}: please send that file to whoever supports fldd for you."
               if where else "The details could not be written to the error log (the disk may be full).")
    return (f"Something went wrong in what you just did ({what}). Everything you saved before is safe: fldd "
            f"writes each answer and change the moment you make it. You can go on working; if the same thing "
            f"happens again, restart fldd.\n\n{details}")
