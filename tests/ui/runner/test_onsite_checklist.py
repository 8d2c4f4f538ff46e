"""The auditor who ticks 15 documents in a minute with the keyboard: document review and observation are
checklists (seen / not available / not applicable, with a note) over the on-site questions themselves, so a
tick that says something about the site is an answer, and a bare "seen" is kept with who and when."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.store import checklist as store_checklist
from fldd.usecases.assessments import assessment_json
from fldd.ui.runner.checklist_panel import COL_MISSING, COL_NA, COL_NOTE, COL_SEEN, checklist_key
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def stored(ctx, assessment_id, qid):
    answer = store_assessments.answers(ctx.store, assessment_id).get(qid)
    return (answer.value, answer.comment) if answer else (None, "")


def open_checklist(page, module):
    page.nav.select(checklist_key(module))
    panel = page.checklists.pages[module]
    assert page.stack.currentWidget() is panel
    return panel


def row_of(panel, qid):
    return next(i for i, r in enumerate(panel.model.rows) if r["qid"] == qid)


def go_to(qtbot, panel, qid, column):
    """Walk the cursor with the arrow keys to one cell, as the auditor does."""
    view = panel.table
    target = row_of(panel, qid)
    for _ in range(len(panel.model.rows)):
        if view.currentIndex().row() == target:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down if view.currentIndex().row() < target else Qt.Key.Key_Up)
    for _ in range(COL_NOTE):
        if view.currentIndex().column() == column:
            break
        qtbot.keyClick(view, Qt.Key.Key_Right if view.currentIndex().column() < column else Qt.Key.Key_Left)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (target, column)


def test_fifteen_documents_ticked_in_a_minute_with_the_space_bar(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    page.session.answer("dr_files_sampled", 20)  # the auditor has drawn a sample of 20 worker files
    panel = open_checklist(page, "document_review")
    view = panel.table
    assert len(panel.model.rows) >= 15
    assert view.hasFocus() and (view.currentIndex().row(), view.currentIndex().column()) == (0, COL_SEEN)

    started = time.monotonic()
    for _ in range(15):  # one key per document: Space ticks "seen" and moves to the next one
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert time.monotonic() - started < 60

    ticked = [r["qid"] for r in panel.model.rows[:15]]
    marks = store_checklist.current(ctx.store, onsite)
    assert [marks[qid]["mark"] for qid in ticked] == ["seen"] * 15
    assert all(marks[qid]["marked_by"] == "tester" and marks[qid]["marked_at"] for qid in ticked)
    assert assessment_json(ctx, onsite)["checklist"][ticked[3]]["mark"] == "seen"  # the buyer can read it
    assert view.currentIndex().row() == 15
    shown = [panel.model.index(i, COL_SEEN).data(Qt.ItemDataRole.CheckStateRole) for i in range(16)]
    assert shown[:15] == [Qt.CheckState.Checked] * 15 and shown[15] == Qt.CheckState.Unchecked
    assert page.nav.detail(checklist_key("document_review")).startswith("15 of ")
    # a bare "seen" says nothing about what the record shows: the finding is still the auditor's to answer
    assert stored(ctx, onsite, "dr_deposits_held")[0] is None

    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # Space on a ticked item takes the tick back
    assert store_checklist.current(ctx.store, onsite)[ticked[14]]["mark"] is None


def test_not_applicable_and_not_available_answer_the_question_with_a_note(qtbot, ctx, onsite, open_page, ui):
    page = open_page(onsite)
    panel = open_checklist(page, "document_review")
    view = panel.table

    go_to(qtbot, panel, "dr_housing_inspection", COL_NA)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert stored(ctx, onsite, "dr_housing_inspection")[0] == "na"  # the site provides no housing

    go_to(qtbot, panel, "dr_recruiter_licensed", COL_MISSING)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert stored(ctx, onsite, "dr_recruiter_licensed")[0] == "no_evidence"  # the data says which answer

    go_to(qtbot, panel, "dr_recruiter_licensed", COL_NOTE)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    qtbot.keyClicks(editor, "Office said the licences are at head office")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits an edit once the key press is over
    qtbot.waitUntil(lambda: stored(ctx, onsite, "dr_recruiter_licensed") == (
        "no_evidence", "Office said the licences are at head office"))
    row = row_of(panel, "dr_recruiter_licensed")
    assert panel.model.index(row, COL_MISSING).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert panel.model.index(row, COL_NOTE).data() == "Office said the licences are at head office"

    # the question card shows what the checklist answered, and the checklist follows an answer changed there
    card = ui.card(page, "dr_recruiter_licensed")
    assert card.editor.value() == "no_evidence"
    card.editor.set_value("all_valid")
    card.editor.committed.emit()
    panel = open_checklist(page, "document_review")
    assert panel.model.index(row, COL_SEEN).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_a_mark_the_question_cannot_take_is_not_offered(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    panel = open_checklist(page, "document_review")
    row = row_of(panel, "dr_deposits_held")  # a yes/no finding: no "not applicable" answer exists
    assert panel.model.index(row, COL_NA).data(Qt.ItemDataRole.CheckStateRole) is None  # no box to tick
    go_to(qtbot, panel, "dr_deposits_held", COL_NA)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert panel.error.isVisible() and "answer it on its card" in panel.error.text()
    assert stored(ctx, onsite, "dr_deposits_held")[0] is None
    assert store_checklist.current(ctx.store, onsite).get("dr_deposits_held", {}).get("mark") is None


def test_the_housing_not_applicable_on_the_walk_through_hides_the_housing_questions(qtbot, ctx, onsite,
                                                                                   open_page):
    page = open_page(onsite)
    panel = open_checklist(page, "observation")
    assert "ob_dorm_exit" not in [r["qid"] for r in panel.model.rows]  # follows from the housing visit
    go_to(qtbot, panel, "ob_housing_visit", COL_NA)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert stored(ctx, onsite, "ob_housing_visit")[0] == "na"
    go_to(qtbot, panel, "ob_housing_visit", COL_SEEN)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # the auditor did visit after all: the question is open again
    assert stored(ctx, onsite, "ob_housing_visit")[0] is None


def test_a_closed_assessment_checklist_can_be_read_not_changed(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    panel = open_checklist(page, "document_review")
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    store_assessments.set_status(ctx.store, onsite, "closed")
    page.load(onsite)
    panel = open_checklist(page, "document_review")
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert [m["mark"] for m in store_checklist.current(ctx.store, onsite).values()] == ["seen"]
