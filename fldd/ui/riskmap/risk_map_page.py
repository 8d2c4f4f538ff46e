"""The portfolio as a picture: a country x goods heat map of inherent and assessed risk, counts by next step.

Reserved for issue 11 (the heat-map helper builds it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from fldd.ui.layout import vbox
from fldd.ui.page import Page


class RiskMapPage(Page):
    """Placeholder until the heat map lands."""

    title = "Risk map"

    def __init__(self, ctx, prompter, parent=None):
        super().__init__(parent)
        self.ctx, self.prompter = ctx, prompter
        self.setLayout(vbox(QLabel("Risk map")))
