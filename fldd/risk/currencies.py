"""The currency of a site's country (ISO 4217), from resources/risk/currencies.csv: money answers start in it."""

from __future__ import annotations

import re
from functools import lru_cache

FALLBACK = "USD"  # for a country with no currency of its own in ISO 4217 (Antarctica, Palestine...) or none known


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """iso2 -> currency code, read on first use; a country listed without a currency is left out."""
    from fldd.risk.data import RiskDataError, load_countries, risk_folder, rows

    folder = risk_folder()
    path = folder / "currencies.csv"
    countries = load_countries(folder)
    table: dict[str, str] = {}
    for line, row in rows(path, ("iso2", "currency")):
        if row["iso2"] not in countries or not re.fullmatch(r"([A-Z]{3})?", row["currency"]):
            raise RiskDataError(f"{path}:{line}: expected a country code of countries.csv and a 3-letter currency "
                                "code (or nothing)")
        if row["currency"]:
            table[row["iso2"]] = row["currency"]
    return table


def local_currency(country: str | None) -> str:
    """The currency wages are paid in at a site in this country; US dollars when the table has none."""
    return _table().get((country or "").strip().upper(), FALLBACK)
