"""User story: a buyer records where a site's migrant workers and cotton come from, by keyboard, and the panel
shows each inherent-risk factor with its points, the edition of its table and its source."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fldd.risk.inherent import edition_label
from fldd.usecases.risk_data import current_risk_data
from fldd.usecases.suppliers import get_supplier, register
from tests.ui.register.conftest import OFFSCREEN_LIMITS
from tests.ui.register.test_add_supplier import _open_dialog

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def _type_in(qtbot, dialog, mnemonic, field, text) -> None:
    """Alt+letter to the field (its label's mnemonic), then type, closing any completion list."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keyboard shortcuts need the active window
    qtbot.keyClick(QApplication.focusWidget(), mnemonic, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, text)
    if field.completer() is not None:
        field.completer().popup().hide()


def test_corridors_materials_and_other_names_by_keyboard_reach_the_store_and_the_panel(qtbot, page, ctx):
    dialog = _open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.name, "Gazipur Knitwear")
    qtbot.keyClicks(dialog.country.lineEdit(), "DE")
    dialog.country_completer.popup().hide()
    _type_in(qtbot, dialog, Qt.Key.Key_M, dialog.aliases, "GK Ltd; Gazipur Knit Co., Ltd")
    _type_in(qtbot, dialog, Qt.Key.Key_K, dialog.corridors, "MM, Nepal")
    _type_in(qtbot, dialog, Qt.Key.Key_I, dialog.materials, "Cotton@CN")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.materials, Qt.Key.Key_Return)

    (row,) = register(ctx)
    s = get_supplier(ctx, row["id"])
    assert (s.aliases, s.corridors, s.materials) == (["GK Ltd", "Gazipur Knit Co., Ltd"], ["MM", "NP"],
                                                     [{"material": "Cotton", "country": "CN"}])
    assert s.inherent_level == "high"  # Germany alone is low; the cotton lifts it
    panel = page.panel
    qtbot.waitUntil(lambda: panel.supplier_id == s.id)
    assert panel.fields["corridors"].text() == "Myanmar (Burma) (MM), Nepal (NP)"
    assert panel.fields["materials"].text() == "Cotton from China (CN)"
    lines = panel.reasons.text().splitlines()
    material = next(i for i, line in enumerate(lines) if "uses Cotton from China" in line)
    assert lines[material].startswith("• +4 ") and "(at least high risk)" in lines[material]
    assert lines[material + 1].strip().startswith(edition_label(current_risk_data(ctx), "dol_goods") + " · ")
    assert lines[material + 1].endswith("source: us-dol-tvpra-2024")
    assert any(line.startswith("• +2 Workers come from Myanmar (Burma)") for line in lines)
    assert panel.risk_badge.text().startswith("High (")
    assert "ilo-fr-gp: ILO General Principles" in panel.reasons.toolTip()


def test_a_material_without_its_country_is_refused_under_its_field(qtbot, page, ctx):
    dialog = _open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.name, "Bremen Weaving")
    qtbot.keyClicks(dialog.country.lineEdit(), "DE")
    dialog.country_completer.popup().hide()
    _type_in(qtbot, dialog, Qt.Key.Key_I, dialog.materials, "Cotton")
    _type_in(qtbot, dialog, Qt.Key.Key_K, dialog.corridors, "Atlantis")
    qtbot.keyClick(dialog.corridors, Qt.Key.Key_Return)

    assert dialog.isVisible() and register(ctx) == []
    assert dialog.field_errors["raw materials"].isVisible()
    assert dialog.field_errors["raw materials"].text().startswith("'Cotton' needs a material and its country")
    assert dialog.field_errors["recruitment corridors"].text().startswith("'Atlantis' is not a country")
    assert dialog.corridors.hasFocus() or dialog.materials.hasFocus()


def test_the_edit_form_shows_what_is_stored(qtbot, demo_page, demo_ctx):
    page = demo_page
    sid = next(r["id"] for r in register(demo_ctx) if r["name"].startswith("Klang Valley"))
    page.select_supplier(sid)
    qtbot.mouseClick(page.panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    assert (page.dialog.corridors.text(), page.dialog.aliases.text()) == ("NP, BD, MM", "KV Gloves")
    page.dialog.reject()
