"""Checks or imports files off the GUI thread on a database connection of its own (a JobWorker); a cancel is read
between files, and the file being imported is finished first: each is committed whole or not at all."""

from __future__ import annotations

from pathlib import Path

from fldd.ui.job_worker import JobWorker
from fldd.usecases.import_job import run_import


class ImportWorker(JobWorker):
    """Runs fldd.usecases.import_job.run_import over a list of files (dry_run: a preview); `done` carries a
    FileReport per file read, in order (fewer than the files when cancelled)."""

    def __init__(self, ctx, paths: list[Path], *, dry_run: bool, parent=None) -> None:
        files = list(paths)

        def job(progress, cancelled):
            return run_import(ctx, files, dry_run=dry_run, cancelled=cancelled,
                              progress=lambda n, total, path: progress(n, total, str(path)))

        super().__init__(job, parent)
        self.paths = files
        self.dry_run = dry_run
