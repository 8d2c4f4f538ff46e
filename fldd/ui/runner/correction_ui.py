"""Reviewers' corrections in the runner: the dialog that asks for the reason (its OK stays disabled until one is
typed), the note a corrected question card shows, and the flow between the card and the assessment session.

Once an assessment is submitted its answers are the supplier's declaration: a change made in the runner is a
correction, recorded beside the declaration with the reviewer's reason, never written over it.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from fldd.standard.answers import AnswerError, coerce
from fldd.standard.model import Question, pick
from fldd.store.answer_corrections import reason_problem
from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.runner.value_editors import TextEditor
from fldd.ui.runner.wording import answer_text, short
from fldd.usecases.errors import Rejected

NOTE_STYLE = ("QFrame#correctionNote { background: #fff6e0; border: 1px solid #e0c27a; border-radius: 4px; }"
              "QFrame#correctionNote[reconfirm=\"true\"] { background: #fde7e0; border-color: #d9896c; }")


def correction_words(question: Question, correction: dict, declared_now: Any, lang: str, draft: bool = False) -> str:
    """A standing correction as a card says it: who, when, what it was, why; whether it is to re-confirm; and,
    in a draft, that it waits for the re-submission."""
    was = answer_text(question, _typed(question, correction["old_value"]), lang)
    declared = answer_text(question, _typed(question, correction["declared_value"]), lang)
    text = (f"<b>Corrected by {_h(correction['corrected_by'] or 'someone')} on "
            f"{correction['corrected_at'][:10]}</b>: was '{_h(was)}'")
    if correction["old_value"] != correction["declared_value"]:
        text += f" (the supplier declared '{_h(declared)}')"
    text += f". Reason: {_h(correction['reason'])}"
    if correction["status"] == "to_reconfirm":
        now = answer_text(question, declared_now, lang)
        text += f"<br><b>To re-confirm:</b> the supplier now declares '{_h(now)}'."
        if not draft:
            text += " The correction counts until a reviewer re-confirms it or takes the new declaration."
    if draft:
        corrected = answer_text(question, _typed(question, correction["new_value"]), lang)
        text += (f"<br><i>In this draft the supplier's answer counts; the correction to '{_h(corrected)}' counts "
                 "again when the assessment is submitted (to re-confirm if the answer changed).</i>")
    return text


def _h(text: str) -> str:
    """Text for a rich-text label: markup characters escaped, quotes kept as typed."""
    return html.escape(text, quote=False)


def _typed(question: Question, value: Any) -> Any:
    try:
        return None if value is None else coerce(question, value)
    except AnswerError:
        return value


class ReasonDialog(QDialog):
    """Asks why a submitted answer is corrected; Record stays disabled until a reason is typed."""

    def __init__(self, number: str, question: Question, declared: str, new: str, lang: str, in_force: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct a submitted answer")
        self.setObjectName("reasonDialog")
        lines = [f"<b>{_h(number)} {_h(short(pick(question.text, lang), 90))}</b><br>",
                 f"The supplier declared: <b>{_h(declared)}</b>"]
        if in_force:
            lines.append(f"A reviewer's correction now in force: <b>{_h(in_force)}</b>")
        lines += [f"Your correction: <b>{_h(new)}</b><br>", "The declaration is kept as it is; your correction, "
                  "with your name, the date and this reason, is recorded beside it and scored."]
        self.intro = intro = QLabel("<br>".join(lines))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Why the declared answer is corrected (the evidence you saw)")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        label = QLabel("&Reason (required):")
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Record correction")
        self.ok.setEnabled(False)

        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        for widget in (intro, label, self.reason, self.buttons):
            layout.addWidget(widget)
        self.setLayout(layout)
        self.setMinimumWidth(460)

        self.reason.textChanged.connect(lambda: self.ok.setEnabled(reason_problem(self.text()) is None))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def text(self) -> str:
        """The reason as typed, trimmed."""
        return self.reason.toPlainText().strip()


class CorrectionNote(QFrame):
    """The note on a corrected card, with Re-confirm when the supplier declared anew after the correction."""

    reconfirm = Signal()
    take_declaration = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionNote")
        self.setStyleSheet(NOTE_STYLE)
        self.text = QLabel()
        self.text.setObjectName("correctionText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton("Re-confirm…")
        self.button.setToolTip("Keep the corrected value against the supplier's new declaration (asks for a reason)")
        self.button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.take = QPushButton("Take declaration…")
        self.take.setToolTip("Withdraw the correction: the supplier's new declaration counts (asks for a reason)")
        self.take.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        buttons = QVBoxLayout()
        buttons.setSpacing(SPACING // 2)
        buttons.addWidget(self.button)
        buttons.addWidget(self.take)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        row.addWidget(self.text, 1)
        row.addLayout(buttons)
        self.setLayout(row)
        self.button.clicked.connect(self.reconfirm)
        self.take.clicked.connect(self.take_declaration)

    def show_correction(self, text: str, to_reconfirm: bool, can_act: bool) -> None:
        """Show a correction's words; Re-confirm only while it is to re-confirm and may still change."""
        self.text.setText(text)
        self.setProperty("reconfirm", to_reconfirm)
        self.style().unpolish(self)
        self.style().polish(self)
        self.button.setVisible(to_reconfirm and can_act)
        self.take.setVisible(to_reconfirm and can_act)


class Corrector:
    """Between the runner's cards and the session: a change to a submitted answer asks for a reason first."""

    def __init__(self, page) -> None:
        self.page = page
        self.dialog: ReasonDialog | None = None
        self.notes: dict[str, CorrectionNote] = {}

    def ask(self, card, raw: Any) -> None:
        """Open the reason dialog for this change; Record saves the correction, Cancel puts the value back."""
        session = self.page.session
        qid = card.question.id
        if self.dialog is not None:  # a commit while the dialog is open (focus left the field): one at a time
            return
        if isinstance(card.editor, TextEditor) and card.editor.text.hasFocus():
            card.editor.unfinish()  # a pause in typing: ask when the reviewer leaves the field, not mid-word
            return
        lang = session.record.language
        value = coerce(card.question, raw)
        in_force = answer_text(card.question, session.values.get(qid), lang) if qid in session.corrections else ""
        self.dialog = ReasonDialog(self.page.number.get(qid, ""), card.question,
                                   answer_text(card.question, session.as_declared.get(qid), lang),
                                   answer_text(card.question, value, lang), lang, in_force, self.page)
        self.dialog.finished.connect(lambda result: self._closed(card, raw, result))
        self.dialog.open()

    def _closed(self, card, raw: Any, result: int) -> None:
        """Record the correction if it was asked for; either way the card shows the value in force."""
        dialog, self.dialog = self.dialog, None
        dialog.deleteLater()
        qid = card.question.id
        if result == QDialog.DialogCode.Accepted:
            try:
                self.page.session.correct(qid, raw, dialog.text())
            except (AnswerError, Rejected, StoreError) as exc:
                card.set_error(str(exc))
            else:
                card.set_error(None)
                self.page.answered(qid)
        card.editor.set_value(self.page.session.values.get(qid))
        self.show_on(card)

    def reconfirm(self, card) -> None:
        """Keep the corrected value against the supplier's new declaration, with a reason."""
        self.ask(card, self.page.session.values.get(card.question.id))

    def take_declaration(self, card) -> None:
        """Withdraw the correction in favour of the supplier's new declaration, with a reason."""
        self.ask(card, self.page.session.as_declared.get(card.question.id))

    def show_on(self, card) -> None:
        """The card's correction note: shown while a correction stands, hidden otherwise."""
        session = self.page.session
        qid = card.question.id
        correction = session.corrections.get(qid)
        note = self.notes.get(qid)
        if correction is None:
            if note is not None:
                note.hide()
            return
        if note is None:
            note = self.notes[qid] = CorrectionNote()
            card.body.insertWidget(card.body.indexOf(card.editor) + 1, note)
            note.reconfirm.connect(lambda card=card: self.reconfirm(card))
            note.take_declaration.connect(lambda card=card: self.take_declaration(card))
        text = correction_words(card.question, correction, session.as_declared.get(qid), session.record.language,
                                session.record.status == "draft")
        note.show_correction(text, correction["status"] == "to_reconfirm", session.corrects)
        note.show()
