"""What every page of the main window offers: a title, a refresh, and requests to open other things."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """Base of the main window's pages; they ask the window to navigate through these signals."""

    open_assessment = Signal(int)  # assessment id
    open_supplier = Signal(int)  # supplier id
    data_changed = Signal()  # something was saved that other pages show

    title = "Page"

    def refresh(self) -> None:
        """Re-read what the page shows from the store (called when the page is shown)."""
