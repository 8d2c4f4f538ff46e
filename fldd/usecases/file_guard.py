"""One bad file never stops an import: whatever goes wrong while one file is read, checked or decided becomes
that file's rejection, naming it, and the import goes on with the next file.

The readers and checks refuse every kind of damage they know with a message of their own; an exception that
escapes them is either damage nobody foresaw (a zip feature, a parser's own error) or a bug of fldd's. Either
way the person gets a rejection naming the file, and the traceback goes to the "fldd.import" log (stderr when
nothing else is set up, pytest's caplog in tests), where a developer sees it. The database's own trouble (disk
full, locked, read-only: the store's StoreError) is not a file's fault: it stops the import, as it would any
other write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fldd.exchange.outcome import Issue
from fldd.store.errors import StoreError

T = TypeVar("T")
LOG = logging.getLogger("fldd.import")


def guarded(path: Path, work: Callable[[], T], refused: Callable[[Issue], T]) -> T:
    """work(), or refused(issue) when it raises anything but the database's own trouble."""
    try:
        return work()
    except StoreError:  # the database's trouble (disk full, locked, read-only), not the file's
        raise
    except Exception as exc:  # noqa: BLE001 - the point: no file may stop the batch; the traceback is logged
        return refused(unexpected(path, exc))


def unexpected(path: Path, exc: BaseException) -> Issue:
    """The rejection of a file that raised `exc`, logged with its traceback for a developer."""
    LOG.error("reading %s failed unexpectedly; the file was refused and the import went on", path, exc_info=exc)
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    what = what if len(what) <= 160 else what[:159] + "…"
    return Issue(f"fldd could not read this file ({what}): it is refused, and the other files were imported; "
                 "open it in Excel or LibreOffice, save it again and import it again (if it still fails, report "
                 "it to fldd's developers with this message)", file=path.name)
