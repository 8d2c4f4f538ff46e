"""The supplier's possible entity-list matches in the supplier panel: which list and entry, which of the
supplier's names resembled which listed name and how, and Confirm… / Dismiss… asking for a reason; a decision
shows who took it, when and why, and can be reopened. Nothing here changes the supplier's risk by itself: only
a person's confirmation does (fldd.usecases.screening)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from fldd.store.errors import NotFound, StoreError
from fldd.ui.layout import SPACING
from fldd.ui.prompter import Prompter
from fldd.ui.register.correction_list import WrappedText
from fldd.ui.register.correction_list import _text as _label  # the same plain, wrapped, selectable label
from fldd.ui.runner.sample_reason_dialog import SampleReasonDialog
from fldd.usecases.errors import Rejected
from fldd.usecases.screening import DECIDERS, PENDING_MEANS, decide_match, reopen_match, screening_matches

QUIET_COLOUR = "#555555"
# background and border by status: pending asks (amber), confirmed is a listed company (red), dismissed is quiet
STATUS_STYLE = {"pending": ("#fffbea", "#e3c766"), "confirmed": ("#fdecea", "#c9302c"),
                "dismissed": ("#f4f5f6", "#d0d4d9"), "delisted": ("#f4f5f6", "#a0a6ad")}
DECISION_WORDS = {"confirmed": "Confirmed", "dismissed": "Dismissed", "pending": "Reopened"}
# decision -> (dialog title, what the buyer is asked, button)
ASK = {"confirm": ("Confirm the match", "Confirm that {supplier} is {entity} on {list}? The supplier's inherent "
                   "risk and next step will count the listing.", "&Confirm with this reason"),
       "dismiss": ("Dismiss the match", "Dismiss the match: {supplier} is not {entity} on {list}?",
                   "&Dismiss with this reason"),
       "reopen": ("Reopen the decision", "Put the match of {supplier} with {entity} back to be decided? A confirmed "
                  "match stops counting in its risk until it is decided again.", "&Reopen with this reason")}


def heading_text(pending: int, shown: int, delisted: int = 0) -> str:
    """'Possible entity-list matches (1 to decide, 1 delisted)'."""
    said = [f"{pending} to decide"] * bool(pending) + [f"{delisted} delisted"] * bool(delisted)
    return f"Possible entity-list match{'es' if shown != 1 else ''}" + (f" ({', '.join(said)})" if said else "")


def decision_text(match: dict) -> str:
    """'Waiting for a decision' or 'Confirmed by amina on 2026-11-23: same address'."""
    if match["status"] == "pending" and not match["decided_at"]:
        return f"Waiting for a decision. {PENDING_MEANS}"
    words = DECISION_WORDS.get(match["status"], match["status"])
    said = f"{words} by {match['decided_by']} on {match['decided_at'][:10]}: {match['reason']}"
    if match.get("delisted"):
        said += (f"{'' if said.endswith('.') else '.'} No longer listed since {match['closed_at'][:10]}: "
                 f"{match['closed_why']}; it no longer counts in the inherent risk or the next step as a current "
                 "listing.")
    return said


class MatchCard(QFrame):
    """One possible match: the entry, what matched what and how, the decision or the buttons to take it."""

    def __init__(self, match: dict, may_decide: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match = match
        delisted = bool(match.get("delisted"))
        background, border = STATUS_STYLE["delisted" if delisted else match["status"]] \
            if (delisted or match["status"] in STATUS_STYLE) else STATUS_STYLE["pending"]
        self.setObjectName("screeningMatch")
        self.setStyleSheet(f"QFrame#screeningMatch {{ background: {background}; border: 1px solid {border}; "
                           "border-radius: 6px; } QFrame#screeningMatch QLabel, QFrame#screeningMatch QTextEdit "
                           "{ background: transparent; border: none; }")
        edition = (f", {'last listed in edition' if delisted else 'edition'} {match['edition']}"
                   if match["edition"] else "")
        self.entity = WrappedText(match["entity"], bold=True)
        self.source = WrappedText(f"{match['list_name']}{edition}", colour=QUIET_COLOUR)
        aliases = "; ".join(match["entity_aliases"])
        self.aliases = WrappedText(f"Listed aliases: {aliases}", colour=QUIET_COLOUR)
        self.aliases.setVisible(bool(aliases))
        self.matched = WrappedText(f"“{match['matched_on']}” resembles “{match['matched_to']}”: {match['how']} "
                                   f"(strength {match['strength']} of 100)")
        self.decision = WrappedText(decision_text(match))
        self.confirm_button = QPushButton("Confirm…")
        self.dismiss_button = QPushButton("Dismiss…")
        self.reopen_button = QPushButton("Reopen…")
        entity = match["entity"]
        self.confirm_button.setToolTip(f"This supplier is {entity}: ask for the reason, then count the listing")
        self.dismiss_button.setToolTip(f"This supplier is not {entity}: ask for the reason")
        self.reopen_button.setToolTip("Put the match back to be decided, with a reason")
        for button, verb in ((self.confirm_button, "Confirm"), (self.dismiss_button, "Dismiss"),
                             (self.reopen_button, "Reopen")):
            button.setAccessibleName(f"{verb} the match with {entity}")
            if not may_decide:
                button.setEnabled(False)
                button.setToolTip("Only a buyer decides whether a supplier is a listed entity")
        pending = match["status"] == "pending"
        self.confirm_button.setVisible(pending)
        self.dismiss_button.setVisible(pending)
        self.reopen_button.setVisible(not pending and not delisted)  # a listing gone is not decided again

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.confirm_button, self.dismiss_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        column.setSpacing(4)
        for widget in (self.entity, self.source, self.aliases, self.matched, self.decision):
            column.addWidget(widget)
        column.addLayout(buttons)


class ScreeningBox(QWidget):
    """A heading and one card per match in force (pending first); hidden while the supplier has none."""

    decided = Signal(int)  # supplier id, after a decision was recorded

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()
        self.supplier_id: int | None = None
        self.matches: list[dict] = []
        self.cards: list[MatchCard] = []
        self.dialog: SampleReasonDialog | None = None
        self.heading = _label("", bold=True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.blurb = _label("Names alike on an entity list in force. A match is a question, not a verdict: the "
                            "supplier's inherent risk counts the listing only once a buyer confirms it.",
                            colour=QUIET_COLOUR)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, SPACING)
        self.column.setSpacing(SPACING)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.blurb)
        self.hide()

    def show_supplier(self, supplier_id: int | None) -> None:
        """Show this supplier's matches in force, read fresh (None or none: hide)."""
        self.supplier_id = supplier_id
        try:
            rows = screening_matches(self.ctx, supplier_id=supplier_id) if supplier_id is not None else []
        except StoreError:
            rows = []
        self.matches = [m for m in rows if m["delisted"] or (m["status"] != "closed" and not m["closed_at"])]
        for card in self.cards:
            self.column.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        may_decide = self.ctx.role in DECIDERS
        for match in self.matches:
            card = MatchCard(match, may_decide, self)
            card.confirm_button.clicked.connect(lambda _=False, m=match: self.ask(m, "confirm"))
            card.dismiss_button.clicked.connect(lambda _=False, m=match: self.ask(m, "dismiss"))
            card.reopen_button.clicked.connect(lambda _=False, m=match: self.ask(m, "reopen"))
            self.column.addWidget(card)
            self.cards.append(card)
        pending = sum(1 for m in self.matches if m["status"] == "pending")
        self.heading.setText(heading_text(pending, len(self.matches), sum(1 for m in self.matches if m["delisted"])))
        self.setVisible(bool(self.matches))

    def card_of(self, match_id: int) -> MatchCard | None:
        """The card showing a match."""
        return next((card for card in self.cards if card.match["id"] == match_id), None)

    def ask(self, match: dict, decision: str) -> SampleReasonDialog:
        """Open the reason dialog for a decision; the decision is recorded when it is accepted."""
        title, question, button = ASK[decision]
        text = question.format(supplier=match["supplier"], entity=match["entity"], list=match["list_name"])
        self.dialog = SampleReasonDialog(self, title, text, label="&Why (kept with your name and the date)",
                                         placeholder="For example: same registered address and licence number as "
                                                     "the listing; or: another company, licence 9144… differs.",
                                         button=button)
        self.dialog.setObjectName("screeningReasonDialog")
        self.dialog.accepted.connect(lambda: self._decide(match, decision, self.dialog.text()))
        self.dialog.open()
        self.dialog.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        return self.dialog

    def _decide(self, match: dict, decision: str, reason: str) -> None:
        try:
            if decision == "reopen":
                reopen_match(self.ctx, match["id"], reason=reason)
            else:
                decide_match(self.ctx, match["id"], confirmed=decision == "confirm", reason=reason)
        except Rejected as exc:
            self.prompter.error(self, "Match not decided", "\n".join(exc.messages))
        except (NotFound, StoreError) as exc:
            self.prompter.error(self, "Match not decided", str(exc))
        self.show_supplier(self.supplier_id)
        if self.supplier_id is not None:
            self.decided.emit(self.supplier_id)  # the page re-reads the register: the cards are made again
        self.focus_match(match["id"])

    def focus_match(self, match_id: int) -> None:
        """Keep the keyboard and the view on a match's card after deciding it (the panel scrolls to it)."""
        card = self.card_of(match_id)
        if card is None:
            return
        button = next((b for b in (card.confirm_button, card.reopen_button) if not b.isHidden()), None)
        if button is not None:
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(card)
