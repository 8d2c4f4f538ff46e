"""One answer from its cells: option labels in any language back to option values, ticks, amounts and
currencies, numbers, dates and text as a spreadsheet gives them (python-calamine: str, float, bool, date)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fldd.exchange.layout import COL_ANSWER, Row
from fldd.standard.answers import AnswerError, coerce
from fldd.standard.model import Question, Questionnaire, pick

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
TICKED = {"x", "✓", "✔", "☑", "☒", "1", "true", "yes", "y"}
UNTICKED = {"", "0", "false", "no", "n", "-"}


def norm(value: str) -> str:
    """Text compared loosely: typographic quotes made plain, whitespace collapsed, case folded."""
    return " ".join(value.translate(_QUOTES).split()).casefold()


class Labels:
    """Option labels of one questionnaire in every language it has, mapped back to option values."""

    def __init__(self, q: Questionnaire, lang: str) -> None:
        self.choices: dict[str, dict[str, str]] = {}  # question id -> normalised label or value -> option value
        self.exact: dict[str, dict[str, str]] = {}  # question id -> label as fldd wrote it -> option value
        self.specials: dict[str, dict[str, str]] = {}
        self.ticked, self.unticked = set(TICKED), set(UNTICKED)  # tick cells: "x", also Yes / No in any language
        order = [code for code in q.languages if code != lang] + [lang]  # the workbook's language wins
        for question in q.questions:
            choices: dict[str, str] = {}
            for option in question.options:
                choices[norm(option.value)] = option.value
            for code in order:
                for option in question.options:
                    if code in option.label:
                        choices[norm(option.label[code])] = option.value
            if question.type == "yesno":
                for option in question.options:
                    words = self.ticked if option.value == "yes" else self.unticked if option.value == "no" else set()
                    words.update(norm(label) for label in option.label.values())
                for word, value in (("y", "yes"), ("n", "no"), ("true", "yes"), ("false", "no")):
                    choices.setdefault(word, value)
            self.choices[question.id] = choices
            self.exact[question.id] = {pick(o.label, lang): o.value for o in question.options}
            specials: dict[str, str] = {}
            for code in order:
                for option in question.specials:
                    specials[norm(option.value)] = option.value
                    if code in option.label:
                        specials[norm(option.label[code])] = option.value
            self.specials[question.id] = specials

    @classmethod
    def of(cls, q: Questionnaire, lang: str) -> Labels:
        """The labels of `q` (built once per questionnaire and language)."""
        key = (q.ref, q.content_hash, lang)
        if key not in _LABELS:
            _LABELS[key] = cls(q, lang)
        return _LABELS[key]


_LABELS: dict[tuple[str, str, str], Labels] = {}


def in_percent(question: Question) -> bool:
    """A percentage question, or a number counted in %."""
    return question.type == "percent" or (question.type == "number" and "%" in question.unit.values())


class Bad(Exception):
    """An answer cell that does not hold a valid answer: the message, and the cell to fix."""

    def __init__(self, message: str, cell: str) -> None:
        super().__init__(message)
        self.message, self.cell = message, cell


def answer_value(question: Question, r: Row, raw: Any, subrows: tuple[Row, ...], grid: list[list[Any]], labels: Labels,
           lang: str) -> Any:
    """The typed answer of one question from its answer cell's value (and its option or currency rows)."""
    cell = r.answer_cell
    kind = question.type
    if kind == "multi":
        if as_text(raw).strip():
            raise Bad(f"'{short(as_text(raw), 40)}': for this question, type x beside each option that applies, "
                       f"in the rows below ({subrows[0].answer_cell if subrows else ''} on), not in this cell", cell)
        return _multi(question, subrows, grid, labels, lang)
    if kind in ("yesno", "single") and isinstance(raw, str):
        found = labels.exact[question.id].get(raw)  # picked from the dropdown: the common case, no normalising
        if found is not None:
            return found
    elif isinstance(raw, float) and kind in ("number", "count", "percent"):
        try:
            return coerce(question, repr(raw))
        except AnswerError as exc:
            raise Bad(exc.message, cell) from None
    special = labels.specials[question.id].get(norm(raw)) if isinstance(raw, str) and raw.strip() else None
    if question.type == "money":
        currency_row = subrows[0] if subrows else None
        currency = as_text(cell_value(grid, currency_row.row, COL_ANSWER)).strip() if currency_row else ""
        if special is not None:
            return special
        return _money(question, raw, currency, cell, currency_row.answer_cell if currency_row else cell)
    if special is not None:
        return special
    try:
        if question.type in ("yesno", "single"):
            return _choice(question, raw, labels, lang, cell)
        if question.type in ("number", "count", "percent"):
            return coerce(question, _number_text(question, raw, cell))
        if question.type == "date":
            return coerce(question, _date(raw, cell))
        return coerce(question, as_text(raw))
    except AnswerError as exc:
        raise Bad(exc.message, cell) from None


def _choice(question: Question, raw: Any, labels: Labels, lang: str, cell: str) -> str | None:
    if raw == "" or raw is None:
        return None
    if isinstance(raw, bool) and question.type == "yesno":
        return "yes" if raw else "no"
    found = labels.exact[question.id].get(raw) if isinstance(raw, str) else None  # picked from the list
    if found is None:
        found = labels.choices[question.id].get(norm(as_text(raw)))
    if found is None:
        expected = ", ".join(f"'{pick(o.label, lang)}'" for o in question.options + question.specials)
        raise Bad(f"'{short(as_text(raw), 60)}' is not one of the answers: {expected}", cell)
    return found


def _multi(question: Question, subrows: tuple[Row, ...], grid: list[list[Any]], labels: Labels, lang: str):
    chosen = []
    for r in subrows:
        raw = cell_value(grid, r.row, COL_ANSWER)
        if raw == "" or raw == "x":  # the common cases first, without normalising
            if raw == "x":
                chosen.append(r.option.value)
            continue
        word = norm(as_text(raw))
        if word in labels.ticked or (r.option is not None and word == norm(pick(r.option.label, lang))):
            chosen.append(r.option.value)
        elif word not in labels.unticked:
            raise Bad(f"'{short(as_text(raw), 40)}' is not a tick: type x if "
                       f"'{short(r.text, 60)}' applies, else leave the cell empty", r.answer_cell)
    try:
        return coerce(question, chosen, lang) if chosen else None
    except AnswerError as exc:
        raise Bad(exc.message, subrows[0].answer_cell if subrows else "") from None


def _money(question: Question, raw: Any, currency: str, cell: str, currency_cell: str) -> Any:
    if raw == "" or raw is None:
        if currency:
            raise Bad(f"a currency ({currency}) without an amount: type the amount in {cell}, or clear the "
                       "currency", currency_cell)
        return None
    try:
        if isinstance(raw, str) and not currency:
            return coerce(question, raw)  # "1200 MYR" typed in one cell is fine too
        amount = _number_text(question, raw, cell)
        if not currency:
            raise Bad(f"the amount has no currency: type its 3-letter code (such as USD) in {currency_cell}",
                       currency_cell)
        return coerce(question, {"amount": amount, "currency": currency})
    except AnswerError as exc:
        raise Bad(exc.message, currency_cell if "currency" in exc.message else cell) from None


def _number_text(question: Question, raw: Any, cell: str) -> str:
    if isinstance(raw, bool):
        raise Bad(f"expected a number, got {'TRUE' if raw else 'FALSE'}", cell)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise Bad(f"expected a number, got a date or time ({raw})", cell)
    if isinstance(raw, float):
        return repr(raw)
    return str(raw)


def _date(raw: Any, cell: str) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if raw != int(raw) or not 1 <= raw <= 2958465:
            raise Bad(f"{raw} is not a date: type a date such as 2026-03-31", cell)
        return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
    return as_text(raw)


def as_text(value: Any) -> str:
    """A cell value as text: whole floats without '.0', dates as ISO, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) and value.time() == dt.time() \
            else value.isoformat()
    return str(value)


def short(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def answer_words(question: Question | None, value: Any, lang: str) -> str:
    """An answer in words for reports: option labels, amounts with currency, dates as ISO."""
    from fldd.standard.answers import to_json
    from fldd.standard.conditions import Money

    if value is None or value == "" or value == ():
        return ""
    if question is not None and isinstance(value, str) and question.option(value):
        return pick(question.option(value).label, lang)
    if isinstance(value, (tuple, list)):
        return "; ".join(answer_words(question, v, lang) for v in value)
    if isinstance(value, Money):
        return f"{to_json(value.amount)} {value.currency}"
    if isinstance(value, dict) and "amount" in value:
        return f"{value['amount']} {value.get('currency', '')}".strip()
    if isinstance(value, Decimal):
        return str(to_json(value))
    return str(value)


def cell_value(grid: list[list[Any]], row: int, col: int) -> Any:
    """A cell's value in a sheet read from A1 ("" outside what was read)."""
    if row - 1 < len(grid):
        values = grid[row - 1]
        if col < len(values):
            return values[col]
    return ""
