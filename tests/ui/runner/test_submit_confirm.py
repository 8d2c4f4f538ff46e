"""Submit asks first, as Close does, and says what submitting does: the answers become the declaration, and
the findings they raise become corrective actions. Saying No changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.store import findings as store_findings
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def ready_to_submit(qtbot, page, ui) -> int:
    """Answer everything required, with hours that raise a finding; the number of findings it will raise."""
    ui.type_into(qtbot, ui.card(page, "hrs_peak_weekly_max").editor.line, "72")
    ui.answer_everything_required(page)
    assert page.actions.submit.isEnabled()
    return sum(1 for t in page.session.result.triggers if t.action == "finding")


def test_no_to_the_question_leaves_the_assessment_a_draft(qtbot, ctx, desktop, open_page, prompter, ui):
    page = open_page(desktop)
    raised = ready_to_submit(qtbot, page, ui)
    assert raised > 0
    prompter.answer = False

    qtbot.mouseClick(page.actions.submit, Qt.MouseButton.LeftButton)

    [(kind, title, text)] = prompter.asked
    assert (kind, title) == ("confirm", "Submit assessment")
    assert "declaration" in text and f"{raised} findings will become corrective actions" in text
    assert store_assessments.get(ctx.store, desktop).status == "draft"
    assert store_findings.rows(ctx.store, assessment_id=desktop) == []
    assert page.header.status.text() == "Draft" and page.actions.submit.isVisible()


def test_yes_submits_and_raises_the_corrective_actions(qtbot, ctx, desktop, open_page, prompter, ui):
    page = open_page(desktop)
    raised = ready_to_submit(qtbot, page, ui)

    page.actions.submit.setFocus()
    qtbot.keyClick(page.actions.submit, Qt.Key.Key_Space)

    assert [a[:2] for a in prompter.asked] == [("confirm", "Submit assessment")]
    assert store_assessments.get(ctx.store, desktop).status == "submitted"
    assert len(store_findings.rows(ctx.store, assessment_id=desktop)) == raised
    assert page.header.status.text() == "Submitted"
