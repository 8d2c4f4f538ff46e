"""Fixtures of the exchange tests: a fresh database, a questionnaire with every question type, suppliers,
and `fill`, which types answers into an exported workbook the way a person would (with openpyxl)."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fldd.exchange.layout import COL_ANSWER, COL_COMMENT, COL_ID, SUP_CORRECTION, SUP_KEY
from fldd.standard.loader import load
from fldd.standard.model import Standard
from fldd.usecases.context import AppContext, open_context
from fldd.usecases.exchange import export_workbook, import_paths, workbook_secret
from fldd.usecases.suppliers import add_supplier
from tests.exchange.make_bad_files import GOOD_ANSWERS, build_corpus

TODAY = dt.date(2026, 11, 23)

EVERY_QUESTIONNAIRE = """\
questionnaire:
  id: xchg-every
  version: 1.0.0
  tier: desktop
  title: Every question type
  languages: [en]
  validity_months: 12
modules: [m1.yaml, m2.yaml]
scoring:
  bands:
    - {rating: low, min_score: 85}
    - {rating: medium, min_score: 70}
    - {rating: high, min_score: 50}
    - {rating: severe, min_score: 0}
severities:
  priority: {plan_days: 7, closure_days: 30}
  major: {plan_days: 14, closure_days: 60}
  minor: {plan_days: 30, closure_days: 90}
thresholds:
  - id: thr_hours
    title: Over 60 hours
    if: "hours > 60"
    action: finding
    severity: major
    remedy: Cut hours.
"""

EVERY_MODULE_1 = """\
module: {id: basics, title: "Basics: yes/no, choices [and] numbers"}
questions:
  - id: migrants
    type: yesno
    text: Do migrant workers work at the site?
    basis: [ilo-ind-1]
    unknown: true
    risk: {"yes": 1, "no": 0}
  - id: holder
    type: single
    text: Who holds the workers' passports?
    basis: [ilo-ind-7]
    show_if: "migrants = 'yes'"
    options:
      - {value: worker, label: "The worker, always", risk: 0}
      - {value: company, label: The company, risk: 3}
  - id: topics
    type: multi
    text: Which topics does the policy cover?
    basis: [ilo-ind-1]
    options:
      - {value: fees, label: "Fees, and related costs", risk: 0}
      - {value: contracts, label: Contracts, risk: 0}
      - {value: documents, label: Documents, risk: 0}
      - {value: none, label: None of these, risk: 2, exclusive: true}
  - id: workers
    type: count
    text: How many workers?
    basis: [ilo-ind-1]
    min: 1
    max: 100000
    unit: workers
  - id: hours
    type: number
    text: Most hours worked in one week?
    basis: [ilo-ind-11]
    unknown: true
    risk_rules:
      - {if: "answer > 60", risk: 3}
  - id: share
    type: percent
    text: What share of workers are on temporary contracts?
    basis: [ilo-ind-1]
    required: false
"""

EVERY_MODULE_2 = """\
module: {id: money, title: "Money, dates and text"}
questions:
  - id: wage
    type: money
    text: Lowest monthly base wage?
    basis: [ilo-ind-8]
  - id: fee
    type: money
    text: Largest fee a worker paid?
    basis: [ilo-ind-9]
    unknown: true
    na: true
    show_if: "workers > 0"
  - id: audit_date
    type: date
    text: When was the last social audit?
    basis: [ilo-ind-1]
    na: true
  - id: languages
    type: text
    text: Which languages do the workers speak?
    basis: [ilo-ind-1]
  - id: note
    type: text
    text: Anything else?
    basis: [ilo-ind-1]
    required: false
"""


@dataclass
class StandardContext(AppContext):
    """A context on a standard of the test's own (AppContext reads the shipped one)."""

    custom: Standard | None = None

    @property
    def standard(self) -> Standard:  # type: ignore[override]
        return self.custom


def _fixed_today(ctx: AppContext) -> AppContext:
    ctx.today = lambda: TODAY
    return ctx


@pytest.fixture
def ctx(tmp_path):
    """A fresh database on the shipped standard."""
    context = _fixed_today(open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer"))
    yield context
    context.close()


@pytest.fixture(scope="session")
def every_standard(tmp_path_factory) -> Standard:
    folder = tmp_path_factory.mktemp("every") / "tier"
    folder.mkdir()
    (folder / "q.yaml").write_text(textwrap.dedent(EVERY_QUESTIONNAIRE), encoding="utf-8")
    (folder / "m1.yaml").write_text(textwrap.dedent(EVERY_MODULE_1), encoding="utf-8")
    (folder / "m2.yaml").write_text(textwrap.dedent(EVERY_MODULE_2), encoding="utf-8")
    loaded = load(paths=[folder / "q.yaml"])
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded.standard


@pytest.fixture
def every_ctx(tmp_path, every_standard):
    """A fresh database on a standard whose one questionnaire has every question type."""
    base = open_context(tmp_path / "every.sqlite3", user="amina", role="buyer")
    context = _fixed_today(StandardContext(base.store, base.user, base.role, custom=every_standard))
    yield context
    context.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A database with one supplier and one earlier import, and the bad files (tests/exchange/make_bad_files.py)
    made from its export: (context, the good file they are made from, name -> Case)."""
    folder = tmp_path_factory.mktemp("corpus")
    ctx = open_context(folder / "fldd.sqlite3", user="amina", role="buyer")
    ctx.today = lambda: TODAY
    supplier_id = add_supplier(ctx, "Sunrise Apparel Ltd", "BD", goods=["Garments"])
    earlier = export_workbook(ctx, supplier_id, "fldd-desktop", folder / "earlier.xlsx").path
    fill(earlier, GOOD_ANSWERS)
    assert import_paths(ctx, [earlier])[0].outcome == "accepted_incomplete"
    empty = export_workbook(ctx, supplier_id, "fldd-desktop", folder / "sent.xlsx").path
    good = fill(empty, GOOD_ANSWERS, out=folder / "good.xlsx")
    other_id = add_supplier(ctx, "Other Supplier Co", "VN", goods=["Garments"])
    other = export_workbook(ctx, other_id, "fldd-desktop", folder / "other.xlsx").path
    cases = {case.name: case for case in build_corpus(good, empty, folder / "bad", workbook_secret(ctx),
                                                      other=other, earlier=earlier)}
    yield ctx, good, cases
    ctx.close()


@pytest.fixture
def supplier_id(ctx):
    return add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"], address="12 Jalan Klang",
                        contacts=[{"name": "Siti", "email": "siti@example.com"}])


@pytest.fixture
def every_supplier(every_ctx):
    return add_supplier(every_ctx, "深圳光明电子 (Shenzhen Bright)", "CN", goods=["Electronics"])


def find_row(ws, key: str) -> int:
    """The row whose ID cell (column A) holds `key`, as a person finds a question by its id."""
    for row in ws.iter_rows(min_col=COL_ID + 1, max_col=COL_ID + 1):
        if row[0].value == key:
            return row[0].row
    raise KeyError(key)


def sheet_of(wb, key: str):
    """The module sheet holding the row with this ID."""
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            try:
                return ws, find_row(ws, key)
            except KeyError:
                continue
    raise KeyError(key)


class Formula(str):
    """A value typed as a formula (=1+1 entered in a General cell)."""


def type_into(cell, value: Any) -> None:
    """Set a cell as a person typing in a spreadsheet would leave it: text stays text in a Text cell."""
    if isinstance(value, Formula):
        cell.value = str(value)  # openpyxl makes "=..." a formula
        return
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def fill(path: Path, answers: dict[str, Any], out: Path | None = None, comments: dict[str, str] | None = None,
         cells: dict[tuple[str, str], Any] | None = None) -> Path:
    """Type answers into an exported workbook and save it (as `out`, else in place).

    answers: question id -> what a person types: a label or text (str), a number, a date; for a multi-choice
    question a list of option values to tick with "x"; for money a tuple (amount, currency).
    cells: (sheet, "D5") -> raw value, for typing anything anywhere.
    """
    wb = openpyxl.load_workbook(path)
    for qid, value in answers.items():
        ws, row = sheet_of(wb, qid)
        if isinstance(value, list):
            for option in value:
                type_into(ws.cell(row=find_row(ws, f"{qid}:{option}"), column=COL_ANSWER + 1), "x")
        elif isinstance(value, tuple):
            amount, currency = value
            type_into(ws.cell(row=row, column=COL_ANSWER + 1), amount)
            type_into(ws.cell(row=find_row(ws, f"{qid}:currency"), column=COL_ANSWER + 1), currency)
        else:
            type_into(ws.cell(row=row, column=COL_ANSWER + 1), value)
    for qid, text in (comments or {}).items():
        ws, row = sheet_of(wb, qid)
        type_into(ws.cell(row=row, column=COL_COMMENT + 1), text)
    for (sheet, ref), value in (cells or {}).items():
        type_into(wb[sheet][ref], value)
    target = out or path
    wb.save(target)
    return target


def suggest_corrections(path: Path, suggestions: dict[str, str]) -> Path:
    """Type profile corrections into a workbook's Supplier sheet as a supplier would: the Correction column of
    the row whose key (column A) is given, e.g. {"country": "VN", "id:lei": "..."}; saved in place."""
    wb = openpyxl.load_workbook(path)
    sheet = next(ws for ws in wb.worksheets if ws.cell(row=2, column=SUP_KEY + 1).value == "name")
    typed = set()
    for row in sheet.iter_rows(min_row=2):
        key = row[SUP_KEY].value
        if key in suggestions:
            type_into(row[SUP_CORRECTION], suggestions[key])
            typed.add(key)
    assert typed == set(suggestions), f"no Supplier sheet row for {set(suggestions) - typed}"
    wb.save(path)
    return path
