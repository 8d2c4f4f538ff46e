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


# Other names people write for a country: the UN's formal names (as in the UN M49 list and ISO 3166-1's full
# names), older or shorter English names, and common abbreviations. Matched without case or accents.
OTHER_NAMES = {
    "AE": ("UAE",), "BO": ("Bolivia (Plurinational State of)", "Plurinational State of Bolivia"),
    "BN": ("Brunei Darussalam",), "CD": ("DR Congo", "DRC", "Congo, Democratic Republic of the", "Congo-Kinshasa"),
    "CG": ("Congo", "Congo-Brazzaville"), "CI": ("Ivory Coast",), "CV": ("Cape Verde",),
    "CZ": ("Czech Republic",), "FM": ("Micronesia (Federated States of)",),
    "GB": ("UK", "United Kingdom of Great Britain and Northern Ireland", "Great Britain", "Britain"),
    "HK": ("Hong Kong SAR", "Hong Kong, China"), "IR": ("Iran (Islamic Republic of)", "Islamic Republic of Iran"),
    "KP": ("Democratic People's Republic of Korea", "DPRK"), "KR": ("Republic of Korea", "Korea, Republic of"),
    "LA": ("Lao PDR", "Lao People's Democratic Republic", "Lao"), "MD": ("Republic of Moldova",),
    "MK": ("Macedonia",), "MM": ("Myanmar", "Burma"), "MO": ("Macao SAR", "Macau"),
    "NL": ("The Netherlands", "Holland"),
    "PS": ("State of Palestine",), "RU": ("Russian Federation",), "SY": ("Syrian Arab Republic",), "SZ": ("Swaziland",),
    "TL": ("East Timor",), "TR": ("Turkey", "Turkiye"), "TZ": ("United Republic of Tanzania",),
    "US": ("USA", "United States of America", "U.S.", "U.S.A."), "VA": ("Holy See",),
    "VE": ("Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"), "VN": ("Viet Nam",),
}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Every name and other name, without case or accents -> code."""
    found = {_sort_key(name): code for code, name in _table().items()}
    for code, names in OTHER_NAMES.items():
        if code in _table():
            found.update({_sort_key(name): code for name in names})
    return found


def code_for_name(text: str) -> str | None:
    """The code of a country named in English, however it is usually written ('Viet Nam', 'Cote d'Ivoire',
    'Republic of Korea', 'UK'), or None."""
    return _by_name().get(_sort_key(" ".join((text or "").replace("’", "'").split())))
