"""The buyer's next steps: every supplier's recommended step and why, sortable and filterable, with decisions.

Reserved for issue 11 (the queue helper builds it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from fldd.ui.layout import vbox
from fldd.ui.page import Page


class QueuePage(Page):
    """Placeholder until the queue lands."""

    title = "Next steps"

    def __init__(self, ctx, prompter, parent=None):
        super().__init__(parent)
        self.ctx, self.prompter = ctx, prompter
        self.setLayout(vbox(QLabel("Next steps")))
