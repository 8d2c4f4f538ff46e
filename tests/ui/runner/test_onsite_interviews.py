"""User story: an auditor records worker interviews under codes; the counts fill the worker-interview
questions, which then show where they come from and cannot be typed over."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.ui.runner.module_nav import INTERVIEWS
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def stored(ctx, assessment_id, qid):
    answer = store_assessments.answers(ctx.store, assessment_id).get(qid)
    return answer.value if answer else None


def choose(panel, qid, value):
    """Click Yes / No / Not asked for one fact of the interview in the form."""
    button = next(b for b in panel.groups[qid].buttons() if b.property("value") == value)
    button.click()


def test_record_three_interviews(qtbot, ctx, onsite, open_page, ui):
    page = open_page(onsite)
    assert page.nav.items[INTERVIEWS].text() == "Interview records"
    assert page.nav.detail(INTERVIEWS) == "0 interviews"
    page.nav.select(INTERVIEWS)
    panel = page.interviews
    assert page.stack.currentWidget() is panel
    assert panel.code.text() == "W-001" and panel.code.hasFocus()

    for code, paid in (("W-001", "yes"), ("W-002", "no"), ("W-003", "yes")):
        panel.code.selectAll()
        qtbot.keyClicks(panel.code, code)
        choose(panel, "wi_paid_fees", paid)
        choose(panel, "wi_no_own_passport", "no")
        if paid == "yes":
            qtbot.keyClicks(panel.numbers["wi_fee_typical_months"], "2")
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        assert not panel.error.isVisible(), panel.error.text()

    assert [r["code"] for r in panel.model.rows] == ["W-001", "W-002", "W-003"]
    assert panel.model.rows[0]["answered"] == 3
    assert stored(ctx, onsite, "wi_interviewed") == 3
    assert stored(ctx, onsite, "wi_paid_fees") == 2
    assert stored(ctx, onsite, "wi_no_own_passport") == 0
    assert stored(ctx, onsite, "wi_fee_typical_months") == 2
    assert page.nav.detail(INTERVIEWS) == "3 interviews"
    assert panel.code.text() == "W-004"  # ready for the next one

    card = ui.card(page, "wi_interviewed")
    assert card.editor.line.text() == "3"
    assert not card.editor.isEnabled()
    assert card.note.isVisible() and card.note.text().startswith("Computed from 3 interviews")
    assert ui.card(page, "wi_paid_fees").editor.line.text() == "2"
    assert ui.card(page, "wi_workforce_on_site").editor.isEnabled()  # not a count of interviews: typed in


def test_a_name_is_refused_as_an_interview_code(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    page.nav.select(INTERVIEWS)
    panel = page.interviews
    panel.code.clear()
    qtbot.keyClicks(panel.code, "Mari")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "never a name" in panel.error.text()
    assert panel.model.rows == [] and stored(ctx, onsite, "wi_interviewed") is None


def test_an_interview_is_edited_and_deleted(qtbot, ctx, onsite, open_page, prompter):
    page = open_page(onsite)
    page.nav.select(INTERVIEWS)
    panel = page.interviews
    choose(panel, "wi_threatened", "yes")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert stored(ctx, onsite, "wi_threatened") == 1

    panel.table.selectRow(0)
    assert panel.code.text() == "W-001"
    assert next(b for b in panel.groups["wi_threatened"].buttons() if b.isChecked()).property("value") == "yes"
    choose(panel, "wi_threatened", "no")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert len(panel.model.rows) == 1 and stored(ctx, onsite, "wi_threatened") == 0

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert prompter.asked[-1][:2] == ("confirm", "Delete interview")
    assert panel.model.rows == []


def test_without_interviews_the_counts_are_typed_in(qtbot, ctx, onsite, open_page, ui):
    page = open_page(onsite)
    card = ui.card(page, "wi_interviewed")
    assert card.editor.isEnabled() and not card.note.isVisible()
    ui.type_into(qtbot, card.editor.line, "12")
    assert stored(ctx, onsite, "wi_interviewed") == 12


def test_the_desktop_has_no_interview_records(ctx, desktop, open_page):
    page = open_page(desktop)
    assert INTERVIEWS not in page.nav.items


def test_a_number_the_questionnaire_refuses_is_reported_in_the_form(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    page.nav.select(INTERVIEWS)
    panel = page.interviews
    choose(panel, "wi_paid_fees", "yes")
    qtbot.keyClicks(panel.numbers["wi_fee_typical_months"], "75")  # the question allows up to 60 months
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "above the maximum of 60" in panel.error.text()
    assert stored(ctx, onsite, "wi_fee_typical_months") is None


def _submitted_with_one_record(ctx, onsite):
    """W-001 recorded, the rest answered, submitted; the auditor now reviews it."""
    from fldd.usecases.assessments import AssessmentSession
    from fldd.usecases.interviews import record_interview
    from tests.usecases.test_assessment_flow import complete

    ctx.role, ctx.user = "auditor", "Auditor Bob"
    session = AssessmentSession(ctx, onsite)
    record_interview(session, "W-001", {"wi_paid_fees": "no"})
    complete(session)
    session.move_to("submitted", sample_reason="a one-worker test site: every worker interviewed")


def test_after_submission_a_new_interview_asks_the_reviewers_reason(qtbot, ctx, onsite, open_page, prompter):
    from fldd.store import answer_corrections as store_corrections

    _submitted_with_one_record(ctx, onsite)
    prompter.reasons = [None, "W-002 interviewed on a second visit"]
    page = open_page(onsite)
    page.nav.select(INTERVIEWS)
    panel = page.interviews
    panel.code.selectAll()
    qtbot.keyClicks(panel.code, "W-002")
    choose(panel, "wi_paid_fees", "yes")

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)  # cancelled: nothing recorded
    assert prompter.asked[-1][0] == "reason" and "submitted" in prompter.asked[-1][2]
    assert prompter.words["minimum"] == 3 and "sample" not in prompter.words["label"]
    assert [r["code"] for r in panel.model.rows] == ["W-001"]
    assert store_corrections.history(ctx.store, onsite) == []

    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert not panel.error.isVisible(), panel.error.text()
    assert [r["code"] for r in panel.model.rows] == ["W-001", "W-002"]
    assert stored(ctx, onsite, "wi_interviewed") == 1  # the declaration stays; the correction counts
    standing = store_corrections.standing(ctx.store, onsite)
    assert standing["wi_interviewed"]["new_value"] == 2
    assert standing["wi_interviewed"]["reason"] == "W-002 interviewed on a second visit"
    assert page.session.values["wi_paid_fees"] == 1


def test_after_submission_deleting_an_interview_asks_the_reviewers_reason(qtbot, ctx, onsite, open_page, prompter):
    from fldd.store import answer_corrections as store_corrections

    _submitted_with_one_record(ctx, onsite)
    prompter.reasons = ["W-001 withdrew consent"]
    page = open_page(onsite)
    page.nav.select(INTERVIEWS)
    panel = page.interviews
    panel.table.selectRow(0)

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)

    assert [a[0] for a in prompter.asked[-2:]] == ["confirm", "reason"]
    assert panel.model.rows == []
    assert store_corrections.standing(ctx.store, onsite)["wi_interviewed"]["new_value"] is None
    assert "wi_interviewed" not in page.session.values
