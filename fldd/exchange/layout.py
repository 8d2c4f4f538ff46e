"""Where everything sits in an fldd workbook: sheets, rows and cells for one questionnaire in one language.

The layout is a pure function of (questionnaire, language), so the writer lays the workbook out from it and
the checker knows, without trusting the file, which cell must hold which question: an edited, moved or
inserted row shows as a cell that differs from the layout.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal

from fldd.exchange.condition_words import condition_words
from fldd.exchange.wording import text
from fldd.standard.model import Module, Option, Question, Questionnaire, pick

PROTOCOL = "1"
META_SHEET = "_fldd"
LISTS_SHEET = "_lists"
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

# Module sheets: 0-based column indexes; the header is row 1, questions start in row 2.
COL_ID, COL_NO, COL_QUESTION, COL_ANSWER, COL_COMMENT, COL_HOW, COL_WHEN, COL_GUIDANCE = range(8)
MODULE_COLUMNS = ("col.id", "col.no", "col.question", "col.answer", "col.comment", "col.how", "col.when",
                  "col.guidance")
# Supplier sheet: key, field, what the buyer holds, the supplier's correction.
SUP_KEY, SUP_LABEL, SUP_ON_FILE, SUP_CORRECTION = range(4)
SUPPLIER_COLUMNS = ("col.id", "col.field", "col.on_file", "col.correction")
FIRST_ROW = 2

QUESTION, OPTION, CURRENCY = "question", "option", "currency"


@dataclass(frozen=True)
class Row:
    """One row of a module sheet: a question, one option of a multi-choice question, or a money currency."""

    row: int  # 1-based sheet row
    kind: str  # QUESTION | OPTION | CURRENCY
    question: Question
    option: Option | None
    key: str  # column A
    number: str  # column B
    text: str  # column C

    @property
    def answer_cell(self) -> str:
        """Where the answer (or tick, or currency) goes, e.g. D7."""
        return f"D{self.row}"


@dataclass(frozen=True)
class ModuleSheet:
    """One module on its own sheet: rows in order from FIRST_ROW, without gaps."""

    title: str
    module: Module
    rows: tuple[Row, ...]
    locked: tuple[tuple[str, str, str], ...] = ()  # columns A-C of each row, as written
    groups: tuple[tuple[Row, tuple[Row, ...]], ...] = ()  # each question row with its option / currency rows

    @staticmethod
    def of(title: str, module: Module, rows: list[Row]) -> ModuleSheet:
        """A sheet with its rows' locked cells and question groups worked out once."""
        groups: list[tuple[Row, list[Row]]] = []
        for r in rows:
            if r.kind == QUESTION:
                groups.append((r, []))
            else:
                groups[-1][1].append(r)
        return ModuleSheet(title, module, tuple(rows), tuple((r.key, r.number, r.text) for r in rows),
                           tuple((r, tuple(sub)) for r, sub in groups))


@dataclass(frozen=True)
class SupplierField:
    """One row of the Supplier sheet."""

    row: int
    key: str
    label: str


@dataclass(frozen=True)
class Layout:
    """Every sheet and row of the workbook of one questionnaire in one language."""

    questionnaire: Questionnaire
    lang: str
    instructions_title: str
    supplier_title: str
    supplier_fields: tuple[SupplierField, ...]
    sheets: tuple[ModuleSheet, ...]
    numbers: dict[str, str]
    fingerprint: str
    module_header: tuple[str, ...] = ()  # row 1 of every module sheet: names each column, so it is read by name
    supplier_header: tuple[str, ...] = ()
    reference_row: int = 0  # the Supplier sheet's row holding the export id, below the fields

    def answer_place(self, qid: str) -> tuple[str, str] | None:
        """(sheet, cell) where a question is answered: its answer cell, or its first option's tick cell."""
        for sheet in self.sheets:
            for i, row in enumerate(sheet.rows):
                if row.kind == QUESTION and row.question.id == qid:
                    if row.question.type == "multi" and i + 1 < len(sheet.rows):
                        return sheet.title, sheet.rows[i + 1].answer_cell
                    return sheet.title, row.answer_cell
        return None


def numbering(q: Questionnaire) -> dict[str, str]:
    """Question id -> "module.position" ("3.4"), the same numbers the app shows."""
    return {question.id: f"{m}.{n}" for m, module in enumerate(q.modules, start=1)
            for n, question in enumerate(module.questions, start=1)}


def normal_text(value: object) -> str:
    """Text compared as a person reads it: whitespace collapsed (spreadsheets rewrap and re-end lines)."""
    return " ".join(str(value).split()) if value is not None else ""


_CACHE: dict[tuple[str, str, str], Layout] = {}


def layout(q: Questionnaire, lang: str) -> Layout:
    """The layout of `q` in `lang` (computed once per questionnaire and language)."""
    key = (q.ref, q.content_hash, lang)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = _build(q, lang)
    return found


def _build(q: Questionnaire, lang: str) -> Layout:
    numbers = numbering(q)
    instructions = text(lang, "sheet.instructions")
    supplier = text(lang, "sheet.supplier")
    taken = {instructions.casefold(), supplier.casefold(), META_SHEET, LISTS_SHEET}
    sheets = []
    for module in q.modules:
        title = _sheet_title(pick(module.title, lang) or module.id, taken)
        rows: list[Row] = []
        next_row = FIRST_ROW
        for question in module.questions:
            number = numbers[question.id]
            rows.append(Row(next_row, QUESTION, question, None, question.id, number,
                            normal_text(pick(question.text, lang))))
            next_row += 1
            if question.type == "multi":
                for i, option in enumerate(question.options):
                    rows.append(Row(next_row, OPTION, question, option, f"{question.id}:{option.value}",
                                    f"{number}{_letter(i)}", normal_text(pick(option.label, lang))))
                    next_row += 1
            elif question.type == "money":
                rows.append(Row(next_row, CURRENCY, question, None, f"{question.id}:currency", "",
                                text(lang, "currency.row")))
                next_row += 1
        sheets.append(ModuleSheet.of(title, module, rows))
    fields = tuple(SupplierField(FIRST_ROW + i, key, label) for i, (key, label) in enumerate(_supplier_fields(lang)))
    fingerprint = _fingerprint(supplier, fields, sheets)
    return Layout(q, lang, instructions, supplier, fields, tuple(sheets), numbers, fingerprint,
                  module_header=tuple(text(lang, key) for key in MODULE_COLUMNS),
                  supplier_header=tuple(text(lang, key) for key in SUPPLIER_COLUMNS),
                  reference_row=FIRST_ROW + len(fields) + 1)


def _letter(i: int) -> str:
    """a, b, ..., z, aa, ab, ... for option rows."""
    return _letter(i // 26 - 1) + chr(97 + i % 26) if i >= 26 else chr(97 + i)


def _sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters, not starting or ending with '."""
    base = " ".join(_BAD_SHEET_CHARS.sub(" ", title).split()).strip("'") or "Module"
    name = _cut(base, SHEET_NAME_MAX)
    n = 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        n += 1
    taken.add(name.casefold())
    return name


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary when there is one."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;:-'") or text[:limit]


def _supplier_fields(lang: str) -> list[tuple[str, str]]:
    from fldd.identifiers import IDENTIFIER_SCHEMES

    fields = [(key, text(lang, f"field.{key}")) for key in ("name", "country", "address", "goods", "sector")]
    fields += [(f"id:{scheme}", label) for scheme, (label, _) in IDENTIFIER_SCHEMES.items()]
    fields += [(f"contact:{key}", text(lang, f"field.contact_{key}")) for key in ("name", "email", "phone")]
    return fields


def _fingerprint(supplier_title: str, fields: tuple[SupplierField, ...], sheets: list[ModuleSheet]) -> str:
    """sha256 over every locked row the import relies on: sheet, row number, id, number and text."""
    digest = hashlib.sha256()
    for f in fields:
        digest.update(f"{supplier_title}\x1f{f.row}\x1f{f.key}\x1f\x1f{f.label}\x1e".encode())
    for sheet in sheets:
        for r in sheet.rows:
            digest.update(f"{sheet.title}\x1f{r.row}\x1f{r.key}\x1f{r.number}\x1f{r.text}\x1e".encode())
    return digest.hexdigest()


def how_to_answer(question: Question, lang: str) -> str:
    """The 'How to answer' cell of a question row: kind of answer, range, unit, special answers, required."""
    kind = {"yesno": "how.choice", "single": "how.choice", "multi": "how.multi", "count": "how.count",
            "number": "how.number", "percent": "how.percent", "money": "how.money", "date": "how.date",
            "text": "how.text"}[question.type]
    parts = [text(lang, kind)]
    if question.type in ("count", "number", "money"):
        low, high = question.minimum, question.maximum
        if low is not None and high is not None:
            parts.append(text(lang, "how.range", low=_plain(low), high=_plain(high)))
        elif low is not None and low != 0:
            parts.append(text(lang, "how.min", low=_plain(low)))
        elif high is not None:
            parts.append(text(lang, "how.max", high=_plain(high)))
        unit = pick(question.unit, lang) if question.unit else ""
        if unit and unit != "%":
            parts.append(text(lang, "how.unit", unit=unit))
    if question.specials:
        labels = " / ".join(f"“{pick(o.label, lang)}”" for o in question.specials)
        parts.append(text(lang, "how.or", labels=labels))
    sentence = " ".join(parts)
    return f"{sentence}. {text(lang, 'how.required')}" if question.required else f"{sentence}."


def shown_when(q: Questionnaire, sheet: ModuleSheet, question: Question, numbers: dict[str, str], lang: str) -> str:
    """The 'Shown when' cell: the module's and the question's conditions in words."""
    parts = [condition_words(c, q, numbers, lang) for c in (sheet.module.show_if, question.show_if) if c]
    return "\n".join(parts)


def _plain(value: Decimal) -> str:
    return format(value, "f") if value != value.to_integral_value() else str(int(value))
