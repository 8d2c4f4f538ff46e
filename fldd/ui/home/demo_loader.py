"""Builds the demo portfolio off the GUI thread (a few seconds of work), so the window stays responsive."""

from __future__ import annotations

from fldd.ui import job_worker
from fldd.usecases.home import load_demo_portfolio


class DemoLoader(job_worker.JobWorker):
    """Runs fldd.usecases.home.load_demo_portfolio on its own database connection; `done` carries build_demo's
    counts, `failed` the words for whatever stopped it (nothing of the demo is kept then)."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(lambda progress, cancelled: load_demo_portfolio(ctx), parent)
        self.ctx = ctx
