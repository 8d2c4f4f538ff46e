"""Write the workbook a supplier fills in: instructions, supplier profile, one sheet per module, hidden metadata.

Every text cell is written as a string (data_type "s") in a Text-formatted cell, so an answer or a name that
begins with = + - @ never becomes a formula, here or when the supplier edits it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from fldd.exchange import metadata
from fldd.exchange.layout import (
    COL_ANSWER, COL_COMMENT, COL_GUIDANCE, COL_HOW, COL_ID, COL_NO, COL_QUESTION, COL_WHEN, CURRENCY, LISTS_SHEET,
    META_SHEET, MODULE_COLUMNS, OPTION, QUESTION, SUP_CORRECTION, SUP_KEY, SUP_LABEL, SUP_ON_FILE,
    SUPPLIER_COLUMNS, Layout, ModuleSheet, Row, how_to_answer, shown_when)
from fldd.exchange.wording import text
from fldd.standard.conditions import Money
from fldd.standard.model import Question, pick

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
TICK = "x"
MODULE_WIDTHS = (22, 7, 60, 30, 32, 30, 32, 60)
SUPPLIER_WIDTHS = (16, 32, 44, 44)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF7D6")
_NO_ANSWER_FILL = PatternFill("solid", fgColor="EDEDED")
_ID_FONT = Font(color="808080", size=9)
_WRAP = Alignment(wrap_text=True, vertical="top")
_OPTION = Alignment(wrap_text=True, vertical="top", indent=2)
_OPEN = Protection(locked=False)


@dataclass
class WorkbookContent:
    """What goes into one workbook besides its layout: signed metadata, supplier profile, known answers."""

    meta: dict[str, str]
    supplier: dict[str, str]  # supplier field key -> value on file
    values: dict[str, Any] = field(default_factory=dict)  # question id -> typed value (prefill)
    comments: dict[str, str] = field(default_factory=dict)
    intro: dict[str, str] = field(default_factory=dict)  # title, supplier, sender, date, minutes
    corrections: dict[str, str] = field(default_factory=dict)  # supplier field key -> correction (written back)


def write_workbook(target: Path | Any, lay: Layout, content: WorkbookContent) -> None:
    """Write the workbook to a path or a binary file object."""
    wb = Workbook()
    instructions = wb.active
    instructions.title = lay.instructions_title
    supplier = wb.create_sheet(lay.supplier_title)
    modules = [wb.create_sheet(sheet.title) for sheet in lay.sheets]
    lists = _Lists(wb.create_sheet(LISTS_SHEET))
    meta = wb.create_sheet(META_SHEET)

    _instructions(instructions, lay, content)
    _supplier(supplier, lay, content)
    for ws, sheet in zip(modules, lay.sheets):
        _module(ws, sheet, lay, content, lists)
    _metadata(meta, content.meta)
    for hidden in (lists.ws, meta):
        hidden.sheet_state = "veryHidden"
        hidden.protection.sheet = True
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)  # no password: against accidents, not forgery
    wb.save(target)


FORMULA_STARTS = frozenset("=+-@\t\r")  # what a spreadsheet may read as the start of a formula


def put_text(ws: Worksheet, row: int, col: int, value: str, **style: Any):
    """A string cell that stays a string, whatever it starts with: written as a string, in a Text-formatted cell
    (so that it stays text when a person edits it), unless the caller names another number format."""
    cell = ws.cell(row=row, column=col + 1)
    if value:
        cell.value = value
        cell.data_type = "s"  # openpyxl would make "=..." a formula
        if value[0] in FORMULA_STARTS:
            cell.quotePrefix = True  # Excel's own mark for "typed as text": kept when the cell is edited and saved
    style.setdefault("number_format", TEXT_FORMAT)
    for name, item in style.items():
        setattr(cell, name, item)
    return cell


def _header(ws: Worksheet, labels: list[str], widths: tuple[int, ...]) -> None:
    for col, (label, width) in enumerate(zip(labels, widths)):
        put_text(ws, 1, col, label, font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_WRAP)
        ws.column_dimensions[get_column_letter(col + 1)].width = width
    ws.freeze_panes = "D2" if len(labels) > 4 else "C2"


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may widen columns and rows
    ws.protection.formatRows = False


def _instructions(ws: Worksheet, lay: Layout, content: WorkbookContent) -> None:
    lang, intro = lay.lang, content.intro
    lines = [(text(lang, "intro.title"), Font(bold=True, size=14))]
    lines.append((text(lang, "intro.for", supplier=intro.get("supplier", "")), Font(bold=True)))
    lines.append((text(lang, "intro.questionnaire", title=intro.get("title", ""),
                       version=lay.questionnaire.version), None))
    lines.append((text(lang, "intro.sent", date=intro.get("date", ""), sender=intro.get("sender", "")), None))
    lines.append(("", None))
    for n in range(1, 9):
        lines.append((text(lang, f"intro.{n}", minutes=intro.get("minutes", "60")), None))
    lines.append(("", None))
    lines.append((text(lang, "intro.sheets"), Font(bold=True)))
    lines.append((lay.supplier_title, None))
    lines += [(sheet.title, None) for sheet in lay.sheets]
    ws.column_dimensions["A"].width = 110
    for i, (line, font) in enumerate(lines, start=1):
        cell = put_text(ws, i, 0, line, alignment=_WRAP)
        if font is not None:
            cell.font = font
    _protect(ws)


def _supplier(ws: Worksheet, lay: Layout, content: WorkbookContent) -> None:
    _header(ws, [text(lay.lang, key) for key in SUPPLIER_COLUMNS], SUPPLIER_WIDTHS)
    for f in lay.supplier_fields:
        put_text(ws, f.row, SUP_KEY, f.key, font=_ID_FONT)
        put_text(ws, f.row, SUP_LABEL, f.label, alignment=_WRAP)
        put_text(ws, f.row, SUP_ON_FILE, content.supplier.get(f.key, ""), alignment=_WRAP)
        put_text(ws, f.row, SUP_CORRECTION, content.corrections.get(f.key, ""), protection=_OPEN, fill=_ANSWER_FILL,
                 number_format=TEXT_FORMAT, alignment=_WRAP)
    reference = lay.reference_row  # the export id, which the metadata's binding covers
    put_text(ws, reference, SUP_KEY, "reference", font=_ID_FONT)
    put_text(ws, reference, SUP_LABEL, text(lay.lang, "field.reference"), alignment=_WRAP)
    put_text(ws, reference, SUP_ON_FILE, content.meta.get("export_id", ""), alignment=_WRAP)
    _protect(ws)


class _Lists:
    """The hidden sheet holding dropdown lists (labels may contain commas, so inline lists cannot hold them)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.ranges: dict[tuple[str, ...], str] = {}

    def range_of(self, labels: tuple[str, ...]) -> str:
        """An absolute reference to a column holding these labels."""
        found = self.ranges.get(labels)
        if found is None:
            col = len(self.ranges) + 1
            for row, label in enumerate(labels, start=1):
                put_text(self.ws, row, col - 1, label)
            letter = get_column_letter(col)
            found = self.ranges[labels] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(labels)}"
        return found


class _Validations:
    """Data validations of one sheet, one per distinct rule, each covering all its cells."""

    def __init__(self, ws: Worksheet, lang: str) -> None:
        self.ws = ws
        self.lang = lang
        self.rules: dict[tuple, DataValidation] = {}

    def add(self, cell: str, kind: str, error: str, **rule: Any) -> None:
        key = (kind, error, tuple(sorted(rule.items())))
        dv = self.rules.get(key)
        if dv is None:
            dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                errorTitle=text(self.lang, "error.title"), error=text(self.lang, error), **rule)
            self.ws.add_data_validation(dv)
            self.rules[key] = dv
        dv.add(cell)


def _module(ws: Worksheet, sheet: ModuleSheet, lay: Layout, content: WorkbookContent, lists: _Lists) -> None:
    lang, q = lay.lang, lay.questionnaire
    _header(ws, [text(lang, key) for key in MODULE_COLUMNS], MODULE_WIDTHS)
    validations = _Validations(ws, lang)
    for r in sheet.rows:
        question = r.question
        put_text(ws, r.row, COL_ID, r.key, font=_ID_FONT, alignment=_WRAP)
        put_text(ws, r.row, COL_NO, r.number, alignment=_WRAP)
        put_text(ws, r.row, COL_QUESTION, r.text, alignment=_OPTION if r.kind != QUESTION else _WRAP)
        if r.kind == QUESTION:
            put_text(ws, r.row, COL_HOW, how_to_answer(question, lang), alignment=_WRAP)
            put_text(ws, r.row, COL_WHEN, shown_when(q, sheet, question, lay.numbers, lang), alignment=_WRAP)
            put_text(ws, r.row, COL_GUIDANCE, pick(question.guidance, lang) if question.guidance else "",
                     alignment=_WRAP)
            put_text(ws, r.row, COL_COMMENT, content.comments.get(question.id, ""), protection=_OPEN,
                     fill=_ANSWER_FILL, number_format=TEXT_FORMAT, alignment=_WRAP)
        elif r.kind == OPTION:
            put_text(ws, r.row, COL_HOW, text(lang, "how.tick"), alignment=_WRAP)
        else:
            put_text(ws, r.row, COL_HOW, text(lang, "how.currency"), alignment=_WRAP)
        _answer_cell(ws, r, lang, content.values.get(question.id), validations, lists)
    _protect(ws)


def _answer_cell(ws: Worksheet, r: Row, lang: str, value: Any, validations: _Validations, lists: _Lists) -> None:
    """Column D of one row: open for input, formatted and validated for its kind of answer, prefilled."""
    question, ref = r.question, r.answer_cell
    cell = ws.cell(row=r.row, column=COL_ANSWER + 1)
    if r.kind == QUESTION and question.type == "multi":
        cell.fill = _NO_ANSWER_FILL  # ticks go in the option rows below
        return
    cell.protection = _OPEN
    cell.fill = _ANSWER_FILL
    cell.alignment = _WRAP
    if r.kind == OPTION:
        cell.number_format = TEXT_FORMAT
        ticked = isinstance(value, tuple) and r.option is not None and r.option.value in value
        put_text(ws, r.row, COL_ANSWER, TICK if ticked else "")
        validations.add(ref, "list", "error.tick", formula1=f'"{TICK}"')
        return
    if r.kind == CURRENCY:
        cell.number_format = TEXT_FORMAT
        put_text(ws, r.row, COL_ANSWER, value.currency if isinstance(value, Money) else "")
        validations.add(ref, "textLength", "error.currency", operator="equal", formula1="3")
        return
    kind = question.type
    if kind in ("yesno", "single"):
        cell.number_format = TEXT_FORMAT
        labels = tuple(pick(o.label, lang) for o in question.options + question.specials)
        put_text(ws, r.row, COL_ANSWER, _label(question, value, lang) if value is not None else "")
        validations.add(ref, "list", "error.choice", formula1=lists.range_of(labels))
        return
    if kind == "text":
        cell.number_format = TEXT_FORMAT
        shown = _label(question, value, lang) if value is not None and question.option(str(value)) else value
        put_text(ws, r.row, COL_ANSWER, "" if shown is None else str(shown))
        return
    _typed_cell(ws, r, lang, value, validations)


def _typed_cell(ws: Worksheet, r: Row, lang: str, value: Any, validations: _Validations) -> None:
    """Numbers, percentages, money amounts and dates: typed cells with range validation; special answers
    ("Don't know") are also allowed where the question offers them."""
    question, ref = r.question, r.answer_cell
    cell = ws.cell(row=r.row, column=COL_ANSWER + 1)
    kind = question.type
    if isinstance(value, str) and question.option(value):  # a special answer; the cell stays one for numbers
        put_text(ws, r.row, COL_ANSWER, _label(question, value, lang), number_format="General")
    elif isinstance(value, Money):
        cell.value = _number(value.amount)
    elif isinstance(value, Decimal):
        cell.value = _number(value)
    elif isinstance(value, dt.date):
        cell.value = value
    if kind == "date":
        cell.number_format = DATE_FORMAT
        low, high, vtype, error = dt.date(1900, 1, 1), dt.date(2199, 12, 31), "date", "error.date"
        bounds = (str((low - dt.date(1899, 12, 30)).days), str((high - dt.date(1899, 12, 30)).days))
    else:
        low = question.minimum if question.minimum is not None else Decimal(0)
        high = question.maximum if question.maximum is not None else (
            Decimal(100) if kind == "percent" else None)
        vtype = "whole" if kind == "count" else "decimal"
        error = "error.number"
        bounds = (_formula_number(low), _formula_number(high) if high is not None else "1E+300")
    if question.specials:
        specials = ",".join(f'{ref}="{pick(o.label, lang).replace(chr(34), chr(34) * 2)}"'
                            for o in question.specials)
        whole = f"INT({ref})={ref}," if vtype == "whole" else ""
        formula = f"OR(AND(ISNUMBER({ref}),{whole}{ref}>={bounds[0]},{ref}<={bounds[1]}),{specials})"
        validations.add(ref, "custom", error, formula1=formula)
    else:
        validations.add(ref, vtype, error, operator="between", formula1=bounds[0], formula2=bounds[1])


def _label(question: Question, value: Any, lang: str) -> str:
    option = question.option(str(value))
    return pick(option.label, lang) if option is not None else str(value)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _formula_number(value: Decimal) -> str:
    return str(_number(value))


def _metadata(ws: Worksheet, meta: dict[str, str]) -> None:
    keys = list(metadata.KEYS) + [key for key in (metadata.BINDING,) if key in meta] + [metadata.SIGNATURE]
    for row, key in enumerate(keys, start=1):
        put_text(ws, row, 0, key)
        put_text(ws, row, 1, meta[key], number_format=TEXT_FORMAT)
