"""Matching a supplier's goods to the names on the DOL List of Goods, forgiving only typing differences.

A supplier's good matches a DOL good when, after these rules, the words are the same:

1. Case, accents, hyphens and extra spaces do not count: "acai berries" = "Açaí Berries",
   "lithium ion batteries" = "Lithium-Ion Batteries".
2. A word equals its plural formed with -s, -es or -ies/-y: "Garment" = "Garments", "Tomato" = "Tomatoes",
   "Strawberry" = "Strawberries".
3. A bracketed note at the end may be left out, and each slash-separated alternative stands on its own:
   "Bricks" matches "Bricks (clay)" and "Cassava" matches "Manioc/Cassava" (on either side).

Nothing else: no synonyms, no spelling correction, no partial words. "Palm oil" does not match DOL's
"Palm Fruit" and "Fish" does not match "Dried Fish"; `known_goods()` gives the names a form can offer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from fldd.risk.data import GoodListing, RiskData, risk_data

_NOTE = re.compile(r"^(?P<base>.*?)\s*\([^()]*\)$")  # "Bricks (clay)" -> "Bricks"

Words = tuple[str, ...]


def fold(text: str) -> str:
    """Lower case without accents, hyphens or repeated spaces: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(plain.replace("-", " ").split())


@lru_cache(maxsize=4096)
def _variants(name: str) -> tuple[Words, ...]:
    """The word sequences a name stands for: itself, without its bracketed note, each alternative."""
    whole = fold(name)
    found = [whole]
    match = _NOTE.match(whole)
    base = match.group("base") if match else whole
    found.append(base)
    if "/" in base:
        found.extend(part.strip() for part in base.split("/"))
    return tuple(dict.fromkeys(tuple(v.split()) for v in found if v))


def _same_word(a: str, b: str) -> bool:
    """Equal, or singular and plural of each other (-s, -es, -ies/-y)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es") or (short.endswith("y") and long == short[:-1] + "ies")


def _same_words(a: Words, b: Words) -> bool:
    """Same number of words, each the same word (plurals forgiven)."""
    return len(a) == len(b) and all(_same_word(x, y) for x, y in zip(a, b))


def goods_match(supplier_good: str, dol_good: str) -> bool:
    """True when the supplier's good names the DOL good under the module's rules."""
    return any(_same_words(mine, theirs) for mine in _variants(supplier_good) for theirs in _variants(dol_good))


def matching_listings(goods: Iterable[str], listings: Iterable[GoodListing]) -> list[tuple[str, GoodListing]]:
    """(supplier's good, DOL listing) for every listing one of the goods matches, in listing order."""
    wanted = [g.strip() for g in goods if g and g.strip()]
    found = []
    for listing in listings:
        for good in wanted:
            if goods_match(good, listing.good):
                found.append((good, listing))
                break
    return found


# The names of the last tables asked about, and the answers given for them: recomputing every supplier's risk
# asks once per good, not once per supplier (the tables in force change only when an edition is loaded).
_LAST: dict[str, object] = {"data": None, "names": (), "known": {}}


def _names(data: RiskData) -> tuple[str, ...]:
    if _LAST["data"] is not data:
        _LAST.update(data=data, names=tuple(sorted({listing.good for listing in data.goods}, key=fold)), known={})
    return _LAST["names"]


def known_goods(data: RiskData | None = None) -> list[str]:
    """Every good name on the DOL list, sorted, for a form to offer as completions."""
    return list(_names(data or risk_data()))


def is_known_good(good: str, data: RiskData | None = None) -> bool:
    """True when the good matches a DOL good name for at least one country."""
    names = _names(data or risk_data())
    known = _LAST["known"]
    if good not in known:
        known[good] = any(goods_match(good, name) for name in names)
    return known[good]
