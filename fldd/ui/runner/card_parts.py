"""Small parts of a question card: the glossary popup, card-scoped shortcuts, and tag labels."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from fldd.standard.model import Term, pick
from fldd.ui.layout import MARGIN, SPACING

POPUP_WIDTH = 420
POPUP_MAX_HEIGHT = 360
TAG_STYLE = "background: #eef1f5; color: #1a1a1a; border-radius: 3px; padding: 1px 6px;"


def card_shortcut(card: QWidget, key: str, button: QAbstractButton) -> QShortcut:
    """Alt+key clicks `button` while the focus is inside `card` only: every card has the same buttons, so a
    window-wide mnemonic would be ambiguous. The underlined letter stays in the text as the visible hint."""
    button.setShortcut(QKeySequence())  # drop the window-wide mnemonic that setText("&...") grabbed
    shortcut = QShortcut(QKeySequence(f"Alt+{key}"), card)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(button.click)
    return shortcut


def tag(text: str, tooltip: str = "") -> QLabel:
    """A small grey tag (ILO indicator, computed answer)."""
    label = QLabel(text)
    label.setStyleSheet(TAG_STYLE)
    label.setToolTip(tooltip)
    return label


class GlossaryPopup(QFrame):
    """The definitions of one or more glossary terms, closed by Escape or a click elsewhere."""

    def __init__(self, terms: list[Term], lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("glossaryPopup")
        parts = [f"<p><b>{html.escape(pick(t.term, lang))}</b><br>{html.escape(pick(t.definition, lang))}</p>"
                 for t in terms]
        self.text = QLabel("".join(parts))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setContentsMargins(MARGIN, MARGIN // 2, MARGIN, MARGIN // 2)
        scroll = QScrollArea()
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(scroll)
        self.setLayout(layout)
        self.setFixedWidth(POPUP_WIDTH)
        self.text.setFixedWidth(POPUP_WIDTH - 2 * MARGIN)
        self.setFixedHeight(min(POPUP_MAX_HEIGHT, self.text.heightForWidth(POPUP_WIDTH - 2 * MARGIN) + 8))

    def show_at(self, anchor: QWidget) -> None:
        """Open just below the widget that asked for it, kept on the screen."""
        point = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen().availableGeometry() if anchor.screen() else None
        if screen is not None:
            point.setX(max(screen.left(), min(point.x(), screen.right() - self.width())))
            if point.y() + self.height() > screen.bottom():
                point.setY(anchor.mapToGlobal(QPoint(0, 0)).y() - self.height())
        self.move(point)
        self.show()
