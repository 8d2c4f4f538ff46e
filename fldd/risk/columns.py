"""How the columns and values of a risk list a buyer loads are recognised, leniently: the headings and words the
publishers use (US DOL, the State Department, US DHS for the UFLPA Entity List) and those people type.

Headings are compared without case, accents, spaces, underscores, hyphens or full stops, with "labour" read as
"labor" and a bracketed note at the end ("Forced Labor (X)") set aside. The layouts are in
resources/risk/README.md.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from fldd.risk.countries import code_for_name, is_country

# field -> the headings (as normal_heading gives them) that name it, per kind. The first is the documented one.
_COUNTRY = ("country", "country name", "countries", "country area", "country or area", "country territory",
            "source country", "country of origin", "origin")
_ISO = ("iso2", "iso", "iso code", "iso 2", "iso alpha 2", "country code", "country iso", "country iso code",
        "country isocode", "country iso2", "iso country code", "iso 3166", "code")
_GOOD = ("good", "goods", "product", "products", "good name", "product name", "commodity", "item")
_REASON = ("reason", "reasons", "why", "notes", "note", "description", "justification", "comment", "comments")
_REGION = ("region", "area", "sub national area", "subnational area", "province", "state", "region or area",
           "risk area")
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "dol_goods": {
        "good": _GOOD + ("downstream good", "derived good"), "country": _COUNTRY, "iso2": _ISO,
        "sector": ("sector", "industry", "sector name"),
        "child_labor": ("child labor", "cl", "child"),
        "forced_labor": ("forced labor", "fl", "forced"),
        "forced_child_labor": ("forced child labor", "fcl", "forced child"),
        "exploitation": ("exploitation", "exploitations", "all exploitations", "exploitation type",
                         "exploitation types", "type of exploitation", "labor exploitation", "listed for"),
        "derived": ("derived", "derived labor exploitation", "downstream", "made with listed inputs",
                    "produced with inputs"),
        "derived_country": ("derived country", "derived iso2", "derived country iso", "input country",
                            "country of inputs", "inputs country", "input country iso2"),
    },
    "dol_countries": {
        "country": _COUNTRY, "iso2": _ISO, "region": ("region",),
        "advancement_level": ("advancement level", "advancement", "level of advancement", "assessment",
                              "assessment level", "country assessment"),
    },
    "tip_tiers": {
        "country": _COUNTRY, "iso2": _ISO,
        "tier": ("tier", "tier placement", "placement", "tip tier", "ranking", "tier ranking", "rank"),
    },
    "eu_flr": {
        "country": _COUNTRY, "iso2": _ISO, "region": _REGION, "good": _GOOD,
        "level": ("level", "risk level", "risk"), "reason": _REASON,
    },
    "own_list": {
        "country": _COUNTRY, "iso2": _ISO, "region": _REGION, "good": _GOOD,
        "level": ("level", "risk level", "risk"), "reason": _REASON,
    },
    "entity_list": {
        "name": ("name", "entity name", "entity", "entities", "company", "company name", "organization",
                 "organization name", "organisation", "legal name", "full name"),
        "aliases": ("aliases", "alias", "also known as", "aka", "a k a", "other names", "alternative names",
                    "alternate names", "known as"),
        "country": _COUNTRY, "iso2": _ISO,
        "address": ("address", "addresses", "location", "registered address"),
        "reference": ("reference", "references", "federal register notice", "federal register", "citation",
                      "source", "listing", "notice", "date added", "effective date"),
    },
}

# What a file of each kind must hold (a set is "one of these").
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "dol_goods": (("good",), ("country", "iso2"),
                  ("child_labor", "forced_labor", "forced_child_labor", "exploitation", "derived", "derived_country")),
    "dol_countries": (("country", "iso2"), ("advancement_level",)),
    "tip_tiers": (("country", "iso2"), ("tier",)),
    "eu_flr": (("country", "iso2"),),
    "own_list": (("country", "iso2"),),
    "entity_list": (("name",),),
}

KIND_NAMES = {"dol_goods": "DOL List of Goods", "dol_countries": "DOL country findings",
              "tip_tiers": "TIP report tiers", "eu_flr": "EU FLR database of risk areas and products",
              "entity_list": "entity list", "own_list": "own high-risk list"}

FIELD_WORDS = {"good": "the good", "country": "the country", "iso2": "the country's ISO code",
               "child_labor": "child labour", "forced_labor": "forced labour",
               "forced_child_labor": "forced child labour", "exploitation": "the kinds of exploitation",
               "derived": "derived (downstream) goods", "derived_country": "the inputs' country",
               "advancement_level": "the advancement level", "tier": "the tier", "name": "the entity's name"}

_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def fold(text: str) -> str:
    """Lower case, no accents, curly quotes made straight, spaces collapsed."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").casefold().split())


def normal_heading(text: str) -> str:
    """'Forced_Labour (X)' -> 'forced labor'; 'Country_ISOCode' -> 'country isocode'."""
    words = fold(_NOTE.sub("", text or "") or text or "")
    words = re.sub(r"[^a-z0-9]+", " ", words.replace("labour", "labor")).split()
    return " ".join(words)


def field_of(kind: str, heading: str) -> str | None:
    """The field of `kind` a column heading names, or None."""
    seen = normal_heading(heading)
    if not seen:
        return None
    for name, words in COLUMNS[kind].items():
        if seen in words or seen.replace(" ", "") in {w.replace(" ", "") for w in words}:
            return name
    return None


YES = {"yes", "y", "x", "true", "1", "✓", "✔", "listed", "t"}
NO = {"no", "n", "false", "0", "", "-", "f", "not listed"}
_RANGE = re.compile(r"^(\d{4})\s*(?:-|–|to)\s*(\d{4}|present|current|now)?$")


class BadValue(ValueError):
    """A value that cannot be read; the message says what was expected."""


def flag(text: str) -> bool:
    """Yes/No/Y/N/X/blank/True/False/1/0 (and DOL's data sets' year ranges: '2009-' or '2009' listed since,
    '2009-2020' listed then removed)."""
    seen = fold(text)
    if seen in YES:
        return True
    if seen in NO:
        return False
    if re.fullmatch(r"\d{4}", seen):
        return True
    match = _RANGE.match(seen)
    if match:
        return not (match.group(2) or "").isdigit()
    raise BadValue(f"'{text}' is not a yes or no (write Yes, No, Y, N, X, True, False, 1, 0 or leave it blank)")


# Country names the US government publishes that the register's names and other names do not already cover.
_MORE_NAMES = {"kyrgyz republic": "KG", "slovak republic": "SK", "west bank and gaza": "PS",
               "palestinian territories": "PS", "west bank": "PS", "gaza": "PS", "mainland china": "CN",
               "federated states of micronesia": "FM", "cote d ivoire": "CI", "korea north": "KP",
               "korea south": "KR", "burma myanmar": "MM", "turkiye turkey": "TR",
               "people s republic of china": "CN", "prc": "CN", "west bank and the gaza strip": "PS",
               "gaza strip": "PS", "saint helena ascension and tristan da cunha": "SH",
               "micronesia federated states of": "FM", "republic of korea": "KR", "taiwan province of china": "TW",
               "hong kong sar": "HK", "macau sar": "MO", "macao sar": "MO"}
_BRACKETED = re.compile(r"^(?P<outside>.*?)\s*\((?P<inside>[^()]*)\)$")


@lru_cache(maxsize=4096)
def country(text: str) -> str:
    """The ISO code of a country given by its two-letter code or by name as DOL, the State Department or people
    write it ('Burma', "Côte d'Ivoire", 'Kyrgyz Republic', 'Gambia, The', 'Korea, South'); BadValue otherwise."""
    shown = " ".join((text or "").split())
    if len(shown) == 2 and shown.isalpha() and is_country(shown):
        return shown.upper()
    code = code_for_name(shown)
    if code:
        return code
    simple = re.sub(r"[^a-z0-9]+", " ", fold(shown)).strip()
    for candidate in (shown.replace("St. ", "Saint ").replace("St ", "Saint "),
                      " ".join(reversed([p.strip() for p in shown.split(",", 1)])) if "," in shown else "",
                      re.sub(r"^the ", "", simple), re.sub(r" the$", "", simple)):
        if candidate and (code := code_for_name(candidate)):
            return code
    code = _MORE_NAMES.get(simple) or _MORE_NAMES.get(simple.replace(" the", ""))
    if code:
        return code
    bracketed = _BRACKETED.match(shown)  # 'Turkey (Türkiye)', 'Falkland Islands (Islas Malvinas)'
    if bracketed:
        for part in (bracketed.group("outside"), bracketed.group("inside")):
            try:
                return country(part)
            except BadValue:
                continue
    if not shown:
        raise BadValue("no country given")
    raise BadValue(f"'{shown}' is not a country fldd knows: use its two-letter ISO code (e.g. CN) or its English "
                   "name")


TIERS = {"tier 1": "Tier 1", "1": "Tier 1", "tier 2": "Tier 2", "2": "Tier 2", "tier 2 watch list": "Tier 2 Watch List",
         "tier 2 watchlist": "Tier 2 Watch List", "2wl": "Tier 2 Watch List", "tier 2wl": "Tier 2 Watch List",
         "watch list": "Tier 2 Watch List", "2 watch list": "Tier 2 Watch List", "tier 3": "Tier 3", "3": "Tier 3",
         "special case": "Special Case", "special": "Special Case"}


def tier(text: str) -> str:
    """'Tier 2 Watch List', 'tier 2 WL', '3' -> the State Department's words; BadValue otherwise."""
    seen = re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()
    if seen in TIERS:
        return TIERS[seen]
    raise BadValue(f"'{text}' is not a tier (write Tier 1, Tier 2, Tier 2 Watch List, Tier 3 or Special Case)")


def level(text: str) -> str:
    """'high' (also blank) or 'medium'; BadValue otherwise."""
    seen = fold(text)
    if seen in ("", "high", "h"):
        return "high"
    if seen in ("medium", "med", "m"):
        return "medium"
    raise BadValue(f"'{text}' is not a level (write high or medium, or leave it blank for high)")


def aliases(text: str) -> tuple[str, ...]:
    """Aliases separated by ';', '|' or new lines, each trimmed, empty ones and repeats left out."""
    found = [" ".join(part.split()) for part in re.split(r"[;|\n\r]+", text or "")]
    return tuple(dict.fromkeys(a for a in found if a))
