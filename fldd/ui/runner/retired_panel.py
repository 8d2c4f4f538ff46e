"""The runner's read-only page of answers kept from an earlier questionnaire version to questions the
assessment's version no longer asks: shown as they were given, with the wording they answered, never scored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from fldd.standard.answers import AnswerError, coerce
from fldd.standard.model import pick
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.runner.wording import answer_text

RETIRED = "__retired__"
NOTE_STYLE = "background: #eef1f5; color: #1a1a1a; border: 1px solid #d5dae0; border-radius: 4px; padding: 6px;"


def _versions(answers: list) -> str:
    return ", ".join(sorted({a.version for a in answers if a.version})) or "an earlier version"


def retired_title(answers: list) -> str:
    """The page's heading: which version's answers these are."""
    return f"Answers from version {_versions(answers)} no longer asked"


def retired_entry(answers: list) -> tuple[str, str]:
    """The module list's entry (short enough for its width) and the line under it."""
    return f"No longer asked ({_versions(answers)})", f"{len(answers)} kept, read-only"


class RetiredPanel(QScrollArea):
    """One read-only block per kept answer: the old question, the answer in words, its comment."""

    def __init__(self, answers: list, lang: str, current_version: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retiredAnswers")
        self.answers = answers
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        heading = QLabel(retired_title(answers))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        note = QLabel(f"Version {current_version} no longer asks these questions. The answers are kept as they were "
                      "given, for the record: they are read-only and do not count in the score, the rating or the "
                      "findings.")
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        layout.addWidget(heading)
        layout.addWidget(note)
        self.blocks: dict[str, QLabel] = {}
        for item in answers:
            block = QLabel(self._text(item, lang))
            block.setObjectName("retiredAnswer")
            block.setWordWrap(True)
            block.setTextFormat(Qt.TextFormat.PlainText)
            block.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            block.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            block.setStyleSheet("QLabel#retiredAnswer { background: palette(base); border: 1px solid #d5dae0; "
                                "border-radius: 6px; padding: 8px; }")
            layout.addWidget(block)
            self.blocks[item.question_id] = block
        layout.addStretch(1)
        body.setLayout(layout)
        self.setWidget(body)

    @staticmethod
    def _text(item, lang: str) -> str:
        question = item.question
        wording = pick(question.text, lang) if question else item.question_id
        try:
            value = coerce(question, item.value, stored=True) if question else item.value
            answer = answer_text(question, value, lang)
        except AnswerError:
            answer = str(item.value)
        lines = [f"{wording}  [{item.question_id}, version {item.version or '?'}]", f"Answer: {answer}"]
        if item.comment:
            lines.append(f"Comment: {item.comment}")
        if item.answered_by or item.answered_at:
            lines.append(f"Given by {item.answered_by or '-'} on {item.answered_at[:10]}")
        return "\n".join(lines)
