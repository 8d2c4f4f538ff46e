"""The currency table: one ISO 4217 code for every country fldd knows, and US dollars where there is none."""

from __future__ import annotations

import csv

import pytest

from fldd.risk.countries import countries
from fldd.risk.currencies import FALLBACK, local_currency
from fldd.risk.data import risk_folder


def test_every_country_has_a_row_with_a_three_letter_code_or_none():
    with (risk_folder() / "currencies.csv").open(encoding="utf-8", newline="") as handle:
        table = {row["iso2"]: row["currency"] for row in csv.DictReader(handle)}
    assert sorted(table) == sorted(code for code, _ in countries())
    assert all(len(code) == 3 and code.isupper() for code in table.values() if code)


@pytest.mark.parametrize("country, currency", [
    ("MY", "MYR"), ("VN", "VND"), ("BD", "BDT"), ("CN", "CNY"), ("IN", "INR"), ("TH", "THB"), ("GB", "GBP"),
    ("DE", "EUR"), ("HR", "EUR"), ("CI", "XOF"), ("CM", "XAF"), ("EC", "USD"), ("SV", "USD"), ("ZW", "ZWG"),
    ("my", "MYR"), (" vn ", "VND")])
def test_a_site_country_gives_its_currency(country, currency):
    assert local_currency(country) == currency


@pytest.mark.parametrize("country", ["AQ", "PS", "ZZ", "", None])
def test_no_currency_of_its_own_or_an_unknown_country_gives_us_dollars(country):
    assert local_currency(country) == FALLBACK == "USD"
