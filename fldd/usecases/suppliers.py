"""Use cases of the supplier register: add, change, list and filter suppliers."""

from __future__ import annotations

from dataclasses import asdict

from fldd.store import suppliers as store_suppliers
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected


def _check(name: str, country: str, identifiers: dict[str, str], ctx: AppContext,
           supplier_id: int | None = None) -> tuple[str, dict[str, str]]:
    """Validate what a person typed; return the normalised country and identifiers, or Rejected."""
    from fldd.identifiers import IDENTIFIER_SCHEMES, IdentifierError
    from fldd.risk.countries import is_country

    problems = []
    if not name.strip():
        problems.append("name: a supplier needs a name")
    country = country.strip().upper()
    if not is_country(country):
        problems.append(f"country: '{country}' is not an ISO 3166-1 alpha-2 code (for example MY, VN, BD)")
    clean = {}
    for scheme, value in identifiers.items():
        value = (value or "").strip()
        if not value:
            continue
        if scheme not in IDENTIFIER_SCHEMES:
            problems.append(f"identifier: unknown scheme '{scheme}' (known: {', '.join(IDENTIFIER_SCHEMES)})")
            continue
        label, validate = IDENTIFIER_SCHEMES[scheme]
        try:
            value = validate(value)
        except IdentifierError as exc:
            problems.append(f"{label}: {exc}")
            continue
        owner = store_suppliers.identifier_owner(ctx.store, scheme, value)
        if owner is not None and owner != supplier_id:
            other = store_suppliers.get(ctx.store, owner)
            problems.append(f"{label}: {value} already belongs to supplier {owner} ({other.name})")
        clean[scheme] = value
    if problems:
        raise Rejected(problems)
    return country, clean


def _refuse_unwritable(fields: dict) -> None:
    """Rejected, naming the field, for text no workbook or report can carry (a control character pasted in)."""
    from fldd.standard.answers import unwritable_character, unwritable_message

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from texts(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from texts(item)

    problems = [f"{key}: {unwritable_message('text', bad)}" for key, value in fields.items()
                for text in texts(value) if (bad := unwritable_character(text))]
    if problems:
        raise Rejected(problems)


def add_supplier(ctx: AppContext, name: str, country: str, *, address: str = "", goods: list[str] | None = None,
                 sector: str = "", chain_tier: int = 1, status: str = "active", notes: str = "",
                 identifiers: dict[str, str] | None = None, contacts: list[dict] | None = None,
                 uid: str | None = None, aliases: list[str] | None = None, corridors: list[str] | None = None,
                 materials: list | None = None) -> int:
    """Add a supplier to the register, with its inherent risk (fldd.usecases.inherent); returns its id."""
    from fldd.usecases.inherent import refresh_inherent
    from fldd.usecases.supplier_profile import checked_profile

    goods = [g.strip() for g in goods or [] if g.strip()]
    _refuse_unwritable({"name": name, "address": address, "sector": sector, "notes": notes, "goods": goods,
                        "identifiers": identifiers or {}, "contacts": contacts or [], "aliases": aliases or [],
                        "materials": materials or []})
    problems = []
    try:
        country, ids = _check(name, country, identifiers or {}, ctx)
    except Rejected as exc:
        problems, country, ids = exc.messages, country, {}
    profile, more = checked_profile(aliases, corridors, materials, name)
    problems += more
    if chain_tier < 1:
        problems.append(f"tier in the chain: {chain_tier} is not 1 (direct supplier) or more")
    if problems:
        raise Rejected(problems)
    data = {"name": name.strip(), "country": country, "address": address.strip(), "goods": goods,
            "sector": sector.strip(), "chain_tier": chain_tier, "status": status, "notes": notes,
            "uid": uid, **profile}
    with ctx.store.write():
        supplier_id = store_suppliers.add(ctx.store, data, ids, contacts)
        refresh_inherent(ctx, [supplier_id])
    _screen(ctx, supplier_id)
    return supplier_id


def update_supplier(ctx: AppContext, supplier_id: int, **changes) -> None:
    """Change a supplier; identifiers, when given, replace the old ones. Its inherent risk follows."""
    from fldd.usecases.inherent import refresh_inherent
    from fldd.usecases.supplier_profile import checked_profile

    current = store_suppliers.get(ctx.store, supplier_id)
    merged = {**asdict(current), **changes}
    _refuse_unwritable(changes)
    identifiers = changes.get("identifiers")
    problems = []
    try:
        country, ids = _check(merged["name"], merged["country"], identifiers or {}, ctx, supplier_id)
    except Rejected as exc:
        problems, country, ids = exc.messages, merged["country"], {}
    profile, more = checked_profile(merged["aliases"], merged["corridors"], merged["materials"], merged["name"])
    if problems or more:
        raise Rejected(problems + more)
    merged["country"] = country
    merged.update(profile)
    for key in ("inherent_score", "inherent_level", "inherent_factors", "inherent_inputs", "inherent_editions"):
        merged.pop(key, None)  # refresh_inherent works them out from what is stored now
    with ctx.store.write():
        store_suppliers.update(ctx.store, supplier_id, merged, ids if identifiers is not None else None)
        refresh_inherent(ctx, [supplier_id])
    if merged["name"] != current.name or "aliases" in changes:
        _screen(ctx, supplier_id)


def _screen(ctx: AppContext, supplier_id: int) -> None:
    """Screen a new or renamed supplier against the entity lists in force (a match waits for a person)."""
    from fldd.usecases.screening import screen_suppliers

    screen_suppliers(ctx, [supplier_id])


def get_supplier(ctx: AppContext, supplier_id: int) -> store_suppliers.Supplier:
    """One supplier with identifiers and contacts."""
    return store_suppliers.get(ctx.store, supplier_id)


def register(ctx: AppContext) -> list[dict]:
    """Every supplier with its latest assessment, rating and nearest corrective-action due date."""
    return store_suppliers.register_rows(ctx.store)


def supplier_json(supplier: store_suppliers.Supplier) -> dict:
    """A supplier for --json output."""
    return asdict(supplier)
