"""The runner works from the keyboard alone: Tab through the answers, Ctrl+Page Down/Up between modules,
Ctrl+Enter to submit, Alt+letter for a card's buttons, and the focus where the next answer goes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from fldd.ui.runner.card_parts import GlossaryPopup
from fldd.ui.runner.question_card import QuestionCard
from fldd.store import assessments as store_assessments
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_tab_goes_from_answer_to_answer_in_reading_order(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    expected = [card.question.id for card in page.views["profile"].shown_cards()]
    seen = [ui.focused_card(page).question.id]
    for _ in range(30):  # until Tab leaves the questions (a money answer takes two stops)
        press(qtbot, Qt.Key.Key_Tab)
        card = ui.focused_card(page)
        if card is None:
            break
        if card.question.id != seen[-1]:
            seen.append(card.question.id)
    assert seen == expected
    assert QApplication.focusWidget() is page.views["profile"].next_button
    press(qtbot, Qt.Key.Key_Backtab)
    assert ui.focused_card(page).question.id == expected[-1]


def test_ctrl_page_down_and_up_change_module_and_focus_its_first_open_question(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert page.nav.current_key() == "governance"
    assert ui.focused_card(page).question.id == "gov_policy_exists"
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert page.nav.current_key() == "recruitment"
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    press(qtbot, Qt.Key.Key_PageUp, CTRL)  # stays on the first module
    assert page.nav.current_key() == "profile"


def test_a_module_opens_on_its_first_unanswered_question(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    for qid in ("gov_policy_exists", "gov_responsible"):
        ui.answer_with_editor(page, qid)
    page.nav.select("profile")
    page.nav.select("governance")
    qtbot.waitUntil(lambda: ui.focused_card(page) is not None)
    assert ui.focused_card(page).question.id == "gov_policy_topics"


def test_ctrl_enter_submits_only_when_everything_required_is_answered(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert store_assessments.get(ctx.store, desktop).status == "draft"
    ui.answer_everything_required(page)
    page.nav.select("profile")
    press(qtbot, Qt.Key.Key_Enter, CTRL)
    assert store_assessments.get(ctx.store, desktop).status == "submitted"


def test_alt_letters_work_the_buttons_of_the_card_being_answered(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    card = ui.focused_card(page)
    press(qtbot, Qt.Key.Key_G, ALT)
    assert card.guidance.isChecked() and card.guidance_text.isVisible()
    assert "Evidence to keep:" in card.guidance_text.text()
    other = page.views["profile"].cards["pr_workers_migrant"]
    assert other.guidance_text is None  # only the focused card answered Alt+G
    press(qtbot, Qt.Key.Key_M, ALT)
    assert card.comment_edit.hasFocus()
    press(qtbot, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: card.popup is not None and card.popup.isVisible())
    assert "Agency worker" in card.popup.text.text()
    qtbot.keyClick(card.popup, Qt.Key.Key_Escape)  # the popup has the keyboard (offscreen cannot grab it)
    qtbot.waitUntil(lambda: not card.popup.isVisible())


def test_every_button_has_a_mnemonic(desktop, open_page, ui):
    page = open_page(desktop)
    ui.card(page, "hrs_peak_weekly_max")
    buttons = page.findChildren(QPushButton)
    unnamed = {b.text() for b in buttons if b.text() and "&" not in b.text().replace("&&", "")}
    assert unnamed == set()
    card = page.views["profile"].cards["pr_workers_total"]
    assert card.guidance.text() == "&Guidance"


def test_a_reason_in_the_result_opens_its_question_by_keyboard(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    ui.type_into(qtbot, ui.card(page, "hrs_peak_weekly_max").editor.line, "66")
    page.nav.select("profile")
    trigger = page.results.trigger_item("excessive_hours")  # the hours finding, by its fact
    page.results.tree.setFocus()
    page.results.tree.setCurrentItem(trigger.child(0))
    qtbot.keyClick(page.results.tree, Qt.Key.Key_Return)
    assert page.nav.current_key() == "hours"
    assert ui.focused_card(page).question.id == "hrs_peak_weekly_max"


def test_next_unanswered_goes_to_the_next_open_required_question(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    ui.answer_with_editor(page, "pr_workers_total")
    page.nav.select("profile")
    ui.card(page, "pr_workers_total").editor.focus_first()
    qtbot.mouseClick(page.actions.next_button, Qt.MouseButton.LeftButton)
    assert isinstance(ui.focused_card(page), QuestionCard)
    assert ui.focused_card(page).question.id == "pr_workers_migrant"


def test_the_glossary_opens_from_a_term_link(qtbot, desktop, open_page):
    page = open_page(desktop)
    card = page.views["profile"].cards["pr_workers_total"]
    card.terms.linkActivated.emit("agency_worker")
    assert isinstance(card.popup, GlossaryPopup) and card.popup.isVisible()
    assert card.popup.text.text().startswith("<p><b>Agency worker</b>")
