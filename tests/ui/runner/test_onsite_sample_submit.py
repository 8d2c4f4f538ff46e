"""The auditor sees the sample shortfall under the questions before submitting, and Submit asks for the reason;
the GUI and the CLI refuse and record through the same use case."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.usecases.sampling import stored_reasons
from tests.ui.runner.conftest import OFFSCREEN_LIMITS
from tests.usecases.test_onsite_sampling import fill_onsite

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

REASON = "Management allowed two hours on site; the other interviews are booked off site for next week."


@pytest.fixture
def short_audit(ctx, onsite):
    """Every required answer given, 12 workers interviewed at a site of 450 (the minimum is 20)."""
    from fldd.usecases.assessments import AssessmentSession

    ctx.role = "auditor"
    fill_onsite(AssessmentSession(ctx, onsite), wi_workforce_on_site=450, wi_interviewed=12, dr_files_sampled=20)
    return onsite


def test_the_shortfall_shows_before_submit_and_the_reason_is_asked(qtbot, ctx, short_audit, open_page,
                                                                   prompter):
    page = open_page(short_audit)
    assert page.sample.isVisible()
    assert "12 of 20 workers interviewed for a site of 450 workers (minimum not met)" in page.sample.label.text()
    assert "Submit will ask for your reason" in page.sample.label.text()

    prompter.reasons = [None]  # the auditor cancels to interview more workers
    qtbot.mouseClick(page.actions.submit, Qt.MouseButton.LeftButton)
    assert prompter.asked[-1][:2] == ("reason", "Sample below the minimum")
    assert "12 of 20 workers interviewed for a site of 450 workers" in prompter.asked[-1][2]
    assert store_assessments.get(ctx.store, short_audit).status == "draft"
    assert stored_reasons(page.session) == []

    prompter.reasons = [REASON]
    qtbot.mouseClick(page.actions.submit, Qt.MouseButton.LeftButton)
    assert store_assessments.get(ctx.store, short_audit).status == "submitted"
    [kept] = stored_reasons(page.session)
    assert (kept["reason"], kept["done"], kept["minimum"], kept["given_by"]) == (REASON, 12, 20, "tester")
    assert "Reason recorded by tester" in page.sample.label.text() and REASON in page.sample.label.text()


def test_a_sample_that_meets_the_minimum_is_submitted_without_a_question(qtbot, ctx, short_audit, open_page,
                                                                        prompter, ui):
    page = open_page(short_audit)
    ui.type_into(qtbot, ui.card(page, "wi_interviewed").editor.line, "20")
    assert "(minimum not met)" not in page.sample.label.text()
    qtbot.mouseClick(page.actions.submit, Qt.MouseButton.LeftButton)
    assert store_assessments.get(ctx.store, short_audit).status == "submitted"
    assert not [a for a in prompter.asked if a[0] == "reason"]


def test_a_desktop_assessment_shows_no_sample_line(ctx, desktop, open_page):
    page = open_page(desktop)
    assert not page.sample.isVisible()
