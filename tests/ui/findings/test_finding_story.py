"""User story: a finding and its corrective action with the right due date, worked through to verified."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from fldd.ui.findings.findings_model import (
    COL_DUE,
    COL_OVERDUE,
    COL_OWNER,
    COL_SEVERITY,
    COL_STATUS,
    COL_TITLE,
    OVERDUE_RANK,
)
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.assessments import add_auditor_finding
from fldd.usecases.findings import get_action, list_evidence, list_findings
from tests.ui.findings.conftest import OFFSCREEN_LIMITS, TODAY

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

HOURS = "thr_hrs_excess_major"


def hours_row(ctx) -> dict:
    (row,) = [r for r in list_findings(ctx) if r["threshold_id"] == HOURS]
    return row


def view_row(page, action_id: int) -> int:
    """The table row (as shown, after sorting and filtering) of an action, or -1."""
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 2) == action_id:
            return row
    return -1


def cell(page, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.proxy.index(row, column).data(role)


def click_row(qtbot, page, row: int) -> None:
    rect = page.table.visualRect(page.proxy.index(row, COL_TITLE))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_major_finding_is_worked_through_to_verified_with_evidence(qtbot, ctx, session, prompter, make_page,
                                                                    tmp_path):
    action_id = hours_row(ctx)["action_id"]
    page = make_page()
    row = view_row(page, action_id)
    assert row >= 0
    assert cell(page, row, COL_SEVERITY) == "Major"
    assert cell(page, row, COL_DUE) == f"{(TODAY + dt.timedelta(days=14)).isoformat()} (plan)" == "2026-12-07 (plan)"
    assert cell(page, row, COL_STATUS) == "Open" and cell(page, row, COL_OVERDUE) == ""

    click_row(qtbot, page, row)
    qtbot.waitUntil(lambda: page.panel.action_id == action_id)
    panel = page.panel
    assert panel.heading.text() == hours_row(ctx)["title"]
    assert "66 hours" in panel.because.text()
    assert panel.due.date().toString("yyyy-MM-dd") == "2026-12-07"
    assert not panel.verify_button.isEnabled()

    qtbot.keyClicks(panel.owner, "HR manager")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "in_progress")
    assert get_action(ctx, action_id)["owner"] == "HR manager"
    qtbot.waitUntil(lambda: cell(page, view_row(page, action_id), COL_STATUS) == "In progress")
    assert cell(page, view_row(page, action_id), COL_OWNER) == "HR manager"
    assert not panel.start_button.isEnabled() and panel.done_button.isEnabled()

    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.step_dialog is not None and panel.step_dialog.isVisible())
    qtbot.keyClicks(panel.step_dialog.note, "New rota posted: at most 60 hours a week")
    qtbot.mouseClick(panel.step_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "done")
    assert not panel.verify_button.isEnabled(), "a supplier cannot verify its own corrective action"
    assert "a supplier cannot verify" in panel.step_hint.text()

    rota = tmp_path / "rota-december.pdf"
    rota.write_bytes(b"%PDF-1.4 the new rota, at most 60 hours a week")
    prompter.files.append(str(rota))
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.evidence.count() == 1 and "rota-december.pdf" in panel.evidence.item(0).text())

    ctx.role = "auditor"
    page.refresh()
    assert panel.verify_button.isEnabled() and panel.reopen_button.isEnabled()
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.step_dialog.windowTitle() == "Verify" and panel.step_dialog.isVisible())
    qtbot.keyClicks(panel.step_dialog.note, "Checked the rota against the time records")
    qtbot.mouseClick(panel.step_dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "verified")

    stored = get_action(ctx, action_id)
    assert stored["verified_by"] == "tester" and stored["verified_at"]
    (evidence,) = list_evidence(ctx, action_id)
    assert evidence["file_name"] == "rota-december.pdf" and evidence["added_by"] == "tester"
    assert view_row(page, action_id) == -1, "the default filter shows what is not yet verified"
    assert panel.action_id == action_id and "Verified by tester" in panel.step_hint.text()
    page.mode.setFocus()
    qtbot.keyClick(page.mode, Qt.Key.Key_End)  # "All"
    qtbot.waitUntil(lambda: view_row(page, action_id) >= 0)
    assert cell(page, view_row(page, action_id), COL_STATUS) == "Verified"
    assert page.table.selectionModel().isRowSelected(view_row(page, action_id))
    assert not panel.owner.isEnabled() and not panel.attach_button.isEnabled()


def test_an_overdue_action_shows_by_how_many_days_in_red_and_sorts_first(qtbot, ctx, session, make_page):
    later = add_auditor_finding(ctx, session.id, severity="priority", title="Fire exit blocked by pallets",
                                due_days=60)
    ctx.today = lambda: TODAY + dt.timedelta(days=20)
    page = make_page()
    action_id = hours_row(ctx)["action_id"]
    assert view_row(page, action_id) == 0
    assert cell(page, 0, COL_OVERDUE) == "Overdue by 6 days"
    assert cell(page, 0, COL_DUE) == "2026-12-07 (plan)"  # still open: its plan is what is late
    assert cell(page, 0, COL_OVERDUE, Qt.ItemDataRole.ForegroundRole).color().name() == OVERDUE_COLOUR
    assert cell(page, 0, COL_OVERDUE, Qt.ItemDataRole.FontRole).bold()
    (priority,) = [r for r in list_findings(ctx) if r["id"] == later]
    row = view_row(page, priority["action_id"])
    assert row > 0 and cell(page, row, COL_SEVERITY) == "Priority" and cell(page, row, COL_OVERDUE) == ""
    assert OVERDUE_RANK["open"] > 0


def test_the_overdue_filter_shows_only_overdue_actions(qtbot, ctx, session, make_page):
    add_auditor_finding(ctx, session.id, severity="minor", title="Notice board out of date", due_days=60)
    ctx.today = lambda: TODAY + dt.timedelta(days=20)
    page = make_page()
    page.mode.setFocus()
    qtbot.keyClick(page.mode, Qt.Key.Key_Down)  # "Overdue"
    qtbot.waitUntil(lambda: page.mode.currentData() == "overdue")
    assert page.proxy.rowCount() == len(list_findings(ctx, overdue_only=True)) >= 1
    assert all(cell(page, r, COL_OVERDUE).startswith("Overdue by") for r in range(page.proxy.rowCount()))
    assert page.count.text() == f"{page.proxy.rowCount()} of {page.model.rowCount()} findings"


def test_severity_and_search_narrow_the_table(qtbot, ctx, session, make_page):
    add_auditor_finding(ctx, session.id, severity="minor", title="Notice board out of date")
    page = make_page()
    total = page.proxy.rowCount()
    page.severity.setFocus()
    qtbot.keyClick(page.severity, Qt.Key.Key_End)  # "Minor"
    qtbot.waitUntil(lambda: page.proxy.rowCount() < total)
    assert {cell(page, r, COL_SEVERITY) for r in range(page.proxy.rowCount())} == {"Minor"}
    qtbot.keyClicks(page.search, "notice board")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert cell(page, 0, COL_TITLE) == "Notice board out of date"


def test_a_refused_edit_is_shown_next_to_the_fields_and_nothing_is_saved(qtbot, ctx, session, make_page):
    action_id = hours_row(ctx)["action_id"]
    page = make_page()
    click_row(qtbot, page, view_row(page, action_id))
    qtbot.waitUntil(lambda: page.panel.action_id == action_id)
    panel = page.panel
    panel.description.selectAll()
    qtbot.keyClick(panel.description, Qt.Key.Key_Delete)
    qtbot.keyClicks(panel.owner, "Site manager")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.error.isVisible)
    assert "description: say what must be done" in panel.error.text()
    stored = get_action(ctx, action_id)
    assert stored["owner"] == "" and stored["description"]
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert get_action(ctx, action_id)["status"] == "open", "no step is taken while the edits are refused"


def test_the_due_date_can_be_moved_but_not_before_the_finding_was_raised(qtbot, ctx, session, make_page):
    action_id = hours_row(ctx)["action_id"]
    page = make_page()
    click_row(qtbot, page, view_row(page, action_id))
    qtbot.waitUntil(lambda: page.panel.action_id == action_id)
    panel = page.panel
    assert panel.due.minimumDate().toString("yyyy-MM-dd") == TODAY.isoformat()
    panel.due.setFocus()
    qtbot.keyClick(panel.due, Qt.Key.Key_Up)  # the year section: one year later
    qtbot.keyClick(panel.owner, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["due_date"] == "2027-12-07")
    assert "plan due 2027-12-07" in cell(page, view_row(page, action_id), COL_DUE, Qt.ItemDataRole.ToolTipRole)


def test_links_in_the_detail_open_the_supplier_and_the_assessment(qtbot, ctx, session, make_page):
    page = make_page()
    row = hours_row(ctx)
    page.select_action(row["action_id"])
    with qtbot.waitSignal(page.open_supplier) as supplier:
        page.panel.where.linkActivated.emit(f"supplier:{row['supplier_id']}")
    with qtbot.waitSignal(page.open_assessment) as assessment:
        page.panel.where.linkActivated.emit(f"assessment:{session.id}")
    assert supplier.args == [row["supplier_id"]] and assessment.args == [session.id]


def test_show_findings_picks_the_mode_and_selects_the_action(qtbot, ctx, session, make_page):
    page = make_page()
    action_id = hours_row(ctx)["action_id"]
    page.show_findings("all", action_id)
    assert page.mode.currentData() == "all" and page.panel.action_id == action_id
    assert page.table.selectionModel().isRowSelected(view_row(page, action_id))


def test_the_model_passes_qt_model_checks(qtmodeltester, ctx, session, make_page):
    page = make_page()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_every_mnemonic_on_the_page_is_unique(ctx, session, make_page):
    page = make_page()
    page.select_action(hours_row(ctx)["action_id"])
    keys = []
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        found = re.search(r"&([^&])", widget.text().replace("&&", ""))
        if found and widget.isVisibleTo(page):
            keys.append(found.group(1).lower())
    assert len(keys) == len(set(keys)) >= 12, sorted(keys)


def test_typed_edits_are_saved_when_another_finding_is_selected(qtbot, ctx, session, make_page):
    other = add_auditor_finding(ctx, session.id, severity="minor", title="Notice board out of date")
    action_id = hours_row(ctx)["action_id"]
    (other_row,) = [r for r in list_findings(ctx) if r["id"] == other]
    page = make_page()
    click_row(qtbot, page, view_row(page, action_id))
    qtbot.waitUntil(lambda: page.panel.action_id == action_id)
    qtbot.keyClicks(page.panel.owner, "Production manager")
    click_row(qtbot, page, view_row(page, other_row["action_id"]))
    qtbot.waitUntil(lambda: page.panel.action_id == other_row["action_id"])
    assert get_action(ctx, action_id)["owner"] == "Production manager"
    assert cell(page, view_row(page, action_id), COL_OWNER) == "Production manager"
    assert page.table.selectionModel().isRowSelected(view_row(page, other_row["action_id"]))
    assert page.panel.owner.text() == ""
