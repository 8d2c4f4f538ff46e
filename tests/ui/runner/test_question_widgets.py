"""Each answer editor on its own: what it shows, what it gives for coerce, when it commits, how keys work."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fldd.standard.answers import coerce
from fldd.standard.conditions import Money
from fldd.ui.layout import vbox
from fldd.ui.runner.question_widgets import ComboEditor, MultiEditor, RadioEditor, editor_for
from fldd.ui.runner.value_editors import DateEditor, MoneyEditor, NumberEditor, TextEditor
from fldd.usecases.questionnaires import standard
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def question(qid):
    return standard().get("fldd-desktop").question(qid)


@pytest.fixture
def host(qtbot):
    """host(editor, *others) -> the editor shown in an active window, followed by a line edit to Tab to."""

    windows = []  # qtbot holds its widgets weakly: keep the windows alive for the test

    def make(editor, after=None):
        window = QWidget()
        windows.append(window)
        qtbot.addWidget(window)
        widgets = [editor] + ([after] if after is not None else [])
        window.setLayout(vbox(*widgets))
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return editor

    return make


def tick(qtbot, box):
    """Click a check box on its indicator (a click right of a short label misses it, as on screen)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def commits(qtbot, editor):
    """A list that records each commit."""
    seen = []
    editor.committed.connect(lambda: seen.append(editor.value()))
    return seen


@pytest.mark.parametrize(("qid", "kind"), [("pr_uses_recruiters", RadioEditor), ("gov_responsible", RadioEditor),
                                           ("doc_id_holder", ComboEditor), ("gov_policy_topics", MultiEditor),
                                           ("pr_workers_total", NumberEditor), ("wag_overtime_rate_pct", NumberEditor),
                                           ("pr_monthly_base_wage", MoneyEditor), ("pr_languages", TextEditor)])
def test_each_question_type_gets_its_editor(qtbot, qid, kind):
    assert type(editor_for(question(qid), "en")) is kind


def test_yes_no_answers_by_keyboard_space_or_arrows(qtbot, host):
    editor = host(editor_for(question("gov_policy_exists"), "en"))
    seen = commits(qtbot, editor)
    assert [b.text() for b in editor.buttons.values()] == ["Yes", "No", "Don't know"]
    editor.focus_first()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert editor.value() == "yes" and seen == ["yes"]
    editor.set_value(None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # unanswered: the arrow picks where it moves
    assert editor.value() == "no" and seen == ["yes", "no"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # answered: arrows change the answer
    assert seen == ["yes", "no", "unknown"]


def test_showing_a_stored_answer_commits_nothing(qtbot, host):
    editor = host(editor_for(question("gov_policy_exists"), "en"))
    seen = commits(qtbot, editor)
    editor.set_value("yes")
    assert editor.value() == "yes"
    editor.set_value(None)
    assert editor.value() is None and seen == []


def test_a_long_single_choice_is_a_drop_down_committed_when_picked(qtbot, host):
    editor = host(editor_for(question("doc_id_holder"), "en"))
    seen = commits(qtbot, editor)
    assert editor.value() is None and editor.combo.placeholderText() == "Choose an answer…"
    editor.combo.setFocus()
    qtbot.keyClick(editor.combo, Qt.Key.Key_Down)
    assert seen == [editor.combo.itemData(0)]
    editor.set_value("recruiter")
    assert editor.value() == "recruiter"
    assert editor.combo.currentText() == editor.question.option("recruiter").label["en"]


def test_an_exclusive_option_unticks_the_others_and_back(qtbot, host):
    editor = host(editor_for(question("fee_items_paid"), "en"))
    seen = commits(qtbot, editor)
    tick(qtbot, editor.boxes["medical"])
    tick(qtbot, editor.boxes["visa_permit"])
    assert editor.value() == ["medical", "visa_permit"]
    tick(qtbot, editor.boxes["none"])
    assert editor.value() == ["none"]
    tick(qtbot, editor.boxes["travel_to_job"])
    assert editor.value() == ["travel_to_job"]
    assert len(seen) == 4
    assert coerce(editor.question, editor.value()) == ("travel_to_job",)


def test_check_boxes_move_with_arrows_and_tab_leaves_the_group(qtbot, host):
    from PySide6.QtWidgets import QLineEdit

    after = QLineEdit()
    editor = host(editor_for(question("gov_policy_topics"), "en"), after)
    boxes = list(editor.boxes.values())
    editor.focus_first()
    qtbot.keyClick(boxes[0], Qt.Key.Key_Down)
    assert boxes[1].hasFocus()
    qtbot.keyClick(boxes[1], Qt.Key.Key_Space)
    assert editor.value() == [boxes[1].property("value")]
    qtbot.keyClick(boxes[1], Qt.Key.Key_Tab)
    assert after.hasFocus()


def test_a_number_field_refuses_letters_and_keeps_blank_as_unanswered(qtbot, host):
    editor = host(editor_for(question("hrs_peak_weekly_max"), "en"))
    seen = commits(qtbot, editor)
    qtbot.keyClicks(editor.line, "abc")
    assert editor.line.text() == "" and editor.value() is None
    qtbot.keyClicks(editor.line, "66")
    qtbot.keyClick(editor.line, Qt.Key.Key_Return)
    assert seen == ["66"]
    assert editor.unit.text() == "hours" and editor.line.placeholderText() == "0 – 168"
    editor.set_value(Decimal("12.5"))
    assert editor.line.text() == "12.5"


def test_dont_know_replaces_the_number_and_back(qtbot, host):
    editor = host(editor_for(question("hrs_peak_weekly_max"), "en"))
    seen = commits(qtbot, editor)
    dont_know = editor.specials["unknown"]
    tick(qtbot, dont_know)
    assert editor.value() == "unknown" and not editor.line.isEnabled() and seen == ["unknown"]
    tick(qtbot, dont_know)
    assert editor.value() is None and editor.line.isEnabled() and seen == ["unknown", None]
    editor.set_value("unknown")
    assert dont_know.isChecked() and not editor.line.isEnabled()


def test_not_applicable_and_dont_know_exclude_each_other(qtbot, host):
    editor = host(editor_for(question("wag_overtime_rate_pct"), "en"))
    tick(qtbot, editor.specials["unknown"])
    tick(qtbot, editor.specials["na"])
    assert editor.value() == "na" and not editor.specials["unknown"].isChecked()


def test_money_gives_amount_and_currency(qtbot, host):
    editor = host(MoneyEditor(question("fee_amount_max"), "en", "MYR"))
    seen = commits(qtbot, editor)
    assert editor.currency.currentText() == "MYR"
    qtbot.keyClicks(editor.amount, "2400")
    qtbot.keyClick(editor.amount, Qt.Key.Key_Return)
    assert seen == [{"amount": "2400", "currency": "MYR"}]
    assert coerce(editor.question, editor.value()) == Money(Decimal(2400), "MYR")
    editor.suggest_currency("USD")  # an amount is there: its currency stays
    assert editor.currency.currentText() == "MYR"
    editor.set_value(Money(Decimal("12.5"), "THB"))
    assert (editor.amount.text(), editor.currency.currentText()) == ("12.5", "THB")


def test_a_date_can_be_set_and_cleared(qtbot, host):
    date_question = replace(question("pr_languages"), id="pr_audit_date", type="date", specials=())
    editor = host(DateEditor(date_question, "en"))
    seen = commits(qtbot, editor)
    assert editor.value() is None and editor.date.text() == "Not set"
    editor.set_value(dt.date(2026, 3, 1))
    assert editor.value() == "2026-03-01" and seen == []
    editor.date.setDate(QDate(2026, 4, 2))
    editor.finish()
    assert seen == ["2026-04-02"]
    qtbot.mouseClick(editor.clear, Qt.MouseButton.LeftButton)
    assert seen == ["2026-04-02", None] and editor.date.text() == "Not set"


def test_text_is_committed_after_a_pause_and_when_leaving(qtbot, host):
    from PySide6.QtWidgets import QLineEdit

    after = QLineEdit()
    editor = host(editor_for(question("pr_languages"), "en"), after)
    seen = commits(qtbot, editor)
    assert editor.debounce.interval() == 0  # the tests' setting; 800 ms in the app
    editor.text.setFocus()
    with qtbot.waitSignal(editor.committed):
        qtbot.keyClicks(editor.text, "Malay")
    assert seen[-1] == "Malay"
    qtbot.keyClicks(editor.text, " and Nepali")
    editor.debounce.stop()  # leaving the field commits even before the pause is over
    qtbot.keyClick(editor.text, Qt.Key.Key_Tab)
    assert seen[-1] == "Malay and Nepali" and after.hasFocus()


def test_read_only_editors_are_disabled(qtbot, host):
    for qid in ("gov_policy_exists", "fee_items_paid", "hrs_peak_weekly_max", "pr_monthly_base_wage"):
        editor = editor_for(question(qid), "en")
        editor.set_read_only(True)
        assert not editor.isEnabled()


def test_labels_come_in_the_assessment_language(qtbot):
    editor = editor_for(question("gov_policy_exists"), "es")
    assert [b.text() for b in editor.buttons.values()] == ["Sí", "No", "No sé"]
