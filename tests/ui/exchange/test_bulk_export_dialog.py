"""Sending a questionnaire to many suppliers from the window, as a buyer does it: select rows in the register with
the mouse and keyboard, Ctrl+E, choose a folder; the workbooks are written in the background with progress and
Cancel, the dialog ends with what was written and what was refused, and Home lists them as awaiting return."""

from __future__ import annotations

import datetime as dt
import threading

import openpyxl
import pytest
from PySide6.QtCore import Qt

from fldd.store import exports as store_exports
from fldd.ui.exchange.export_dialog import ALL, ONE, SELECTED, SHOWN, ExportDialog
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier
from tests.ui.exchange.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
WAIT_MS = 30_000
TODAY = dt.date(2026, 11, 23)
SUPPLIERS = [("Andaman Seafood", "TH"), ("Bangkok Garments", "TH"), ("Chennai Leather", "IN"),
             ("Dhaka Denim", "BD"), ("Hanoi Textiles", "VN")]


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer")
    context.today = lambda: TODAY
    for name, country in SUPPLIERS:
        add_supplier(context, name, country)
    yield context
    context.close()


@pytest.fixture
def prompter():
    return ScriptedPrompter()


@pytest.fixture
def window(qtbot, ctx, prompter):
    main = MainWindow(ctx, prompter)
    qtbot.addWidget(main)
    main.resize(1280, 700)
    main.show()
    qtbot.waitExposed(main)
    return main


def register_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get(1))
    return window.pages[1]


def click_row(qtbot, page, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = page.table.visualRect(page.proxy.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def open_export(qtbot, window) -> ExportDialog:
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ExportDialog) and window.dialog.isVisible())
    return window.dialog


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def meta(path) -> dict:
    return {r[0]: r[1] for r in openpyxl.load_workbook(path, read_only=True)["_fldd"].iter_rows(values_only=True)}


def test_rows_selected_in_the_register_each_get_a_workbook_in_the_chosen_folder(qtbot, window, prompter, tmp_path,
                                                                                 ctx):
    page = register_page(qtbot, window)
    click_row(qtbot, page, 0)
    click_row(qtbot, page, 2, Qt.KeyboardModifier.ControlModifier)  # Chennai, besides Andaman
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # and Dhaka below it
    assert not page.desktop_button.isEnabled()  # an assessment starts for one supplier
    dialog = open_export(qtbot, window)

    assert dialog.scope_buttons[SELECTED].isChecked()
    assert dialog.scope_buttons[SELECTED].text() == "The 3 suppliers &selected in the register"
    assert not dialog.scope_buttons[SHOWN].isVisible()  # nothing filtered: the register shows them all
    assert dialog.scope_buttons[ALL].text() == "&All 5 suppliers in the register"
    assert not dialog.supplier.isEnabled() and not dialog.prefill.isEnabled() and not dialog.kind.isEnabled()
    assert "Andaman Seafood, Chennai Leather, Dhaka Denim" in dialog.hint.text()
    assert dialog.export_button.text() == "&Export 3 workbooks…"
    folder = tmp_path / "round 1"
    prompter.files.append(str(folder))

    with qtbot.waitSignal(dialog.bulk_done, timeout=WAIT_MS) as done, \
            qtbot.waitSignal(dialog.data_changed, timeout=WAIT_MS):  # the window refreshes what it shows
        click(qtbot, dialog.export_button)

    names = [f"{n} - fldd-desktop - 2026-11-23.xlsx" for n in ("Andaman Seafood", "Chennai Leather", "Dhaka Denim")]
    assert [o.path.name for o in done.args[0]] == names
    assert sorted(p.name for p in folder.iterdir()) == names
    assert [meta(folder / name)["supplier_name"] for name in names] == ["Andaman Seafood", "Chennai Leather",
                                                                        "Dhaka Denim"]
    assert [r["supplier"] for r in store_exports.sent(ctx.store)] == ["Andaman Seafood", "Chennai Leather",
                                                                      "Dhaka Denim"]
    assert dialog.status.text() == f"3 workbooks written to {folder}."
    assert not dialog.refusals.isVisible() and not dialog.running.isVisible()
    assert ("open_folder", "Choose the folder for the 3 workbooks", "") in prompter.asked

    dialog.close()
    home = window.nav.visualItemRect(window.nav.item(0)).center()
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=home)
    card = window.pages[0].cards["awaiting"]
    qtbot.waitUntil(lambda: card.isVisible() and card.count.text() == "3")
    assert [card.entries.item(i).text().split(" — ")[0] for i in range(3)] == [
        "Andaman Seafood", "Chennai Leather", "Dhaka Denim"]


def test_the_suppliers_the_register_shows_or_all_of_them_can_be_chosen(qtbot, window, prompter, tmp_path, ctx):
    page = register_page(qtbot, window)
    page.country.setFocus()
    qtbot.keyClicks(page.country, "TH")  # TH — Thailand
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    dialog = open_export(qtbot, window)
    assert dialog.scope_buttons[ONE].isChecked() and not dialog.scope_buttons[SELECTED].isVisible()
    assert dialog.export_button.text() == "&Export…"

    click(qtbot, dialog.scope_buttons[SHOWN])
    assert dialog.scope_buttons[SHOWN].text() == "The 2 suppliers the register s&hows (its search and filters)"
    assert dialog.export_button.text() == "&Export 2 workbooks…"
    qtbot.keyClicks(dialog.language, "Esp")
    prompter.files.append(str(tmp_path / "thai"))
    with qtbot.waitSignal(dialog.bulk_done, timeout=WAIT_MS):
        click(qtbot, dialog.export_button)
    assert sorted(p.name for p in (tmp_path / "thai").iterdir()) == [
        "Andaman Seafood - fldd-desktop - es - 2026-11-23.xlsx",
        "Bangkok Garments - fldd-desktop - es - 2026-11-23.xlsx"]

    dialog.scope_buttons[SHOWN].setFocus()
    qtbot.keyClick(dialog.scope_buttons[SHOWN], Qt.Key.Key_Down)  # the arrow moves to "All 5 suppliers"
    assert dialog.scope_buttons[ALL].isChecked() and dialog.export_button.text() == "&Export 5 workbooks…"
    prompter.files.append(str(tmp_path / "thai"))  # the same folder again: nothing there is replaced
    with qtbot.waitSignal(dialog.bulk_done, timeout=WAIT_MS):
        click(qtbot, dialog.export_button)
    assert len(list((tmp_path / "thai").iterdir())) == 7 and store_exports.count(ctx.store) == 7
    assert (tmp_path / "thai" / "Andaman Seafood - fldd-desktop - es - 2026-11-23 (2).xlsx").exists()


def test_a_refused_supplier_is_listed_with_its_reason_and_the_others_are_written(qtbot, window, prompter, tmp_path,
                                                                                  monkeypatch):
    import fldd.exchange.workbook_write as writer

    real = writer.write_workbook

    def disk_trouble(handle, lay, content):
        if content.meta["supplier_name"] == "Bangkok Garments":
            raise OSError(28, "No space left on device")
        return real(handle, lay, content)

    monkeypatch.setattr(writer, "write_workbook", disk_trouble)
    page = register_page(qtbot, window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # every row
    dialog = open_export(qtbot, window)
    assert dialog.scope_buttons[SELECTED].text() == "The 5 suppliers &selected in the register"
    prompter.files.append(str(tmp_path / "out"))

    with qtbot.waitSignal(dialog.bulk_done, timeout=WAIT_MS):
        click(qtbot, dialog.export_button)

    assert dialog.status.text() == (f"4 workbooks written to {tmp_path / 'out'}. 1 supplier refused, with the "
                                    "reasons below.")
    assert dialog.refusals.isVisible() and dialog.refusals.toPlainText() == (
        "Bangkok Garments: Bangkok Garments - fldd-desktop - 2026-11-23.xlsx: cannot write the file (No space left "
        "on device)")  # the summary names the folder
    assert len(list((tmp_path / "out").iterdir())) == 4

    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # Enter after the summary closes: no resend
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(list((tmp_path / "out").iterdir())) == 4 and dialog.worker is None


def test_cancel_stops_after_the_workbook_being_written(qtbot, ctx, prompter, tmp_path):
    ids = [row_id for row_id in range(1, 6)]
    dialog = ExportDialog(ctx, prompter, selected_ids=ids)
    qtbot.addWidget(dialog)
    dialog.show()
    first_done, go_on = threading.Event(), threading.Event()

    def hold_after_the_first(done, total):  # runs in the worker thread, between two workbooks
        if done == 1:
            first_done.set()
            go_on.wait(WAIT_MS / 1000)

    dialog.progressed.connect(hold_after_the_first, Qt.ConnectionType.DirectConnection)
    prompter.files.append(str(tmp_path / "out"))
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(first_done.is_set, timeout=WAIT_MS)
    assert dialog.running.isVisible() and not dialog.export_button.isEnabled()
    assert not dialog.scope_buttons[ALL].isEnabled()
    click(qtbot, dialog.cancel_button)
    assert dialog.status.text() == "Cancelling: finishing the workbook being written…"
    with qtbot.waitSignal(dialog.bulk_done, timeout=WAIT_MS) as done:
        go_on.set()

    assert [o.supplier for o in done.args[0]] == ["Andaman Seafood"]
    assert dialog.status.text() == (f"Cancelled after 1 of 5: 1 workbook written to {tmp_path / 'out'}. The other 4 "
                                    "were not written.")
    assert len(list((tmp_path / "out").iterdir())) == 1 and store_exports.count(ctx.store) == 1
    assert dialog.export_button.isEnabled() and not dialog.running.isVisible()


def test_closing_while_exporting_waits_for_the_workbook_being_written(qtbot, ctx, prompter, tmp_path):
    dialog = ExportDialog(ctx, prompter, selected_ids=list(range(1, 6)))
    qtbot.addWidget(dialog)
    dialog.show()
    prompter.files.append(str(tmp_path / "out"))
    click(qtbot, dialog.export_button)

    dialog.close()

    assert dialog.worker is None or dialog.worker.isFinished()
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == store_exports.count(ctx.store) <= 5
    assert not any(name.endswith(".part") for name in written)


def test_choosing_no_folder_writes_nothing(qtbot, ctx, prompter, tmp_path):
    dialog = ExportDialog(ctx, prompter, selected_ids=[1, 2])
    qtbot.addWidget(dialog)
    dialog.show()

    click(qtbot, dialog.export_button)

    assert dialog.worker is None and dialog.isVisible() and store_exports.count(ctx.store) == 0
