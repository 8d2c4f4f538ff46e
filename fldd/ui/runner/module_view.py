"""The questions of one module in a scroll area: built when the module is first opened, then kept."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from fldd.standard.model import Module, pick
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.runner.question_card import QuestionCard

INTRO_STYLE = "color: #3a4450;"


class ModuleView(QScrollArea):
    """Every question card of one module, in order; cards of hidden questions exist but are not shown, so that
    the Tab order is the reading order whatever the answers open up."""

    next_module = Signal()

    def __init__(self, module: Module, number: dict[str, str], session, make_card: Callable[..., QuestionCard],
                 has_next: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.module = module
        lang = session.record.language
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the answers, not to the scroll area
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setObjectName(f"module_{module.id}")

        inner = QWidget()
        inner.setObjectName("moduleInner")
        self.heading = QLabel(pick(module.title, lang))
        self.heading.setObjectName("moduleHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.intro = QLabel(pick(module.intro, lang) if module.intro else "")
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(INTRO_STYLE)
        if not module.intro:
            self.intro.hide()
        self.legend = QLabel("<span style='color:#b00020'>*</span> required · answers are saved as you go")
        self.legend.setStyleSheet(INTRO_STYLE)
        self.cards: dict[str, QuestionCard] = {}
        for question in module.questions:
            self.cards[question.id] = make_card(question, number[question.id])
        self.skipped = QLabel("This module does not apply, given the answers so far.")
        self.skipped.setStyleSheet(INTRO_STYLE)
        self.skipped.hide()
        self.next_button = QPushButton("Ne&xt module  ›")
        self.next_button.setToolTip("Go to the next module (Ctrl+Page Down)")
        if not has_next:
            self.next_button.hide()

        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING + 2)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.legend)
        for card in self.cards.values():
            layout.addWidget(card)
        layout.addWidget(self.skipped)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        layout.addLayout(bottom)
        layout.addStretch(1)
        inner.setLayout(layout)
        self.setWidget(inner)

        self.next_button.clicked.connect(self.next_module)

    def sync(self, visible: frozenset[str], module_shown: bool = True) -> list[str]:
        """Show the cards of the visible questions, hide the others; returns the ids that changed."""
        changed = []
        for qid, card in self.cards.items():
            shown = module_shown and qid in visible
            if card.isHidden() == shown:
                card.setVisible(shown)
                changed.append(qid)
        self.skipped.setVisible(not any(qid in visible for qid in self.cards) or not module_shown)
        return changed

    def shown_cards(self) -> list[QuestionCard]:
        """The cards on screen, in order."""
        return [card for card in self.cards.values() if not card.isHidden()]

    def first_open_card(self, answered: dict) -> QuestionCard | None:
        """The first shown question without an answer, else the first shown question."""
        shown = self.shown_cards()
        return next((c for c in shown if c.question.id not in answered), shown[0] if shown else None)

    def settle(self) -> None:
        """Lay out cards shown a moment ago now (their place is otherwise known only after the event loop)."""
        for target in (self.widget(), self.viewport(), self):
            QApplication.sendPostedEvents(target, QEvent.Type.LayoutRequest)

    def reveal(self, widget: QWidget) -> None:
        """Scroll so that the whole card (or at least its top) is in view."""
        self.settle()
        self.ensureWidgetVisible(widget, 0, MARGIN)
        self.horizontalScrollBar().setValue(0)  # the column never scrolls sideways
