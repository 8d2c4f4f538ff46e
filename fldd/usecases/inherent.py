"""Each supplier's inherent risk kept current: computed from the risk data in force and the supplier's country,
goods, recruitment corridors, raw-material origins and confirmed entity-list matches, and stored on the supplier
(level, score, the factors with their sources and editions, and the inputs the desktop questionnaire scores with).

Scoring, imports and reports read the stored inputs (scoring_inputs), never the bundled tables: what a supplier
was rated with is what the database holds, and ensure_current recomputes whatever was computed with other
editions, so a crash between loading an edition and refreshing cannot leave stale levels behind.
"""

from __future__ import annotations

import json
from typing import Any

from fldd.store import suppliers as store_suppliers
from fldd.usecases.context import AppContext


def _screening_confirmed(ctx: AppContext, supplier_ids: list[int] | None) -> dict[int, list[dict]]:
    """supplier id -> the entity-list matches a person confirmed for it whose listing is in force (one query,
    whatever the count): a confirmed entity that no list in force names any more (delisted) counts no more."""
    from fldd.usecases.screening import screening_matches

    if supplier_ids is not None and len(supplier_ids) == 1:
        found = screening_matches(ctx, supplier_id=supplier_ids[0], status="confirmed")
    else:
        found = screening_matches(ctx, status="confirmed")
    by_supplier: dict[int, list[dict]] = {}
    for match in (m for m in found if not m.get("delisted")):
        by_supplier.setdefault(match["supplier_id"], []).append(match)
    return by_supplier


def _in_force(ctx: AppContext):
    """The risk data and rules in force, and their stamp."""
    from fldd.risk.inherent import editions_stamp
    from fldd.risk.inherent_rules import shipped_rules
    from fldd.usecases.risk_data import current_risk_data

    data, rules = current_risk_data(ctx), shipped_rules()
    return data, rules, editions_stamp(data, rules)


def compute(ctx: AppContext, supplier, *, matches: list[dict] | None = None):
    """The InherentRisk of a supplier (store Supplier or a profile dict) with the data in force, stored nowhere:
    for screens that need more than the stored factors (the DOL listings matched)."""
    from fldd.risk.inherent import inherent_risk

    data, rules, _ = _in_force(ctx)
    get = supplier.get if isinstance(supplier, dict) else lambda key: getattr(supplier, key)
    if matches is None:
        matches = _screening_confirmed(ctx, [get("id")]).get(get("id"), [])
    return inherent_risk(get("country"), get("goods"), data, corridors=get("corridors") or [],
                         materials=get("materials") or [], address=get("address") or "", matches=matches,
                         rules=rules)


def refresh_inherent(ctx: AppContext, supplier_ids: list[int] | None = None) -> int:
    """Recompute and store the inherent risk of these suppliers (all when None); returns how many changed level or
    score.
    Called after a supplier is added or changed, an edition is loaded, or a screening match is decided.

    One read of every supplier, one read of the confirmed matches, one write; the risk is worked out once per
    distinct profile (country, goods, corridors, materials, and address only when an area list names regions)."""
    from fldd.risk.countries import UnknownCountryError
    from fldd.risk.inherent import inherent_risk

    data, rules, stamp = _in_force(ctx)
    profiles = store_suppliers.risk_profiles(ctx.store, supplier_ids)
    matches = _screening_confirmed(ctx, supplier_ids)
    regions = any(row.region for row in data.areas)
    memo: dict[tuple, dict] = {}
    writes, changed = [], 0
    for p in profiles:
        mine = matches.get(p["id"], [])
        key = (p["country"], tuple(p["goods"]), tuple(p["corridors"]),
               tuple((m.get("material", ""), m.get("country", "")) for m in p["materials"]),
               p["address"] if regions else "",
               tuple((m.get("list_name"), m.get("edition"), m.get("entity"), m.get("matched_on")) for m in mine))
        if key not in memo:
            try:
                risk = inherent_risk(p["country"], p["goods"], data, corridors=p["corridors"],
                                     materials=p["materials"], address=p["address"], matches=mine, rules=rules)
            except UnknownCountryError:  # the store checks the code's length only; the register says so
                continue
            memo[key] = {"inherent_score": risk.score, "inherent_level": risk.level,
                         "inherent_factors": json.dumps([f.as_dict() for f in risk.factors], ensure_ascii=False),
                         "inherent_inputs": json.dumps(risk.inputs(), ensure_ascii=False)}
        new = memo[key]
        same = all(p[k] == new[k] for k in new)
        if same and p["inherent_editions"] == stamp:
            continue
        # what a buyer means by "changed": the level or the score, not the wording of a factor (which names the
        # edition, and so changes with every load)
        changed += (p["inherent_score"], p["inherent_level"]) != (new["inherent_score"], new["inherent_level"])
        writes.append({"id": p["id"], **new, "inherent_editions": stamp})
    store_suppliers.put_risks(ctx.store, writes)
    return changed


def ensure_current(ctx: AppContext) -> int:
    """Recompute the suppliers whose stored risk was computed with other rules or editions than those in force
    (or never: a database from before inherent risk was stored); returns how many changed. Called when the app
    opens a database and by the commands that read inherent risk."""
    _, _, stamp = _in_force(ctx)
    stale = store_suppliers.stale_risk_ids(ctx.store, stamp)
    return refresh_inherent(ctx, stale) if stale else 0


def scoring_inputs(ctx: AppContext, supplier) -> dict[str, Any]:
    """The `inputs:` values (inherent.*) a questionnaire is scored with for this supplier: the stored ones, worked
    out and stored first when missing or computed with other editions than those in force."""
    _, _, stamp = _in_force(ctx)
    if supplier.inherent_inputs is not None and supplier.inherent_editions == stamp:
        return dict(supplier.inherent_inputs)
    refresh_inherent(ctx, [supplier.id])
    stored = store_suppliers.get(ctx.store, supplier.id).inherent_inputs
    return dict(stored) if stored is not None else compute(ctx, supplier).inputs()


def editions_words(stamp: str | None) -> str:
    """What a stored inherent risk rests on, in words for a tooltip: 'Worked out with the inherent-risk rules of
    2026-12 from: US DOL List of Goods ..., 2024 edition (partial reconstruction), ...; ...'."""
    from fldd.risk.inherent import stamp_editions

    rules, tables = stamp_editions(stamp)
    if not tables:
        return "Not yet worked out with the risk data in force" if not stamp else \
            "Worked out with risk data whose editions were not recorded: it is worked out again when fldd opens"
    return f"Worked out with the inherent-risk rules of {rules} from: " + "; ".join(tables)


def inputs_by_uid(ctx: AppContext) -> dict[str, dict]:
    """Every supplier's scoring inputs by uid, current: what bulk-import reader processes score with, so that
    they score exactly as the importing process does without reading any risk file themselves."""
    ensure_current(ctx)
    return {uid: inputs for uid, inputs in store_suppliers.inputs_by_uid(ctx.store).items() if inputs is not None}

