"""One answer editor per question type, all with the same small interface the question card relies on."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QRadioButton,
                               QVBoxLayout, QWidget)

from fldd.standard.model import Option, Question, pick
from fldd.ui.layout import SPACING
from fldd.ui.runner.wording import escape_mnemonic

MAX_RADIO_OPTIONS = 6  # more options than this go into a drop-down list
ARROWS = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}
WRAP = 64  # characters per line of an option label, so long labels wrap instead of widening the page
TWO_COLUMNS_UP_TO = 36  # multi-choice options this short are laid out in two columns


class AnswerEditor(QWidget):
    """Common interface: value() gives the raw answer for coerce, set_value() shows a typed one, `committed`
    fires when the person has finished an answer (never on set_value)."""

    committed = Signal()

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang

    def value(self) -> Any:
        """The raw answer as typed or chosen (None when unanswered)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show a stored (typed) answer."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Closed assessments and computed answers: shown, not editable."""
        self.setEnabled(not read_only)

    def focus_widgets(self) -> list[QWidget]:
        """The widgets that take keyboard focus, in Tab order."""
        raise NotImplementedError

    def finish(self) -> None:
        """Commit what is typed but not yet committed (choices commit at once, so nothing to do here)."""

    def focus_first(self) -> None:
        """Put the keyboard focus where a person starts answering."""
        widgets = self.focus_widgets()
        if widgets:
            widgets[0].setFocus(Qt.FocusReason.TabFocusReason)

    def label(self, option: Option) -> str:
        """An option's label in the session language, wrapped for a button."""
        return escape_mnemonic(textwrap.fill(pick(option.label, self.lang), WRAP))


class _Radio(QRadioButton):
    """A button of a single-choice group. Qt's arrow keys only move the focus while no button is checked, so an
    unanswered question could not be answered with them: here an arrow picks the option it moves to (the one in
    focus at either end)."""

    def __init__(self, text: str, group: QButtonGroup) -> None:
        super().__init__(text)
        self.choices = group

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        step = ARROWS.get(event.key())
        if step is None or self.choices.checkedButton() is not None or \
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        buttons = self.choices.buttons()
        index = buttons.index(self) + step
        target = buttons[index] if 0 <= index < len(buttons) else self
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        target.click()


class RadioEditor(AnswerEditor):
    """Yes / No (and Don't know, Not applicable when offered) or up to six options: arrow keys and Space."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for index, option in enumerate(question.options):
            button = _Radio(self.label(option), self.group)
            button.setProperty("value", option.value)
            self.group.addButton(button, index)
            self.buttons[option.value] = button

        layout = QHBoxLayout() if question.type == "yesno" else QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING * 3 if question.type == "yesno" else SPACING // 2)
        for button in self.buttons.values():
            layout.addWidget(button)
        if question.type == "yesno":
            layout.addStretch(1)
        self.setLayout(layout)

        self.group.buttonClicked.connect(self.committed)

    def value(self) -> str | None:
        checked = self.group.checkedButton()
        return checked.property("value") if checked else None

    def set_value(self, value: Any) -> None:
        button = self.buttons.get(value) if isinstance(value, str) else None
        if button is not None:
            button.setChecked(True)
        elif self.group.checkedButton() is not None:
            self.group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
            self.group.checkedButton().setChecked(False)
            self.group.setExclusive(True)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.buttons.values())

    def focus_first(self) -> None:
        target = self.group.checkedButton() or next(iter(self.buttons.values()), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)


class ComboEditor(AnswerEditor):
    """A single choice among many options: a drop-down list, committed when a person picks an entry."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.combo = QComboBox()
        self.combo.setPlaceholderText("Choose an answer…")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        for option in question.options:
            self.combo.addItem(pick(option.label, lang), option.value)
            self.combo.setItemData(self.combo.count() - 1, pick(option.label, lang), Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(-1)

        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        self.setLayout(layout)

        self.combo.activated.connect(self.committed)

    def value(self) -> str | None:
        return self.combo.currentData() if self.combo.currentIndex() >= 0 else None

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(self.combo.findData(value) if isinstance(value, str) else -1)

    def focus_widgets(self) -> list[QWidget]:
        return [self.combo]


class _Box(QCheckBox):
    """A check box of a multi-choice group: arrow keys move within the group, Tab leaves it, and Tab or Shift+Tab
    into the group lands on its first option. The boxes are in no QButtonGroup: Qt would then let Tab stop only
    at a ticked box, so a person tabbing in would land in the middle of the list."""

    def __init__(self, text: str, boxes: list[_Box]) -> None:
        super().__init__(text)
        self.boxes = boxes

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.reason() == Qt.FocusReason.BacktabFocusReason and self is not self.boxes[0]:
            self.boxes[0].setFocus(Qt.FocusReason.BacktabFocusReason)  # coming back from the next question
            return
        super().focusInEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        step = ARROWS.get(event.key())
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        index = self.boxes.index(self) + step
        if 0 <= index < len(self.boxes):
            self.boxes[index].setFocus(Qt.FocusReason.OtherFocusReason)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        (self.boxes[-1] if forward else self.boxes[0]).setFocus(Qt.FocusReason.TabFocusReason)
        return super().focusNextPrevChild(forward)


class MultiEditor(AnswerEditor):
    """Several options: check boxes; an exclusive option ("None of these") unticks the others and back."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.boxes: dict[str, _Box] = {}
        order: list[_Box] = []
        for option in question.options:
            box = _Box(self.label(option), order)
            box.setProperty("value", option.value)
            box.setProperty("exclusive", option.exclusive)
            box.clicked.connect(lambda _=False, box=box: self._clicked(box))
            self.boxes[option.value] = box
            order.append(box)

        layout = QGridLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(SPACING * 3)
        layout.setVerticalSpacing(SPACING // 2)
        short_labels = all(len(pick(o.label, lang)) <= TWO_COLUMNS_UP_TO for o in question.options)
        columns = 2 if short_labels and len(order) > 4 else 1
        rows = (len(order) + columns - 1) // columns
        for index, box in enumerate(order):  # down the first column, then the second: reading order
            layout.addWidget(box, index % rows, index // rows)
        layout.setColumnStretch(columns, 1)
        self.setLayout(layout)

    def _clicked(self, box: _Box) -> None:
        """Keep exclusive options alone, then commit."""
        if box.isChecked():
            exclusive = bool(box.property("exclusive"))
            for other in self.boxes.values():
                if other is not box and other.isChecked() and (exclusive or other.property("exclusive")):
                    other.setChecked(False)
        self.committed.emit()

    def value(self) -> list[str]:
        return [value for value, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, (tuple, list)) else set()
        for option_value, box in self.boxes.items():
            box.setChecked(option_value in chosen)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())


def editor_for(question: Question, lang: str, currency: str = "USD") -> AnswerEditor:
    """The editor that fits the question's type."""
    from fldd.ui.runner import value_editors

    if question.type == "yesno" or (question.type == "single" and len(question.options) <= MAX_RADIO_OPTIONS):
        return RadioEditor(question, lang)
    if question.type == "single":
        return ComboEditor(question, lang)
    if question.type == "multi":
        return MultiEditor(question, lang)
    if question.type in ("number", "count", "percent"):
        return value_editors.NumberEditor(question, lang)
    if question.type == "money":
        return value_editors.MoneyEditor(question, lang, currency)
    if question.type == "date":
        return value_editors.DateEditor(question, lang)
    return value_editors.TextEditor(question, lang)
