"""Saving the supplier form: contacts checked, edits with contacts all or nothing."""

from __future__ import annotations

import pytest

from fldd.usecases.errors import Rejected
from fldd.usecases.supplier_form import clean_contacts, save_supplier
from fldd.usecases.suppliers import get_supplier, register


def test_blank_contacts_are_dropped_and_fields_trimmed():
    assert clean_contacts([{"name": " Ana ", "email": "a@x.example "}, {"name": "", "phone": "  "}]) == [
        {"name": "Ana", "role": "", "email": "a@x.example", "phone": ""}]


def test_a_contact_with_details_but_no_name_is_rejected():
    with pytest.raises(Rejected, match="contact 1: a contact needs a name"):
        clean_contacts([{"email": "hr@x.example"}])


def test_save_adds_then_edits_fields_and_replaces_contacts(ctx):
    sid = save_supplier(ctx, None, name="Penang Gloves", country="my", goods=["Rubber Gloves"],
                        contacts=[{"name": "Lee", "role": "HR"}])
    assert get_supplier(ctx, sid).contacts == [{"name": "Lee", "role": "HR", "email": "", "phone": ""}]

    assert save_supplier(ctx, sid, name="Penang Gloves Sdn Bhd", contacts=[{"name": "Tan"}]) == sid
    supplier = get_supplier(ctx, sid)
    assert (supplier.name, supplier.country) == ("Penang Gloves Sdn Bhd", "MY")
    assert [c["name"] for c in supplier.contacts] == ["Tan"]


def test_a_rejected_edit_changes_nothing(ctx):
    sid = save_supplier(ctx, None, name="Penang Gloves", country="MY", contacts=[{"name": "Lee"}])
    with pytest.raises(Rejected, match="country"):
        save_supplier(ctx, sid, name="Renamed", country="XX", contacts=[{"name": "Tan"}])
    supplier = get_supplier(ctx, sid)
    assert supplier.name == "Penang Gloves" and [c["name"] for c in supplier.contacts] == ["Lee"]


def test_every_problem_is_reported_at_once_and_nothing_is_added(ctx):
    with pytest.raises(Rejected) as caught:
        save_supplier(ctx, None, name="", country="XX", contacts=[{"email": "hr@x.example"}])
    assert [m.split(":")[0] for m in caught.value.messages] == ["name", "country", "contact 1"]
    with pytest.raises(Rejected, match="contact 1"):
        save_supplier(ctx, None, name="Fine", country="MY", contacts=[{"email": "hr@x.example"}])
    assert register(ctx) == []
