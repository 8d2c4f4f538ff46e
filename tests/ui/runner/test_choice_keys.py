"""Choices from the keyboard: Tab into a multi-choice question lands on its first option whatever is ticked,
and the arrow keys pick an option in a single-choice group nobody has answered yet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fldd.store import assessments as store_assessments
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def stored(ctx, assessment, qid):
    answer = store_assessments.answers(ctx.store, assessment).get(qid)
    return answer.value if answer else None


def open_governance(page, ui):
    """The governance module, the focus on Yes of its first question (the written policy)."""
    editor = ui.card(page, "gov_policy_exists").editor
    editor.focus_first()
    assert QApplication.focusWidget() is editor.buttons["yes"]
    return page.views["governance"]


def test_tab_into_a_multi_choice_lands_on_its_first_option_even_with_others_ticked(qtbot, ctx, desktop,
                                                                                    open_page, ui):
    page = open_page(desktop)
    view = open_governance(page, ui)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.cards["gov_policy_topics"].isVisible())
    topics = view.cards["gov_policy_topics"].editor
    qtbot.mouseClick(topics.boxes["documents"], Qt.MouseButton.LeftButton)
    assert stored(ctx, desktop, "gov_policy_topics") == ["documents"]

    view.cards["gov_policy_exists"].editor.focus_first()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is topics.boxes["fees"]

    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves the question
    assert QApplication.focusWidget() not in topics.boxes.values()
    press(qtbot, Qt.Key.Key_Backtab)  # and coming back lands on its first option too
    assert QApplication.focusWidget() is topics.boxes["fees"]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert stored(ctx, desktop, "gov_policy_topics") == ["contracts", "documents"]
    assert topics.boxes["contracts"].isChecked()


def test_arrow_keys_pick_an_option_of_an_unanswered_single_choice(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    responsible = ui.card(page, "gov_responsible").editor
    responsible.focus_first()
    first, second = list(responsible.buttons.values())[:2]
    assert QApplication.focusWidget() is first and responsible.value() is None

    press(qtbot, Qt.Key.Key_Down)

    assert QApplication.focusWidget() is second and second.isChecked()
    assert stored(ctx, desktop, "gov_responsible") == "manager"
    press(qtbot, Qt.Key.Key_Up)
    assert first.isChecked() and stored(ctx, desktop, "gov_responsible") == "top_manager"


def test_an_arrow_at_the_edge_of_an_unanswered_yes_no_picks_the_option_in_focus(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    editor = ui.card(page, "gov_policy_exists").editor
    editor.focus_first()
    press(qtbot, Qt.Key.Key_Left)
    assert editor.buttons["yes"].isChecked() and stored(ctx, desktop, "gov_policy_exists") == "yes"
    press(qtbot, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is editor.buttons["no"]
    assert stored(ctx, desktop, "gov_policy_exists") == "no"
