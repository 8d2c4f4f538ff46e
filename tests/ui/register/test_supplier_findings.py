"""User story: a buyer opens a supplier in the register and sees its open findings and actions at once, the
Priority one first and its lateness in red, each a click from the Findings page; closed ones are not listed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fldd.ui.main_window import ROW_FINDINGS, MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.supplier_findings import SHOWN
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.assessments import add_auditor_finding
from fldd.usecases.findings import list_findings, set_action_status
from fldd.usecases.suppliers import add_supplier
from tests.ui.findings.conftest import submitted_assessment
from tests.ui.register.conftest import OFFSCREEN_LIMITS, TODAY

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def action_of(ctx, finding_id: int) -> int:
    return next(r["action_id"] for r in list_findings(ctx) if r["id"] == finding_id)


@pytest.fixture
def gloves(ctx):
    """Klang Valley Gloves: two major findings and a minor one raised by its answers (due 2026-12-07 and 12-23), a
    Priority one due 2026-11-30, overdue by three days on 2026-12-03, and a verified minor one; another supplier
    has findings of its own."""
    session = submitted_assessment(ctx)
    priority = add_auditor_finding(ctx, session.id, severity="priority", title="Passports kept in the HR office")
    closed = add_auditor_finding(ctx, session.id, severity="minor", title="Notice board out of date")
    set_action_status(ctx, action_of(ctx, closed), "done", note="New notices posted")
    set_action_status(ctx, action_of(ctx, closed), "verified", note="Seen on the visit")
    submitted_assessment(ctx, name="Penang Latex", peak_hours=70)
    ctx.today = lambda: TODAY + dt.timedelta(days=10)
    return session, action_of(ctx, priority)


def texts(panel) -> list[str]:
    """Each line as read: title, then due or late, and status."""
    return [f"{line.title.text()}\n{line.when.text()}" for line in panel.findings.lines]


def test_the_buyer_who_opens_a_supplier_sees_its_open_priority_finding_first_and_reaches_it(qtbot, ctx, gloves):
    session, priority_action = gloves
    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    entry = window.nav.visualItemRect(window.nav.item(1))  # Suppliers
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=entry.center())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get(1))
    register = window.page(1)
    row = next(r for r in range(register.proxy.rowCount())
               if register.proxy.index(r, 0).data() == "Klang Valley Gloves")
    rect = register.table.visualRect(register.proxy.index(row, 0))
    qtbot.mouseClick(register.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = register.panel
    qtbot.waitUntil(lambda: panel.supplier_id == session.supplier.id and panel.isVisible())

    findings = panel.findings
    assert findings.isVisible() and findings.heading.text() == "Open findings (4)"
    first, second, _, last = findings.lines
    assert [line.badge.text() for line in findings.lines] == ["Priority", "Major", "Major", "Minor"]
    assert texts(panel)[0] == "Passports kept in the HR office\nPlan overdue by 3 days · Open"
    assert OVERDUE_COLOUR in first.when.styleSheet() and OVERDUE_COLOUR not in first.title.styleSheet()
    assert second.when.text() == "Plan due 2026-12-07 · closure 2027-02-21 · Open" and OVERDUE_COLOUR not in second.when.styleSheet()
    assert last.when.text() == "Plan due 2026-12-23 · closure 2026-12-23 · Open"  # its remedy says 30 days
    assert not any("Notice board" in text for text in texts(panel)), "a verified action is closed"
    assert findings.geometry().top() < panel.facts.geometry().top(), "above the profile: no hunting"

    findings_page = window.page(ROW_FINDINGS)
    findings_page.search.setText("notice board")  # a search left from earlier, which hides the finding
    qtbot.mouseClick(first.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is findings_page)
    assert findings_page.panel.action_id == priority_action
    assert findings_page.panel.heading.text() == "Passports kept in the HR office"
    assert findings_page.search.text() == ""
    current = findings_page.table.currentIndex()
    assert findings_page.proxy.index(current.row(), 1).data() == "Passports kept in the HR office"


def test_a_done_action_waiting_for_verification_stays_listed_and_the_list_follows_the_store(qtbot, ctx, gloves,
                                                                                            qtbot_page_factory):
    session, priority_action = gloves
    page = qtbot_page_factory(ctx)
    page.select_supplier(session.supplier.id)
    set_action_status(ctx, priority_action, "done", note="Passports returned; lockers fitted")
    page.refresh()
    assert texts(page.panel)[0] == "Passports kept in the HR office\nPlan due 2026-11-30 · closure 2026-12-23 · Done, to verify"
    assert OVERDUE_COLOUR not in page.panel.findings.lines[0].when.styleSheet(), "done is never overdue"


def test_a_supplier_without_open_findings_says_so_and_a_long_list_is_cut(qtbot, ctx, gloves, qtbot_page_factory):
    session, _ = gloves
    clean = add_supplier(ctx, "Clean Co", "MY")
    page = qtbot_page_factory(ctx)
    page.select_supplier(clean)
    assert page.panel.findings.heading.text() == "Open findings"
    assert page.panel.findings.empty.isVisibleTo(page.panel) and page.panel.findings.lines == []
    for number in range(SHOWN + 2):
        add_auditor_finding(ctx, session.id, severity="minor", title=f"Minor finding {number}")
    page.select_supplier(session.supplier.id)
    assert len(page.panel.findings.lines) == SHOWN
    assert page.panel.findings.more.text() == "… and 6 more on the Findings page"
