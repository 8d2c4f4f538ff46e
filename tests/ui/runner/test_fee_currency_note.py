"""A fee paid in dollars against a wage in ringgit: the runner's result says at which rate, from which source and
of which day fldd converted it, and asks for the amount in months of wage only because the currencies differ."""

from __future__ import annotations

import pytest

from fldd.store import assessments as store_assessments
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

FEES_IN_DOLLARS = {
    "pr_monthly_base_wage": {"amount": 1700, "currency": "MYR"}, "fee_any_paid": "yes", "fee_workers_paid": 45,
    "fee_workers_recruited": 70, "fee_amount_typical": {"amount": 900, "currency": "USD"},
    "fee_amount_max": {"amount": 1100, "currency": "USD"}, "fee_repaid": "none",
}


def test_the_result_names_the_rate_a_dollar_fee_was_converted_at(ctx, desktop, open_page, ui):
    store_assessments.save_answers(ctx.store, desktop, {k: (v, None) for k, v in FEES_IN_DOLLARS.items()})
    page = open_page(desktop)
    notes = page.results.notes
    assert notes.isVisible()
    assert "converted USD to MYR at 1 USD = 4.05702 MYR" in notes.text()
    assert "European Central Bank" in notes.text() and "2026-10-30" in notes.text()
    assert not ui.card(page, "fee_typical_months").isHidden()


def test_no_note_and_no_months_question_when_the_fee_is_in_the_wages_currency(ctx, desktop, open_page, ui):
    same = {**FEES_IN_DOLLARS, "fee_amount_typical": {"amount": 3600, "currency": "MYR"},
            "fee_amount_max": {"amount": 4400, "currency": "MYR"}}
    store_assessments.save_answers(ctx.store, desktop, {k: (v, None) for k, v in same.items()})
    page = open_page(desktop)
    assert not page.results.notes.isVisible()
    assert ui.card(page, "fee_typical_months").isHidden()
