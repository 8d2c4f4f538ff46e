"""A file of the unexpected errors, so a problem in an app with no console (the Windows bundle) is never lost.

The desktop bundle runs without a terminal: Python's tracebacks would go nowhere (sys.stderr is None there).
Each unexpected error is appended to `logs/fldd-errors.log` in the user data folder with the time, the version
and where fldd runs from; the file is kept under about a megabyte (the older half moves to `.1`), so it can be
attached to a support email without a second thought.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from fldd import __version__, paths

LOG_NAME = "fldd-errors.log"
MAX_BYTES = 1024 * 1024


def log_path() -> Path:
    """Where unexpected errors are written."""
    return paths.data_dir() / "logs" / LOG_NAME


def record(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> Path | None:
    """Append one error with its traceback; the log's path, or None when even the log cannot be written (a full
    or read-only disk must not turn one error into two)."""
    target = log_path()
    where = "bundle" if getattr(sys, "frozen", False) else "source"
    text = "".join(traceback.format_exception(kind, error, tb))
    entry = (f"--- {dt.datetime.now().isoformat(timespec='seconds')}  fldd {__version__} ({where}, Python "
             f"{sys.version.split()[0]}, {sys.platform})\n{text}\n")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.stat().st_size > MAX_BYTES:
            os.replace(target, target.with_name(LOG_NAME + ".1"))
        with open(target, "a", encoding="utf-8") as out:
            out.write(entry)
    except OSError:
        return None
    return target
