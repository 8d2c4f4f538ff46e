"""Editors for typed values (numbers, money, dates, text), with Don't know / Not applicable where offered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QRegularExpression, Qt, QTimer
from PySide6.QtGui import QDoubleValidator, QIntValidator, QRegularExpressionValidator
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QToolButton, QWidget)

from fldd.standard.answers import to_json
from fldd.standard.conditions import Money
from fldd.standard.model import Question, pick
from fldd.ui.layout import SPACING
from fldd.ui.runner.question_widgets import AnswerEditor
from fldd.ui.runner.wording import escape_mnemonic, number_text

LARGEST = 999_999_999  # validators stop absurd input; the question's own maximum is checked on commit
CURRENCIES = ("USD", "EUR", "GBP", "MYR", "THB", "VND", "BDT", "INR", "CNY", "IDR", "PHP", "PKR", "KHR", "MXN",
              "BRL", "TRY", "ETB", "GHS", "XOF", "NPR", "MMK", "LKR")
NOT_SET = QDate(1900, 1, 1)
TEXT_LINES = 3


def plain(value: Any) -> str:
    """A stored number as the person typed it (66, 12.5), without thousands separators."""
    return str(to_json(Decimal(str(value)))) if isinstance(value, (Decimal, int, float)) else ""


def number_validator(question: Question, parent: QObject) -> QIntValidator | QDoubleValidator:
    """Digits only (and a minus sign only where negative answers exist). The minimum is not enforced here: a
    too-small number must reach the commit and its inline message, not be silently held back."""
    low = -LARGEST if question.minimum is not None and question.minimum < 0 else 0
    if question.minimum is None and question.type == "number":
        low = -LARGEST
    if question.type == "count":
        return QIntValidator(low, LARGEST, parent)
    validator = QDoubleValidator(low, LARGEST, 6, parent)
    validator.setNotation(QDoubleValidator.Notation.StandardNotation)
    locale = QLocale.c()
    locale.setNumberOptions(QLocale.NumberOption.RejectGroupSeparator)
    validator.setLocale(locale)
    return validator


def range_hint(question: Question) -> str:
    """"0 – 168" for the placeholder, from the question's bounds."""
    low = question.minimum if question.minimum is not None else (0 if question.type in ("count", "percent") else None)
    high = question.maximum if question.maximum is not None else (100 if question.type == "percent" else None)
    if low is not None and high is not None:
        return f"{number_text(low)} – {number_text(high)}"
    if low is not None:
        return f"{number_text(low)} or more"
    return ""


class ValueEditor(AnswerEditor):
    """Shared by the typed editors: special answers as check boxes, and commit once per change."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.specials: dict[str, QCheckBox] = {}
        for option in question.specials:
            box = QCheckBox(escape_mnemonic(pick(option.label, lang)))
            box.setProperty("value", option.value)
            box.clicked.connect(lambda checked, box=box: self._special_clicked(box))
            self.specials[option.value] = box
        self._shown: Any = None

    def inputs(self) -> list[QWidget]:
        """The widgets that hold the typed value (disabled while a special answer is ticked)."""
        raise NotImplementedError

    def typed(self) -> Any:
        """The raw typed value, without specials."""
        raise NotImplementedError

    def show_typed(self, value: Any) -> None:
        """Show a typed value (None clears)."""
        raise NotImplementedError

    def special(self) -> str | None:
        """The ticked special answer, if any."""
        return next((value for value, box in self.specials.items() if box.isChecked()), None)

    def value(self) -> Any:
        return self.special() or self.typed()

    def set_value(self, value: Any) -> None:
        special = value if isinstance(value, str) and value in self.specials else None
        for option_value, box in self.specials.items():
            box.setChecked(option_value == special)
        self._enable_inputs(special is None)
        self.show_typed(None if special else value)
        self._shown = self.value()

    def _special_clicked(self, box: QCheckBox) -> None:
        if box.isChecked():
            for other in self.specials.values():
                if other is not box:
                    other.setChecked(False)
        self._enable_inputs(not box.isChecked())
        self.finish()

    def _enable_inputs(self, enabled: bool) -> None:
        for widget in self.inputs():
            widget.setEnabled(enabled)

    def unfinish(self) -> None:
        """Take back the last commit: the value counts as not yet committed, so the next finish commits it."""
        self._shown = object()

    def finish(self) -> None:
        """The person is done with this answer: commit it if it changed."""
        current = self.value()
        if current != self._shown:
            self._shown = current
            self.committed.emit()

    def focus_widgets(self) -> list[QWidget]:
        return [w for w in self.inputs() if w.focusPolicy() != Qt.FocusPolicy.NoFocus] + list(self.specials.values())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Leaving a field, or Return in it, finishes the answer even when the validator is not satisfied
        (editingFinished would stay silent and the typed text would be lost without a word)."""
        if event.type() == QEvent.Type.FocusOut or (
                event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not isinstance(watched, QPlainTextEdit)):
            self.finish()
        return False

    def row(self, *widgets: QWidget) -> QHBoxLayout:
        """The inputs, then the specials, left-aligned."""
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        for widget in widgets:
            layout.addWidget(widget)
        for box in self.specials.values():
            layout.addSpacing(SPACING)
            layout.addWidget(box)
        layout.addStretch(1)
        return layout


class NumberEditor(ValueEditor):
    """number / count / percent: a short field with the unit after it; blank means unanswered."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.line = QLineEdit()
        self.line.setValidator(number_validator(question, self.line))
        self.line.setPlaceholderText(range_hint(question))
        self.line.setFixedWidth(self.line.fontMetrics().horizontalAdvance("0" * 14))
        unit = pick(question.unit, lang) if question.unit else ("%" if question.type == "percent" else "")
        self.unit = QLabel(unit)

        self.setLayout(self.row(self.line, self.unit))

        self.line.editingFinished.connect(self.finish)
        self.line.installEventFilter(self)

    def inputs(self) -> list[QWidget]:
        return [self.line]

    def typed(self) -> str | None:
        return self.line.text().strip() or None

    def show_typed(self, value: Any) -> None:
        self.line.setText(plain(value))


class MoneyEditor(ValueEditor):
    """An amount and its currency (prefilled with the base wage's currency, else the site country's)."""

    def __init__(self, question: Question, lang: str, currency: str = "USD", parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.amount = QLineEdit()
        self.amount.setValidator(number_validator(question, self.amount))
        self.amount.setPlaceholderText("amount")
        self.amount.setFixedWidth(self.amount.fontMetrics().horizontalAdvance("0" * 14))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency.addItems(CURRENCIES)
        self.currency.lineEdit().setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,3}"), self.currency))
        self.currency.setToolTip("Currency: a 3-letter ISO code such as MYR or USD")
        self.currency.setFixedWidth(self.currency.fontMetrics().horizontalAdvance("MMMMM") + 40)
        self.suggest_currency(currency)

        self.setLayout(self.row(self.amount, self.currency))

        self.amount.editingFinished.connect(self.finish)
        self.amount.installEventFilter(self)
        self.currency.activated.connect(self.finish)
        self.currency.lineEdit().editingFinished.connect(self.finish)

    def suggest_currency(self, currency: str) -> None:
        """Preset the currency while no amount is entered."""
        if not self.amount.text().strip():
            self.currency.setCurrentText(currency)

    def inputs(self) -> list[QWidget]:
        return [self.amount, self.currency]

    def typed(self) -> dict | None:
        amount = self.amount.text().strip()
        if not amount:
            return None
        return {"amount": amount, "currency": self.currency.currentText().strip().upper()}

    def show_typed(self, value: Any) -> None:
        if isinstance(value, Money):
            self.amount.setText(plain(value.amount))
            self.currency.setCurrentText(value.currency)
        else:
            self.amount.clear()


class DateEditor(ValueEditor):
    """A date, or "Not set"."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(NOT_SET)
        self.date.setSpecialValueText("Not set")
        self.date.setDate(NOT_SET)
        self.clear = QToolButton()
        self.clear.setText("Clear")
        self.clear.setToolTip("Set the date back to not set")
        self.clear.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self.setLayout(self.row(self.date, self.clear))

        self.date.editingFinished.connect(self.finish)
        self.clear.clicked.connect(self._clear)

    def _clear(self) -> None:
        self.date.setDate(NOT_SET)
        self.finish()

    def inputs(self) -> list[QWidget]:
        return [self.date, self.clear]

    def typed(self) -> str | None:
        date = self.date.date()
        return None if date == NOT_SET else date.toString("yyyy-MM-dd")

    def show_typed(self, value: Any) -> None:
        self.date.setDate(QDate(value.year, value.month, value.day) if isinstance(value, dt.date) else NOT_SET)


class TextEditor(ValueEditor):
    """Free text: saved when the person leaves the field and after a short pause in typing."""

    DEBOUNCE_MS = 800

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        line = self.text.fontMetrics().lineSpacing()
        self.text.setFixedHeight(line * TEXT_LINES + 2 * self.text.frameWidth() + 8)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(self.DEBOUNCE_MS)
        self._loading = False

        layout = self.row(self.text)
        layout.setStretch(0, 4)  # text gets most of the width; the trailing stretch keeps a margin
        self.setLayout(layout)

        self.text.textChanged.connect(self._typed)
        self.debounce.timeout.connect(self.finish)
        self.text.installEventFilter(self)

    def _typed(self) -> None:
        if not self._loading:
            self.debounce.start()

    def finish(self) -> None:
        self.debounce.stop()
        super().finish()

    def inputs(self) -> list[QWidget]:
        return [self.text]

    def typed(self) -> str | None:
        return self.text.toPlainText().strip() or None

    def show_typed(self, value: Any) -> None:
        self._loading = True
        self.text.setPlainText(value if isinstance(value, str) else "")
        self._loading = False
