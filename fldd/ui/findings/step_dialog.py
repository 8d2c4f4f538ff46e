"""The small dialog of a step that must be accounted for: marking an action done or verifying it takes a note or
a file, reopening it takes a reason; OK stays disabled until the step has what it needs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fldd.standard.answers import AnswerError
from fldd.store.errors import StoreError
from fldd.ui.findings.dialog_parts import FilePick, error_line, ok_cancel
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.prompter import Prompter
from fldd.usecases import findings as uc
from fldd.usecases.action_trail import says_something
from fldd.usecases.errors import Rejected

NOTE_HEIGHT = 96
MIN_WIDTH = 460
# title, what is asked, the note's placeholder, the OK button's text; by (target status, what is needed)
WORDING = {
    "done": ("Mark done", "Say what was done, or attach a file that shows it (a photo, a record, a policy).",
             "What was done, by whom and when", "&Mark done"),
    "verified": ("Verify", "Say what you checked, or attach a file that shows it.",
                 "What you checked and what it showed", "&Verify"),
    "in_progress": ("Reopen", "Say why the action is not done yet: what is missing or wrong. A file is optional.",
                    "Why it is reopened", "&Reopen"),
}


class StepDialog(QDialog):
    """Takes one step of an action with its note and file; accepted only once the use case saved it."""

    def __init__(self, ctx, prompter: Prompter, action_id: int, target: str, needs: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.action_id = action_id
        self.target = target
        self.needs = needs
        title, asked, placeholder, ok_text = WORDING[target]
        self.setWindowTitle(title)
        self.setMinimumWidth(MIN_WIDTH)

        self.asked = QLabel(asked)
        self.asked.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(NOTE_HEIGHT)
        self.note.setPlaceholderText(placeholder)
        note_label = QLabel("&Note:")
        note_label.setBuddy(self.note)
        self.file = FilePick(prompter, f"{title}: attach a file")
        self.attach_button, self.file_label = self.file.attach_button, self.file.label
        self.error = error_line()
        self.buttons, self.ok_button = ok_cancel(ok_text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        for widget in (self.asked, note_label, self.note, self.file, self.error, self.buttons):
            layout.addWidget(widget)

        self.note.textChanged.connect(self._update_ok)
        self.file.changed.connect(self._update_ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._update_ok()
        self.note.setFocus()

    def _ready(self) -> bool:
        has_note = says_something(self.note.toPlainText())
        return has_note if self.needs == "note" else has_note or self.file.path is not None

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self._ready())

    def save(self) -> None:
        """Take the step; stay open with the message if it is refused."""
        if not self._ready():
            return
        try:
            uc.set_action_status(self.ctx, self.action_id, self.target, note=self.note.toPlainText(),
                                 evidence=self.file.path)
        except (Rejected, AnswerError, StoreError) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
