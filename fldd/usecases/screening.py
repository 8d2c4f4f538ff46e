"""Supplier names and aliases screened against the entity lists in force (UFLPA Entity List, the buyer's own):
a possible match is shown to a person to confirm or dismiss, never turned into a verdict on its own.

CONTRACT (issue 11): the signatures below stay; others call them.
A match is a dict: {"id", "supplier_id", "supplier", "list_name", "edition", "entity", "entity_aliases",
"matched_on" (the supplier's name or alias that matched), "matched_to" (the entity's name or alias), "how"
(words: "same name once legal-form words are set aside"), "strength" (out of 100), "status" ("pending" |
"confirmed" | "dismissed" | "closed": a pending match that no longer matches, kept for the record), "decided_by",
"decided_at", "reason", "found_at", "closed_at" and "closed_why" (set when it no longer applies), "delisted"
(a confirmed match whose entity is on no list in force: kept confirmed for the record, with the edition it was
last on, closed_at the day it went and closed_why why), "supplier_country" and "entity_country" (ISO codes; the
entity's as the list in force gives it, None when it gives none)}.
Only confirmed matches whose listing is in force (confirmed_matches) count in a supplier's inherent risk and next
step; a delisted one is put to the buyer to review.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from fldd.risk.data import Entity
from fldd.store import screening as store_screening
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

STATUSES = ("pending", "confirmed", "dismissed")
# What a match waiting for a decision does, said the same in the CLI help, the supplier panel and Home, and done
# by questionnaires/next_steps.yaml (entity_list_pending): a visible to-do, never a verdict.
PENDING_MEANS = ("A possible match changes neither the supplier's inherent risk nor its rating until a buyer confirms "
                 "it; meanwhile it puts the supplier in Next steps as \"Enhanced due diligence: confirm or dismiss the "
                 "possible match\", a to-do, not a verdict.")
CLOSED = "closed"  # a pending match whose basis went away: the entity left the list, the supplier was renamed
DELISTED = "delisted"  # a confirmed match whose entity is on no list in force: kept, to review, counts no more
DECIDERS = ("buyer",)  # deciding whether a supplier is a listed company is the buyer's compliance call
LIST_KINDS = ("entity_list", "own_list")
_HIDDEN = ("entity_key", "fingerprint")


def entity_key(entity: Entity) -> str:
    """Which entry of which list: a decision follows the entry, whatever else the list holds."""
    return f"{entity.list_name}\x1f{' '.join(entity.name.split()).casefold()}"


def _fingerprint(names: list[str], entity: Entity) -> str:
    """The supplier's names (as compared) and the entity's entry: a dismissal holds while this is unchanged."""
    from fldd.risk.screening import normalise

    basis = [sorted({normalise(n) for n in names}), entity.list_name, entity.name, sorted(entity.aliases)]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False).encode()).hexdigest()[:32]


@lru_cache(maxsize=2)
def _index(entities: tuple[Entity, ...]):
    from fldd.risk.screening import EntityIndex

    return EntityIndex(entities)


def screen_suppliers(ctx: AppContext, supplier_ids: list[int] | None = None) -> int:
    """Screen these suppliers (all when None) against the entity lists in force; returns new possible matches.
    A match already decided stays decided while the supplier's name and the entity's entry are unchanged."""
    from fldd.risk.screening import screen_names
    from fldd.usecases.risk_data import current_risk_data

    data = current_risk_data(ctx)
    editions = {e.name: e.edition for e in data.editions if e.kind in LIST_KINDS}
    index = _index(tuple(data.entities))
    found = []
    if index.entities:
        for supplier_id, (country, names) in store_screening.supplier_names(ctx.store, supplier_ids).items():
            for match in screen_names(names, index, country=country, country_names=data.countries):
                entity = match.entity
                found.append({"supplier_id": supplier_id, "list_name": entity.list_name,
                              "edition": editions.get(entity.list_name, ""), "entity": entity.name,
                              "entity_aliases": list(entity.aliases), "entity_key": entity_key(entity),
                              "matched_on": match.matched_on, "matched_to": match.matched_to, "how": match.how,
                              "strength": match.strength, "fingerprint": _fingerprint(names, entity)})
    return store_screening.record(ctx.store, supplier_ids, found, {entity_key(e) for e in index.entities},
                                  editions)


def _public(row: dict, countries: dict[str, str | None]) -> dict:
    return {**{k: v for k, v in row.items() if k not in _HIDDEN}, "entity_country": countries.get(row["entity_key"])}


def _entity_countries(ctx: AppContext) -> dict[str, str | None]:
    """entity key -> the country the list in force gives the entity (None: none given, or no longer listed)."""
    from fldd.usecases.risk_data import current_risk_data

    return {entity_key(e): e.iso2 for e in current_risk_data(ctx).entities}


def screening_matches(ctx: AppContext, *, supplier_id: int | None = None, status: str | None = None) -> list[dict]:
    """Possible matches, pending first. status: one of STATUSES (those in force), "closed" (the record of
    those that no longer apply), "delisted" (confirmed ones whose listing is gone; also among the closed), or
    None / "all" for every one."""
    if status == "all":
        status = None
    if status is not None and status not in (*STATUSES, CLOSED, DELISTED):
        raise Rejected([f"status: '{status}' is not one of {', '.join((*STATUSES, CLOSED, DELISTED, 'all'))}"])
    rows = store_screening.matches(ctx.store, supplier_id=supplier_id, status=status)
    countries = _entity_countries(ctx) if rows else {}
    return [_public(r, countries) for r in rows]


def screening_match(ctx: AppContext, match_id: int) -> dict:
    """One match with the trail of its decisions (decision, decided_by, decided_at, reason), oldest first."""
    return _public(store_screening.get(ctx.store, match_id), _entity_countries(ctx))


def _decidable(ctx: AppContext, match_id: int, reason: str) -> tuple[dict, str]:
    reason = " ".join((reason or "").split())
    problems = []
    if not reason:
        problems.append("reason: say why, for the record (who decided, when and why is kept with the match)")
    if ctx.role not in DECIDERS:
        problems.append("role: only a buyer decides whether a supplier is a listed entity")
    match = store_screening.get(ctx.store, match_id)
    if match["closed_at"] or match["status"] == CLOSED:
        problems.append(f"match {match_id}: no longer applies ({match['closed_why']})")
    if problems:
        raise Rejected(problems)
    return match, reason


def decide_match(ctx: AppContext, match_id: int, *, confirmed: bool, reason: str) -> dict:
    """Confirm or dismiss a possible match (a reason is required), recorded with who and when; the supplier's
    inherent risk and next step follow."""
    from fldd.usecases.inherent import refresh_inherent

    match, reason = _decidable(ctx, match_id, reason)
    status = "confirmed" if confirmed else "dismissed"
    if match["status"] == status:
        raise Rejected([f"match {match_id}: already {status} by {match['decided_by']} on "
                        f"{(match['decided_at'] or '')[:10]}"])
    with ctx.store.write():  # the decision and the risk that follows it, together or not at all
        store_screening.decide(ctx.store, match_id, status, ctx.user, reason)
        refresh_inherent(ctx, [match["supplier_id"]])
    return screening_match(ctx, match_id)


def reopen_match(ctx: AppContext, match_id: int, *, reason: str) -> dict:
    """Put a decided match back to pending (a reason is required, kept in its trail); a confirmed match stops
    counting in the supplier's risk until it is decided again."""
    from fldd.usecases.inherent import refresh_inherent

    match, reason = _decidable(ctx, match_id, reason)
    if match["status"] == "pending":
        raise Rejected([f"match {match_id}: not decided yet"])
    with ctx.store.write():
        store_screening.decide(ctx.store, match_id, "pending", ctx.user, reason)
        refresh_inherent(ctx, [match["supplier_id"]])
    return screening_match(ctx, match_id)


def suppliers_to_decide(ctx: AppContext) -> list[dict]:
    """For the buyer's home: one entry per supplier with matches pending or confirmed matches delisted
    (supplier_id, supplier, country, count: pending, delisted: to review, lists)."""
    return store_screening.pending_by_supplier(ctx.store)


def confirmed_matches(ctx: AppContext, supplier_ids: list[int] | None = None) -> dict[int, list[dict]]:
    """supplier id -> its confirmed matches in force (list_name, edition, entity, decided_by, decided_at, reason):
    what the inherent risk counts."""
    return store_screening.confirmed(ctx.store, supplier_ids)
