"""Reading and checking returned workbooks ahead of the import, which then only decides and writes.

Reading and checking a file needs no database. For a large batch, worker processes do it for the next files
while the importing thread decides and writes the current one (python-calamine, the guards and the checks are
mostly Python-bound: threads would queue on the GIL, and each SQLite call of the writer would wait for it).
Results come back in file order, and only a few files ahead are held in memory.
"""

from __future__ import annotations

import os
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import Issue
from fldd.standard.model import Standard

PROCESS_MIN_FILES = 200  # below this, starting worker processes (about 0.3 s of CPU each) saves nothing
MAX_WORKERS = 4
AHEAD_PER_WORKER = 4


@dataclass
class Loaded:
    """A file as read and checked, before the database has had its say."""

    path: Path
    sha256: str = ""
    saved_at: str | None = None
    issues: list[Issue] = field(default_factory=list)  # why the file could not be opened
    checked: Any = None  # workbook_check.Checked, when it could
    result: Any = None  # its scoring Result, when a worker scored it (see Scoring)


@dataclass(frozen=True)
class Scoring:
    """What a worker needs to score a checked file as the importer would: the assessment day, and each
    supplier's scoring inputs by uid, as stored in the database (its inherent risk, computed with the risk data
    in force there): a worker never works them out from the files it was installed with."""

    day: dt.date
    suppliers: dict[str, dict]

    def result(self, checked: Any) -> Any:
        """The Result of a checked workbook without problems (None when the supplier is unknown)."""
        from fldd.standard.engine import score

        inputs = self.suppliers.get(checked.meta.get("supplier_uid", ""))
        if checked.issues or checked.questionnaire is None or inputs is None:
            return None
        return score(checked.questionnaire, checked.values, inputs=inputs, as_of=self.day, lang=checked.layout.lang)


def load(path: Path, standard: Standard, secret: str | None, scoring: Scoring | None = None) -> Loaded:
    """Open and check one file, and score it when given the means (no database). Never raises: anything that
    goes wrong with the file is in its issues (see file_guard)."""
    from fldd.usecases.file_guard import guarded

    return guarded(path, lambda: _load(path, standard, secret, scoring),
                   lambda issue: Loaded(path, file_sha256(path), issues=[issue]))


def _load(path: Path, standard: Standard, secret: str | None, scoring: Scoring | None) -> Loaded:
    from fldd.exchange.workbook_check import check_workbook, read_ahead
    from fldd.exchange.workbook_read import Unreadable, open_workbook

    if not path.exists():
        return Loaded(path, issues=[Issue("no such file or folder")])
    try:
        book = open_workbook(path)
    except Unreadable as exc:
        return Loaded(path, file_sha256(path), issues=exc.issues)
    try:
        read_ahead(book, standard)
    finally:
        book.close()
    checked = check_workbook(book, standard, secret)
    return Loaded(path, book.sha256, book.saved_at, checked=checked,
                  result=scoring.result(checked) if scoring is not None else None)


def file_sha256(path: Path) -> str:
    """sha256 of a file read in blocks ("" when it cannot be read)."""
    import hashlib

    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def loaded_files(files: list[Path], standard: Standard, secret: str | None,
                 scoring: Callable[[], Scoring] | None = None) -> Iterator[Loaded]:
    """Each file loaded, in order: by worker processes for a large batch (see workbook_workers; they also
    score each file when given `scoring`, called once), else here. Closing the generator stops the workers and
    drops what they read ahead."""
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if len(files) < PROCESS_MIN_FILES or workers < 2:
        for path in files:
            yield load(path, standard, secret)
        return
    from fldd.usecases.workbook_workers import Workers

    means = scoring() if scoring is not None else None
    try:
        pool = Workers(workers, standard, secret, means, AHEAD_PER_WORKER)
    except OSError:  # no way to start a process here: read in this one
        for path in files:
            yield load(path, standard, secret)
        return
    try:
        for loaded in pool.map(files, lambda path: load(path, standard, secret, means), _stopped_on):
            yield _attach(loaded, standard)
    finally:
        pool.close()


def _stopped_on(path: Path) -> Loaded:
    """A file a reader process died on: refused, never read again in the importing process."""
    return Loaded(path, file_sha256(path), issues=[Issue(
        "the reader stopped on this file: it is damaged or built to break spreadsheet readers; open it in "
        "Excel or LibreOffice and save it again")])


def _attach(loaded: Loaded, standard: Standard) -> Loaded:
    """Put back the questionnaire and layout a worker left out (found again from the metadata)."""
    from fldd.exchange.layout import layout

    checked = loaded.checked
    if checked is None or checked.questionnaire is not None or checked.issues or not checked.meta:
        return loaded
    q = standard.get(f"{checked.meta['questionnaire']}@{checked.meta['version']}")
    if q is not None:
        checked.questionnaire, checked.layout = q, layout(q, checked.meta["language"])
    return loaded
