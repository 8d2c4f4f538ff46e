"""Where the keyboard focus is and where it should go, in terms of question cards."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from fldd.ui.runner.module_view import ModuleView
from fldd.ui.runner.question_card import QuestionCard


def card_of(widget: QWidget | None) -> QuestionCard | None:
    """The question card a widget belongs to, if any."""
    while widget is not None and not isinstance(widget, QuestionCard):
        widget = widget.parentWidget()
    return widget


def focused_card(root: QWidget) -> QuestionCard | None:
    """The card holding the keyboard focus, if it is inside root."""
    card = card_of(QApplication.focusWidget())
    return card if card is not None and root.isAncestorOf(card) else None


def outline(old: QWidget | None, new: QWidget | None) -> None:
    """Mark the card being answered (the page's style sheet draws its border)."""
    for widget, current in ((old, False), (new, True)):
        card = card_of(widget)
        if card is not None and card.property("current") != current:
            card.setProperty("current", current)
            card.style().unpolish(card)
            card.style().polish(card)


def skipped_follow_up(view: ModuleView, answered: str | None, revealed: list[str]) -> QuestionCard | None:
    """The first follow-up question an answer just opened, when Tab had already moved past it (the focus
    being on the next question shown, or on the Next module button); else None."""
    focus = QApplication.focusWidget()
    if not revealed or answered not in view.cards or focus is None or not view.isAncestorOf(focus):
        return None
    order = list(view.cards)
    here = card_of(focus)
    stop = order.index(here.question.id) if here is not None else len(order)
    between = order[order.index(answered) + 1:stop]
    opened = [qid for qid in between if qid in revealed]
    if opened and all(qid in revealed or view.cards[qid].isHidden() for qid in between):
        return view.cards[opened[0]]
    return None
