"""Sending a questionnaire to many suppliers: one workbook each, readable and safe names that never replace a file,
a refusal that does not stop the rest, a cancel that stops after the current file, and every file logged as
sent in the same transaction that writes it."""

from __future__ import annotations

import contextlib
import os
import sqlite3

import openpyxl
import pytest

from fldd.store import exports as store_exports
from fldd.usecases.bulk_export import MAX_STEM_BYTES, MAX_STEM_CHARS, export_workbooks, workbook_file_name
from fldd.usecases.context import own_connection
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill
from tests.usecases.conftest import TODAY

DAY = TODAY.isoformat()


def _meta(path) -> dict:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {row[0]: row[1] for row in wb["_fldd"].iter_rows(values_only=True)}


def test_each_supplier_gets_a_workbook_that_imports_back_into_its_own_assessment(ctx, tmp_path):
    names = ["Klang Valley Gloves Sdn Bhd", "Saigon Stitch Co.", "Dhaka Denim Works"]
    ids = [add_supplier(ctx, name, country) for name, country in zip(names, ("MY", "VN", "BD"))]
    folder = tmp_path / "to send" / "round 1"  # made when missing
    seen = []

    outcomes = export_workbooks(ctx, ids, "fldd-desktop", folder, "en",
                                progress=lambda done, total, outcome: seen.append((done, total, outcome.supplier)))

    assert [(o.supplier_id, o.written, o.reasons) for o in outcomes] == [(i, True, ()) for i in ids]
    assert seen == [(1, 3, names[0]), (2, 3, names[1]), (3, 3, names[2])]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n} - fldd-desktop - {DAY}.xlsx" for n in names)
    for outcome in outcomes:
        meta = _meta(outcome.path)
        assert (meta["supplier_name"], meta["export_id"]) == (outcome.supplier, outcome.export_id)
        fill(outcome.path, {"pr_workers_total": 80 + outcome.supplier_id, "gov_policy_exists": "Yes"})

    reports = import_paths(ctx, [folder])

    assert {(r.supplier, r.outcome, r.export_id) for r in reports} == {
        (o.supplier, "accepted_incomplete", o.export_id) for o in outcomes}
    rows = store_exports.sent(ctx.store)
    assert [(r["supplier_id"], r["export_id"], r["file_name"], r["language"], r["exported_by"]) for r in rows] == [
        (o.supplier_id, o.export_id, o.path.name, "en", "amina") for o in outcomes]
    assert all(r["returned_outcome"] == "accepted_incomplete" for r in rows)


def test_names_are_safe_on_every_system_and_bounded():
    assert workbook_file_name('A/B: "C" <D>?|*', "fldd-desktop", "en", TODAY) == f"A B C D - fldd-desktop - {DAY}.xlsx"
    assert workbook_file_name("..Hidden\tTabs\u202eslx.exe", "fldd-desktop", "es", TODAY) == (
        f"Hidden Tabs slx.exe - fldd-desktop - es - {DAY}.xlsx")  # no hiding dot, no right-to-left override
    assert workbook_file_name("~$Lock", "fldd-desktop", "en", TODAY, 2) == f"Lock - fldd-desktop - {DAY} (2).xlsx"
    assert workbook_file_name("???", "fldd-desktop", "en", TODAY).startswith("Supplier - ")
    long = workbook_file_name("Very Long Name " * 20, "fldd-desktop", "en", TODAY)
    assert long == f"{'Very Long Name ' * 4}Very Long - fldd-desktop - {DAY}.xlsx"  # cut at a word
    assert len(long) <= 105 == MAX_STEM_CHARS + len(".xlsx")
    thai = workbook_file_name("บริษัท ถุงมือยาง จำกัด " * 8, "fldd-desktop", "th", TODAY)
    assert thai.startswith("บริษัท ถุงมือยาง จำกัด ") and thai.endswith(f" - fldd-desktop - th - {DAY}.xlsx")
    assert len(thai.encode("utf-8")) <= 185 == MAX_STEM_BYTES + len(".xlsx")  # three bytes a letter


def test_a_name_taken_in_the_folder_or_the_batch_gets_a_number_and_nothing_is_overwritten(ctx, tmp_path):
    first = add_supplier(ctx, "Acme Ltd", "MY")
    same = add_supplier(ctx, "Acme Ltd", "VN")  # two sites under one name
    shouting = add_supplier(ctx, "ACME LTD", "TH")  # differs only in case: one file on Windows and macOS
    folder = tmp_path / "out"
    folder.mkdir()
    earlier = folder / f"acme ltd - fldd-desktop - {DAY}.xlsx"  # the same name on Windows and macOS
    earlier.write_bytes(b"sent this morning")
    (folder / f"Acme Ltd - fldd-desktop - {DAY} (2).xlsx").mkdir()  # even a folder keeps its name

    outcomes = export_workbooks(ctx, [first, same, shouting], "fldd-desktop", folder)

    assert [o.path.name for o in outcomes] == [f"Acme Ltd - fldd-desktop - {DAY} (3).xlsx",
                                               f"Acme Ltd - fldd-desktop - {DAY} (4).xlsx",
                                               f"ACME LTD - fldd-desktop - {DAY} (5).xlsx"]
    assert earlier.read_bytes() == b"sent this morning"
    assert [_meta(o.path)["supplier_uid"] for o in outcomes] == [
        _meta_uid(ctx, first), _meta_uid(ctx, same), _meta_uid(ctx, shouting)]


def _meta_uid(ctx, supplier_id):
    from fldd.usecases.suppliers import get_supplier

    return get_supplier(ctx, supplier_id).uid


def test_a_file_appearing_while_the_batch_runs_is_not_replaced(ctx, tmp_path, monkeypatch):
    supplier = add_supplier(ctx, "Acme Ltd", "MY")
    folder = tmp_path / "out"
    folder.mkdir()
    import fldd.usecases.bulk_export as bulk

    real = bulk.export_workbook

    def someone_else_saves_first(ctx, supplier_id, ref, path, **kwargs):
        if not path.name.endswith(" (2).xlsx"):
            path.write_bytes(b"a colleague's file")
        return real(ctx, supplier_id, ref, path, **kwargs)

    monkeypatch.setattr(bulk, "export_workbook", someone_else_saves_first)
    [outcome] = export_workbooks(ctx, [supplier], "fldd-desktop", folder)

    assert outcome.path.name == f"Acme Ltd - fldd-desktop - {DAY} (2).xlsx"
    assert (folder / f"Acme Ltd - fldd-desktop - {DAY}.xlsx").read_bytes() == b"a colleague's file"
    assert [r["file_name"] for r in store_exports.sent(ctx.store)] == [outcome.path.name]


def test_a_refused_supplier_does_not_stop_the_others(ctx, tmp_path, monkeypatch):
    ids = [add_supplier(ctx, name, "MY") for name in ("Alpha", "Bravo", "Charlie")]
    import fldd.exchange.workbook_write as writer

    real = writer.write_workbook

    def disk_trouble(handle, lay, content):
        if content.meta["supplier_name"] == "Bravo":
            raise OSError(28, "No space left on device")
        return real(handle, lay, content)

    monkeypatch.setattr(writer, "write_workbook", disk_trouble)
    outcomes = export_workbooks(ctx, [ids[0], 999, ids[1], ids[2], ids[0]], "fldd-desktop", tmp_path / "out")

    assert [(o.supplier, o.written) for o in outcomes] == [("Alpha", True), ("supplier 999", False),
                                                          ("Bravo", False), ("Charlie", True)]  # Alpha once
    assert outcomes[1].reasons == ("no supplier 999",)
    assert "cannot write the file (No space left on device)" in outcomes[2].reasons[0]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        f"Alpha - fldd-desktop - {DAY}.xlsx", f"Charlie - fldd-desktop - {DAY}.xlsx"]  # no part file, no claim left
    assert [r["supplier"] for r in store_exports.sent(ctx.store)] == ["Alpha", "Charlie"]


def test_a_language_the_questionnaire_lacks_is_refused_for_each_supplier_and_nothing_is_written(ctx, tmp_path):
    ids = [add_supplier(ctx, name, "MY") for name in ("Alpha", "Bravo")]

    outcomes = export_workbooks(ctx, ids, "fldd-desktop", tmp_path / "out", "xx")

    assert [o.written for o in outcomes] == [False, False]
    assert all("fldd-desktop has no language 'xx'" in o.reasons[0] for o in outcomes)
    assert list((tmp_path / "out").iterdir()) == [] and store_exports.count(ctx.store) == 0


def test_cancel_stops_after_the_workbook_being_written(ctx, tmp_path):
    ids = [add_supplier(ctx, name, "MY") for name in ("Alpha", "Bravo", "Charlie", "Delta")]
    done = []

    outcomes = export_workbooks(ctx, ids, "fldd-desktop", tmp_path / "out",
                                progress=lambda n, total, outcome: done.append(n), cancelled=lambda: len(done) >= 2)

    assert [o.supplier for o in outcomes] == ["Alpha", "Bravo"]
    assert len(list((tmp_path / "out").iterdir())) == 2 and store_exports.count(ctx.store) == 2


def test_a_folder_that_cannot_be_made_is_refused_before_anything(ctx, tmp_path):
    supplier = add_supplier(ctx, "Alpha", "MY")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")

    with pytest.raises(Rejected, match="cannot write workbooks there"):
        export_workbooks(ctx, [supplier], "fldd-desktop", blocker / "out")
    assert store_exports.count(ctx.store) == 0


def test_no_row_is_logged_when_the_file_cannot_be_written(ctx, tmp_path):
    supplier = add_supplier(ctx, "Alpha", "MY")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")

    with pytest.raises(Rejected, match="cannot write there"):
        export_workbook(ctx, supplier, "fldd-desktop", blocker / "inside.xlsx")

    assert store_exports.count(ctx.store) == 0


def test_a_file_whose_row_cannot_be_committed_is_taken_away_again(ctx, tmp_path, monkeypatch):
    supplier = add_supplier(ctx, "Alpha", "MY")
    real = ctx.store._transaction

    @contextlib.contextmanager
    def commit_fails():  # the outermost transaction ends in an I/O error where it would commit
        outermost = not ctx.store.conn.in_transaction
        with real():
            yield
            if outermost:
                raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(ctx.store, "_transaction", commit_fails)
    target = tmp_path / "alpha.xlsx"

    with pytest.raises(sqlite3.OperationalError):
        export_workbook(ctx, supplier, "fldd-desktop", target)

    assert not target.exists() and sorted(os.listdir(tmp_path)) == sorted(["fldd.sqlite3", *_wal(tmp_path)])
    monkeypatch.undo()
    assert store_exports.count(ctx.store) == 0
    export_workbook(ctx, supplier, "fldd-desktop", target)
    assert target.exists() and store_exports.count(ctx.store) == 1


def _wal(folder) -> list[str]:
    """SQLite's files beside the database, and fldd's lock file."""
    return [name for name in os.listdir(folder) if name.startswith("fldd.sqlite3-") or name == "fldd.sqlite3.lock"]


def test_the_batch_runs_on_a_connection_of_its_own(ctx, tmp_path):
    from fldd.usecases.bulk_export import run_bulk_export

    supplier = add_supplier(ctx, "Alpha", "MY")
    [outcome] = run_bulk_export(ctx, [supplier], "fldd-desktop", tmp_path / "out")

    assert outcome.written and store_exports.count(ctx.store) == 1
    with own_connection(ctx) as own:
        assert own.store is not ctx.store and own.user == ctx.user and own.today() == TODAY


def test_a_folder_full_of_that_name_refuses_the_supplier(ctx, tmp_path, monkeypatch):
    import fldd.usecases.bulk_export as bulk

    monkeypatch.setattr(bulk, "MAX_NUMBER", 2)
    supplier = add_supplier(ctx, "Alpha", "MY")
    folder = tmp_path / "out"
    folder.mkdir()
    for taken in (f"Alpha - fldd-desktop - {DAY}.xlsx", f"Alpha - fldd-desktop - {DAY} (2).xlsx"):
        (folder / taken).write_bytes(b"earlier")

    [outcome] = export_workbooks(ctx, [supplier], "fldd-desktop", folder)

    assert not outcome.written and outcome.reasons == (
        f"{folder}: 2 files already have this supplier's name: choose another folder",)
    assert len(list(folder.iterdir())) == 2 and store_exports.count(ctx.store) == 0
