"""The shipped exchange-rate table: it loads, says where its numbers come from, and converts both ways."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fldd.paths import questionnaires_dir
from fldd.standard import exchange_rates
from fldd.standard.conditions import Money


def test_the_shipped_table_loads_with_its_source_and_day():
    rates = exchange_rates.read(questionnaires_dir() / exchange_rates.FILE_NAME)
    assert rates.base == "EUR" and rates.rates["EUR"] == 1
    assert "European Central Bank" in rates.source
    assert rates.date == "2026-10-30"
    assert {"USD", "MYR", "THB", "INR", "IDR", "PHP", "CNY"} <= set(rates.rates)


def test_usd_converts_to_ringgit_through_the_euro():
    rates = exchange_rates.shipped()
    converted = rates.convert(Money(Decimal(1000), "USD"), "MYR")
    assert converted.currency == "MYR"
    expected = Decimal(1000) * rates.rates["MYR"] / rates.rates["USD"]
    assert converted.amount == expected
    assert Decimal(4050) < converted.amount < Decimal(4060)  # 4.5325 / 1.1172 on 30 October 2026


def test_same_currency_is_returned_unchanged_and_a_missing_one_gives_none():
    rates = exchange_rates.shipped()
    ringgit = Money(Decimal(500), "MYR")
    assert rates.convert(ringgit, "MYR") is ringgit
    assert rates.convert(Money(Decimal(500), "BDT"), "MYR") is None  # the ECB publishes no taka rate
    assert rates.convert(ringgit, "NPR") is None


def test_a_conversion_names_its_rate_source_and_day():
    text = exchange_rates.shipped().describe("USD", "MYR")
    assert text.startswith("converted USD to MYR at 1 USD = 4.0570")
    assert "European Central Bank" in text and "2026-10-30" in text


@pytest.mark.parametrize("body, message", [
    ("source: x\nedition: y\ndate: '2026-10-30'\nbase: EUR\nrates: {EUR: '1', USD: '0'}\n", "positive"),
    ("source: x\nedition: y\ndate: '30/10/2026'\nbase: EUR\nrates: {EUR: '1'}\n", "YYYY-MM-DD"),
    ("source: x\nedition: y\ndate: '2026-10-30'\nbase: EUR\nrates: {EUR: '2'}\n", "rate 1"),
    ("source: x\ndate: '2026-10-30'\nbase: EUR\nrates: {EUR: '1'}\n", "'edition'"),
    ("source: x\nedition: y\ndate: '2026-10-30'\nbase: EUR\nrates: {usd: '1.1', EUR: '1'}\n", "ISO 4217"),
])
def test_a_broken_table_is_refused_with_the_reason(tmp_path, body, message):
    path = tmp_path / exchange_rates.FILE_NAME
    path.write_text(body, encoding="utf-8")
    with pytest.raises(exchange_rates.RatesError, match=message):
        exchange_rates.read(path)


def test_in_currency_of_converts_notes_and_leaves_non_amounts_unknown():
    wage = Money(Decimal(1700), "MYR")
    converted, note = exchange_rates.in_currency_of(Money(Decimal(900), "USD"), wage)
    assert converted.currency == "MYR" and note.startswith("converted USD to MYR")
    assert exchange_rates.in_currency_of(wage, Money(Decimal(1), "MYR")) == (wage, None)
    assert exchange_rates.in_currency_of(Decimal(900), wage) == (None, None)
    assert exchange_rates.in_currency_of(None, wage) == (None, None)
    missing, why = exchange_rates.in_currency_of(Money(Decimal(60000), "BDT"), wage)
    assert missing is None and why.startswith("no exchange rate from BDT to MYR")
