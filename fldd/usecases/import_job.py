"""Bulk import as a job for a worker thread: it runs on a database connection of its own, because a SQLite
connection belongs to the thread that opened it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

from fldd.exchange.outcome import FileReport
from fldd.store.connection import open_store
from fldd.usecases.context import AppContext
from fldd.usecases.exchange import expand_paths, import_paths


def files_to_import(paths: Iterable[Path | str]) -> list[Path]:
    """The files an import of these paths reads, in order (folders give their workbooks)."""
    return expand_paths(paths)


def run_import(ctx: AppContext, paths: Iterable[Path | str], *, dry_run: bool = False,
               progress: Callable[[int, int, Path], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[FileReport]:
    """import_paths on a fresh connection to ctx's database (same user, role, clock and standard), closed after."""
    own = dataclasses.replace(ctx, store=open_store(ctx.store.path))
    try:
        return import_paths(own, paths, dry_run=dry_run, progress=progress, cancelled=cancelled)
    finally:
        own.close()
