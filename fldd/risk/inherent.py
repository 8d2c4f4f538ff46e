"""Inherent risk of forced labour from a supplier's country and goods, scored like Sedex Radar, explained."""

from __future__ import annotations

from dataclasses import dataclass, field

from fldd.risk.countries import normalise_country
from fldd.risk.data import RiskData, risk_data
from fldd.risk.goods import is_known_good, matching_listings

WEIGHTS: dict[str, dict[str, int]] = {
    # US State Department TIP report: the country's tier for its efforts against human trafficking.
    # Countries not on the Watch List or Tier 3 are Tier 1, Tier 2 or special cases: 1, never 0.
    "tip": {"Tier 3": 6, "Tier 2 Watch List": 5, "other": 1},
    # US DOL Findings on the Worst Forms of Child Labor: ILAB's rating of the government's efforts.
    # Countries DOL did not assess (mostly high-income economies) add nothing.
    "ilab": {"significant": 0, "moderate": 0, "minimal": 1, "none": 2, "not assessed": 0},
    # US DOL List of Goods: the worst listing among the supplier's goods for this country (not summed).
    "goods": {"forced labour": 4, "child labour": 2, "derived": 2, "not listed": 0},
}
"""Points of each input. score = min(COUNTRY_MAX, tip + ilab) + goods: 1-10, like Sedex Radar's 0-10."""

COUNTRY_MAX = 6  # the country component is capped, as Sedex Radar's country score runs 1-6

LEVELS: tuple[tuple[str, int], ...] = (("high", 5), ("medium", 3), ("low", 0))
"""Level = first whose minimum the score reaches; any one of DOL forced labour, TIP Tier 3 or Watch List is high."""

NOT_LISTED_TIER = "Tier 1 or Tier 2"  # the inherent.tip_tier input for countries absent from the TIP file


@dataclass(frozen=True)
class ListedGood:
    """A DOL listing that one of the supplier's goods matched."""

    good: str  # the DOL name
    supplier_good: str  # the text that matched it
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    derived_from: str | None = None  # ISO code of the country of listed inputs, for derived goods

    @property
    def kinds(self) -> list[str]:
        """What DOL lists it for, in words."""
        return [word for flag, word in ((self.child_labour, "child labour"), (self.forced_labour, "forced labour"),
                                        (self.forced_child_labour, "forced child labour")) if flag]


@dataclass(frozen=True)
class InherentRisk:
    """Inherent risk of one supplier (country x goods) with the facts and reasons behind it."""

    country: str
    country_name: str
    tip_tier: str | None  # "Tier 3", "Tier 2 Watch List", or None: Tier 1, Tier 2 or a special case
    dol_forced_labour: bool
    dol_child_labour: bool
    listed_goods: tuple[ListedGood, ...]
    score: int
    level: str
    reasons: list[str] = field(default_factory=list)
    advancement_level: str | None = None  # DOL's text; None when DOL did not assess the country
    country_points: int = 0
    goods_points: int = 0

    def inputs(self) -> dict[str, str | None]:
        """The values the desktop questionnaire declares as `inputs:` (UFLPA link: unknown, the buyer sets it)."""
        return {
            "inherent.dol_forced_labour": "yes" if self.dol_forced_labour else "no",
            "inherent.tip_tier": self.tip_tier or NOT_LISTED_TIER,
            "inherent.uflpa_link": None,
        }


def _ilab_key(level: str | None) -> str:
    """WEIGHTS['ilab'] key of DOL's advancement text (qualifiers after the dash ignored)."""
    text = (level or "").casefold()
    for key in ("significant", "moderate", "minimal"):
        if text.startswith(key):
            return key
    return "none" if text.startswith("no advancement") else "not assessed"


def _phrase(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _level(score: int) -> str:
    """The LEVELS name for a score."""
    return next(name for name, minimum in LEVELS if score >= minimum)


def inherent_risk(country: str, goods: list[str], data: RiskData | None = None) -> InherentRisk:
    """Rate a supplier in `country` (ISO code) making `goods`; UnknownCountryError for an unknown code."""
    data = data or risk_data()
    code = normalise_country(country)
    name = data.countries[code]
    goods = [g.strip() for g in goods if g and g.strip()]
    reasons = []

    tier = data.tip.get(code)
    tip_year = data.tip_edition
    if tier == "Tier 3":
        reasons.append(f"{name} is on Tier 3 of the {tip_year} TIP report")
    elif tier:
        reasons.append(f"{name} is on the Tier 2 Watch List of the {tip_year} TIP report")
    else:
        reasons.append(f"{name} is not on the Tier 2 Watch List or Tier 3 of the {tip_year} TIP report "
                       "(so it is Tier 1, Tier 2 or a special case)")
    finding = data.findings.get(code)
    advancement = finding.advancement_level if finding and finding.advancement_level else None
    ilab = _ilab_key(advancement)
    if advancement and ilab != "not assessed":
        reasons.append(f"The {data.findings_edition} DOL findings rate {name}'s efforts against the worst forms "
                       f"of child labour as {advancement}")
    else:
        reasons.append(f"{name} has no advancement level in the {data.findings_edition} DOL findings on child labour")
    country_points = min(COUNTRY_MAX, WEIGHTS["tip"][tier or "other"] + WEIGHTS["ilab"][ilab])

    listed = tuple(
        ListedGood(listing.good, mine, listing.child_labour, listing.forced_labour, listing.forced_child_labour,
                   listing.derived_from)
        for mine, listing in matching_listings(goods, data.goods_by_country.get(code, ())))
    forced = any(g.forced_labour or g.forced_child_labour for g in listed)
    child = any(g.child_labour or g.forced_child_labour for g in listed)
    year = data.goods_edition
    for g in listed:
        if g.kinds:
            reasons.append(f"The {year} DOL list names {g.good} from {name} for {_phrase(g.kinds)}")
        if g.derived_from:
            source = data.countries[g.derived_from]
            reasons.append(f"The {year} DOL list names {g.good} from {name} as made with inputs from {source} "
                           "produced with child labour or forced labour")
    if not goods:
        reasons.append("No goods given, so the DOL list of goods was not checked")
    elif not listed:
        reasons.append(f"None of the goods ({', '.join(goods)}) is on the {year} DOL list for {name}")
    for good in goods:
        if not is_known_good(good, data):
            reasons.append(f"'{good}' is not a good name on the {year} DOL list for any country; choose a listed "
                           "name if one fits")
    kind = ("forced labour" if forced else "child labour" if child
            else "derived" if any(g.derived_from for g in listed) else "not listed")
    goods_points = WEIGHTS["goods"][kind]

    score = country_points + goods_points
    level = _level(score)
    reasons.append(f"Score {score}/10 = country {country_points} + goods {goods_points}: {level} inherent risk")
    return InherentRisk(code, name, tier, forced, child, listed, score, level, reasons, advancement,
                        country_points, goods_points)
