"""The corrections a supplier suggested for its own profile, each with what the register holds, where the
suggestion came from, and Apply / Dismiss: shown at the top of the supplier panel while any wait."""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTextEdit,
                               QVBoxLayout, QWidget)

from fldd.ui.layout import SPACING
from fldd.usecases.corrections import DECIDERS, SuggestedCorrection

CARD_STYLE = ("QFrame#correction { background: #fffbea; border: 1px solid #e3c766; border-radius: 6px; }"
              "QFrame#correction QLabel { background: transparent; border: none; }")
CHANGED_COLOUR = "#8a4b00"  # dark amber on the pale card: readable, and always said in words too
QUIET_COLOUR = "#555555"


def heading_text(count: int) -> str:
    """'Corrections suggested by the supplier (2)'."""
    return f"Correction{'s' if count != 1 else ''} suggested by the supplier ({count})"


def _text(text: str, *, bold: bool = False, colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the supplier typed it: never read as rich text
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    if colour:
        label.setStyleSheet(f"color: {colour};")
    return label


class WrappedText(QTextEdit):
    """Read-only text that wraps at spaces where it can and anywhere where it must: a long e-mail address or
    file name stays inside a narrow panel (a QLabel would widen the panel for it), and copying gives the text as
    typed (no break characters slipped in)."""

    def __init__(self, text: str, *, bold: bool = False, colour: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlainText(text)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from button to button, not through the text
        self.document().setDocumentMargin(0)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet(f"QTextEdit {{ background: transparent; {f'color: {colour};' if colour else ''} }}")
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        """The text shown."""
        return self.toPlainText()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """As tall as the wrapped text at this width."""
        document = self.document().clone()
        document.setTextWidth(max(1, width))
        return math.ceil(document.size().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        width = max(self.width(), self.fontMetrics().averageCharWidth() * 20)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().averageCharWidth() * 8, self.fontMetrics().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Keep the height of the text as wrapped at the new width."""
        super().resizeEvent(event)
        height = self.heightForWidth(self.viewport().width())
        if self.height() != height:
            self.setFixedHeight(height)
            self.updateGeometry()


class CorrectionCard(QFrame):
    """One suggestion: field, on file, suggested, what the register holds now if that differs, the file."""

    def __init__(self, correction: SuggestedCorrection, may_decide: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.correction = correction
        self.setObjectName("correction")
        self.setStyleSheet(CARD_STYLE)
        self.field = _text(correction.label, bold=True)
        self.on_file = WrappedText(correction.on_file or "(empty)")
        self.suggested = WrappedText(correction.suggested, bold=True)
        self.note = WrappedText(self._note(), colour=CHANGED_COLOUR)
        self.note.setVisible(bool(self.note.text()))
        when = correction.received_at[:10]
        self.source = WrappedText(f"From {correction.file_name or 'a returned workbook'}, imported {when}",
                                  colour=QUIET_COLOUR)
        self.apply_button = QPushButton("Apply")
        self.dismiss_button = QPushButton("Dismiss")
        what = f"the suggested {correction.label if correction.field.startswith('id:') else correction.label.lower()}"
        self.apply_button.setToolTip(f"Write {what} into the register")
        self.dismiss_button.setToolTip(f"Keep the register as it is and close {what}")
        self.apply_button.setAccessibleName(f"Apply {what}")
        self.dismiss_button.setAccessibleName(f"Dismiss {what}")
        if not may_decide:
            for button in (self.apply_button, self.dismiss_button):
                button.setEnabled(False)
                button.setToolTip("Only a buyer or an auditor can apply or dismiss a supplier's suggestion")

        values = QGridLayout()
        values.setContentsMargins(0, 0, 0, 0)
        values.setHorizontalSpacing(SPACING)
        values.setVerticalSpacing(2)
        for row, (caption, value) in enumerate((("On file:", self.on_file), ("Suggested:", self.suggested))):
            values.addWidget(_text(caption, colour=QUIET_COLOUR), row, 0)
            values.addWidget(value, row, 1)
        values.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        column.setSpacing(4)
        column.addWidget(self.field)
        column.addLayout(values)
        column.addWidget(self.note)
        column.addWidget(self.source)
        column.addLayout(buttons)

    def _note(self) -> str:
        c = self.correction
        if c.already_held:
            return "The register already holds this value: applying only closes the suggestion."
        if c.changed_since:
            return f"The register has changed since the supplier saw it: now {c.current or '(empty)'}"
        return ""


class SuggestedCorrections(QWidget):
    """A heading with the count and one card per pending suggestion; hidden while there is none."""

    apply_requested = Signal(int)  # suggestion id
    dismiss_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _text("", bold=True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.blurb = _text("Typed by the supplier into a returned workbook. Nothing changes in the register until "
                           "you apply a suggestion.", colour=QUIET_COLOUR)
        self.cards: list[CorrectionCard] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, SPACING)
        self.column.setSpacing(SPACING)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.blurb)
        self.hide()

    def set_corrections(self, corrections: list[SuggestedCorrection], role: str) -> None:
        """Show these suggestions (none: hide the section)."""
        for card in self.cards:
            self.column.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        may_decide = role in DECIDERS
        for correction in corrections:
            card = CorrectionCard(correction, may_decide, self)
            card.apply_button.clicked.connect(lambda _=False, cid=correction.id: self.apply_requested.emit(cid))
            card.dismiss_button.clicked.connect(lambda _=False, cid=correction.id: self.dismiss_requested.emit(cid))
            self.column.addWidget(card)
            self.cards.append(card)
        self.heading.setText(heading_text(len(corrections)))
        self.setVisible(bool(corrections))

    def card_of(self, correction_id: int) -> CorrectionCard | None:
        """The card showing a suggestion."""
        return next((card for card in self.cards if card.correction.id == correction_id), None)

    def focus_first(self) -> bool:
        """Put the keyboard on the first Apply button that can be pressed; False if there is none."""
        for card in self.cards:
            if card.apply_button.isEnabled():
                card.apply_button.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False
