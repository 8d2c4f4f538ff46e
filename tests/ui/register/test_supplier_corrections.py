"""User story: a supplier typed corrections into its returned workbook; the buyer finds them in the supplier's
panel, applies one with the mouse, dismisses another by keyboard, and sees the register change (or not)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fldd.store import corrections as store_corrections
from fldd.store import exchange as store_exchange
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.supplier_model import COL_COUNTRY, COL_GOODS
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier, get_supplier, update_supplier
from tests.exchange.conftest import fill, suggest_corrections
from tests.ui.register.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

NAME = "Klang Valley Gloves Sdn Bhd"


def _supplier_with_suggestions(ctx, folder, suggestions: dict[str, str]) -> int:
    """A supplier whose returned workbook suggested these corrections, imported as the buyer would."""
    supplier_id = add_supplier(ctx, NAME, "MY", goods=["Rubber Gloves"], address="12 Jalan Klang",
                               contacts=[{"name": "Siti", "email": "siti@example.com"}])
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", folder / "sent.xlsx").path
    returned = suggest_corrections(fill(sent, {"pr_workers_total": 120}, out=folder / "returned.xlsx"), suggestions)
    [report] = import_paths(ctx, [returned])
    assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]
    return supplier_id


def _show(qtbot, page, supplier_id):
    """Find the supplier as a person does: type its name in the search and press Enter."""
    qtbot.keyClicks(page.search, "Klang Valley")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.panel.isVisible() and page.panel.supplier_id == supplier_id)
    return page.panel.corrections


def _cell(page, supplier_id, column) -> str:
    return page.model.index(page.model.row_of(supplier_id), column).data()


def _statuses(ctx, supplier_id) -> dict[str, str]:
    return {r["field"]: r["status"] for r in store_corrections.history(ctx.store, supplier_id)}


def test_apply_with_the_mouse_then_dismiss_by_keyboard(qtbot, ctx, tmp_path, qtbot_page_factory):
    supplier_id = _supplier_with_suggestions(ctx, tmp_path, {"goods": "Rubber Gloves, Nitrile Gloves",
                                                             "address": "Lot 5, Jalan Kapar"})
    page = qtbot_page_factory(ctx)
    section = _show(qtbot, page, supplier_id)

    assert section.isVisible() and section.heading.text() == "Corrections suggested by the supplier (2)"
    shown = {card.field.text(): (card.on_file.text(), card.suggested.text(), card.source.text())
             for card in section.cards}
    assert shown == {
        "Address": ("12 Jalan Klang", "Lot 5, Jalan Kapar", "From returned.xlsx, imported " + _today(ctx)),
        "Goods": ("Rubber Gloves", "Rubber Gloves, Nitrile Gloves", "From returned.xlsx, imported " + _today(ctx)),
    }
    goods_card = next(card for card in section.cards if card.field.text() == "Goods")
    assert not goods_card.note.isVisible()

    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(goods_card.apply_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: len(section.cards) == 1)
    assert get_supplier(ctx, supplier_id).goods == ["Rubber Gloves", "Nitrile Gloves"]
    assert page.panel.fields["goods"].text() == "Rubber Gloves, Nitrile Gloves"
    assert _cell(page, supplier_id, COL_GOODS) == "Rubber Gloves, Nitrile Gloves"
    assert section.heading.text() == "Correction suggested by the supplier (1)"

    address_card = section.cards[0]
    qtbot.waitUntil(address_card.apply_button.hasFocus)  # the keyboard moved on to what is left
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert address_card.dismiss_button.hasFocus()
    with qtbot.waitSignal(page.data_changed):
        qtbot.keyClick(address_card.dismiss_button, Qt.Key.Key_Space)

    qtbot.waitUntil(lambda: not section.isVisible())
    assert get_supplier(ctx, supplier_id).address == "12 Jalan Klang"
    assert page.panel.fields["address"].text() == "12 Jalan Klang"
    assert _statuses(ctx, supplier_id) == {"goods": "applied", "address": "dismissed"}
    assert page.panel.edit_button.hasFocus()


def test_a_refused_suggestion_is_explained_and_nothing_changes(qtbot, ctx, tmp_path, qtbot_page_factory):
    supplier_id = _supplier_with_suggestions(ctx, tmp_path, {"country": "Narnia"})
    page = qtbot_page_factory(ctx)
    section = _show(qtbot, page, supplier_id)
    before = store_exchange.data_checksum(ctx.store, skip=())

    qtbot.mouseClick(section.cards[0].apply_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(page.prompter.asked))
    [(kind, title, text)] = page.prompter.asked
    assert (kind, title) == ("error", "Correction not applied")
    assert text.startswith(f"{NAME}: the suggested Country 'Narnia' cannot be applied: it is neither")
    assert store_exchange.data_checksum(ctx.store, skip=()) == before
    assert _cell(page, supplier_id, COL_COUNTRY) == "MY — Malaysia"
    assert [card.suggested.text() for card in section.cards] == ["Narnia"]  # still waiting for a decision


@pytest.mark.parametrize("replace", [False, True])
def test_a_register_changed_since_the_export_is_shown_and_asked_about(qtbot, ctx, tmp_path, qtbot_page_factory,
                                                                      replace):
    supplier_id = _supplier_with_suggestions(ctx, tmp_path, {"address": "Lot 5, Jalan Kapar"})
    update_supplier(ctx, supplier_id, address="14 Jalan Klang")
    page = qtbot_page_factory(ctx)
    page.prompter = ScriptedPrompter(confirm=replace)
    card = _show(qtbot, page, supplier_id).cards[0]
    assert card.note.isVisible()
    assert card.note.text() == "The register has changed since the supplier saw it: now 14 Jalan Klang"

    qtbot.mouseClick(card.apply_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(page.prompter.asked))
    [(kind, _, question)] = page.prompter.asked
    assert kind == "confirm" and "The register now holds: 14 Jalan Klang" in question
    expected = "Lot 5, Jalan Kapar" if replace else "14 Jalan Klang"
    qtbot.waitUntil(lambda: page.panel.fields["address"].text() == expected)
    assert get_supplier(ctx, supplier_id).address == expected
    assert _statuses(ctx, supplier_id) == {"address": "applied" if replace else "pending"}


def test_a_supplier_sees_the_suggestions_but_cannot_decide(qtbot, ctx, tmp_path, qtbot_page_factory):
    supplier_id = _supplier_with_suggestions(ctx, tmp_path, {"address": "Lot 5, Jalan Kapar"})
    ctx.role = "supplier"
    page = qtbot_page_factory(ctx)
    card = _show(qtbot, page, supplier_id).cards[0]

    assert not card.apply_button.isEnabled() and not card.dismiss_button.isEnabled()
    assert "Only a buyer or an auditor" in card.apply_button.toolTip()
    assert _statuses(ctx, supplier_id) == {"address": "pending"}


def _today(ctx) -> str:
    """The import's own date (UTC), as the card shows it."""
    return store_corrections.pending(ctx.store)[0]["received_at"][:10]
