"""The first run. CONTRACT (issue 12): the first-run helper fills this."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog


@dataclass(frozen=True)
class FirstRunChoices:
    """What the person chose: role, language code, demo portfolio or empty workspace, take the tour."""

    role: str
    language: str
    demo: bool
    tour: bool


class FirstRunWizard(QDialog):
    """Welcome; role; language; demo or empty (the demo loads in the background before it closes); tour or not.
    Accepted: the choices are saved (preferences, mark_set_up) and in self.choices. Rejected (closed): nothing
    saved, the app quits, and the first run comes again next start."""

    def __init__(self, ctx, prompter, parent=None) -> None:
        super().__init__(parent)
        self.choices: FirstRunChoices | None = None
        raise NotImplementedError
