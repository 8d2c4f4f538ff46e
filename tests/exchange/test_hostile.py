"""Hostile and damaged files (issue 8): each is refused with exit 1 naming the file and where, the files around it
in a folder are still imported, and nothing but the import log changes. Also: an error nobody foresaw while
reading one file rejects that file alone; text fldd writes or keeps never turns into a formula."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import zipfile

import openpyxl
import pytest

from fldd.cli import main
from fldd.exchange import metadata
from fldd.exchange.layout import META_SHEET
from fldd.exchange.outcome import FileReport, Issue
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.store.errors import DiskFull
from fldd.usecases import workbook_reading
from fldd.usecases.exchange import export_workbook, import_paths, workbook_secret, write_report_xlsx
from fldd.usecases.questionnaires import standard
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill
from tests.exchange.make_bad_files import GOOD_ANSWERS, _add_members, _rezip

HOSTILE = ("duplicate_sheet_names", "duplicate_members", "zip_version", "hidden_column", "foreign_metadata",
           "earlier_metadata", "error_value", "huge_styles", "path_traversal", "macro_project", "macro_content_type")


@pytest.fixture(scope="module")
def batch(corpus, tmp_path_factory):
    """A folder with a good workbook first, every hostile file, an answer pack of 350,000 comment keys, and
    another good workbook last."""
    ctx, good, cases = corpus
    folder = tmp_path_factory.mktemp("batch")
    shutil.copy(good, folder / "00 first.xlsx")
    for name in HOSTILE:
        shutil.copy(cases[name].path, folder / cases[name].path.name)
    _huge_pack(folder / "huge_pack.json")
    other_id = add_supplier(ctx, "Last Supplier Ltd", "TH", goods=["Garments"])
    last = export_workbook(ctx, other_id, "fldd-desktop", folder / "zz last.xlsx").path
    fill(last, GOOD_ANSWERS)
    return folder


def test_a_folder_import_refuses_each_hostile_file_and_imports_the_files_around_them(corpus, batch, capsys):
    ctx, _, cases = corpus
    db = ctx.store.path

    code = main(["--db", str(db), "workbook", "import", str(batch), "--json"])

    assert code == 1
    files = {os.path.basename(f["path"]): f for f in json.loads(capsys.readouterr().out)["files"]}
    assert len(files) == len(HOSTILE) + 3
    assert files["huge_pack.json"]["outcome"] == "rejected"
    assert files["00 first.xlsx"]["outcome"] == "accepted_incomplete"
    assert files["zz last.xlsx"]["outcome"] == "accepted_incomplete"
    for name in HOSTILE:
        found = files[cases[name].path.name]
        assert found["outcome"] == "rejected", name
        assert any(cases[name].expected in e["message"] for e in found["errors"]), (name, found["errors"])


def test_hostile_files_change_nothing_but_the_import_log_from_the_command_line(corpus, capsys):
    ctx, _, cases = corpus
    before = store_exchange.data_checksum(ctx.store)
    logged = len(store_exchange.imports(ctx.store, limit=10_000))

    code = main(["--db", str(ctx.store.path), "workbook", "import", *(str(cases[n].path) for n in HOSTILE)])

    out = capsys.readouterr().out
    assert code == 1
    for name in HOSTILE:
        assert f"{cases[name].path.name}: rejected" in out
    assert store_exchange.data_checksum(ctx.store) == before
    assert len(store_exchange.imports(ctx.store, limit=10_000)) == logged + len(HOSTILE)


def _fresh(good, path, workers: int):
    """The good workbook with another answer: a file the database has not seen."""
    return fill(good, {"pr_workers_total": workers}, out=path)


def test_a_damaged_zip_among_files_read_by_worker_processes_stops_only_itself(corpus, tmp_path, monkeypatch):
    ctx, good, cases = corpus
    monkeypatch.setattr(workbook_reading, "PROCESS_MIN_FILES", 3)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    folder = tmp_path / "workers"
    folder.mkdir()
    _fresh(good, folder / "a.xlsx", 201)
    shutil.copy(cases["zip_version"].path, folder / "b.xlsx")
    shutil.copy(cases["duplicate_sheet_names"].path, folder / "c.xlsx")
    _fresh(good, folder / "d.xlsx", 202)

    reports = import_paths(ctx, [folder], dry_run=True)

    assert [r.outcome for r in reports] == ["accepted_incomplete", "rejected", "rejected", "accepted_incomplete"]
    assert "zip file version 25.5" in reports[1].errors[0].message


def test_an_unexpected_error_while_reading_rejects_that_file_alone_and_logs_its_traceback(
        corpus, tmp_path, monkeypatch, caplog):
    from fldd.exchange import workbook_check

    ctx, good, _ = corpus
    real = workbook_check.check_workbook

    def breaks_on_b(book, *args):
        if book.path.name == "b.xlsx":
            raise RuntimeError("a bug nobody foresaw")
        return real(book, *args)

    monkeypatch.setattr(workbook_check, "check_workbook", breaks_on_b)
    for n, name in enumerate(("a", "b", "c")):
        _fresh(good, tmp_path / f"{name}.xlsx", 301 + n)
    before = store_exchange.data_checksum(ctx.store)

    with caplog.at_level(logging.ERROR, logger="fldd.import"):
        reports = import_paths(ctx, [tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "c.xlsx"], dry_run=True)

    assert [r.outcome for r in reports] == ["accepted_incomplete", "rejected", "accepted_incomplete"]
    [error] = reports[1].errors
    assert str(error).startswith("b.xlsx: fldd could not read this file (RuntimeError: a bug nobody foresaw)")
    [record] = caplog.records
    assert "b.xlsx" in record.getMessage() and record.exc_info[0] is RuntimeError
    assert store_exchange.data_checksum(ctx.store) == before


def test_an_unexpected_error_while_deciding_rejects_the_file_and_logs_it(corpus, tmp_path, monkeypatch, caplog):
    from fldd.usecases.workbook_import import Importer

    ctx, good, _ = corpus
    monkeypatch.setattr(Importer, "_target", lambda *args: {}["a key that is not there"])
    before = store_exchange.data_checksum(ctx.store)

    with caplog.at_level(logging.ERROR, logger="fldd.import"):
        [report] = import_paths(ctx, [_fresh(good, tmp_path / "decided.xlsx", 401)])

    assert report.outcome == "rejected" and "KeyError" in report.errors[0].message
    assert caplog.records and store_exchange.data_checksum(ctx.store) == before
    logged = store_exchange.imports(ctx.store, limit=1)[0]
    assert (logged["file_name"], logged["outcome"]) == ("decided.xlsx", "rejected")


def test_the_databases_own_trouble_is_not_taken_for_a_bad_file(corpus, tmp_path, monkeypatch):
    ctx, good, _ = corpus

    def full(*args, **kwargs):
        raise DiskFull(ctx.store.path, "the disk is full")

    monkeypatch.setattr(store_exchange, "applied_import", full)
    with pytest.raises(DiskFull):
        import_paths(ctx, [_fresh(good, tmp_path / "full.xlsx", 501)], dry_run=True)


def test_an_error_value_never_clears_an_answer_the_assessment_holds(ctx, supplier_id, tmp_path):
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "sent.xlsx").path
    first = fill(sent, {"pr_workers_total": 120, "gov_policy_exists": "Yes"}, out=tmp_path / "first.xlsx")
    [applied] = import_paths(ctx, [first])
    later = fill(first, {"gov_policy_exists": "No"}, out=tmp_path / "later.xlsx")
    with zipfile.ZipFile(later) as zf:
        part = next(n for n in zf.namelist() if b"pr_workers_total" in zf.read(n))
    damaged = _rezip(later, tmp_path / "damaged.xlsx", lambda name, data: re.sub(
        rb'<c r="D2"[^>]*?(?:/>|>.*?</c>)', b'<c r="D2" t="e"><v>#N/A</v></c>', data, count=1, flags=re.DOTALL)
        if name == part else data)
    before = store_exchange.data_checksum(ctx.store)

    [report] = import_paths(ctx, [damaged])

    assert report.outcome == "rejected"
    assert [(e.sheet, e.cell, e.question) for e in report.errors] == [("Site profile", "D2",
                                                                       "1.1 (pr_workers_total)")]
    assert "error value #N/A" in report.errors[0].message
    assert store_assessments.answers(ctx.store, applied.assessment_id)["pr_workers_total"].value == 120
    assert store_exchange.data_checksum(ctx.store) == before


def test_a_workbook_exported_before_the_binding_is_still_imported(ctx, supplier_id, tmp_path):
    """What an fldd without the binding wrote: no binding key (signed without it), no reference row."""
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "sent.xlsx").path
    wb = openpyxl.load_workbook(sent)
    meta_ws = wb[META_SHEET]
    rows = {row[0].value: row[0].row for row in meta_ws.iter_rows()}
    meta_ws.delete_rows(rows[metadata.BINDING])
    cells = {row[0].value: row[1] for row in meta_ws.iter_rows()}
    cells[metadata.SIGNATURE].value = metadata.sign({k: c.value for k, c in cells.items()}, workbook_secret(ctx))
    supplier_ws = wb["Supplier"]
    for col in "ABC":
        supplier_ws[f"{col}16"].value = None
    wb.save(sent)
    old = fill(sent, {"pr_workers_total": 75}, out=tmp_path / "old.xlsx")

    [report] = import_paths(ctx, [old])

    assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]


def _huge_pack(path):
    comments = ",".join(f'"c{n:06d}":""' for n in range(350_000))
    path.write_text('{"format":"fldd-answer-pack","comments":{' + comments + "}}", encoding="utf-8")
    return path


def test_a_pack_with_350000_comment_keys_is_refused_at_once(ctx, tmp_path):
    pack = _huge_pack(tmp_path / "huge.json")
    before = store_exchange.data_checksum(ctx.store)

    started = time.perf_counter()
    [report] = import_paths(ctx, [pack])
    elapsed = time.perf_counter() - started

    assert report.outcome == "rejected" and elapsed < 0.5, elapsed
    assert str(report.errors[0]).startswith("huge.json: not an answer pack: it holds more than 50,000 keys")
    assert store_exchange.data_checksum(ctx.store) == before


@pytest.mark.parametrize(("separator", "count", "expected"), [
    ("\t:", 45_000, "an object holds 45,000 keys; an answer pack holds at most 5,000 in one"),
    (":", 4_000, "comments: 4,000 entries, more than any questionnaire here has questions "
                 f"({max(len(q.questions) for q in standard().questionnaires.values())})"),
])
def test_packs_with_many_keys_are_refused_before_their_schema_is_checked(ctx, tmp_path, separator, count, expected):
    comments = ",".join(f'"c{n:06d}"{separator}"x"' for n in range(count))
    pack = tmp_path / "many.json"
    pack.write_text('{"format":"fldd-answer-pack","comments":{' + comments + "}}", encoding="utf-8")

    started = time.perf_counter()
    [report] = import_paths(ctx, [pack])

    assert time.perf_counter() - started < 0.5
    assert expected in report.errors[0].message


def test_every_text_cell_fldd_writes_is_a_text_formatted_string_cell(ctx, tmp_path):
    supplier_id = add_supplier(ctx, '=HYPERLINK("http://example.com","Click")', "MY", goods=["Garments"],
                               address="+60 3 1234", contacts=[{"name": "@admin", "phone": "-1"}])
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "sent.xlsx").path
    report = tmp_path / "report.xlsx"
    write_report_xlsx([FileReport(tmp_path / "=1+1.xlsx", "rejected", errors=[Issue("-2+3 is not a number",
                                                                                    sheet="@x", cell="D2")])],
                      report)

    for path in (sent, report):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        assert (cell.data_type, cell.number_format) == ("s", "@"), (path.name, ws.title,
                                                                                     cell.coordinate, cell.value)
    assert openpyxl.load_workbook(sent)["Supplier"]["C2"].value.startswith("=HYPERLINK")


def test_text_is_kept_as_given_so_trimming_never_makes_a_formula(ctx, supplier_id, tmp_path):
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "sent.xlsx").path
    filled = fill(sent, {"pr_languages": "\t=1+1", "pr_workers_total": 10},
                  comments={"pr_workers_total": "\n =2+2  \t"}, out=tmp_path / "filled.xlsx")

    [report] = import_paths(ctx, [filled])

    answers = store_assessments.answers(ctx.store, report.assessment_id)
    assert answers["pr_languages"].value == "\t=1+1"
    assert answers["pr_workers_total"].comment == "\n =2+2"


def test_the_parts_excel_and_libreoffice_add_when_they_save_are_accepted(corpus, tmp_path):
    ctx, good, _ = corpus
    extra = {name: b"<x/>" for name in (
        "xl/calcChain.xml", "docProps/custom.xml", "xl/printerSettings/printerSettings1.bin", "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet3.xml.rels", "customXml/item1.xml",
        "customXml/itemProps1.xml", "customXml/_rels/item1.xml.rels", "xl/persons/person.xml",
        "xl/threadedComments/threadedComment1.xml", "xl/media/image1.png", "xl/externalLinks/externalLink1.xml")}
    saved = _add_members(_fresh(good, tmp_path / "base.xlsx", 601), tmp_path / "saved.xlsx", extra)

    [report] = import_paths(ctx, [saved], dry_run=True)

    assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]


def test_a_hidden_column_after_the_comments_is_read_past(corpus, tmp_path):
    ctx, good, _ = corpus
    wb = openpyxl.load_workbook(_fresh(good, tmp_path / "base.xlsx", 701))
    for ws in wb.worksheets[2:-2]:  # every module sheet
        ws.insert_cols(6)
        ws.column_dimensions["F"].hidden = True
        ws["F2"].value = "our own note"
    wb.save(tmp_path / "notes.xlsx")

    [report] = import_paths(ctx, [tmp_path / "notes.xlsx"])

    assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]
    assert store_assessments.answers(ctx.store, report.assessment_id)["pr_workers_total"].value == 701
