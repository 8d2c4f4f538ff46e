"""The runner's result panel says a rating is provisional until the assessment is submitted complete, and
carries a legend of what the score and the rating mean."""

from __future__ import annotations

import pytest

from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def test_the_rating_reads_so_far_until_submitted_then_final_with_its_legend(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    ui.type_into(qtbot, ui.card(page, "hrs_regular_weekly").editor.line, "44")
    done = page.session.result.completeness
    assert page.results.rating.text().endswith(f"so far ({done.answered_required} of {done.required} answered)")
    legend = page.results.legend
    assert legend.isVisible() and legend.text().startswith("Score 0-100: 100 = no risk found in the answers given.")
    assert "Low risk from 85, Medium risk from 70" in legend.toolTip()
    assert "High risk or worse when:" in page.results.rating.toolTip()

    ui.answer_everything_required(page)
    complete = page.session.result.completeness
    assert page.results.rating.text().endswith(f"so far ({complete.required} of {complete.required} answered, "
                                               "not submitted)")
    page.move_to("submitted")

    assert page.results.rating.text() in ("Low risk", "Medium risk", "High risk", "Severe risk")
