"""The import dialog as a buyer uses it: a folder of returned workbooks, a preview, the import in the background
with progress, Cancel part way, and the per-file report saved as a spreadsheet."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt

from fldd.store import exchange as store_exchange
from fldd.ui.exchange.import_dialog import ImportDialog
from fldd.ui.exchange.report_model import COL_FILE, COL_MISSING, COL_OUTCOME, COL_SUPPLIER, HEADERS
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import assessment_json, list_assessments
from tests.ui.exchange.conftest import COMPLETE, OFFSCREEN_LIMITS, returned_workbook

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
WAIT_MS = 30_000


def table(dialog) -> list[dict[str, str]]:
    """What the table shows, row by row, as the person reads it."""
    view = dialog.table.model()
    return [{HEADERS[c]: view.index(r, c).data() or "" for c in range(view.columnCount())}
            for r in range(view.rowCount())]


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def dialog_for(qtbot):
    def make(ctx, prompter):
        dialog = ImportDialog(ctx, prompter)
        qtbot.addWidget(dialog)
        dialog.resize(1100, 640)
        dialog.show()
        return dialog
    return make


def test_a_folder_is_previewed_then_imported_and_each_file_reported(qtbot, every_ctx, returned_folder, tmp_path,
                                                                     dialog_for):
    report_path = tmp_path / "report.xlsx"
    prompter = ScriptedPrompter(files=[str(returned_folder), str(report_path)])
    dialog = dialog_for(every_ctx, prompter)
    assert not dialog.import_button.isEnabled() and not dialog.save_button.isEnabled()

    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_folder_button)

    preview = table(dialog)
    assert [r["File"] for r in preview] == ["01 Klang Valley Gloves.xlsx", "02 Penang Latex.xlsx",
                                            "03 scanned letter.xlsx", "04 Ipoh Mills.xlsx"]  # not readme.txt
    assert [r["Outcome"] for r in preview] == ["Will be accepted", "Will be accepted, incomplete",
                                               "Will be rejected", "Will be rejected"]
    assert list_assessments(every_ctx) == [] and store_exchange.imports(every_ctx.store) == []  # a dry run

    with qtbot.waitSignal(dialog.import_done, timeout=WAIT_MS) as done:
        click(qtbot, dialog.import_button)

    rows = table(dialog)
    assert [r["Outcome"] for r in rows] == ["Accepted", "Accepted, incomplete", "Rejected", "Rejected"]
    assert [r["Supplier"] for r in rows[:2]] == ["Klang Valley Gloves", "Penang Latex"]
    assert rows[0]["Required missing"] == "0" and int(rows[1]["Required missing"]) > 0
    assert int(rows[0]["Answers set"]) == len(COMPLETE) and 0 < int(rows[1]["Answers set"]) < len(COMPLETE)
    assert "not" in rows[2]["Details"] and "zip" in rows[2]["Details"]
    assert "signature" in rows[3]["Details"] or "metadata" in rows[3]["Details"]
    assert "Imported 4 files: 1 accepted, 1 accepted as incomplete, 2 rejected." in dialog.status.text()
    # the database holds the two good files, whole, and the log all four
    by_supplier = {row["supplier"]: row for row in list_assessments(every_ctx)}
    assert set(by_supplier) == {"Klang Valley Gloves", "Penang Latex"}
    assert by_supplier["Klang Valley Gloves"]["status"] == "submitted"
    klang = assessment_json(every_ctx, by_supplier["Klang Valley Gloves"]["id"])
    assert klang["answers"]["languages"] == COMPLETE["languages"] and klang["answers"]["workers"] == 250
    assert sorted(r["outcome"] for r in store_exchange.imports(every_ctx.store)) == [
        "accepted", "accepted_incomplete", "rejected", "rejected"]
    assert [r.outcome for r in done.args[0]] == ["accepted", "accepted_incomplete", "rejected", "rejected"]
    assert not dialog.import_button.isEnabled()  # importing the same files again would change nothing

    dialog.table.selectRow(2)
    assert "Problems (1):" in dialog.details.toPlainText()
    click(qtbot, dialog.save_button)
    saved = openpyxl.load_workbook(report_path)["Files"]
    assert [row[0].value for row in saved.iter_rows(min_row=2)] == [r["File"] for r in rows]
    assert "Report saved to" in dialog.status.text()


def test_rows_sort_by_outcome_with_rejections_first(qtbot, every_ctx, returned_folder, dialog_for):
    dialog = dialog_for(every_ctx, ScriptedPrompter(files=[str(returned_folder)]))
    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_folder_button)

    qtbot.mouseClick(dialog.table.horizontalHeader().viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(dialog.table, COL_OUTCOME))

    assert [r["Outcome"] for r in table(dialog)][:2] == ["Will be rejected", "Will be rejected"]


def _section_centre(view, col):
    from PySide6.QtCore import QPoint

    header = view.horizontalHeader()
    return QPoint(header.sectionViewportPosition(col) + header.sectionSize(col) // 2, header.height() // 2)


def test_cancel_part_way_stops_after_the_file_being_imported(qtbot, every_ctx, tmp_path, dialog_for):
    folder = tmp_path / "mail"
    folder.mkdir()
    names = [f"{n:02} Supplier {n}.xlsx" for n in range(1, 6)]
    for n, name in enumerate(names, start=1):
        returned_workbook(every_ctx, folder, name, f"Supplier {n}", COMPLETE)
    for sent in folder.glob(".sent-*"):
        sent.unlink()
    dialog = dialog_for(every_ctx, ScriptedPrompter(files=[str(folder)]))
    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_folder_button)
    first_done, go_on = threading.Event(), threading.Event()

    def hold_after_the_first_file(done, total):  # runs in the worker thread, between two files
        if done == 1:
            first_done.set()
            go_on.wait(WAIT_MS / 1000)

    dialog.progressed.connect(hold_after_the_first_file, Qt.ConnectionType.DirectConnection)
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(first_done.is_set, timeout=WAIT_MS)
    assert dialog.cancel_button.isEnabled() and not dialog.add_folder_button.isEnabled()
    click(qtbot, dialog.cancel_button)
    with qtbot.waitSignal(dialog.import_done, timeout=WAIT_MS) as done:
        go_on.set()

    assert [r.outcome for r in done.args[0]] == ["accepted"]
    assert [r["Outcome"] for r in table(dialog)] == ["Accepted"] + ["Not imported (cancelled)"] * 4
    assert "Import cancelled after 1 of 5 files" in dialog.status.text()
    # the first file whole, nothing of the others
    [only] = list_assessments(every_ctx)
    assert only["supplier"] == "Supplier 1" and only["status"] == "submitted"
    assert len(assessment_json(every_ctx, only["id"])["answers"]) == 11
    assert [r["file_name"] for r in store_exchange.imports(every_ctx.store)] == [names[0]]
    assert dialog.import_button.isEnabled() is False and dialog.save_button.isEnabled()


def test_closing_while_importing_waits_for_the_file_being_imported(qtbot, every_ctx, returned_folder, dialog_for):
    dialog = dialog_for(every_ctx, ScriptedPrompter(files=[str(returned_folder)]))
    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_folder_button)
    click(qtbot, dialog.import_button)

    dialog.close()

    assert dialog.worker is None or dialog.worker.isFinished()
    outcomes = [r["outcome"] for r in store_exchange.imports(every_ctx.store)]
    assert len(outcomes) <= 4


def test_files_chosen_one_by_one_are_added_to_the_list(qtbot, every_ctx, returned_folder, dialog_for):
    good = returned_folder / "01 Klang Valley Gloves.xlsx"
    bad = returned_folder / "03 scanned letter.xlsx"
    dialog = dialog_for(every_ctx, ScriptedPrompter(files=[[str(good)], [str(bad), str(good)]]))
    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_files_button)
    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_files_button)

    assert [r["File"] for r in table(dialog)] == [good.name, bad.name]
    assert dialog.count_label.text() == "2 files chosen."
    click(qtbot, dialog.clear_button)
    assert table(dialog) == [] and not dialog.import_button.isEnabled()


def test_columns_say_what_a_buyer_needs(qtbot, every_ctx, dialog_for):
    dialog = dialog_for(every_ctx, ScriptedPrompter())
    assert [HEADERS[c] for c in (COL_FILE, COL_OUTCOME, COL_SUPPLIER, COL_MISSING)] == [
        "File", "Outcome", "Supplier", "Required missing"]
    assert "No files chosen yet" in dialog.count_label.text()


def test_other_pages_are_told_when_an_import_changed_data(qtbot, every_ctx, returned_folder, dialog_for):
    dialog = dialog_for(every_ctx, ScriptedPrompter(files=[str(returned_folder)]))
    with qtbot.waitSignal(dialog.preview_done, timeout=WAIT_MS):
        click(qtbot, dialog.add_folder_button)

    with qtbot.waitSignals([dialog.data_changed, dialog.import_done], timeout=WAIT_MS):
        click(qtbot, dialog.import_button)


def test_every_button_has_its_own_mnemonic(qtbot, every_ctx, dialog_for):
    dialog = dialog_for(every_ctx, ScriptedPrompter())
    buttons = (dialog.add_files_button, dialog.add_folder_button, dialog.clear_button, dialog.save_button,
               dialog.import_button, dialog.cancel_button)
    keys = [b.text()[b.text().index("&") + 1].lower() for b in buttons]
    assert len(set(keys)) == len(keys), keys
