"""The one error type use cases raise for input a person must fix (exit code 1 on the command line)."""

from __future__ import annotations


class Rejected(Exception):
    """Input refused; every message names the file, sheet, cell or question concerned."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages
