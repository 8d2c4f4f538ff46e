"""Finding suppliers: free text, the filter lists, the count, sorting by a header, and the details panel."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from fldd.risk.countries import country_name
from fldd.ui.register.supplier_filter import DUE_ALL, DUE_EXPIRED, DUE_NEVER, DUE_OVERDUE, DUE_SOON
from fldd.ui.register.supplier_model import COL_NAME, COL_RATING, COL_SCORE, COL_VALID_UNTIL, ID_ROLE
from fldd.usecases.suppliers import add_supplier, register
from tests.ui.register.conftest import OFFSCREEN_LIMITS, TODAY

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def _shown_ids(page) -> list[int]:
    return [page.proxy.index(row, 0).data(ID_ROLE) for row in range(page.proxy.rowCount())]


def _matching(ctx, predicate) -> set[int]:
    return {r["id"] for r in register(ctx) if predicate(r)}


def _choose(qtbot, combo, data) -> None:
    """Pick an entry of a filter list by keyboard, as a person would."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_search_matches_name_goods_and_country_name_in_any_case(qtbot, demo_page, demo_ctx):
    page = demo_page
    total = len(register(demo_ctx))
    assert page.count.text() == f"{total} of {total} suppliers"

    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "GARMENT")
    expected = _matching(demo_ctx, lambda r: "garment" in (r["name"] + r["goods"]).lower())
    assert set(_shown_ids(page)) == expected and expected
    assert page.count.text() == f"{len(expected)} of {total} suppliers"

    page.search.clear()
    qtbot.keyClicks(page.search, "malaysia")
    assert set(_shown_ids(page)) == _matching(demo_ctx, lambda r: r["country"] == "MY")


def test_every_word_of_the_search_must_match(qtbot, demo_page, demo_ctx):
    qtbot.keyClicks(demo_page.search, "cocoa ghana")
    assert _shown_ids(demo_page) == list(_matching(demo_ctx, lambda r: "Cocoa" in r["goods"] and r["country"] == "GH"))


def test_search_finds_a_supplier_by_os_id(qtbot, demo_ctx, qtbot_page_factory):
    from fldd.identifiers import os_id_check_char

    head = "TH2023111ABCDE"
    sid = add_supplier(demo_ctx, "Mae Sot Garments", "TH", identifiers={"os_id": head + os_id_check_char(head)})
    page = qtbot_page_factory(demo_ctx)
    qtbot.keyClicks(page.search, head.lower()[4:])
    assert _shown_ids(page) == [sid]


def test_search_waits_for_a_pause_in_typing_when_debounced(qtbot, demo_page):
    page = demo_page
    page.proxy.debounce_ms = 150
    total = page.proxy.rowCount()
    qtbot.keyClicks(page.search, "cocoa")
    assert page.proxy.rowCount() == total  # not yet: still typing
    with qtbot.waitSignal(page.proxy.filtered, timeout=2000):
        pass
    assert 0 < page.proxy.rowCount() < total


@pytest.mark.parametrize("combo, data, predicate", [
    ("country", "BD", lambda r: r["country"] == "BD"),
    ("rating", "severe", lambda r: r["rating"] == "severe"),
    ("status", "assessment:draft", lambda r: r["assessment_status"] == "draft"),
    ("status", "supplier:active", lambda r: r["status"] == "active"),
    ("due", DUE_EXPIRED, lambda r: bool(r["valid_until"]) and r["valid_until"] < TODAY.isoformat()),
    ("due", DUE_OVERDUE, lambda r: bool(r["next_action_due"]) and r["next_action_due"] < TODAY.isoformat()),
])
def test_each_filter_list_narrows_the_register(qtbot, demo_page, demo_ctx, combo, data, predicate):
    page = demo_page
    total = page.model.rowCount()
    _choose(qtbot, getattr(page, combo), data)
    expected = _matching(demo_ctx, predicate)
    assert set(_shown_ids(page)) == expected and expected
    assert page.count.text() == f"{len(expected):,} of {total:,} suppliers"


def test_filters_combine_and_clearing_them_shows_everyone(qtbot, demo_page, demo_ctx):
    page = demo_page
    _choose(qtbot, page.country, "MY")
    _choose(qtbot, page.rating, "severe")
    expected = _matching(demo_ctx, lambda r: r["country"] == "MY" and r["rating"] == "severe")
    assert set(_shown_ids(page)) == expected
    assert page.country.currentText() == f"MY — {country_name('MY')}"
    page.clear_filters()
    assert page.proxy.rowCount() == page.model.rowCount()


def test_due_filters_for_expiring_and_never_assessed(qtbot, ctx, qtbot_page_factory):
    from fldd.store import assessments as store_assessments

    soon = add_supplier(ctx, "Soon Ltd", "VN")
    never = add_supplier(ctx, "Never Ltd", "VN")
    assessment = store_assessments.create(ctx.store, soon, "fldd-desktop", "1.0.0", "desktop")
    store_assessments.save_result(ctx.store, assessment, {"rating": "low", "score": 90.0, "expires": "2026-12-01"})
    page = qtbot_page_factory(ctx)
    _choose(qtbot, page.due, DUE_SOON)
    assert _shown_ids(page) == [soon]
    row = page.proxy.index(0, COL_VALID_UNTIL)
    assert row.data() == "2026-12-01 · Due"
    assert row.data(Qt.ItemDataRole.ForegroundRole).name() == "#b00020" and row.data(Qt.ItemDataRole.FontRole).bold()
    _choose(qtbot, page.due, DUE_NEVER)
    assert _shown_ids(page) == [never]
    _choose(qtbot, page.due, DUE_ALL)
    assert page.count.text() == "2 of 2 suppliers"
    assert page.empty_hint.isHidden()


def test_a_search_without_matches_says_so(qtbot, demo_page):
    qtbot.keyClicks(demo_page.search, "no such supplier anywhere")
    assert demo_page.proxy.rowCount() == 0
    assert demo_page.empty_hint.isVisible() and "No supplier matches" in demo_page.empty_hint.text()


def test_clicking_a_header_sorts_by_that_column_and_again_reverses(qtbot, demo_page, demo_ctx):
    page = demo_page
    header = page.table.horizontalHeader()

    def click(column):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    scores = {r["id"]: r["score"] for r in register(demo_ctx)}
    click(COL_SCORE)
    shown = [scores[i] for i in _shown_ids(page)]
    present = [s for s in shown if s is not None]
    assert present == sorted(present) and shown[:len(present)] == present  # empty scores last
    click(COL_SCORE)
    shown = [scores[i] for i in _shown_ids(page)]
    present = [s for s in shown if s is not None]
    assert present == sorted(present, reverse=True) and shown[:len(present)] == present
    assert header.sortIndicatorSection() == COL_SCORE

    click(COL_RATING)
    ranks = [page.proxy.index(row, COL_RATING).data(Qt.ItemDataRole.UserRole) for row in range(page.proxy.rowCount())]
    present = [rank for rank in ranks if rank is not None]
    assert present == sorted(present) and ranks[:len(present)] == present


def test_sorting_keeps_the_selected_supplier_selected(qtbot, demo_page):
    page = demo_page
    page.table.selectRow(3)
    chosen = page.selected_id()
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert page.selected_id() == chosen
    assert page.proxy.index(page.table.currentIndex().row(), 0).data(ID_ROLE) == chosen


def test_enter_on_a_row_opens_the_supplier_and_shows_its_details(qtbot, demo_page, demo_ctx):
    page = demo_page
    page._hide_panel()
    page.table.setFocus()
    page.table.selectRow(2)
    chosen = page.selected_id()
    assert page.panel.isHidden()
    with qtbot.waitSignal(page.open_supplier) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [chosen]
    assert page.panel.isVisible() and page.panel.supplier_id == chosen
    row = next(r for r in register(demo_ctx) if r["id"] == chosen)
    assert page.panel.name.text() == row["name"]
    assert page.panel.fields["goods"].text() == ", ".join(json.loads(row["goods"]))
    assert page.panel.reasons.text().startswith("• ")
    assert page.panel.risk_badge.text().startswith(row["inherent_level"].capitalize())


def test_double_click_on_a_row_opens_the_supplier(qtbot, demo_page):
    page = demo_page
    rect = page.table.visualRect(page.proxy.index(1, COL_NAME))
    with qtbot.waitSignal(page.open_supplier) as opened:
        # a double-click is a click, then a second press that the system reports as a double-click
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [page.proxy.index(1, 0).data(ID_ROLE)]


def test_enter_in_the_search_box_goes_to_the_first_match(qtbot, demo_page):
    page = demo_page
    page.proxy.debounce_ms = 150
    qtbot.keyClicks(page.search, "cocoa")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus()
    assert page.selected_id() == page.proxy.index(0, 0).data(ID_ROLE)
    assert all("cocoa" in page.proxy.index(r, 2).data().lower() for r in range(page.proxy.rowCount()))
