"""An auditor records a finding of their own; its due date follows the severity rule and shows before saving."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.ui.findings.findings_model import COL_DUE, COL_SEVERITY, COL_TITLE
from fldd.usecases.findings import list_findings
from tests.ui.findings.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def open_dialog(qtbot, page):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.add_dialog is not None and page.add_dialog.isVisible())
    return page.add_dialog


def test_only_an_auditor_can_add_a_finding(ctx, session, make_page):
    page = make_page()
    assert not page.add_button.isEnabled() and "auditor" in page.add_button.toolTip()
    ctx.role = "auditor"
    page.refresh()
    assert page.add_button.isEnabled()


def test_an_auditor_adds_a_priority_finding_due_in_seven_days(qtbot, ctx, session, make_page):
    ctx.role = "auditor"
    page = make_page()
    dialog = open_dialog(qtbot, page)
    assert dialog.assessment.currentData() == session.id
    assert dialog.due_label.text().startswith("2026-12-07")  # major, the default: 14 days
    dialog.severity.setFocus()
    qtbot.keyClick(dialog.severity, Qt.Key.Key_Up)  # Priority
    qtbot.waitUntil(lambda: dialog.due_label.text().startswith("2026-11-30"))
    assert "priority" in dialog.due_label.text()
    qtbot.keyClicks(dialog.title_edit, "Passports kept in the HR office")
    qtbot.keyClicks(dialog.detail, "Seen in the locked cabinet behind reception")
    qtbot.keyClicks(dialog.action, "Return every passport today; install personal lockers")
    qtbot.keyClicks(dialog.owner, "HR manager")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (row,) = [r for r in list_findings(ctx) if r["source"] == "auditor"]
    assert (row["severity"], row["due_date"], row["owner"]) == ("priority", "2026-11-30", "HR manager")
    assert row["description"] == "Return every passport today; install personal lockers"
    assert page.panel.action_id == row["action_id"]
    current = page.table.currentIndex().row()
    assert page.proxy.index(current, COL_TITLE).data() == "Passports kept in the HR office"
    assert page.proxy.index(current, COL_SEVERITY).data() == "Priority"
    assert page.proxy.index(current, COL_DUE).data() == "2026-11-30"
    assert "Seen in the locked cabinet" in page.panel.rule.text()


def test_a_finding_without_a_title_is_refused_in_the_dialog(qtbot, ctx, session, make_page):
    ctx.role = "auditor"
    page = make_page()
    before = len(list_findings(ctx))
    dialog = open_dialog(qtbot, page)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "a finding needs a title" in dialog.error.text() and dialog.isVisible()
    assert len(list_findings(ctx)) == before
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
