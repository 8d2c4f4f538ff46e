"""A show_if condition as a sentence a supplier can follow in a spreadsheet, which cannot hide rows:
"Answer only if the answer to question 1.2 is more than 0". Conditions too intricate for plain words
fall back to their own text."""

from __future__ import annotations

from decimal import Decimal

from fldd.exchange.wording import text
from fldd.standard.conditions import And, Compare, Expr, ListExpr, Name, Null, Num, Or, Str
from fldd.standard.model import Condition, Questionnaire, pick


class _Unsaid(Exception):
    """The condition has a part plain words do not cover."""


def condition_words(cond: Condition | None, q: Questionnaire, numbers: dict[str, str], lang: str) -> str:
    """The condition as "Answer only if ...", or "" when there is none."""
    if cond is None:
        return ""
    try:
        sentence = _words(cond.expr, q, numbers, lang)
    except _Unsaid:
        sentence = cond.text
    return text(lang, "when.prefix", condition=sentence)


def _words(node: Expr, q: Questionnaire, numbers: dict[str, str], lang: str) -> str:
    if isinstance(node, (And, Or)):
        joiner = text(lang, "when.and" if isinstance(node, And) else "when.or")
        parts = [_words(op, q, numbers, lang) for op in node.operands]
        if any(isinstance(op, (And, Or)) for op in node.operands):
            parts = [f"({p})" if isinstance(op, (And, Or)) else p for p, op in zip(parts, node.operands)]
        return joiner.join(parts)
    if isinstance(node, Compare):
        return _compare(node, q, numbers, lang)
    raise _Unsaid


def _compare(node: Compare, q: Questionnaire, numbers: dict[str, str], lang: str) -> str:
    left, right, op = node.left, node.right, node.op
    if op in ("in", "not in") and isinstance(left, Str) and isinstance(right, Name):
        question = q.question(right.name)
        if question is None:
            raise _Unsaid
        key = "when.ticked" if op == "in" else "when.not_ticked"
        return text(lang, key, v=_quoted(question, left.value, lang), q=_ref(right.name, numbers, lang))
    if not isinstance(left, Name):
        raise _Unsaid
    question = q.question(left.name)
    if question is None:
        raise _Unsaid
    ref = _ref(left.name, numbers, lang)
    if isinstance(right, Null) and op in ("=", "!="):
        return text(lang, "when.blank" if op == "=" else "when.answered", q=ref)
    if isinstance(right, Num):
        value = _number(right.value)
    elif isinstance(right, Str):
        value = _quoted(question, right.value, lang)
    elif isinstance(right, ListExpr) and op in ("in", "not in") and all(isinstance(i, Str) for i in right.items):
        value = text(lang, "when.list_or").join(_quoted(question, i.value, lang) for i in right.items)
    else:
        raise _Unsaid
    return text(lang, f"when.cmp.{op}", q=ref, v=value)


def _ref(qid: str, numbers: dict[str, str], lang: str) -> str:
    if qid not in numbers:
        raise _Unsaid
    return text(lang, "when.question", n=numbers[qid])


def _quoted(question, value: str, lang: str) -> str:
    option = question.option(value)
    if option is None:
        raise _Unsaid
    return f"“{pick(option.label, lang)}”"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
