"""Answer values: from what a person or a file gives to typed values the engine reads, and back to JSON."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from fldd.standard.conditions import Money
from fldd.standard.model import Question, Questionnaire, pick

MAX_TEXT = 10_000
_MONEY_TEXT = re.compile(r"^\s*([0-9][0-9 ,]*(?:\.[0-9]+)?)\s*([A-Za-z]{3})\s*$")
_CURRENCY_FIRST = re.compile(r"^\s*([A-Za-z]{3})\s*([0-9][0-9 ,]*(?:\.[0-9]+)?)\s*$")

Value = Any  # None | str | tuple[str, ...] | Decimal | Money | datetime.date


class AnswerError(ValueError):
    """An answer that does not fit its question; the message says what would."""

    def __init__(self, question: str, message: str) -> None:
        super().__init__(f"{question}: {message}")
        self.question = question
        self.message = message


def as_given(text: str) -> str:
    """Text kept as a person gave it, less the whitespace at its end (which forms and spreadsheets add unseen):
    leading whitespace stays, so that trimming never turns "\t=1+1" into a text that starts like a formula."""
    return text.rstrip()


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def unwritable_character(text: str) -> str | None:
    """The first character that no workbook, report or XML file can carry (a control character pasted in), or
    None: text holding one is refused where it is typed, so it can never stop an export later."""
    found = _UNWRITABLE.search(text)
    return found.group() if found else None


def unwritable_message(what: str, character: str) -> str:
    """Why such text is refused, in one phrase."""
    return (f"the {what} holds a control character (U+{ord(character):04X}) that no workbook or report can carry: "
            "remove it")


def is_blank(value: Value) -> bool:
    """Unanswered: nothing, empty text or an empty selection."""
    return value is None or value == "" or value == ()


def coerce(question: Question, raw: object, lang: str = "en", *, stored: bool = False) -> Value:
    """The typed value of one answer, or AnswerError naming the question and what it accepts; options are named
    by their labels in `lang`, as the person answering saw them (never by their codes). stored: a value read back
    from the database, kept as it was saved even where a newer rule would refuse it when typed."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []:
        return None
    kind = question.type
    if question.specials and isinstance(raw, str) and raw.strip().lower() in {o.value for o in question.specials}:
        return raw.strip().lower()
    if kind in ("yesno", "single"):
        return _choice(question, raw, lang)
    if kind == "multi":
        return _multi(question, raw, lang)
    if kind in ("number", "count", "percent"):
        return _bounded(question, _number(question, raw))
    if kind == "money":
        return _money(question, raw)
    if kind == "date":
        return _date(question, raw)
    text = as_given(str(raw))
    if len(text) > MAX_TEXT:
        raise AnswerError(question.id, f"text is longer than {MAX_TEXT} characters")
    bad = None if stored else unwritable_character(text)
    if bad:
        raise AnswerError(question.id, unwritable_message("text", bad))
    return text


def option_words(question: Question, value: str, lang: str) -> str:
    """An option as messages name it: its label in quotes (the value itself when it is no option)."""
    option = question.option(value)
    return f"'{pick(option.label, lang) if option else value}'"


def _choice(question: Question, raw: object, lang: str) -> str:
    if isinstance(raw, bool) and question.type == "yesno":
        return "yes" if raw else "no"
    value = str(raw).strip()
    values = [o.value for o in question.options]
    for candidate in (value, value.lower()):
        if candidate in values:
            return candidate
    expected = ", ".join(option_words(question, v, lang) for v in values)
    raise AnswerError(question.id, f"'{value}' is not an answer option; expected one of: {expected}")


def _multi(question: Question, raw: object, lang: str) -> tuple[str, ...]:
    items = raw if isinstance(raw, (list, tuple)) else [p for p in re.split(r"[;\n]", str(raw))]
    chosen = {_choice(question, item, lang) for item in items if str(item).strip()}
    exclusive = [o.value for o in question.options if o.exclusive and o.value in chosen]
    if exclusive and len(chosen) > 1:
        raise AnswerError(question.id, f"{option_words(question, exclusive[0], lang)} cannot be combined with "
                                       "other answers")
    return tuple(o.value for o in question.options if o.value in chosen)


def _number(question: Question, raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise AnswerError(question.id, "expected a number, got true/false")
    text = str(raw).strip().replace(",", "")
    if question.type == "percent" and text.endswith("%"):
        text = text[:-1].strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AnswerError(question.id, f"'{raw}' is not a number") from None
    if not value.is_finite():
        raise AnswerError(question.id, f"'{raw}' is not a number")
    if question.type == "count" and (value != value.to_integral_value() or value < 0):
        raise AnswerError(question.id, f"{raw} is not a whole number of 0 or more")
    return Decimal(int(value)) if value == value.to_integral_value() else value


def _bounded(question: Question, value: Decimal) -> Decimal:
    low = question.minimum if question.minimum is not None else (Decimal(0) if question.type == "percent" else None)
    high = question.maximum if question.maximum is not None else (Decimal(100) if question.type == "percent" else None)
    if low is not None and value < low:
        raise AnswerError(question.id, f"{value} is below the minimum of {low}")
    if high is not None and value > high:
        raise AnswerError(question.id, f"{value} is above the maximum of {high}")
    return value


def _money(question: Question, raw: object) -> Money:
    if isinstance(raw, Money):
        return raw
    if isinstance(raw, dict):
        amount, currency = raw.get("amount"), raw.get("currency")
    else:
        match = _MONEY_TEXT.match(str(raw)) or _CURRENCY_FIRST.match(str(raw))
        if not match:
            raise AnswerError(question.id, f"'{raw}' is not an amount with its currency, like '1200 MYR'")
        amount, currency = match.groups() if match.re is _MONEY_TEXT else match.groups()[::-1]
        amount = str(amount).replace(",", "").replace(" ", "")
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Za-z]{3}", currency):
        raise AnswerError(question.id, f"currency '{currency}' is not a 3-letter ISO code such as USD or MYR")
    number = _bounded(question, _number(_as_number(question), amount))
    if number < 0:
        raise AnswerError(question.id, "an amount cannot be negative")
    return Money(number, currency.upper())


def _as_number(question: Question) -> Question:
    """The same question seen as a plain number (for parsing a money amount)."""
    from dataclasses import replace

    return replace(question, type="number")


def _date(question: Question, raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip()[:10])
    except ValueError:
        raise AnswerError(question.id, f"'{raw}' is not a date in the form YYYY-MM-DD") from None


def coerce_all(q: Questionnaire, raw: dict[str, object], lang: str = "en") -> tuple[dict[str, Value], list[AnswerError]]:
    """Typed values for a whole answer set, with every problem (unknown ids included), not just the first;
    options named in `lang`."""
    values: dict[str, Value] = {}
    errors: list[AnswerError] = []
    for qid, item in raw.items():
        question = q.question(qid)
        if question is None:
            errors.append(AnswerError(qid, f"no such question in {q.ref}"))
            continue
        try:
            value = coerce(question, item, lang)
        except AnswerError as exc:
            errors.append(exc)
            continue
        if value is not None:
            values[qid] = value
    return values, errors


def to_json(value: Value) -> object:
    """A JSON-ready form of a typed value (numbers stay numbers, money becomes amount and currency)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Money):
        return {"amount": to_json(value.amount), "currency": value.currency}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
