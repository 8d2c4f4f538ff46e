"""Supplier profile corrections: typed by a supplier into the workbook's Supplier sheet, kept on import, then
applied (through the register's checks) or dismissed by a buyer or an auditor."""

from __future__ import annotations

import pytest

from fldd.identifiers import lei_check_digits, os_id_check_char
from fldd.store import corrections as store_corrections
from fldd.store import exchange as store_exchange
from fldd.store import suppliers as store_suppliers
from fldd.usecases.corrections import (apply_correction, dismiss_correction, pending_corrections, pending_count,
                                       suppliers_with_pending)
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier, update_supplier
from tests.exchange.conftest import fill, suggest_corrections

LEI = "5493001KJTIIGC8Y1R" + lei_check_digits("5493001KJTIIGC8Y1R")
BAD_LEI = LEI[:18] + ("00" if LEI[18:] != "00" else "01")  # check digits wrong
OTHER_OS_ID = "VN2021001ABCDE" + os_id_check_char("VN2021001ABCDE")


@pytest.fixture
def supplier(ctx):
    return add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"], address="12 Jalan Klang",
                        sector="Medical supplies", contacts=[{"name": "Siti", "email": "siti@example.com"}])


def returned(ctx, supplier_id, folder, suggestions: dict[str, str], name: str = "returned.xlsx",
             answers: dict | None = None):
    """A workbook exported by fldd, answered, with corrections typed into its Supplier sheet, saved as `name`."""
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", folder / f"sent-{name}").path
    path = fill(sent, {"pr_workers_total": 120} if answers is None else answers, out=folder / name)
    return suggest_corrections(path, suggestions)


def imported(ctx, path):
    [report] = import_paths(ctx, [path])
    assert report.outcome in ("accepted", "accepted_incomplete"), [str(e) for e in report.errors]
    return report


def by_field(ctx, supplier_id):
    return {c.field: c for c in pending_corrections(ctx, supplier_id)}


def test_an_import_keeps_the_suggestions_for_a_decision_and_applies_none(ctx, supplier, tmp_path):
    path = returned(ctx, supplier, tmp_path, {"address": "Lot 5, Jalan Kapar, 42100 Klang", "id:lei": LEI,
                                              "goods": "Rubber Gloves, Nitrile Gloves", "sector": "Medical supplies"})

    report = imported(ctx, path)

    pending = by_field(ctx, supplier)
    assert set(pending) == {"address", "id:lei", "goods"}  # the sector was typed as it already is
    address = pending["address"]
    assert (address.label, address.on_file, address.suggested, address.current, address.file_name) == \
        ("Address", "12 Jalan Klang", "Lot 5, Jalan Kapar, 42100 Klang", "12 Jalan Klang", "returned.xlsx")
    assert address.received_at and not address.changed_since and not address.already_held
    assert pending["id:lei"].label == "Legal Entity Identifier (LEI)" and pending["id:lei"].on_file == ""
    assert pending_count(ctx) == {"corrections": 3, "suppliers": 1}
    assert suppliers_with_pending(ctx) == [{"supplier_id": supplier, "supplier": "Klang Valley Gloves Sdn Bhd",
                                            "fields": ["Address", "Goods", "Legal Entity Identifier (LEI)"],
                                            "count": 3}]
    row = store_corrections.get(ctx.store, address.id)
    assert (row["file_sha256"], row["export_id"]) == (report.sha256, report.export_id)
    kept = store_suppliers.get(ctx.store, supplier)
    assert (kept.address, kept.goods, kept.identifiers) == ("12 Jalan Klang", ["Rubber Gloves"], {})


def test_applying_writes_each_field_as_the_supplier_form_would(ctx, supplier, tmp_path):
    imported(ctx, returned(ctx, supplier, tmp_path, {
        "address": "Lot 5, Jalan Kapar", "goods": "Rubber Gloves ,Nitrile Gloves,", "id:lei": LEI.lower(),
        "country": "vietnam", "contact:email": "compliance@klang.example", "name": "Klang Valley Gloves Berhad"}))

    for correction in pending_corrections(ctx, supplier):
        apply_correction(ctx, correction.id)

    s = store_suppliers.get(ctx.store, supplier)
    assert (s.name, s.address, s.goods, s.identifiers) == \
        ("Klang Valley Gloves Berhad", "Lot 5, Jalan Kapar", ["Rubber Gloves", "Nitrile Gloves"], {"lei": LEI})
    assert s.country == "VN" and s.inherent_level is not None  # a name becomes its code; the risk is rated again
    assert s.contacts == [{"name": "Siti", "role": "", "email": "compliance@klang.example", "phone": ""}]
    assert pending_corrections(ctx, supplier) == [] and pending_count(ctx) == {"corrections": 0, "suppliers": 0}
    assert {(r["status"], r["decided_by"]) for r in store_corrections.history(ctx.store, supplier)} == \
        {("applied", "amina")}


def test_dismissing_leaves_the_register_as_it_was_and_keeps_the_decision(ctx, supplier, tmp_path):
    imported(ctx, returned(ctx, supplier, tmp_path, {"address": "Somewhere else"}))
    [correction] = pending_corrections(ctx, supplier)

    dismiss_correction(ctx, correction.id)

    assert store_suppliers.get(ctx.store, supplier).address == "12 Jalan Klang"
    assert pending_corrections(ctx, supplier) == []
    [row] = store_corrections.history(ctx.store, supplier)
    assert (row["status"], row["decided_by"]) == ("dismissed", "amina") and row["decided_at"]
    with pytest.raises(Rejected, match="'Somewhere else' was already dismissed by amina"):
        apply_correction(ctx, correction.id)


def test_a_newer_file_supersedes_the_pending_suggestion_and_the_same_one_again_is_kept_once(ctx, supplier, tmp_path):
    imported(ctx, returned(ctx, supplier, tmp_path, {"address": "Lot 5"}, name="first.xlsx"))
    [older] = pending_corrections(ctx, supplier)

    imported(ctx, returned(ctx, supplier, tmp_path, {"address": "Lot 6"}, name="second.xlsx"))
    imported(ctx, returned(ctx, supplier, tmp_path, {"address": "Lot 6"}, name="third.xlsx"))

    [newer] = pending_corrections(ctx, supplier)
    assert (newer.suggested, newer.file_name) == ("Lot 6", "second.xlsx")
    assert [(r["suggested"], r["status"]) for r in store_corrections.history(ctx.store, supplier)] == \
        [("Lot 6", "pending"), ("Lot 5", "superseded")]
    assert store_corrections.get(ctx.store, older.id)["status"] == "superseded"


def test_a_dismissed_suggestion_stays_dismissed_in_revised_files_of_its_export(ctx, supplier, tmp_path):
    first = returned(ctx, supplier, tmp_path, {"address": "Lot 5"})
    imported(ctx, first)
    [correction] = pending_corrections(ctx, supplier)
    dismiss_correction(ctx, correction.id)

    revised = imported(ctx, fill(first, {"pr_workers_total": 130}, out=tmp_path / "revised.xlsx"))
    assert revised.revision == 2 and [c.new for c in revised.corrections] == ["Lot 5"]
    assert pending_corrections(ctx, supplier) == []

    imported(ctx, returned(ctx, supplier, tmp_path, {"address": "Lot 5"}, name="new-export.xlsx"))
    assert [c.file_name for c in pending_corrections(ctx, supplier)] == ["new-export.xlsx"]


def test_a_suggestion_the_register_already_holds_is_not_kept_and_closes_an_older_one(ctx, supplier, tmp_path):
    first = returned(ctx, supplier, tmp_path, {"sector": "Gloves"}, name="first.xlsx")
    second = returned(ctx, supplier, tmp_path, {"sector": "Rubber products "}, name="second.xlsx")
    imported(ctx, first)
    update_supplier(ctx, supplier, sector="Rubber products")  # the buyer heard it by phone meanwhile
    [pending] = pending_corrections(ctx, supplier)
    assert pending.changed_since and pending.current == "Rubber products"

    imported(ctx, second)

    assert pending_corrections(ctx, supplier) == []
    assert [r["status"] for r in store_corrections.history(ctx.store, supplier)] == ["superseded"]


def test_a_register_changed_since_the_export_is_told_and_applying_still_works(ctx, supplier, tmp_path):
    path = returned(ctx, supplier, tmp_path, {"address": "Lot 5, Jalan Kapar"})
    update_supplier(ctx, supplier, address="14 Jalan Klang")  # the buyer fixed it while the file was out
    imported(ctx, path)
    [correction] = pending_corrections(ctx, supplier)
    assert (correction.on_file, correction.current, correction.changed_since) == \
        ("12 Jalan Klang", "14 Jalan Klang", True)

    before = apply_correction(ctx, correction.id)

    assert before.current == "14 Jalan Klang"
    assert store_suppliers.get(ctx.store, supplier).address == "Lot 5, Jalan Kapar"


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("country", "Narnia", "neither a two-letter ISO 3166-1 country code"),
    ("id:lei", BAD_LEI, "check digits should be"),
    ("id:os_id", OTHER_OS_ID, "already belongs to supplier"),
    ("id:os_id", "MY123", "an OS ID must be 15 characters"),
])
def test_an_invalid_suggestion_is_refused_by_supplier_field_and_value_and_changes_nothing(ctx, supplier, tmp_path,
                                                                                          field, value, reason):
    add_supplier(ctx, "Hanoi Textile Mills", "VN", identifiers={"os_id": OTHER_OS_ID})
    imported(ctx, returned(ctx, supplier, tmp_path, {field: value}))
    [correction] = pending_corrections(ctx, supplier)
    before = store_exchange.data_checksum(ctx.store, skip=())

    with pytest.raises(Rejected) as refused:
        apply_correction(ctx, correction.id)

    [message] = refused.value.messages
    label = {"country": "Country", "id:lei": "Legal Entity Identifier (LEI)", "id:os_id": "Open Supply Hub OS ID"}
    assert message.startswith(f"Klang Valley Gloves Sdn Bhd: the suggested {label[field]} '{value}' cannot be "
                              "applied: ")
    assert reason in message
    assert store_exchange.data_checksum(ctx.store, skip=()) == before
    assert [c.id for c in pending_corrections(ctx, supplier)] == [correction.id]


def test_a_contact_detail_needs_a_contact_person_to_go_to(ctx, tmp_path):
    lonely = add_supplier(ctx, "Sabah Palm Holdings", "MY", goods=["Palm Fruit"])
    imported(ctx, returned(ctx, lonely, tmp_path, {"contact:phone": "+60 88 123 456"}))
    [correction] = pending_corrections(ctx, lonely)

    with pytest.raises(Rejected, match="Sabah Palm Holdings: the suggested Contact phone '\\+60 88 123 456' cannot "
                                       "be applied: the register has no contact person"):
        apply_correction(ctx, correction.id)
    assert store_suppliers.get(ctx.store, lonely).contacts == []


@pytest.mark.parametrize("decide", [apply_correction, dismiss_correction])
def test_a_supplier_role_may_not_decide(ctx, supplier, tmp_path, decide):
    imported(ctx, returned(ctx, supplier, tmp_path, {"address": "Lot 5"}))
    [correction] = pending_corrections(ctx, supplier)
    ctx.role = "supplier"

    with pytest.raises(Rejected, match=r"only a buyer or an auditor can .* \(you work as supplier\)"):
        decide(ctx, correction.id)

    assert [c.id for c in pending_corrections(ctx, supplier)] == [correction.id]
    assert store_suppliers.get(ctx.store, supplier).address == "12 Jalan Klang"
    ctx.role = "auditor"
    decide(ctx, correction.id)
    assert pending_corrections(ctx, supplier) == []


def test_rejected_dry_run_and_repeated_files_record_nothing(ctx, supplier, tmp_path):
    bad = returned(ctx, supplier, tmp_path, {"address": "Lot 5"}, name="bad.xlsx",
                   answers={"pr_workers_total": "many"})
    unanswered = returned(ctx, supplier, tmp_path, {"address": "Lot 5"}, name="unanswered.xlsx", answers={})
    reports = import_paths(ctx, [bad, unanswered])
    assert [r.outcome for r in reports] == ["rejected", "rejected"]
    assert reports[1].corrections  # read and reported, not kept
    good = returned(ctx, supplier, tmp_path, {"address": "Lot 5"}, name="good.xlsx")
    [dry] = import_paths(ctx, [good], dry_run=True)
    assert dry.outcome == "accepted_incomplete"
    assert pending_corrections(ctx, supplier) == []

    imported(ctx, good)
    [correction] = pending_corrections(ctx, supplier)
    dismiss_correction(ctx, correction.id)
    [again] = import_paths(ctx, [good])

    assert again.outcome == "unchanged"
    assert pending_corrections(ctx, supplier) == []


def test_the_suggestions_are_kept_in_the_imports_transaction(ctx, supplier, tmp_path, monkeypatch):
    path = returned(ctx, supplier, tmp_path, {"address": "Lot 5"})

    def broken(*args, **kwargs):
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(store_corrections, "suggest", broken)
    [report] = import_paths(ctx, [path])  # an error nobody foresaw rejects the file alone (file_guard)

    assert report.outcome == "rejected" and "RuntimeError: disk pulled out" in report.errors[0].message
    assert [row["outcome"] for row in store_exchange.imports(ctx.store)] == ["rejected"]
    with ctx.store.read() as db:
        assert db.execute("SELECT count(*) FROM assessments").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM supplier_corrections").fetchone()[0] == 0
