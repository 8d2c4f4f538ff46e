"""A reviewer who changes a submitted answer in the runner is asked why (Record stays disabled until a reason is
typed); the card then says who corrected it, when, what it was and why, and the score follows the correction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from fldd.store import answer_corrections as store_corrections
from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import AssessmentSession
from tests.ui.runner.conftest import OFFSCREEN_LIMITS
from tests.ui.runner.test_runner_page import completed

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def reviewed(ctx, desktop, ui, open_page):
    """The supplier's submitted desktop assessment (it declared 'No' recruitment fees), opened by a buyer."""
    session = completed(ctx, desktop, ui)
    session.answer("fee_any_paid", "no")
    session.move_to("submitted")
    ctx.role, ctx.user = "buyer", "Kofi Mensah"
    return open_page(desktop)


def _dialog(qtbot, page):
    qtbot.waitUntil(lambda: page.corrector.dialog is not None and page.corrector.dialog.isVisible())
    return page.corrector.dialog


def test_a_supplier_whose_no_a_reviewer_changes_finds_the_change_traced_with_its_reason(qtbot, ctx, desktop,
                                                                                        reviewed, ui):
    page = reviewed
    card = ui.card(page, "fee_any_paid")
    score_before = page.results.score.text()
    page.views[card.question.module].reveal(card)

    qtbot.mouseClick(card.editor.buttons["yes"], Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, page)
    assert not dialog.ok.isEnabled()
    assert "The supplier declared: <b>No</b>" in dialog.intro.text() and "Your correction: <b>Yes</b>" in \
        dialog.intro.text()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not dialog.ok.isEnabled()  # blanks are no reason
    qtbot.keyClicks(dialog.reason, "x y")
    assert not dialog.ok.isEnabled()  # nor are two stray keys
    dialog.reason.clear()
    qtbot.keyClicks(dialog.reason, "Payslips show a 300 MYR recruitment fee deducted in March")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.corrector.dialog is None)

    assert store_assessments.answers(ctx.store, desktop)["fee_any_paid"].value == "no"  # the declaration, kept
    [row] = store_corrections.history(ctx.store, desktop, "fee_any_paid")
    assert (row["old_value"], row["new_value"], row["corrected_by"]) == ("no", "yes", "Kofi Mensah")
    assert row["reason"] == "Payslips show a 300 MYR recruitment fee deducted in March"
    note = page.corrector.notes["fee_any_paid"]
    assert note.isVisible()
    shown = note.text.text()
    assert "Corrected by Kofi Mensah on " in shown and "was 'No'" in shown and "300 MYR recruitment fee" in shown
    assert card.editor.value() == "yes"
    assert page.results.score.text() != score_before  # scored on the corrected value
    assert AssessmentSession(ctx, desktop).values["fee_any_paid"] == "yes"


def test_a_cancelled_correction_changes_nothing_and_puts_the_declared_answer_back(qtbot, ctx, desktop, reviewed,
                                                                                 ui):
    page = reviewed
    card = ui.card(page, "fee_any_paid")
    page.views[card.question.module].reveal(card)

    qtbot.mouseClick(card.editor.buttons["yes"], Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, page)
    qtbot.keyClicks(dialog.reason, "changed my mind")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.corrector.dialog is None)

    assert store_corrections.history(ctx.store, desktop) == []
    assert card.editor.value() == "no"
    assert "fee_any_paid" not in page.corrector.notes


def test_a_correction_put_in_question_by_the_supplier_is_re_confirmed_from_its_card(qtbot, ctx, desktop, reviewed,
                                                                                   ui):
    page = reviewed
    session = page.session
    session.answer("fee_any_paid", "yes", reason="Payslips show a fee")
    # the supplier's next workbook says it does not know (an import writes the declaration like this)
    store_assessments.save_answer(ctx.store, desktop, "fee_any_paid", "unknown", who="Siti", source="workbook")
    page.refresh()  # shown again after the import: the value in force is the same, its note is not
    card = ui.card(page, "fee_any_paid")
    note = page.corrector.notes["fee_any_paid"]
    assert "To re-confirm:" in note.text.text() and "now declares 'Don't know'" in note.text.text()
    assert note.button.isVisible()

    qtbot.mouseClick(note.button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, page)
    qtbot.keyClicks(dialog.reason, "The payslips still show the fee")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.corrector.dialog is None)

    standing = store_corrections.standing(ctx.store, desktop)["fee_any_paid"]
    assert (standing["status"], standing["declared_value"], standing["new_value"]) == ("in_force", "unknown", "yes")
    assert not note.button.isVisible() and "To re-confirm" not in note.text.text()
    assert card.editor.value() == "yes"


def test_a_reviewer_typing_a_text_correction_is_asked_why_on_leaving_the_field_not_mid_word(qtbot, ctx, desktop,
                                                                                          reviewed, ui):
    page = reviewed
    card = ui.card(page, "pr_languages")
    field = card.editor.text
    page.views[card.question.module].reveal(card)
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    field.selectAll()

    qtbot.keyClicks(field, "Malay, Nepali and Burmese")
    for _ in range(3):
        QCoreApplication.processEvents()  # a pause in typing (the tests' pause is 0 ms) asks nothing
    assert page.corrector.dialog is None
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    dialog = _dialog(qtbot, page)
    assert "Your correction: <b>Malay, Nepali and Burmese</b>" in dialog.intro.text()
    qtbot.keyClicks(dialog.reason, "Interviews found Burmese-speaking workers")
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.corrector.dialog is None)

    assert AssessmentSession(ctx, desktop).values["pr_languages"] == "Malay, Nepali and Burmese"
    assert store_assessments.answers(ctx.store, desktop)["pr_languages"].value == "Malay and Nepali"


def test_a_reviewer_takes_the_suppliers_new_declaration_and_the_correction_is_withdrawn(qtbot, ctx, desktop,
                                                                                      reviewed, ui):
    page = reviewed
    page.session.answer("fee_any_paid", "yes", reason="Payslips show a fee")
    store_assessments.save_answer(ctx.store, desktop, "fee_any_paid", "unknown", who="Siti", source="workbook")
    page.refresh()
    card = ui.card(page, "fee_any_paid")
    note = page.corrector.notes["fee_any_paid"]
    assert note.take.isVisible()

    qtbot.mouseClick(note.take, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, page)
    assert "Your correction: <b>Don't know</b>" in dialog.intro.text()
    qtbot.keyClicks(dialog.reason, "The payslips were of another site")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.corrector.dialog is None)

    assert store_corrections.standing(ctx.store, desktop) == {}
    assert store_corrections.history(ctx.store, desktop, "fee_any_paid")[-1]["status"] == "withdrawn"
    assert card.editor.value() == "unknown" and not note.isVisible()


def test_a_returned_draft_shows_the_correction_as_waiting_and_the_suppliers_answer_in_force(qtbot, ctx, desktop,
                                                                                            ui, open_page):
    session = completed(ctx, desktop, ui)
    session.answer("fee_any_paid", "no")
    session.move_to("submitted")
    ctx.role, ctx.user = "buyer", "Kofi Mensah"
    session.correct("fee_any_paid", "yes", "Payslips show a recruitment fee")
    session.move_to("draft")

    page = open_page(desktop)
    card = ui.card(page, "fee_any_paid")
    page.views[card.question.module].reveal(card)

    assert card.editor.value() == "no"
    note = page.corrector.notes["fee_any_paid"]
    assert note.isVisible() and "the correction to 'Yes' counts again when the assessment is submitted" in note.text.text()
    assert not note.button.isVisible()
