"""Use cases of the supplier profile corrections that suppliers suggest in their returned workbooks: keep them
when a workbook is imported, list what waits for a decision, apply one (through the register's own checks) or
dismiss it.

A suggestion is never applied by itself: the supplier may be wrong, and the register is the buyer's record.
The home page counts pending suggestions at start-up, so the register's checks (identifiers, risk data, the
supplier form) and the exchange are imported where used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fldd.store import corrections as store_corrections
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

if TYPE_CHECKING:
    from fldd.store import suppliers as store_suppliers
    from fldd.exchange.outcome import FileReport

DECIDERS = ("buyer", "auditor")  # the register is theirs: a supplier suggests, it does not decide
PROFILE_LABELS = {"name": "Name", "country": "Country", "address": "Address", "goods": "Goods", "sector": "Sector",
                  "contact:name": "Contact person", "contact:email": "Contact e-mail",
                  "contact:phone": "Contact phone"}


@dataclass(frozen=True)
class SuggestedCorrection:
    """One pending suggestion, with what the register holds now beside what the supplier saw."""

    id: int
    supplier_id: int
    supplier: str
    field: str  # the Supplier sheet's key: name, country, goods, id:lei, contact:email, ...
    label: str
    on_file: str  # what the workbook showed the supplier
    suggested: str
    current: str  # what the register holds now
    file_name: str
    received_at: str  # when the file was imported (UTC, ISO 8601)

    @property
    def changed_since(self) -> bool:
        """The register no longer holds what the supplier saw (someone changed it after the export)."""
        return _comparable(self.field, self.current) != _comparable(self.field, self.on_file)

    @property
    def already_held(self) -> bool:
        """The register already holds the suggested value."""
        return _comparable(self.field, self.current) == _comparable(self.field, self.suggested)


def field_labels() -> dict[str, str]:
    """Every field a supplier can correct, by its Supplier sheet key, with its name as the app shows it."""
    from fldd.identifiers import IDENTIFIER_SCHEMES

    return {**PROFILE_LABELS, **{f"id:{scheme}": label for scheme, (label, _) in IDENTIFIER_SCHEMES.items()}}


def field_label(key: str) -> str:
    """The field's name as the app shows it ('id:lei' -> 'Legal Entity Identifier (LEI)')."""
    return PROFILE_LABELS[key] if key in PROFILE_LABELS else field_labels().get(key, key)


def _held(supplier: store_suppliers.Supplier) -> dict[str, str]:
    """What the register holds, as the workbook's Supplier sheet showed it."""
    from fldd.usecases.exchange import supplier_sheet_values

    return supplier_sheet_values(supplier)


def _comparable(key: str, text: str) -> object:
    """A value as the register would keep it, so that 'my' and 'MY', or an LEI with spaces, count as equal."""
    from fldd.identifiers import IDENTIFIER_SCHEMES, IdentifierError
    from fldd.usecases.supplier_form import country_code_from_text, split_items

    text = " ".join((text or "").split())
    if key == "goods":
        return tuple(split_items(text))
    if key == "country":
        return country_code_from_text(text).upper()
    if key.startswith("id:"):
        scheme = key[3:]
        try:
            return IDENTIFIER_SCHEMES[scheme][1](text) if text and scheme in IDENTIFIER_SCHEMES else text
        except IdentifierError:
            return text.replace(" ", "").replace("-", "").upper()
    return text


# -- recording -------------------------------------------------------------------------------------------------


def record_suggestions(ctx: AppContext, supplier: store_suppliers.Supplier, report: FileReport) -> int:
    """Keep the corrections a workbook suggests for its supplier, inside the import's own transaction (so an
    import that is rolled back leaves none behind); returns how many new ones wait for a decision.

    A suggestion equal to what the register already holds is not kept, and it closes an older pending one for
    that field: the supplier's latest word agrees with the register."""
    if not report.corrections:
        return 0
    known = field_labels()
    suggestions = [c for c in report.corrections if c.what == "supplier" and c.question in known]
    held = _held(supplier)
    kept = 0
    for change in suggestions:
        key = change.question
        if _comparable(key, change.new) == _comparable(key, held.get(key, "")):
            store_corrections.withdraw(ctx.store, supplier.id, key, ctx.user)
            continue
        if store_corrections.suggest(ctx.store, supplier_id=supplier.id, field=key, on_file=change.old,
                                     suggested=change.new, file_name=report.path.name, file_sha256=report.sha256,
                                     export_id=report.export_id, who=ctx.user) is not None:
            kept += 1
    return kept


# -- reading ---------------------------------------------------------------------------------------------------


def pending_corrections(ctx: AppContext, supplier_id: int | None = None) -> list[SuggestedCorrection]:
    """Suggestions waiting for a decision: one supplier's, or the whole portfolio's (by supplier name)."""
    from fldd.store import suppliers as store_suppliers

    rows = store_corrections.pending(ctx.store, supplier_id)
    held: dict[int, dict[str, str]] = {}
    out = []
    for row in rows:
        if row["supplier_id"] not in held:
            held[row["supplier_id"]] = _held(store_suppliers.get(ctx.store, row["supplier_id"]))
        out.append(_suggestion(row, held[row["supplier_id"]]))
    return out


def _suggestion(row: dict, held: dict[str, str]) -> SuggestedCorrection:
    return SuggestedCorrection(row["id"], row["supplier_id"], row["supplier"], row["field"], field_label(row["field"]),
                               row["on_file"], row["suggested"], held.get(row["field"], ""), row["file_name"],
                               row["received_at"])


def pending_count(ctx: AppContext) -> dict[str, int]:
    """How many suggestions wait for a decision across the portfolio, and for how many suppliers."""
    counts = store_corrections.pending_by_supplier(ctx.store)
    return {"corrections": sum(counts.values()), "suppliers": len(counts)}


def suppliers_with_pending(ctx: AppContext) -> list[dict]:
    """One entry per supplier with pending suggestions (by name): id, name, how many and which fields."""
    out: dict[int, dict] = {}
    for row in store_corrections.pending(ctx.store):
        entry = out.setdefault(row["supplier_id"], {"supplier_id": row["supplier_id"], "supplier": row["supplier"],
                                                    "fields": []})
        entry["fields"].append(field_label(row["field"]))
    return [{**entry, "count": len(entry["fields"])} for entry in out.values()]


# -- deciding --------------------------------------------------------------------------------------------------


def apply_correction(ctx: AppContext, correction_id: int) -> SuggestedCorrection:
    """Write a suggested value into the register through the same checks as the supplier form (country code,
    identifier check characters, an identifier another supplier holds); all or nothing. Returns the suggestion
    as it was just before, so a caller can say what changed."""
    from fldd.store import suppliers as store_suppliers

    row = _pending(ctx, correction_id, "apply")
    supplier = store_suppliers.get(ctx.store, row["supplier_id"])
    before = _suggestion(row, _held(supplier))
    key, value = row["field"], row["suggested"]
    with ctx.store.write():
        try:
            _write_field(ctx, supplier, key, value)
        except Rejected as exc:
            raise Rejected([_refusal(supplier.name, key, value, message) for message in exc.messages]) from None
        if not store_corrections.decide(ctx.store, correction_id, store_corrections.APPLIED, ctx.user):
            raise Rejected([(f"{supplier.name}: the suggested {field_label(key)} was decided by someone else "
                             "meanwhile; nothing was changed")])
    return before


def dismiss_correction(ctx: AppContext, correction_id: int) -> None:
    """Decide not to use a suggestion; it stays in the supplier's history as dismissed, by whom and when."""
    row = _pending(ctx, correction_id, "dismiss")
    if not store_corrections.decide(ctx.store, correction_id, store_corrections.DISMISSED, ctx.user):
        raise Rejected([(f"{row['supplier']}: the suggested {field_label(row['field'])} was decided by someone "
                         "else meanwhile")])


def _pending(ctx: AppContext, correction_id: int, verb: str) -> dict:
    """The suggestion, if this role may decide it and it still waits for a decision; Rejected otherwise."""
    if ctx.role not in DECIDERS:
        raise Rejected([(f"only a buyer or an auditor can {verb} a supplier's suggested correction; a supplier "
                         f"cannot change the buyer's register (you work as {ctx.role})")])
    try:
        row = store_corrections.get(ctx.store, correction_id)
    except NotFound:
        raise Rejected([f"suggested correction {correction_id} does not exist"]) from None
    if row["status"] != store_corrections.PENDING:
        when = f" on {row['decided_at'][:10]}" if row["decided_at"] else ""
        by = f" by {row['decided_by']}" if row["decided_by"] else ""
        raise Rejected([(f"{row['supplier']}: the suggested {field_label(row['field'])} '{row['suggested']}' was "
                         f"already {row['status']}{by}{when}")])
    return row


def _write_field(ctx: AppContext, supplier: store_suppliers.Supplier, key: str, value: str) -> None:
    """Set one field of the register the way the supplier form would save it."""
    from fldd.risk.countries import is_country
    from fldd.store import suppliers as store_suppliers
    from fldd.usecases.supplier_form import clean_contacts, country_code_from_text, split_items
    from fldd.usecases.suppliers import update_supplier

    if key == "country":
        code = country_code_from_text(value)
        if not is_country(code):
            raise Rejected([("it is neither a two-letter ISO 3166-1 country code (e.g. MY) nor a country's "
                             "English name")])
        update_supplier(ctx, supplier.id, country=code)
    elif key == "goods":
        update_supplier(ctx, supplier.id, goods=split_items(value))
    elif key in ("name", "address", "sector"):
        update_supplier(ctx, supplier.id, **{key: value.strip()})
    elif key.startswith("id:"):
        update_supplier(ctx, supplier.id, identifiers={**supplier.identifiers, key[3:]: value})
    elif key.startswith("contact:"):
        contacts = [dict(c) for c in supplier.contacts] or [{}]
        contacts[0][key[8:]] = value
        if not (contacts[0].get("name") or "").strip():
            raise Rejected(["the register has no contact person to give it to: add the contact's name first"])
        store_suppliers.replace_contacts(ctx.store, supplier.id, clean_contacts(contacts))
    else:
        raise Rejected([f"fldd does not know the field '{key}'"])


def _refusal(supplier: str, key: str, value: str, reason: str) -> str:
    """'Acme: the suggested Country 'Narnia' cannot be applied: ...', the check's own field name left out."""
    label = field_label(key)
    prefix, sep, rest = reason.partition(": ")
    if sep and prefix.casefold() in {label.casefold(), key.casefold(), "country", "name", "identifier"}:
        reason = rest
    return f"{supplier}: the suggested {label} '{value}' cannot be applied: {reason}"
