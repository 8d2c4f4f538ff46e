"""A bad answer never reaches the database: letters cannot be typed, out-of-range numbers are explained under
the question and kept in the field for correction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def answers(ctx, assessment_id):
    return {k: (a.value, a.comment) for k, a in store_assessments.answers(ctx.store, assessment_id).items()}


def test_letters_cannot_be_typed_into_a_count(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    line = ui.card(page, "pr_workers_total").editor.line
    ui.type_into(qtbot, line, "abc")
    assert line.text() == ""
    assert answers(ctx, desktop) == {}


def test_a_count_above_its_maximum_is_explained_and_not_saved(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    card = ui.card(page, "hrs_longest_run_days")
    ui.type_into(qtbot, card.editor.line, "12")
    before = answers(ctx, desktop)
    revisions = len(store_assessments.revisions(ctx.store, desktop))

    ui.type_into(qtbot, card.editor.line, "500")

    assert card.error.isVisible() and card.error.text() == "500 is above the maximum of 366"
    assert card.editor.line.text() == "500"  # kept for correction
    assert answers(ctx, desktop) == before and page.session.values["hrs_longest_run_days"] == 12
    assert len(store_assessments.revisions(ctx.store, desktop)) == revisions
    assert page.nav.detail("hours").startswith("1 / ")

    ui.type_into(qtbot, card.editor.line, "6")
    assert not card.error.isVisible()
    assert answers(ctx, desktop)["hrs_longest_run_days"] == (6, "")


def test_a_count_below_its_minimum_is_explained(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    card = ui.card(page, "pr_workers_total")
    ui.type_into(qtbot, card.editor.line, "0")
    assert card.error.text() == "0 is below the minimum of 1"
    assert answers(ctx, desktop) == {}


def test_clearing_a_number_unanswers_it(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    card = ui.card(page, "pr_workers_total")
    ui.type_into(qtbot, card.editor.line, "120")
    assert answers(ctx, desktop)["pr_workers_total"][0] == 120
    card.editor.line.clear()
    qtbot.mouseClick(card.editor.line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(card.editor.line, Qt.Key.Key_Tab)
    assert answers(ctx, desktop)["pr_workers_total"][0] is None
    assert "pr_workers_total" not in page.session.values


def test_leaving_a_field_without_changing_it_saves_nothing_new(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    line = ui.card(page, "pr_workers_total").editor.line
    ui.type_into(qtbot, line, "120")
    revisions = len(store_assessments.revisions(ctx.store, desktop))
    for _ in range(3):
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
        qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert len(store_assessments.revisions(ctx.store, desktop)) == revisions


def test_a_closed_assessment_takes_no_answer(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    ui.answer_everything_required(page)
    page.move_to("submitted")
    ctx.role = "buyer"  # the supplier submits; the buyer reviews and closes
    for status in ("under_review", "closed"):
        page.move_to(status)
    before = answers(ctx, desktop)
    card = ui.card(page, "pr_workers_total")
    card.editor.line.setText("999")
    card.editor.committed.emit()  # even if an editor were to commit, nothing is written
    assert card.error.isVisible() and "closed" in card.error.text()
    assert answers(ctx, desktop) == before
