"""The guided tour of Home. CONTRACT (issue 12): the first-run helper fills this."""

from __future__ import annotations


class HomeTour:
    """A few steps over the main window, each pointing at one part of Home (navigation, the to-do cards of the
    role, the portfolio and next-steps strips for a buyer, the File and Help menus) with Back, Next and Done;
    Escape ends it."""

    def __init__(self, window) -> None:
        self.window = window

    def start(self) -> None:
        raise NotImplementedError
