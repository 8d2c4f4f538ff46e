"""The details panel follows the register: it shows the supplier selected in the table, and when the search or
a filter hides that supplier it does not go on showing it as if it were chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.ui.register.supplier_model import COL_NAME, ID_ROLE
from fldd.usecases.suppliers import add_supplier
from tests.ui.register.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def three(ctx):
    return {name: add_supplier(ctx, name, country, goods=[goods]) for name, country, goods in (
        ("Klang Valley Gloves", "MY", "Rubber Gloves"), ("Lodz Chairs", "PL", "Furniture"),
        ("Porto Shoes", "PT", "Footwear"))}


def click_row(qtbot, page, name: str) -> None:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, COL_NAME).data() == name)
    rect = page.table.visualRect(page.proxy.index(row, COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def shown_names(page) -> list[str]:
    return [page.proxy.index(r, COL_NAME).data() for r in range(page.proxy.rowCount())]


def test_the_panel_follows_a_click_and_the_arrow_keys(qtbot, ctx, three, qtbot_page_factory):
    page = qtbot_page_factory(ctx)
    click_row(qtbot, page, "Lodz Chairs")
    assert page.panel.isVisible() and page.panel.name.text() == "Lodz Chairs"
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.panel.supplier_id == three["Porto Shoes"] and page.panel.name.text() == "Porto Shoes"


def test_a_search_that_hides_the_selected_supplier_empties_the_panel_and_says_why(qtbot, ctx, three,
                                                                                  qtbot_page_factory):
    page = qtbot_page_factory(ctx)
    click_row(qtbot, page, "Klang Valley Gloves")
    assert page.panel.name.text() == "Klang Valley Gloves"

    page.search.setFocus()
    qtbot.keyClicks(page.search, "porto")

    assert shown_names(page) == ["Porto Shoes"]
    assert page.selected_id() is None
    assert page.panel.supplier_id is None and page.panel.name.text() == "No supplier selected"
    assert page.panel.notice.isVisible()
    assert page.panel.notice.text() == "Klang Valley Gloves is not in the list: the search and filters hide it."

    click_row(qtbot, page, "Porto Shoes")
    assert page.panel.name.text() == "Porto Shoes" and not page.panel.notice.isVisible()


def test_a_search_that_keeps_the_selected_supplier_keeps_the_panel(qtbot, ctx, three, qtbot_page_factory):
    page = qtbot_page_factory(ctx)
    click_row(qtbot, page, "Lodz Chairs")
    page.search.setFocus()
    qtbot.keyClicks(page.search, "lodz")
    assert page.selected_id() == three["Lodz Chairs"] and page.panel.name.text() == "Lodz Chairs"
    assert not page.panel.notice.isVisible()


def test_unselecting_the_row_empties_the_panel(qtbot, ctx, three, qtbot_page_factory):
    page = qtbot_page_factory(ctx)
    click_row(qtbot, page, "Lodz Chairs")
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(ID_ROLE) == three["Lodz Chairs"])
    rect = page.table.visualRect(page.proxy.index(row, COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=rect.center())
    assert page.selected_ids() == []
    assert page.panel.supplier_id is None and page.panel.name.text() == "No supplier selected"
    assert not page.panel.notice.isVisible()  # it is in the list, just not selected
