"""A money answer starts in the currency of the site's country (ISO 4217), so a supplier in Malaysia types an
amount in ringgit without touching the currency; US dollars where a country has no currency of its own."""

from __future__ import annotations

import pytest

from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import start_assessment
from fldd.usecases.suppliers import add_supplier
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.mark.parametrize("country, currency", [("MY", "MYR"), ("BD", "BDT"), ("PT", "EUR"), ("AQ", "USD")])
def test_an_amount_typed_is_saved_in_the_sites_currency(qtbot, ctx, open_page, ui, country, currency):
    supplier = add_supplier(ctx, "Sample Site", country, goods=["Garments"])
    assessment = start_assessment(ctx, supplier, "fldd-desktop")
    page = open_page(assessment)
    editor = ui.card(page, "pr_monthly_base_wage").editor
    assert editor.currency.currentText() == currency

    ui.type_into(qtbot, editor.amount, "1500")

    stored = store_assessments.answers(ctx.store, assessment)["pr_monthly_base_wage"].value
    assert stored == {"amount": 1500, "currency": currency}
    assert editor.currency.currentText() == currency


def test_other_amounts_follow_the_base_wages_currency_once_it_is_given(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)  # a Malaysian site
    wage = ui.card(page, "pr_monthly_base_wage").editor
    wage.currency.setCurrentText("USD")
    ui.type_into(qtbot, wage.amount, "400")
    loan = ui.card(page, "wag_loan_largest").editor
    assert loan.currency.currentText() == "USD"
