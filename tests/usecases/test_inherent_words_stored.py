"""What a buyer's records keep of the inherent-risk words, as the supplier they rate would dispute them: the
stored factors say when the DOL rows were not checked against 2024, the dossier keeps a downstream listing with
no inputs' country as derived, and the editions stamp names the editions in words."""

from __future__ import annotations

from fldd.risk.inherent import stamp_editions
from fldd.usecases.dossier_contents import supplier_record
from fldd.usecases.inherent import editions_words
from fldd.usecases.suppliers import add_supplier, get_supplier


def test_a_malaysian_suppliers_stored_factor_says_its_row_was_not_checked(ctx):
    supplier = get_supplier(ctx, add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"]))
    (goods,) = [f for f in supplier.inherent_factors if f["group"] == "goods"]
    assert goods["words"].endswith("(Malaysia's rows carried over from the 2022 edition, not checked against 2024)")


def test_the_dossier_keeps_cigarettes_from_ukraine_as_derived_with_no_inputs_country(ctx):
    supplier = get_supplier(ctx, add_supplier(ctx, "Kyiv Tobacco", "UA", goods=["Cigarettes"]))
    risk = supplier_record(ctx, supplier)["inherent_risk"]
    assert [(g["good"], g["derived"], g["derived_from"]) for g in risk["listed_goods"]] == [
        ("Cigarettes (tobacco)", True, None)]
    assert any("does not say which country the inputs come from" in f["words"] for f in risk["factors"])
    plain = get_supplier(ctx, add_supplier(ctx, "Kyiv Paper", "UA", goods=["Paper"]))
    assert supplier.inherent_score == plain.inherent_score + 2  # it counts, where before it added nothing


def test_the_stamp_names_the_editions_in_words(ctx):
    supplier = get_supplier(ctx, add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"]))
    rules, tables = stamp_editions(supplier.inherent_editions)
    assert rules == "2026-12" and tables[0].endswith("2024 edition (partial reconstruction), published 2024-09-05")
    assert editions_words(supplier.inherent_editions).startswith("Worked out with the inherent-risk rules of 2026-12")
    assert stamp_editions("rules 2026-11 abc; dol_goods:x:2024:") == ("", [])  # an older stamp: no words made up
