"""The supplier breakdowns of the portfolio report (by country, goods, tier in the chain, rating, inherent
risk, and the country x goods heat map), from one row per supplier with its latest result (store.portfolio_report
.suppliers): a register of 10,000 suppliers is 10,000 small rows, counted here in one pass each."""

from __future__ import annotations

import json
from collections import Counter

from fldd.risk.countries import country_name
from fldd.standard.model import RATINGS

HEAT_TOP = 8  # countries and goods shown in the heat map before the rest is summed as "other"
OTHER = "other"
NO_GOODS = "(none)"
RATING_KEYS = (*RATINGS, "not_assessed")
INHERENT_KEYS = ("high", "medium", "low", "unknown")
_INHERENT_ORDER = {"low": 0, "medium": 1, "high": 2}


def annotate(rows: list[dict], as_of: str) -> list[dict]:
    """Add to each supplier row: `rating_key` (its latest result's rating, or not_assessed), `valid` (a latest
    result that has not expired on `as_of`: valid through its valid_until day), `high_or_severe`, and
    `goods_list` (its goods, or NO_GOODS)."""
    for row in rows:
        rated = row["assessment_id"] is not None and row["rating"] in RATINGS
        row["rating_key"] = row["rating"] if rated else "not_assessed"
        row["valid"] = row["assessment_id"] is not None and (row["valid_until"] is None
                                                             or row["valid_until"] >= as_of)
        row["high_or_severe"] = row["rating"] in ("high", "severe") and row["assessment_id"] is not None
        goods = _goods(row["goods"])
        row["goods_list"] = goods or [NO_GOODS]
    return rows


def _goods(text: str | None) -> list[str]:
    try:
        found = json.loads(text or "[]")
    except ValueError:
        return []
    seen: dict[str, str] = {}
    for good in found if isinstance(found, list) else []:
        if isinstance(good, str) and good.strip():
            seen.setdefault(good.strip().casefold(), good.strip())
    return list(seen.values())


def _country_name(code: str) -> str:
    try:
        return country_name(code)
    except ValueError:  # a code the register refused today but an older database kept
        return code


def _worst_inherent(levels) -> str | None:
    known = [level for level in levels if level in _INHERENT_ORDER]
    return max(known, key=_INHERENT_ORDER.__getitem__) if known else None


def _worst_rating(ratings) -> str | None:
    known = [r for r in ratings if r in RATINGS]
    return max(known, key=RATINGS.index) if known else None


def _group(rows: list[dict], key) -> dict:
    groups: dict = {}
    for row in rows:
        for k in key(row):
            groups.setdefault(k, []).append(row)
    return groups


def _counts(members: list[dict]) -> dict:
    return {"suppliers": len(members), "assessed": sum(r["valid"] for r in members),
            "high_or_severe": sum(r["high_or_severe"] for r in members)}


def by_country(rows: list[dict]) -> list[dict]:
    """Suppliers per country, most first (then by name)."""
    groups = _group(rows, lambda r: [r["country"]])
    out = [{"country": code, "name": _country_name(code), **_counts(members),
            "inherent_level": _worst_inherent(r["inherent_level"] for r in members)}
           for code, members in groups.items()]
    return sorted(out, key=lambda r: (-r["suppliers"], r["name"].casefold()))


def _goods_groups(rows: list[dict]) -> dict[str, list[dict]]:
    """Goods (the first spelling met, matched without case) -> the suppliers making them."""
    spelling: dict[str, str] = {}
    for row in rows:
        for good in row["goods_list"]:
            spelling.setdefault(good.casefold(), good)
    return _group(rows, lambda r: [spelling[g.casefold()] for g in r["goods_list"]])


def by_goods(rows: list[dict]) -> list[dict]:
    """Suppliers per good (a supplier counts under each good it makes), most first."""
    out = [{"goods": good, **_counts(members)} for good, members in _goods_groups(rows).items()]
    return sorted(out, key=lambda r: (-r["suppliers"], r["goods"] == NO_GOODS, r["goods"].casefold()))


def by_chain_tier(rows: list[dict]) -> list[dict]:
    """Suppliers per tier in the chain (1 = direct supplier), in tier order."""
    groups = _group(rows, lambda r: [r["chain_tier"]])
    return [{"chain_tier": tier, **_counts(groups[tier])} for tier in sorted(groups)]


def by_rating(rows: list[dict]) -> list[dict]:
    """Suppliers per rating of the latest result, every rating listed."""
    counts = Counter(r["rating_key"] for r in rows)
    return [{"rating": key, "suppliers": counts.get(key, 0)} for key in RATING_KEYS]


def by_inherent(rows: list[dict]) -> list[dict]:
    """Suppliers per inherent risk level (as stored on each supplier), every level listed."""
    counts = Counter(r["inherent_level"] if r["inherent_level"] in _INHERENT_ORDER else "unknown" for r in rows)
    return [{"level": key, "suppliers": counts.get(key, 0)} for key in INHERENT_KEYS]


def heat_map(rows: list[dict], top: int = HEAT_TOP, *, countries: list[dict] | None = None,
             goods: list[dict] | None = None) -> dict:
    """Country x goods cells for the `top` countries and goods by suppliers (in the order of by_country and
    by_goods, given when already counted), the rest summed as OTHER; a supplier counts once per cell."""
    countries = [r["country"] for r in (by_country(rows) if countries is None else countries)]
    goods = [r["goods"] for r in (by_goods(rows) if goods is None else goods)]
    shown_countries, shown_goods = countries[:top], goods[:top]
    column = {g.casefold(): g for g in shown_goods}
    cells: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        country = row["country"] if row["country"] in shown_countries else OTHER
        for good in {column.get(g.casefold(), OTHER) for g in row["goods_list"]}:
            cells.setdefault((country, good), []).append(row)
    country_order = {c: i for i, c in enumerate([*shown_countries, OTHER])}
    goods_order = {g: i for i, g in enumerate([*shown_goods, OTHER])}
    out = []
    for (country, good), members in sorted(cells.items(),
                                           key=lambda kv: (country_order[kv[0][0]], goods_order[kv[0][1]])):
        ratings = Counter(r["rating_key"] for r in members)
        high = sum(r["high_or_severe"] for r in members)
        out.append({"country": country, "country_name": "Other" if country == OTHER else _country_name(country),
                    "goods": good, "suppliers": len(members), "high_or_severe": high,
                    "high_or_severe_pct": round(100 * high / len(members), 1),
                    "worst_rating": _worst_rating(r["rating_key"] for r in members),
                    "inherent_level": _worst_inherent(r["inherent_level"] for r in members),
                    "ratings": {key: ratings.get(key, 0) for key in RATING_KEYS}})
    return {"countries": [*shown_countries, *([OTHER] if len(countries) > top else [])],
            "goods": [*shown_goods, *([OTHER] if len(goods) > top else [])], "cells": out}
