"""The exported workbook: what a supplier sees and may change, what stays locked, what is hidden and signed."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from fldd.exchange import metadata
from fldd.exchange.condition_words import condition_words
from fldd.exchange.layout import layout, numbering
from fldd.standard.model import Condition
from fldd.standard.conditions import parse
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook, workbook_secret
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import find_row


@pytest.fixture
def every_book(every_ctx, every_supplier, tmp_path):
    done = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "every.xlsx")
    return done, openpyxl.load_workbook(done.path)


def test_sheets_instructions_first_metadata_and_lists_very_hidden(every_book):
    _, wb = every_book
    assert wb.sheetnames == ["Instructions", "Supplier", "Basics yes no, choices and", "Money, dates and text",
                             "_lists", "_fldd"]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible"] * 4 + ["veryHidden"] * 2
    assert wb.active.title == "Instructions"
    assert wb.security.lockStructure


def test_question_cells_are_locked_and_answer_and_comment_cells_open(every_book):
    _, wb = every_book
    ws = wb["Basics yes no, choices and"]
    assert ws.protection.sheet
    row = find_row(ws, "migrants")
    locked = {col: ws[f"{col}{row}"].protection.locked for col in "ABCDEFGH"}
    assert locked == {"A": True, "B": True, "C": True, "D": False, "E": False, "F": True, "G": True, "H": True}
    topics = find_row(ws, "topics")
    assert ws[f"D{topics}"].protection.locked  # ticks go in the option rows
    assert not ws[f"D{find_row(ws, 'topics:fees')}"].protection.locked
    assert wb["Supplier"]["D2"].protection.locked is False and wb["Supplier"]["C2"].protection.locked


def _validation(ws, cell):
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, (cell, found)
    return found[0]


def test_answers_are_validated_for_their_kind(every_book):
    _, wb = every_book
    ws = wb["Basics yes no, choices and"]
    money = wb["Money, dates and text"]
    yesno = _validation(ws, f"D{find_row(ws, 'migrants')}")
    assert (yesno.type, yesno.formula1) == ("list", "'_lists'!$A$1:$A$3")
    assert [wb["_lists"][f"A{n}"].value for n in (1, 2, 3)] == ["Yes", "No", "Don't know"]
    single = _validation(ws, f"D{find_row(ws, 'holder')}")
    labels_column = single.formula1.split("$")[1]
    assert wb["_lists"][f"{labels_column}1"].value == "The worker, always"  # a comma: no inline list
    tick = _validation(ws, f"D{find_row(ws, 'topics:none')}")
    assert (tick.type, tick.formula1) == ("list", '"x"')
    count = _validation(ws, f"D{find_row(ws, 'workers')}")
    assert (count.type, count.operator, count.formula1, count.formula2) == ("whole", "between", "1", "100000")
    percent = _validation(ws, f"D{find_row(ws, 'share')}")
    assert (percent.type, percent.formula1, percent.formula2) == ("decimal", "0", "100")
    hours = _validation(ws, f"D{find_row(ws, 'hours')}")
    row = find_row(ws, "hours")
    assert hours.type == "custom" and hours.formula1.startswith(f"OR(AND(ISNUMBER(D{row})")
    assert f'D{row}="Don\'t know"' in hours.formula1
    currency = _validation(money, f"D{find_row(money, 'wage:currency')}")
    assert (currency.type, currency.formula1) == ("textLength", "3")
    date_row = find_row(money, "audit_date")
    assert _validation(money, f"D{date_row}").type == "custom"  # a date, or "Not applicable"
    assert money[f"D{date_row}"].number_format == "yyyy-mm-dd"
    assert money[f"D{find_row(money, 'languages')}"].number_format == "@"


def test_how_to_answer_and_shown_when_are_spelled_out(every_book):
    _, wb = every_book
    ws = wb["Basics yes no, choices and"]
    money = wb["Money, dates and text"]
    assert ws[f"F{find_row(ws, 'workers')}"].value == "A whole number from 1 to 100000 in workers. Required."
    assert ws[f"F{find_row(ws, 'hours')}"].value == "A number or “Don't know”. Required."
    assert ws[f"G{find_row(ws, 'holder')}"].value == "Answer only if the answer to question 1.1 is “Yes”"
    assert money[f"G{find_row(money, 'fee')}"].value == "Answer only if the answer to question 1.4 is more than 0"


def test_conditions_in_words_and_their_fallback(every_standard):
    q = every_standard.get("xchg-every")
    numbers = numbering(q)

    def words(text):
        return condition_words(Condition(text, parse(text)), q, numbers, "en")

    assert words("'none' not in topics and workers >= 10") == (
        "Answer only if “None of these” is not ticked in question 1.3 and the answer to question 1.4 is 10 or more")
    assert words("holder in ['worker', 'company'] or migrants != 'no'") == (
        "Answer only if the answer to question 1.2 is “The worker, always” or “The company” or the answer to "
        "question 1.1 is not “No”")
    assert words("workers > 2 * hours") == "Answer only if workers > 2 * hours"
    assert condition_words(None, q, numbers, "en") == ""


def test_metadata_is_signed_with_this_databases_secret(every_ctx, every_book):
    done, wb = every_book
    meta = {row[0].value: row[1].value for row in wb["_fldd"].iter_rows()}
    q = every_ctx.standard.get("xchg-every")
    assert meta["export_id"] == done.export_id
    assert (meta["questionnaire"], meta["version"], meta["content_hash"]) == (q.id, q.version, q.content_hash)
    assert meta["fingerprint"] == layout(q, "en").fingerprint
    assert metadata.verify(meta, workbook_secret(every_ctx))
    assert not metadata.verify({**meta, "supplier_uid": "x"}, workbook_secret(every_ctx))
    assert not metadata.verify(meta, "00" * 32)


def test_text_written_by_fldd_never_becomes_a_formula(ctx, tmp_path):
    supplier_id = add_supplier(ctx, "=HYPERLINK(\"http://x\",\"y\")", "MY", address="+60 3-1234 5678",
                               sector="@sector", goods=["-Gloves"])
    path = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "w.xlsx").path
    wb = openpyxl.load_workbook(path)
    on_file = {wb["Supplier"][f"A{r}"].value: wb["Supplier"][f"C{r}"] for r in range(2, 8)}
    assert on_file["name"].value.startswith("=") and on_file["name"].data_type == "s"
    assert [on_file[k].value[0] for k in ("address", "goods", "sector")] == ["+", "-", "@"]
    with zipfile.ZipFile(path) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in sheets)


def test_the_export_is_written_in_place_atomically_and_unknown_things_are_refused(ctx, supplier_id, tmp_path):
    target = tmp_path / "out" / "w.xlsx"
    export_workbook(ctx, supplier_id, "fldd-desktop", target)
    assert target.is_file() and [p.name for p in target.parent.iterdir()] == ["w.xlsx"]
    with pytest.raises(Rejected, match="no questionnaire 'nope'"):
        export_workbook(ctx, supplier_id, "nope", target)
    with pytest.raises(Rejected, match="has no language 'xx'"):
        export_workbook(ctx, supplier_id, "fldd-desktop", target, lang="xx")
    with pytest.raises(Rejected, match="no supplier 999"):
        export_workbook(ctx, 999, "fldd-desktop", target)
    (tmp_path / "blocker").write_text("a file, not a folder")
    with pytest.raises(Rejected, match="cannot write"):
        export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "blocker" / "w.xlsx")
