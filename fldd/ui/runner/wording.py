"""How questions and answers read on screen: stable numbers, short texts, answers in words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fldd.standard.answers import to_json
from fldd.standard.conditions import Money
from fldd.standard.model import Question, Questionnaire, pick


def numbering(q: Questionnaire) -> dict[str, str]:
    """Question id -> "module.position" ("3.4"), counting hidden questions too so numbers never move."""
    return {question.id: f"{m_index}.{q_index}"
            for m_index, module in enumerate(q.modules, start=1)
            for q_index, question in enumerate(module.questions, start=1)}


def short(text: str, limit: int = 80) -> str:
    """The text cut at a word boundary with an ellipsis, for lists and tooltips."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def number_text(value: Decimal | int | float) -> str:
    """A number as a person writes it: 66, 1,500, 12.5."""
    plain = to_json(Decimal(str(value)))
    return f"{plain:,}" if isinstance(plain, int) else f"{plain:,.10g}"


def answer_text(question: Question | None, value: Any, lang: str) -> str:
    """An answer in words, with the question's option labels and unit ("Yes", "66 hours", "1,500 MYR")."""
    if value is None or value == "" or value == ():
        return "not answered"
    if question is not None and isinstance(value, str) and question.option(value):
        return pick(question.option(value).label, lang)
    if isinstance(value, tuple):
        return ", ".join(answer_text(question, item, lang) for item in value)
    if isinstance(value, Money):
        return f"{number_text(value.amount)} {value.currency}"
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        unit = pick(question.unit, lang) if question is not None and question.unit else ""
        return f"{number_text(value)} {unit}".strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    return short(str(value), 60)


def escape_mnemonic(text: str) -> str:
    """Label text for buttons and check boxes: a literal '&' must not become a keyboard shortcut."""
    return text.replace("&", "&&")
