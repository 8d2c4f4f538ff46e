"""The optional, non-identifying context of one interview: its language, whether an interpreter helped, where it
was held, and a note in the auditor's words. It stays with the record; the counts never carry it."""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from fldd.ui.layout import SPACING
from fldd.usecases.interview_privacy import LANGUAGE_MAX, LOCATIONS, identifying_hints

HINT_STYLE = "color: #3a4450;"
WARNING_STYLE = "background: #fff4d6; color: #1a1a1a; border: 1px solid #e8cf8a; border-radius: 4px; padding: 4px;"
NOTE_HEIGHT = 70


class InterviewContext:
    """Two blocks for the interview form: `setting` (language, interpreter, location) and `notes` (the note,
    the reminder to write no names, and a warning when the note looks like it identifies someone)."""

    def __init__(self) -> None:
        self.language = QLineEdit()
        self.language.setObjectName("interviewLanguage")
        self.language.setPlaceholderText("e.g. Nepali")
        self.language.setMaxLength(LANGUAGE_MAX)
        self.language.setMaximumWidth(180)
        self.interpreter_group = QButtonGroup()
        self.interpreter: dict[str, QRadioButton] = {}
        interpreter_row = QHBoxLayout()
        interpreter_row.setSpacing(SPACING)
        for value, text in (("yes", "Yes"), ("no", "No"), ("", "Not noted")):
            button = QRadioButton(text)
            button.setProperty("value", value)
            self.interpreter_group.addButton(button)
            self.interpreter[value] = button
            interpreter_row.addWidget(button)
        interpreter_row.addStretch(1)
        self.location = QComboBox()
        self.location.setObjectName("interviewLocation")
        self.location.addItem("Not noted", "")
        for value, text in LOCATIONS.items():
            self.location.addItem(text, value)
        self.location.setMaximumWidth(180)
        self.note = QPlainTextEdit()
        self.note.setObjectName("interviewNote")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(NOTE_HEIGHT)
        self.hint = QLabel("Your note, in your own words: no names, no phone numbers, nothing that points to one "
                           "worker. Describe roles instead (a supervisor, a recruiter, a worker on line 4).")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.warning = QLabel()
        self.warning.setObjectName("interviewNoteWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()

        self.setting = QWidget()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING * 2)
        for column, (text, field) in enumerate((("&Language", self.language), ("Interpreter used", None),
                                                ("Held", self.location))):
            label = QLabel(text)
            if field is not None:
                label.setBuddy(field)
            grid.addWidget(label, 0, column)
        grid.addWidget(self.language, 1, 0)
        grid.addLayout(interpreter_row, 1, 1)
        grid.addWidget(self.location, 1, 2)
        grid.setColumnStretch(3, 1)
        self.setting.setLayout(grid)
        self.notes = QWidget()
        note_label = QLabel("&Note (optional)")
        note_label.setBuddy(self.note)
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(SPACING // 2)
        for widget in (note_label, self.hint, self.note, self.warning):
            box.addWidget(widget)
        self.notes.setLayout(box)

        self.note.textChanged.connect(self.check_note)
        self.language.textChanged.connect(self.check_note)

    def values(self) -> dict[str, str]:
        """What the form holds, as record_interview takes it."""
        chosen = self.interpreter_group.checkedButton()
        return {"language": self.language.text().strip(),
                "interpreter": chosen.property("value") if chosen is not None else "",
                "location": self.location.currentData() or "", "note": self.note.toPlainText().strip()}

    def fill(self, context: dict | None) -> None:
        """Show a record's context (an empty one for a new interview)."""
        context = context or {}
        self.language.setText(context.get("language", ""))
        self.interpreter[context.get("interpreter", "") or ""].setChecked(True)
        self.location.setCurrentIndex(max(0, self.location.findData(context.get("location", "") or "")))
        self.note.setPlainText(context.get("note", ""))
        self.check_note()

    def check_note(self) -> None:
        """Warn, while the auditor types, when the note or the language looks like it identifies someone."""
        found = identifying_hints(self.note.toPlainText()) + identifying_hints(self.language.text())
        messages = list(dict.fromkeys(message for _kind, message in found))
        refused = any(kind != "name" for kind, _message in found)
        prefix = "Not saved like this: " if refused else "Check before saving: "
        self.warning.setText(prefix + "; ".join(messages) + "." if messages else "")
        self.warning.setVisible(bool(messages))

    def set_enabled(self, enabled: bool) -> None:
        """A closed assessment's records are read, not changed."""
        for widget in (self.setting, self.notes):
            widget.setEnabled(enabled)
