"""The risk data in force: the tables fldd ships, each replaced by the edition of its kind a buyer loaded, and the
lists a buyer loaded (EU FLR database, entity lists, its own list) added beside them."""

from __future__ import annotations

import dataclasses
import re

from fldd.risk.data import KINDS, AreaListing, CountryFinding, Edition, Entity, GoodListing, RiskData

SINGLE = ("dol_goods", "dol_countries", "tip_tiers")  # one edition in force per kind, whatever its list name
LISTS = ("eu_flr", "entity_list", "own_list")  # several lists at once, told apart by their name


def year_of(edition: str, fallback: int) -> int:
    """The year an edition names ('2025', '2026-03' -> 2026), for the reasons that say 'the 2025 TIP report'."""
    match = re.match(r"\s*(\d{4})", edition or "")
    return int(match.group(1)) if match else fallback


def combine(shipped: RiskData, loaded: list[tuple[Edition, list[dict]]]) -> RiskData:
    """`shipped` with every loaded edition (in force, in load order: a later one of a kind replaces an earlier)."""
    goods, findings, tip = shipped.goods, shipped.findings, shipped.tip
    years = {"dol_goods": shipped.goods_edition, "dol_countries": shipped.findings_edition,
             "tip_tiers": shipped.tip_edition}
    editions = {e.kind: e for e in shipped.editions}
    lists: dict[tuple[str, str], tuple[Edition, list[dict]]] = {}
    for edition, rows in loaded:
        if edition.kind in SINGLE:
            editions[edition.kind] = edition
            years[edition.kind] = year_of(edition.edition, years[edition.kind])
            if edition.kind == "dol_goods":
                goods = tuple(GoodListing(r["good"], r.get("sector", ""), r["iso2"], r["child_labor"],
                                          r["forced_labor"], r["forced_child_labor"], r.get("derived_iso2") or None,
                                          bool(r.get("derived"))) for r in rows)
            elif edition.kind == "dol_countries":
                findings = {r["iso2"]: CountryFinding(r["iso2"], r.get("region", ""), r.get("advancement_level", ""))
                            for r in rows}
            else:  # the only placements fldd's rules read; the rows keep every tier
                tip = {r["iso2"]: r["tier"] for r in rows if r["tier"] in ("Tier 2 Watch List", "Tier 3")}
        else:
            lists[(edition.kind, edition.name)] = (edition, rows)
    areas, entities = list(shipped.areas), list(shipped.entities)
    for (kind, name), (_, rows) in lists.items():
        if kind == "entity_list":
            entities += [Entity(name, r["name"], tuple(r.get("aliases") or ()), r.get("iso2"), r.get("address", ""),
                                r.get("reference", "")) for r in rows]
        else:
            areas += [AreaListing(kind, name, r["iso2"], r.get("region", ""), r.get("good", ""),
                                  r.get("level", "high"), r.get("reason", "")) for r in rows]
    in_force = sorted(editions.values(), key=lambda e: KINDS.index(e.kind))
    in_force += sorted((e for e, _ in lists.values()), key=lambda e: (KINDS.index(e.kind), e.name.casefold()))
    return dataclasses.replace(shipped, goods=goods, findings=findings, tip=tip, goods_edition=years["dol_goods"],
                               findings_edition=years["dol_countries"], tip_edition=years["tip_tiers"],
                               goods_by_country={}, editions=tuple(in_force), areas=tuple(areas),
                               entities=tuple(entities))
