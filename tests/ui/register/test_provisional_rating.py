"""A buyer scanning the register never reads a half-done draft's rating as final: the register and the supplier
panel say 'so far' with how much is answered, and the rating and score columns explain themselves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.ui.register.supplier_model import COL_RATING, COL_SCORE
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_assessment_flow import complete

OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def test_a_half_done_draft_reads_so_far_in_the_register_and_the_panel(qtbot, ctx, qtbot_page_factory):
    sid = add_supplier(ctx, "Half Done Ltd", "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    session.answer("pr_workers_total", 120)
    session.answer("hrs_peak_weekly_max", 48)
    done = session.result.completeness
    page = qtbot_page_factory(ctx)

    cell = page.proxy.index(0, COL_RATING)
    expected = f"so far ({done.answered_required} of {done.required} answered)"
    assert cell.data().endswith(" so far")  # the narrow column: the words; the counts are in its tooltip
    assert cell.data(Qt.ItemDataRole.ToolTipRole).endswith(expected)
    assert page.legend.isVisible() and "never better than the findings and red flags" in page.legend.toolTip()
    rect = page.table.visualRect(page.proxy.index(0, COL_RATING))
    assert page.table.fontMetrics().horizontalAdvance(cell.data()) < rect.width()  # "so far" is not cut off
    header = page.proxy.headerData(COL_RATING, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "100 means no risk was found in the answers given" in header
    assert "Score, 0 to 100" in page.proxy.headerData(COL_SCORE, Qt.Orientation.Horizontal,
                                                      Qt.ItemDataRole.ToolTipRole)
    page.select_supplier(sid)
    qtbot.waitUntil(lambda: page.panel.isVisible() and page.panel.supplier_id == sid)
    [line] = [w for w in page.panel.findChildren(type(page.panel.no_assessments), "assessmentRating")
              if w.isVisible()]
    assert line.text().endswith(expected) and "Score, 0 to 100" in line.toolTip()


def test_a_submitted_complete_assessment_reads_final_in_the_register(ctx, qtbot_page_factory):
    sid = add_supplier(ctx, "Done Ltd", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    complete(session)
    session.move_to("submitted")
    page = qtbot_page_factory(ctx)

    assert page.proxy.index(0, COL_RATING).data() in ("Low risk", "Medium risk", "High risk", "Severe risk")
