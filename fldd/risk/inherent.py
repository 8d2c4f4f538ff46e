"""Inherent risk of forced labour at a supplier's site, from the rules in questionnaires/inherent_risk.yaml applied
to the risk tables in force: the country, its goods, where its migrant workers come from, where its raw materials
come from, the area lists and any entity-list match a person confirmed. Every factor says its points, its source
and the edition of the table it came from, so a buyer can show why a supplier is rated as it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fldd.risk.countries import normalise_country
from fldd.risk.data import AreaListing, RiskData, risk_data
from fldd.risk.goods import fold, goods_match, is_known_good, matching_listings
from fldd.risk.inherent_rules import LEVEL_ORDER, Rule, Rules, shipped_rules

NOT_LISTED_TIER = "Tier 1 or Tier 2"  # the inherent.tip_tier input for countries absent from the TIP file
DEFAULT_NAMES = {  # the tables' names when the risk data carries no Edition for them (tables read from files)
    "dol_goods": "US DOL List of Goods", "dol_countries": "US DOL Findings on the Worst Forms of Child Labor",
    "tip_tiers": "US TIP Report", "eu_flr": "EU Forced Labour Regulation database", "own_list": "Own list",
    "entity_list": "Entity list"}


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
class Factor:
    """One fact that counts towards a supplier's inherent risk, as shown to the buyer."""

    id: str  # the rule's id in inherent_risk.yaml
    group: str
    words: str
    points: int  # what it adds to the score (a capped or `worst` group may count less than the rule gives)
    rule_points: int
    source: str  # sources.yaml key
    source_title: str
    edition: str  # "US DOL List of Goods, 2024 edition (partial reconstruction)"
    lifts_to: str | None = None
    note: str = ""  # why it adds less than its rule gives

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "group": self.group, "words": self.words, "points": self.points,
                "rule_points": self.rule_points, "source": self.source, "source_title": self.source_title,
                "edition": self.edition, "lifts_to": self.lifts_to, "note": self.note}


@dataclass(frozen=True)
class InherentRisk:
    """Inherent risk of one supplier with the facts and factors behind it."""

    country: str
    country_name: str
    tip_tier: str | None  # "Tier 3", "Tier 2 Watch List", or None: Tier 1, Tier 2 or a special case
    dol_forced_labour: bool
    dol_child_labour: bool
    listed_goods: tuple[ListedGood, ...]
    score: int
    level: str
    reasons: list[str] = field(default_factory=list)  # the factors' words, notes and the sum, for older callers
    advancement_level: str | None = None  # DOL's text; None when DOL did not assess the country
    country_points: int = 0
    goods_points: int = 0
    factors: tuple[Factor, ...] = ()
    group_points: dict[str, int] = field(default_factory=dict)
    input_values: dict[str, str | None] = field(default_factory=dict)
    rules_edition: str = ""

    def inputs(self) -> dict[str, str | None]:
        """The values the desktop questionnaire declares as `inputs:`."""
        return dict(self.input_values)


def edition_label(data: RiskData, kind: str, list_name: str | None = None) -> str:
    """'US DOL List of Goods, 2024 edition (partial reconstruction)': the table a figure comes from."""
    for e in data.editions:
        if e.kind == kind and (list_name is None or e.name == list_name):
            return f"{e.name}, {e.edition} edition" + ("" if e.complete else " (partial reconstruction)")
    year = {"dol_goods": data.goods_edition, "dol_countries": data.findings_edition,
            "tip_tiers": data.tip_edition}.get(kind)
    name = list_name or DEFAULT_NAMES.get(kind, kind)
    return f"{name}, {year} edition" if year else name


def edition_year(data: RiskData, kind: str) -> str:
    """The edition of a table as the words say it ('2024')."""
    for e in data.editions:
        if e.kind == kind:
            return e.edition
    return str({"dol_goods": data.goods_edition, "dol_countries": data.findings_edition,
                "tip_tiers": data.tip_edition}.get(kind, ""))


def editions_stamp(data: RiskData, rules: Rules) -> str:
    """What a stored inherent risk was computed with: the rules' edition and every table's edition. A stored
    risk whose stamp differs from the one in force is stale."""
    tables = sorted(f"{e.kind}:{e.name}:{e.edition}:{e.loaded_at or ''}" for e in data.editions) or [
        f"dol_goods:{data.goods_edition}", f"dol_countries:{data.findings_edition}", f"tip_tiers:{data.tip_edition}"]
    areas = len(data.areas)
    return f"rules {rules.edition} {rules.digest}; " + "; ".join(tables) + (f"; {areas} area rows" if areas else "")


def _ilab_key(level: str | None) -> str:
    """The dol_advancement condition of DOL's advancement text (qualifiers after the dash ignored)."""
    text = (level or "").casefold()
    for key in ("significant", "moderate", "minimal"):
        if text.startswith(key):
            return key
    return "none" if text.startswith("no advancement") else "not assessed"


def _phrase(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _region_in(region: str, address: str) -> bool:
    """An area row's region names the supplier's place when its name appears in the address (case and accents
    forgiven); the first word alone is enough ('Xinjiang' for 'Xinjiang Uyghur Autonomous Region')."""
    place = fold(address)
    name = fold(region)
    first = name.split()[0] if name.split() else ""
    return bool(name) and (name in place or (len(first) >= 4 and first in place.split()))


# The DOL listings matched by each (country, goods) of the last tables asked about: a refresh of 10,000 suppliers
# matches each combination once (the tables in force change only when an edition is loaded).
_MATCHED: dict[str, Any] = {"data": None, "found": {}}


def _matching(data: RiskData, code: str, goods: tuple[str, ...]) -> list:
    if _MATCHED["data"] is not data:
        _MATCHED.update(data=data, found={})
    found = _MATCHED["found"]
    if (code, goods) not in found:
        found[(code, goods)] = matching_listings(goods, data.goods_by_country.get(code, ()))
    return found[(code, goods)]


class _Found:
    """The factors found so far, each built from its rule with its words filled in."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.items: list[tuple[Rule, str, str]] = []  # rule, words, edition

    def add(self, kind: str, edition: str, when: dict[str, str], **words: Any) -> bool:
        rule = self.rules.find(kind, **when)
        if rule is None:
            return False
        self.items.append((rule, rule.words.format(**words), edition))
        return True


def inherent_risk(country: str, goods: list[str], data: RiskData | None = None, *, corridors: list[str] = (),
                  materials: list[dict] = (), address: str = "", matches: list[dict] = (),
                  rules: Rules | None = None) -> InherentRisk:
    """Rate a supplier in `country` (ISO code) making `goods`, with its recruitment corridors (ISO codes of the
    migrant workers' countries of origin), raw materials ({material, country}), address (for area lists' regions)
    and confirmed entity-list matches (screening's dicts); UnknownCountryError for an unknown code."""
    data = data or risk_data()
    rules = rules or shipped_rules()
    code = normalise_country(country)
    name = data.countries[code]
    goods = [g.strip() for g in goods if g and g.strip()]
    found = _Found(rules)
    notes: list[str] = []

    tier = data.tip.get(code)
    tip_year, tip_label = edition_year(data, "tip_tiers"), edition_label(data, "tip_tiers")
    found.add("tip_tier", tip_label, {"tier": tier or "other"}, country=name, year=tip_year)
    finding = data.findings.get(code)
    advancement = finding.advancement_level if finding and finding.advancement_level else None
    found.add("dol_advancement", edition_label(data, "dol_countries"), {"advancement": _ilab_key(advancement)},
              country=name, year=edition_year(data, "dol_countries"), advancement=advancement or "")

    listed = tuple(
        ListedGood(listing.good, mine, listing.child_labour, listing.forced_labour, listing.forced_child_labour,
                   listing.derived_from)
        for mine, listing in _matching(data, code, tuple(goods)))
    forced = any(g.forced_labour or g.forced_child_labour for g in listed)
    child = any(g.child_labour or g.forced_child_labour for g in listed)
    year, goods_label = edition_year(data, "dol_goods"), edition_label(data, "dol_goods")
    for g in listed:
        if g.kinds:
            worst = "forced labour" if (g.forced_labour or g.forced_child_labour) else "child labour"
            found.add("dol_good", goods_label, {"listed_for": worst}, good=g.good, country=name, year=year,
                      kinds=_phrase(g.kinds))
        if g.derived_from:
            found.add("dol_good", goods_label, {"listed_for": "derived"}, good=g.good, country=name, year=year,
                      inputs_country=data.countries[g.derived_from])
    if not goods:
        found.add("dol_good", goods_label, {"listed_for": "no goods"})
    elif not listed:
        found.add("dol_good", goods_label, {"listed_for": "nothing"}, goods=", ".join(goods), country=name,
                  year=year)
    for good in goods:
        if not is_known_good(good, data):
            notes.append(f"'{good}' is not a good name on the {year} DOL list for any country; choose a listed "
                         "name if one fits")

    _corridors(found, data, [normalise_country(c) for c in corridors if c and c.strip()], code, tip_label, tip_year)
    _materials(found, data, materials, year, goods_label)
    _areas(found, data, code, address, goods)
    for match in matches:
        found.add("entity", f"{match.get('list_name', '')}, {match.get('edition', '')} edition".strip(", "),
                  {"status": "confirmed"}, matched_on=match.get("matched_on", ""), entity=match.get("entity", ""),
                  list=match.get("list_name", ""))
    return _total(rules, found, code, name, tier, forced, child, listed, advancement, notes)


def _corridors(found: _Found, data: RiskData, origins: list[str], home: str, label: str, year: str) -> None:
    origins = list(dict.fromkeys(o for o in origins if o != home))
    if not origins:
        return
    found.add("corridor", "", {"origin": "any"}, origins=", ".join(data.countries[o] for o in origins))
    for origin in origins:
        tier = data.tip.get(origin)
        if tier:
            found.add("corridor", label, {"origin": tier}, origin=data.countries[origin], year=year)
        for row in data.areas:
            if row.kind == "own_list" and row.iso2 == origin and not row.good and not row.region:
                found.add("corridor", edition_label(data, "own_list", row.list_name), {"origin": "own_list"},
                          origin=data.countries[origin], list=row.list_name, reason=row.reason or "no reason given")


def _materials(found: _Found, data: RiskData, materials: list[dict], year: str, label: str) -> None:
    for item in materials:
        material, origin = (item.get("material") or "").strip(), normalise_country(item.get("country") or "")
        where = data.countries[origin]
        for _, listing in _matching(data, origin, (material,)):
            kinds = [w for f, w in ((listing.child_labour, "child labour"), (listing.forced_labour, "forced labour"),
                                    (listing.forced_child_labour, "forced child labour")) if f]
            if kinds:
                worst = "forced labour" if listing.forced_labour or listing.forced_child_labour else "child labour"
                found.add("material", label, {"listed_for": worst}, material=material, origin=where, year=year,
                          good=listing.good, kinds=_phrase(kinds))
        for row in data.areas:
            if row.iso2 == origin and (not row.good or goods_match(material, row.good)):
                found.add("material", edition_label(data, row.kind, row.list_name), {"area": row.kind},
                          material=material, origin=where, **_area_words(data, row))


def _areas(found: _Found, data: RiskData, code: str, address: str, goods: list[str]) -> None:
    for row in data.areas:
        if row.iso2 != code or (row.region and not _region_in(row.region, address)):
            continue
        if row.good and not any(goods_match(g, row.good) for g in goods):
            continue
        found.add("area", edition_label(data, row.kind, row.list_name), {"list": row.kind, "level": row.level},
                  country=data.countries[code], **_area_words(data, row))


def _area_words(data: RiskData, row: AreaListing) -> dict[str, str]:
    area = f"{row.region}, {data.countries[row.iso2]}" if row.region else data.countries[row.iso2]
    return {"list": row.list_name, "good": row.good or "every product", "area": area, "level": row.level,
            "reason": row.reason or "no reason given"}


def _total(rules: Rules, found: _Found, code: str, name: str, tier: str | None, forced: bool, child: bool,
           listed: tuple[ListedGood, ...], advancement: str | None, notes: list[str]) -> InherentRisk:
    """Count each group as its rule says, cap the score, set the level and the questionnaire inputs."""
    counted: dict[int, int] = {}
    notes_of: dict[int, str] = {}
    group_points: dict[str, int] = {}
    by_group: dict[str, list[int]] = {}
    for i, (rule, _, _) in enumerate(found.items):
        by_group.setdefault(rule.group, []).append(i)
    for group in rules.groups:
        members = by_group.get(group.id, [])
        if group.combine == "worst" and members:
            best = max(members, key=lambda i: found.items[i][0].points)
            for i in members:
                if i != best and found.items[i][0].points:
                    notes_of[i] = f"not added: only the highest of the {group.title.lower()} counts"
            members = [best]
        left = group.max if group.max is not None else None
        for i in sorted(members, key=lambda i: -found.items[i][0].points):  # under a cap, the weightiest first
            points = found.items[i][0].points if left is None else min(left, found.items[i][0].points)
            if points < found.items[i][0].points:
                notes_of[i] = f"adds {points}: the {group.title.lower()} count at most {group.max}"
            counted[i] = points
            left = None if left is None else left - points
        group_points[group.id] = sum(counted.get(i, 0) for i in members)
    raw = sum(group_points.values())
    score = min(rules.score_max, raw)
    level = next(lv for lv, minimum in rules.levels if score >= minimum)
    lifted_by = [rule for rule, _, _ in found.items
                 if rule.lifts_to and LEVEL_ORDER.index(rule.lifts_to) > LEVEL_ORDER.index(level)]
    if lifted_by:
        level = max((r.lifts_to for r in lifted_by), key=LEVEL_ORDER.index)
    inputs: dict[str, str | None] = {"inherent.dol_forced_labour": "no", "inherent.tip_tier": tier or NOT_LISTED_TIER,
                                     "inherent.uflpa_link": None}
    factors = []
    for i, (rule, words, edition) in enumerate(found.items):
        inputs.update(dict(rule.sets))
        factors.append(Factor(rule.id, rule.group, words, counted.get(i, 0), rule.points, rule.source,
                              rules.source_titles.get(rule.source, rule.source), edition, rule.lifts_to,
                              notes_of.get(i, "")))
    parts = [f"country {group_points.get('country', 0)}", f"goods {group_points.get('goods', 0)}"]
    parts += [f"{g.title.lower()} {group_points[g.id]}" for g in rules.groups
              if g.id not in ("country", "goods") and group_points.get(g.id)]
    capped = f" (capped: the factors add up to {raw})" if raw > score else ""
    total = f"Score {score}/{rules.score_max}{capped} = {' + '.join(parts)}: {level} inherent risk"
    if lifted_by:
        total += f" (at least {level}: {', '.join(dict.fromkeys(r.id for r in lifted_by))})"
    reasons = [f.words for f in factors] + notes + [total]
    return InherentRisk(code, name, tier, forced, child, listed, score, level, reasons, advancement,
                        group_points.get("country", 0), group_points.get("goods", 0), tuple(factors), group_points,
                        inputs, rules.edition)
