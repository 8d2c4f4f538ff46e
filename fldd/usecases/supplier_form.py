"""Saving the add / edit supplier form in one go: fields, identifiers and contacts, all or nothing."""

from __future__ import annotations

from fldd.store import suppliers as store_suppliers
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import add_supplier, update_supplier

CONTACT_FIELDS = ("name", "role", "email", "phone")
COUNTRY_DASH = " — "  # between code and name in the country pick list: "MY — Malaysia"


def goods_suggestions(ctx: AppContext) -> list[str]:
    """The good names the form offers as a person types goods or raw materials: those of the DOL list in force
    for this database (a list the buyer loaded replaces the one fldd ships), so a suggestion always matches."""
    from fldd.risk.goods import known_goods
    from fldd.usecases.risk_data import current_risk_data

    return known_goods(current_risk_data(ctx))


def split_items(text: str) -> list[str]:
    """'Cotton, Garments ,' -> ['Cotton', 'Garments']: a comma-separated list as the form's goods field takes it."""
    return [part.strip() for part in text.split(",") if part.strip()]


def country_code_from_text(text: str) -> str:
    """The ISO code meant by 'MY', 'my', 'Malaysia', 'MY — Malaysia' or another usual name ('Viet Nam'); any
    other text as typed (trimmed), for the supplier check to refuse with its own message."""
    from fldd.risk.countries import code_for_name, is_country

    typed = text.strip()
    head = typed.split(COUNTRY_DASH)[0].strip() if COUNTRY_DASH in typed else typed
    if len(head) == 2 and is_country(head):
        return head.upper()
    return code_for_name(head) or head


def clean_contacts(contacts: list[dict] | None) -> list[dict]:
    """Contacts with trimmed fields, blank ones dropped; Rejected when one has details but no name."""
    clean, problems = [], []
    for number, contact in enumerate(contacts or [], start=1):
        row = {key: str(contact.get(key) or "").strip() for key in CONTACT_FIELDS}
        if not any(row.values()):
            continue
        if not row["name"]:
            problems.append(f"contact {number}: a contact needs a name")
        clean.append(row)
    if problems:
        raise Rejected(problems)
    return clean


def save_supplier(ctx: AppContext, supplier_id: int | None, *, contacts: list[dict] | None = None,
                  **fields) -> int:
    """Add a supplier (supplier_id None) or change one, contacts included; returns its id.

    Every problem is reported at once: the supplier's fields are checked even when a contact is wrong, inside a
    transaction that is rolled back if anything was refused."""
    try:
        people, problems = clean_contacts(contacts), []
    except Rejected as exc:
        people, problems = [], exc.messages
    with ctx.store.write():
        try:
            if supplier_id is None:
                name, country = fields.pop("name", ""), fields.pop("country", "")
                saved = add_supplier(ctx, name, country, contacts=people, **fields)
            else:
                update_supplier(ctx, supplier_id, **fields)
                store_suppliers.replace_contacts(ctx.store, supplier_id, people)
                saved = supplier_id
        except Rejected as exc:
            raise Rejected(exc.messages + problems) from None
        if problems:
            raise Rejected(problems)
    return saved
