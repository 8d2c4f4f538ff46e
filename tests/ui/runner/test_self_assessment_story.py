"""User story: an SME manager completes the desktop self-assessment by keyboard and mouse, attaches evidence,
submits; the buyer reviews and closes it. Every step is checked in the database and on the screen."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fldd.store import assessments as store_assessments
from fldd.usecases.evidence import list_evidence
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

TODAY = dt.date(2026, 11, 23)


def stored(ctx, assessment_id, qid):
    """The stored JSON value of one answer (None when unanswered)."""
    answer = store_assessments.answers(ctx.store, assessment_id).get(qid)
    return answer.value if answer else None


def test_complete_a_desktop_self_assessment(qtbot, ctx, desktop, open_page, prompter, tmp_path, ui):
    page = open_page(desktop)

    # The page opens on the site profile, with the focus on its first question.
    assert page.nav.current_key() == "profile"
    assert page.header.supplier.text() == "Klang Valley Gloves Sdn Bhd"
    assert page.header.status.text() == "Draft"
    qtbot.waitUntil(lambda: ui.focused_card(page) is not None)
    assert ui.focused_card(page).question.id == "pr_workers_total"

    # Workforce counts typed from the keyboard: digits, then Tab to the next question.
    qtbot.keyClicks(QApplication.focusWidget(), "120")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert stored(ctx, desktop, "pr_workers_total") == 120
    assert ui.focused_card(page).question.id == "pr_workers_migrant"
    assert page.nav.detail("profile").startswith("1 / ")

    # Migrant workers open the question on foreign workers; the focus goes to it, as Tab would have.
    foreign = ui.card(page, "pr_workers_foreign")
    assert foreign.isHidden()
    qtbot.keyClicks(QApplication.focusWidget(), "40")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not foreign.isHidden())
    assert stored(ctx, desktop, "pr_workers_migrant") == 40
    qtbot.waitUntil(lambda: ui.focused_card(page) is foreign)

    # No migrant workers after all: the follow-up question goes away again.
    ui.type_into(qtbot, ui.card(page, "pr_workers_migrant").editor.line, "0")
    qtbot.waitUntil(lambda: foreign.isHidden())
    assert stored(ctx, desktop, "pr_workers_migrant") == 0

    # Peak hours of 66 a week: a major finding in the result panel, because of the hours question.
    hours = ui.card(page, "hrs_peak_weekly_max")
    ui.type_into(qtbot, hours.editor.line, "66")
    assert stored(ctx, desktop, "hrs_peak_weekly_max") == 66
    assert "thr_hrs_excess_major" in page.results.trigger_ids()
    trigger = page.results.trigger_item("thr_hrs_excess_major")
    assert trigger.text(0).startswith("Major finding (plan in 14 days, closure in 60)")
    because = [trigger.child(i) for i in range(trigger.childCount())]
    assert [b.data(0, Qt.ItemDataRole.UserRole) for b in because] == ["hrs_peak_weekly_max"]
    assert because[0].text(0).startswith(f"because {page.number['hrs_peak_weekly_max']} In the busiest month")
    assert because[0].text(0).endswith(" → 66 hours")

    # Clicking the reason goes back to the question.
    ui.card(page, "pr_workers_total")
    page.results.tree.scrollToItem(because[0])
    rect = page.results.tree.visualItemRect(because[0])
    qtbot.mouseClick(page.results.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.nav.current_key() == "hours"
    assert ui.focused_card(page) is hours

    # A comment, saved when the person leaves the field.
    qtbot.mouseClick(hours.comment_button, Qt.MouseButton.LeftButton)
    assert hours.comment_edit.isVisible() and hours.comment_edit.hasFocus()
    qtbot.keyClicks(hours.comment_edit, "Peak season in March; see the time records.")
    qtbot.keyClick(hours.comment_edit, Qt.Key.Key_Tab)
    assert store_assessments.answers(ctx.store, desktop)["hrs_peak_weekly_max"].comment == \
        "Peak season in March; see the time records."
    assert stored(ctx, desktop, "hrs_peak_weekly_max") == 66  # the comment keeps the answer

    # Evidence: a file chosen in the file dialog, kept with its sha256.
    records = tmp_path / "time-records-march.pdf"
    records.write_bytes(b"%PDF-1.4 time records of March")
    prompter.files.append(str(records))
    qtbot.mouseClick(hours.evidence_button, Qt.MouseButton.LeftButton)
    [row] = list_evidence(ctx, desktop, "hrs_peak_weekly_max")
    assert row["sha256"] == hashlib.sha256(records.read_bytes()).hexdigest()
    assert row["file_name"] == "time-records-march.pdf"
    assert hours.evidence_count.text() == "1 file"
    assert hours.evidence_list.item(0).text().startswith("time-records-march.pdf")

    # Submit waits for every required answer, and says what is missing.
    assert not page.actions.submit.isEnabled()
    assert "Still open" in page.actions.submit.toolTip()
    ui.answer_everything_required(page)
    assert page.session.result.completeness.percent == 100
    assert page.actions.submit.isEnabled()
    qtbot.mouseClick(page.actions.submit, Qt.MouseButton.LeftButton)

    assert store_assessments.get(ctx.store, desktop).status == "submitted"
    assert page.header.status.text() == "Submitted"
    findings = {f["threshold_id"]: f for f in page.session.findings()}
    assert findings["thr_hrs_excess_major"]["severity"] == "major"
    assert findings["thr_hrs_excess_major"]["due_date"] == (TODAY + dt.timedelta(days=14)).isoformat()
    assert not page.actions.submit.isVisible() and not page.actions.start_review.isVisible()  # not the supplier's

    # The buyer opens it, starts the review, then closes the assessment after confirming.
    ctx.role = "buyer"
    page.load(desktop)
    assert page.actions.start_review.isVisible()
    qtbot.mouseClick(page.actions.start_review, Qt.MouseButton.LeftButton)
    assert store_assessments.get(ctx.store, desktop).status == "under_review"
    qtbot.mouseClick(page.actions.close_button, Qt.MouseButton.LeftButton)
    assert prompter.asked[-1][:2] == ("confirm", "Close assessment")
    assert store_assessments.get(ctx.store, desktop).status == "closed"

    # Closed: everything read-only, with a banner saying since when.
    assert page.header.banner.isVisible()
    assert page.header.banner.text() == f"Closed on {store_assessments.get(ctx.store, desktop).closed_at[:10]}: read-only"
    for view in page.views.values():
        assert all(not card.editor.isEnabled() for card in view.cards.values())
        assert all(not card.evidence_button.isEnabled() for card in view.cards.values())
    assert not any(b.isVisible() for b in (page.actions.submit, page.actions.start_review,
                                           page.actions.close_button, page.actions.return_button))


def test_returning_to_the_supplier_reopens_the_answers(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    ui.answer_everything_required(page)
    qtbot.keyClick(page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter submits
    assert store_assessments.get(ctx.store, desktop).status == "submitted"
    qtbot.mouseClick(page.actions.return_button, Qt.MouseButton.LeftButton)
    assert store_assessments.get(ctx.store, desktop).status == "draft"
    assert page.actions.submit.isVisible() and page.actions.submit.isEnabled()
    assert ui.card(page, "hrs_peak_weekly_max").editor.isEnabled()


def test_closing_is_not_done_when_the_person_says_no(qtbot, ctx, desktop, open_page, prompter, ui):
    page = open_page(desktop)
    ui.answer_everything_required(page)
    qtbot.mouseClick(page.actions.submit, Qt.MouseButton.LeftButton)
    ctx.role = "buyer"
    page.load(desktop)
    qtbot.mouseClick(page.actions.start_review, Qt.MouseButton.LeftButton)
    prompter.answer = False
    qtbot.mouseClick(page.actions.close_button, Qt.MouseButton.LeftButton)
    assert store_assessments.get(ctx.store, desktop).status == "under_review"
    assert not page.header.banner.isVisible()
