"""Bulk import as a job for a worker thread: it runs on a database connection of its own, because a SQLite
connection belongs to the thread that opened it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from fldd.exchange.outcome import FileReport
from fldd.usecases.context import AppContext, own_connection
from fldd.usecases.exchange import expand_paths, import_paths


def files_to_import(paths: Iterable[Path | str]) -> list[Path]:
    """The files an import of these paths reads, in order (folders give their workbooks)."""
    return expand_paths(paths)


def run_import(ctx: AppContext, paths: Iterable[Path | str], *, dry_run: bool = False,
               progress: Callable[[int, int, Path], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[FileReport]:
    """import_paths on a fresh connection to ctx's database (same user, role, clock and standard), closed after."""
    with own_connection(ctx) as own:
        return import_paths(own, paths, dry_run=dry_run, progress=progress, cancelled=cancelled)
