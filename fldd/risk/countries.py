"""ISO 3166-1 alpha-2 country codes (plus XK Kosovo): validation and English names for display."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


class UnknownCountryError(ValueError):
    """The text is not an ISO 3166-1 alpha-2 code that fldd knows."""


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """iso2 -> name from resources/risk/countries.csv, read on first use."""
    from fldd.risk.data import load_countries, risk_folder

    return load_countries(risk_folder())


def normalise_country(code: str) -> str:
    """The upper-case code for `code` (spaces and case forgiven), or UnknownCountryError."""
    text = (code or "").strip().upper()
    if text not in _table():
        shown = (code or "").strip()
        if len(text) != 2 or not text.isalpha():
            raise UnknownCountryError(
                f"'{shown}' is not a country code: use the two-letter ISO 3166-1 code, e.g. 'MY' for Malaysia")
        raise UnknownCountryError(f"unknown country code '{text}' (not an ISO 3166-1 alpha-2 code)")
    return text


def is_country(code: str) -> bool:
    """True when `code` is a known two-letter code (case and surrounding spaces forgiven)."""
    try:
        normalise_country(code)
    except UnknownCountryError:
        return False
    return True


def country_name(code: str) -> str:
    """English short name of a known code, e.g. 'MY' -> 'Malaysia'; UnknownCountryError otherwise."""
    return _table()[normalise_country(code)]


def countries() -> list[tuple[str, str]]:
    """Every (code, name), sorted by name, for pick lists."""
    return sorted(_table().items(), key=lambda item: _sort_key(item[1]))


def _sort_key(name: str) -> str:
    """Name without accents, case-folded, so that Åland sorts with A and Côte d'Ivoire with C."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
