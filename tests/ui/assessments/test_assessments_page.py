"""The assessments page lists every assessment with its rating and expiry, filters them, and opens one."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from fldd.store import assessments as store_assessments
from fldd.ui.assessments.assessments_model import (
    COL_COMPLETE,
    COL_QUESTIONNAIRE,
    COL_RATING,
    COL_STATUS,
    COL_SUBMITTED,
    COL_SUPPLIER,
    COL_VALID,
)
from fldd.ui.assessments.assessments_page import AssessmentsPage
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.theme import OVERDUE_COLOUR, RATING_COLOURS
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def _assessment(ctx, supplier_id, tier, status, *, rating, valid_until=None, completeness=100.0, started=""):
    aid = store_assessments.create(ctx.store, supplier_id, f"fldd-{tier}", "1.0.0", tier, assessor="Ana")
    for step in {"draft": (), "submitted": ("submitted",), "closed": ("submitted", "under_review", "closed")}[status]:
        store_assessments.set_status(ctx.store, aid, step)
    counts = {"required": 80, "answered_required": round(80 * completeness / 100)}
    store_assessments.save_result(ctx.store, aid, {
        "rating": rating, "score": 61.5, "completeness": {"percent": completeness, **counts}, "expires": valid_until,
        "as_of": None if status == "draft" else "2025-10-01"})
    store_assessments.set_dates(ctx.store, aid, started_at=f"{started}T09:00:00Z")
    return aid


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "t.sqlite3", user="tester", role="buyer")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def ids(ctx):
    """An expired closed desktop result, a current submitted one, and an on-site draft."""
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    return {
        "expired": _assessment(ctx, gloves, "desktop", "closed", rating="severe", valid_until="2026-10-01",
                               started="2025-09-20"),
        "current": _assessment(ctx, chairs, "desktop", "submitted", rating="low", valid_until="2027-10-01",
                               started="2025-09-25"),
        "draft": _assessment(ctx, gloves, "onsite", "draft", rating="high", completeness=62.4, started="2026-11-01"),
    }


@pytest.fixture
def page(qtbot, ctx, ids):
    shown = AssessmentsPage(ctx, ScriptedPrompter())
    qtbot.addWidget(shown)
    shown.resize(1280, 700)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def texts(page, column):
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def test_every_assessment_is_listed_newest_first_with_words_for_status_and_rating(page):
    assert texts(page, COL_SUPPLIER) == ["Klang Valley Gloves", "Lodz Chairs", "Klang Valley Gloves"]
    assert texts(page, COL_QUESTIONNAIRE) == ["On-site 1.0.0", "Desktop 1.0.0", "Desktop 1.0.0"]
    assert page.proxy.index(0, COL_QUESTIONNAIRE).data(Qt.ItemDataRole.ToolTipRole) == (
        "On-site assessment (fldd-onsite 1.0.0)")
    assert texts(page, COL_STATUS) == ["Draft", "Submitted", "Closed"]
    assert texts(page, COL_RATING) == ["High risk so far (50 of 80 answered)", "Low risk", "Severe risk"]
    assert texts(page, COL_COMPLETE) == ["62%", "100%", "100%"]
    assert texts(page, COL_SUBMITTED) == ["", "2025-10-01", "2025-10-01"]
    background = page.proxy.index(2, COL_RATING).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == RATING_COLOURS["severe"]
    assert page.count.text() == "3 of 3 assessments"


def test_an_expired_result_says_so_in_red(page):
    assert texts(page, COL_VALID) == ["", "2027-10-01", "2026-10-01 — Expired"]
    foreground = page.proxy.index(2, COL_VALID).data(Qt.ItemDataRole.ForegroundRole)
    assert foreground.color().name() == OVERDUE_COLOUR
    assert page.proxy.index(1, COL_VALID).data(Qt.ItemDataRole.ForegroundRole) is None


def test_tier_status_and_search_filters_narrow_the_list(qtbot, page):
    page.tier.setFocus()
    qtbot.keyClick(page.tier, Qt.Key.Key_Down)  # Desktop self-assessment
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    page.status.setFocus()
    qtbot.keyClick(page.status, Qt.Key.Key_End)  # Closed
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert texts(page, COL_STATUS) == ["Closed"]
    qtbot.keyClick(page.status, Qt.Key.Key_Home)
    qtbot.keyClicks(page.search, "lodz")
    qtbot.waitUntil(lambda: texts(page, COL_SUPPLIER) == ["Lodz Chairs"])
    assert page.count.text() == "1 of 3 assessments"


def test_double_click_opens_the_assessment(qtbot, page, ids):
    rect = page.table.visualRect(page.proxy.index(1, COL_SUPPLIER))
    seen = []
    page.open_assessment.connect(seen.append)
    with qtbot.waitSignal(page.open_assessment) as opened:
        # a real double-click: press and release, then the double-click event
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [ids["current"]] and seen == [ids["current"]], "opened once, not twice"


def test_enter_opens_the_selected_assessment(qtbot, page, ids):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_assessment) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args[0] in ids.values()
    assert opened.args == [page.table.currentIndex().data(Qt.ItemDataRole.UserRole + 2)]


def test_the_open_button_opens_the_selected_assessment(qtbot, page, ids):
    page.select_assessment(ids["draft"])
    with qtbot.waitSignal(page.open_assessment) as opened:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [ids["draft"]]


def test_refresh_keeps_the_selection(page, ids):
    page.select_assessment(ids["expired"])
    page.refresh()
    assert page.table.currentIndex().data(Qt.ItemDataRole.UserRole + 2) == ids["expired"]


def test_the_model_passes_qt_model_checks(qtmodeltester, page):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


@pytest.mark.parametrize("width", [1196, 1750])
def test_the_supplier_column_takes_the_room_and_the_others_fit_their_text(qtbot, page, width):
    page.resize(width, 700)
    header = page.table.horizontalHeader()
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(header.count()))
                    == page.table.viewport().width())
    metrics = page.table.fontMetrics()
    bold = page.table.font()
    bold.setBold(True)
    for column in range(header.count()):
        shown = [page.proxy.index(r, column).data() or "" for r in range(page.proxy.rowCount())]
        shown.append(page.proxy.headerData(column, Qt.Orientation.Horizontal))
        widest = max(metrics.horizontalAdvance(text) for text in shown)
        if column == COL_VALID:  # an expired date is shown in bold
            widest = max(widest, QFontMetrics(bold).horizontalAdvance(texts(page, COL_VALID)[2]))
        assert header.sectionSize(column) >= widest, (column, header.sectionSize(column), widest)
    others = [header.sectionSize(c) for c in range(header.count()) if c != COL_SUPPLIER]
    assert header.sectionSize(COL_SUPPLIER) > max(others)
    assert header.sectionSize(COL_SUPPLIER) > page.table.viewport().width() - sum(others) - 2
