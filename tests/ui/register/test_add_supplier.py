"""User story: a buyer adds a supplier by keyboard, checks its OS ID as they type, and sees it in the register."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from fldd.identifiers import os_id_check_char
from fldd.ui.register.supplier_model import COL_COUNTRY, COL_INHERENT, COL_NAME
from fldd.usecases.risk_data import load_risk_file
from fldd.usecases.suppliers import get_supplier, register
from tests.ui.register.conftest import OFFSCREEN_LIMITS

# Qt's offscreen platform says so for every dialog and completer popup: not a problem of the page.
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

OS_ID_HEAD = "MY2024015BQ3FZ"
GOOD_OS_ID = OS_ID_HEAD + os_id_check_char(OS_ID_HEAD)
WRONG_CHECK = next(c for c in "ABCDEFGH" if c != GOOD_OS_ID[-1])


def _open_dialog(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    return page.dialog


def _pick_from_popup(qtbot, completer, expected: str) -> None:
    """Wait for the completer's list, check its first entry, and choose it with Down and Enter."""
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert completer.completionModel().index(0, 0).data() == expected
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())


def _tab_to(qtbot, dialog, widget) -> None:
    """Press Tab until widget has the focus (at most a few times), as a person moves through the form."""
    for _ in range(8):
        if widget.hasFocus():
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert widget.hasFocus(), f"Tab never reached {widget}"


def test_add_a_supplier_by_keyboard_with_country_goods_and_os_id(qtbot, page, ctx):
    assert page.count.text() == "0 of 0 suppliers"
    dialog = _open_dialog(qtbot, page)
    qtbot.waitUntil(dialog.name.hasFocus)

    qtbot.keyClicks(dialog.name, "Klang Gloves Sdn Bhd")
    _tab_to(qtbot, dialog, dialog.country)
    qtbot.keyClicks(dialog.country, "Malay")
    _pick_from_popup(qtbot, dialog.country_completer, "MY — Malaysia")
    assert dialog.country.currentText() == "MY — Malaysia"
    _tab_to(qtbot, dialog, dialog.goods)
    qtbot.keyClicks(dialog.goods, "Rubber Glo")
    _pick_from_popup(qtbot, dialog.goods_completer, "Rubber Gloves")
    assert dialog.goods.text() == "Rubber Gloves"

    _tab_to(qtbot, dialog, dialog.os_id)
    qtbot.keyClicks(dialog.os_id, GOOD_OS_ID[:-1] + WRONG_CHECK)
    assert dialog.os_id_status.isVisible()
    assert f"check character should be '{GOOD_OS_ID[-1]}'" in dialog.os_id_status.text().lower()
    assert "#b00020" in dialog.os_id_status.styleSheet()
    qtbot.keyClick(dialog.os_id, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.os_id, GOOD_OS_ID[-1])
    assert dialog.os_id_status.text() == "Valid OS ID"

    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.os_id, Qt.Key.Key_Return)

    rows = register(ctx)
    assert [(r["name"], r["country"], r["os_id"]) for r in rows] == [("Klang Gloves Sdn Bhd", "MY", GOOD_OS_ID)]
    assert get_supplier(ctx, rows[0]["id"]).goods == ["Rubber Gloves"]
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    shown = [page.proxy.index(0, column).data() for column in (COL_NAME, COL_COUNTRY, COL_INHERENT)]
    assert shown[:2] == ["Klang Gloves Sdn Bhd", "MY — Malaysia"]
    assert shown[2].split(" ")[0] == rows[0]["inherent_level"].capitalize()
    assert page.count.text() == "1 of 1 supplier"
    assert page.selected_id() == rows[0]["id"] and page.panel.name.text() == "Klang Gloves Sdn Bhd"


def test_country_may_be_typed_as_its_code(qtbot, page, ctx):
    dialog = _open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.name, "Penang Parts")
    qtbot.keyClicks(dialog.country.lineEdit(), "MY")
    dialog.country_completer.popup().hide()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert [r["country"] for r in register(ctx)] == ["MY"]


def test_a_refused_save_keeps_the_dialog_open_with_everything_typed(qtbot, page, ctx):
    dialog = _open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.country.lineEdit(), "Atlantis")
    dialog.country_completer.popup().hide()
    qtbot.keyClicks(dialog.goods, "Cotton, Garments")
    dialog.goods_completer.popup().hide()
    qtbot.keyClicks(dialog.contact["email"], "hr@example.com")

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and register(ctx) == []
    assert dialog.errors.isVisible() and dialog.errors.text().startswith("Not saved: 3 things to fix")
    assert dialog.field_errors["name"].text() == "A supplier needs a name"
    assert dialog.field_errors["country"].text().startswith("'Atlantis' is not a country: pick one from the list")
    assert dialog.field_errors["contact 1"].text() == "A contact needs a name"
    assert (dialog.country.currentText(), dialog.goods.text(), dialog.contact["email"].text()) == (
        "Atlantis", "Cotton, Garments", "hr@example.com")


def test_editing_a_supplier_saves_changes_and_refreshes_the_row(qtbot, demo_page, demo_ctx):
    page = demo_page
    supplier_id = register(demo_ctx)[0]["id"]
    page.select_supplier(supplier_id)
    qtbot.mouseClick(page.panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog.name.text() == get_supplier(demo_ctx, supplier_id).name
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Renamed Cooperative")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert get_supplier(demo_ctx, supplier_id).name == "Renamed Cooperative"
    assert page.panel.name.text() == "Renamed Cooperative"
    row = page.model.row_of(supplier_id)
    assert page.model.index(row, COL_NAME).data() == "Renamed Cooperative"


def test_the_goods_suggested_are_those_of_the_dol_list_in_force(qtbot, page, ctx, tmp_path):
    newer = tmp_path / "dol-2025.csv"
    newer.write_text("Country,Good,Child Labor,Forced Labor\nItaly,Tomatoes,,X\nMalaysia,Zinc Sheeting,,X\n",
                     encoding="utf-8")
    load_risk_file(ctx, "dol_goods", newer, fewer_rows=True)
    dialog = _open_dialog(qtbot, page)
    goods = dialog.goods_completer.model().stringList()
    assert "Zinc Sheeting" in goods and "Rubber Gloves" not in goods  # the 2025 file replaced the shipped list
    assert "Zinc Sheeting@" in dialog.materials_completer.model().stringList()
    qtbot.waitUntil(dialog.name.hasFocus)
    _tab_to(qtbot, dialog, dialog.goods)
    qtbot.keyClicks(dialog.goods, "Zinc Sh")
    _pick_from_popup(qtbot, dialog.goods_completer, "Zinc Sheeting")
    assert dialog.goods.text() == "Zinc Sheeting"
    dialog.reject()
