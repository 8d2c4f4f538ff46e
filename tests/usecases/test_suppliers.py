"""Adding suppliers: what is checked, what is stored, and the register rows."""

from __future__ import annotations

import pytest

from fldd.identifiers import os_id_check_char
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import add_supplier, get_supplier, register, update_supplier

OS_ID = "BD2020123ABCDE"
OS_ID += os_id_check_char(OS_ID)


def test_add_supplier_keeps_identifiers_and_inherent_risk(ctx):
    sid = add_supplier(ctx, " Sunrise Apparel ", "bd", goods=["Garments", " "], identifiers={"os_id": OS_ID.lower()},
                       contacts=[{"name": "R. Khan", "role": "HR", "email": "hr@sunrise.example", "phone": ""}])
    s = get_supplier(ctx, sid)
    assert (s.name, s.country, s.goods) == ("Sunrise Apparel", "BD", ["Garments"])
    assert s.identifiers == {"os_id": OS_ID}
    assert s.contacts[0]["name"] == "R. Khan"
    assert s.inherent_level in ("low", "medium", "high") and s.inherent_score is not None


@pytest.mark.parametrize("kwargs, message", [
    ({"name": "", "country": "BD"}, "name: a supplier needs a name"),
    ({"name": "X", "country": "XX"}, "country: 'XX' is not an ISO 3166-1 alpha-2 code"),
    ({"name": "X", "country": "BD", "identifiers": {"os_id": OS_ID[:-1] + ("A" if OS_ID[-1] != "A" else "B")}},
     "check character"),
    ({"name": "X", "country": "BD", "identifiers": {"duns": "123"}}, "unknown scheme 'duns'"),
])
def test_bad_supplier_data_is_refused_with_the_field_named(ctx, kwargs, message):
    with pytest.raises(Rejected) as caught:
        add_supplier(ctx, **kwargs)
    assert any(message in m for m in caught.value.messages), caught.value.messages
    assert register(ctx) == []


def test_an_identifier_belongs_to_one_supplier(ctx):
    first = add_supplier(ctx, "First", "BD", identifiers={"os_id": OS_ID})
    with pytest.raises(Rejected, match=f"already belongs to supplier {first} \\(First\\)"):
        add_supplier(ctx, "Second", "BD", identifiers={"os_id": OS_ID})
    update_supplier(ctx, first, name="First Ltd", identifiers={"os_id": OS_ID})  # its own: fine
    assert get_supplier(ctx, first).name == "First Ltd"


def test_register_rows_carry_latest_assessment_and_filters_need(ctx):
    from fldd.usecases.assessments import start_assessment

    sid = add_supplier(ctx, "Andaman Seafood", "TH", goods=["Shrimp"])
    start_assessment(ctx, sid, "fldd-desktop")
    (row,) = register(ctx)
    assert row["name"] == "Andaman Seafood" and row["country"] == "TH"
    assert row["assessment_status"] == "draft" and row["tier"] == "desktop"
