"""Starting an assessment from the register opens it; the panel lists a supplier's assessments with Open buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.ui.register.supplier_model import COL_ASSESSMENT
from fldd.usecases.assessments import list_assessments
from fldd.usecases.suppliers import add_supplier, register
from tests.ui.register.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def test_start_buttons_need_a_selected_supplier(qtbot, demo_page):
    assert not demo_page.desktop_button.isEnabled() and not demo_page.onsite_button.isEnabled()
    demo_page.table.selectRow(0)
    assert demo_page.desktop_button.isEnabled() and demo_page.onsite_button.isEnabled()


@pytest.mark.parametrize("button, tier, questionnaire", [
    ("desktop_button", "desktop", "fldd-desktop"),
    ("onsite_button", "onsite", "fldd-onsite"),
])
def test_starting_an_assessment_opens_a_new_draft_of_the_selected_supplier(qtbot, ctx, qtbot_page_factory, button,
                                                                           tier, questionnaire):
    supplier_id = add_supplier(ctx, "Penang Precision", "MY", goods=["Electronics"])
    page = qtbot_page_factory(ctx)
    page.table.selectRow(0)

    with qtbot.waitSignal(page.open_assessment) as opened:
        qtbot.mouseClick(getattr(page, button), Qt.MouseButton.LeftButton)

    [assessment] = list_assessments(ctx, supplier_id)
    assert opened.args == [assessment["id"]]
    assert (assessment["questionnaire_id"], assessment["tier"], assessment["status"]) == (questionnaire, tier, "draft")
    assert register(ctx)[0]["assessment_id"] == assessment["id"]
    words = {"desktop": "Desktop · Draft", "onsite": "On-site · Draft"}[tier]
    assert page.proxy.index(0, COL_ASSESSMENT).data() == words
    assert list(page.panel.open_buttons) == [assessment["id"]]


def test_a_second_draft_of_the_same_tier_needs_a_yes(qtbot, ctx, qtbot_page_factory):
    supplier_id = add_supplier(ctx, "Penang Precision", "MY")
    page = qtbot_page_factory(ctx)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.open_assessment):
        qtbot.mouseClick(page.desktop_button, Qt.MouseButton.LeftButton)
    page.prompter.answer = False
    with qtbot.assertNotEmitted(page.open_assessment):
        qtbot.mouseClick(page.desktop_button, Qt.MouseButton.LeftButton)
    assert page.prompter.asked[-1][0] == "confirm" and "already has a draft desktop" in page.prompter.asked[-1][2]
    assert len(list_assessments(ctx, supplier_id)) == 1


def test_open_in_the_panel_asks_to_open_that_assessment(qtbot, demo_page, demo_ctx):
    page = demo_page
    row = next(r for r in register(demo_ctx) if r["assessment_id"] is not None)
    page.select_supplier(row["id"])
    assert row["assessment_id"] in page.panel.open_buttons
    with qtbot.waitSignal(page.open_assessment) as opened:
        qtbot.mouseClick(page.panel.open_buttons[row["assessment_id"]], Qt.MouseButton.LeftButton)
    assert opened.args == [row["assessment_id"]]


def test_select_supplier_clears_filters_that_hide_it(qtbot, demo_page, demo_ctx):
    page = demo_page
    qtbot.keyClicks(page.search, "cocoa")
    hidden = next(r["id"] for r in register(demo_ctx) if "Cocoa" not in r["goods"])
    assert page.select_supplier(hidden)
    assert page.search.text() == "" and page.selected_id() == hidden and page.panel.supplier_id == hidden
