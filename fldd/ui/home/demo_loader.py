"""Builds the demo portfolio off the GUI thread (a few seconds of work), so the window stays responsive."""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal

from fldd.store.errors import StoreError
from fldd.usecases.errors import Rejected
from fldd.usecases.home import load_demo_portfolio


class DemoLoader(QThread):
    """Runs fldd.usecases.home.load_demo_portfolio on its own database connection."""

    loaded = Signal(dict)  # build_demo's counts
    failed = Signal(str)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def run(self) -> None:  # noqa: D102 - QThread's entry point
        try:
            counts = load_demo_portfolio(self.ctx)
        except (Rejected, StoreError) as exc:
            self.failed.emit(str(exc))
            return
        self.loaded.emit(counts)
