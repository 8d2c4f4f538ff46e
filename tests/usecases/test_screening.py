"""Screening suppliers against entity lists, as the buyer would dispute it: a match is a question for a person,
nothing about the supplier's risk or next step moves until someone confirms it, and a decision holds while what
it was about is unchanged. The lists are fictional."""

from __future__ import annotations

import pytest

from fldd.usecases.errors import Rejected
from fldd.usecases.queue import queue_rows
from fldd.usecases.screening import (decide_match, reopen_match, screen_suppliers, screening_match,
                                     screening_matches, suppliers_to_decide)
from fldd.usecases.suppliers import add_supplier, get_supplier, register, update_supplier
from tests.screening_lists import LIST, LISTED, OTHER, with_entities


@pytest.fixture
def refreshed(monkeypatch):
    """The supplier ids each refresh_inherent call was asked to recompute."""
    calls: list = []
    monkeypatch.setattr("fldd.usecases.inherent.refresh_inherent", lambda ctx, ids=None: calls.append(ids) or 0)
    return calls


def _standing(ctx, supplier_id):
    """What a buyer reads of a supplier's risk: inherent level, score and factors, the latest rating."""
    supplier = get_supplier(ctx, supplier_id)
    row = next(r for r in register(ctx) if r["id"] == supplier_id)
    return (supplier.inherent_level, supplier.inherent_score, supplier.inherent_factors, row["rating"])


def test_a_supplier_named_as_a_listed_alias_is_shown_for_confirmation_and_its_risk_does_not_move(ctx, monkeypatch):
    with_entities(monkeypatch)
    plain = add_supplier(ctx, "Brightway Spinning", "CN", goods=["Cotton"])
    with_entities(monkeypatch, LISTED, OTHER)
    sid = add_supplier(ctx, "Brightway Textiles (Kashgar) Co., Ltd.", "CN", goods=["Cotton"])
    [match] = screening_matches(ctx, status="pending")
    assert match["supplier_id"] == sid
    assert (match["list_name"], match["edition"], match["entity"]) == (LIST, "2026-05", LISTED.name)
    assert match["matched_on"] == "Brightway Textiles (Kashgar) Co., Ltd."
    assert match["matched_to"] == "Brightway Textiles Kashgar"
    assert match["entity_aliases"] == list(LISTED.aliases)
    assert "same name" in match["how"] and match["strength"] == 100
    assert (match["status"], match["decided_by"], match["reason"]) == ("pending", None, None)
    # the same country and goods as a supplier on no list: the same inherent risk and rating while it waits
    assert _standing(ctx, sid) == _standing(ctx, plain)
    steps = {r["supplier_id"]: r for r in queue_rows(ctx)}
    assert steps[sid]["step"] == "enhanced"  # a visible to-do: decide the match (next_steps.yaml, entity_list_pending)
    assert any(f"may match {LISTED.name}" in reason for reason in steps[sid]["reasons"])
    assert suppliers_to_decide(ctx) == [{"supplier_id": sid, "supplier": "Brightway Textiles (Kashgar) Co., Ltd.",
                                         "country": "CN", "count": 1, "delisted": 0, "lists": [LIST]}]
    decide_match(ctx, match["id"], confirmed=True, reason="Same licence number as the listing")
    assert _standing(ctx, sid) != _standing(ctx, plain)  # a person's confirmation is what counts
    assert {r["supplier_id"]: r for r in queue_rows(ctx)}[sid]["step"] == "relationship"


def test_confirming_needs_a_reason_and_records_who_when_why_then_the_risk_follows(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Kashgar Brightway Textile Limited", "CN")
    refreshed.clear()  # adding a supplier computes its inherent risk; the match alone changes nothing
    [match] = screening_matches(ctx, supplier_id=sid)
    for reason in ("", "   "):
        with pytest.raises(Rejected, match="reason"):
            decide_match(ctx, match["id"], confirmed=True, reason=reason)
    assert screening_match(ctx, match["id"])["status"] == "pending" and refreshed == []
    decided = decide_match(ctx, match["id"], confirmed=True, reason="Same address and licence as the listing")
    assert decided["status"] == "confirmed"
    assert (decided["decided_by"], decided["reason"]) == ("amina", "Same address and licence as the listing")
    assert decided["decided_at"]
    assert [t["decision"] for t in decided["trail"]] == ["confirmed"]
    assert refreshed == [[sid]]
    assert screening_matches(ctx, status="pending") == []
    assert [m["id"] for m in screening_matches(ctx, status="confirmed")] == [match["id"]]


def test_only_a_buyer_decides(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    [match] = screening_matches(ctx)
    ctx.role = "supplier"
    with pytest.raises(Rejected, match="only a buyer"):
        decide_match(ctx, match["id"], confirmed=False, reason="Not us")
    assert screening_match(ctx, match["id"])["status"] == "pending"


def test_a_dismissal_holds_on_rescreening_while_names_and_entry_are_unchanged(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=False, reason="Different company: other licence number")
    assert screen_suppliers(ctx) == 0
    update_supplier(ctx, sid, name="KASHGAR BRIGHTWAY TEXTILE CO., LTD.")  # the same name, written otherwise
    assert [m["status"] for m in screening_matches(ctx)] == ["dismissed"]


def test_a_dismissal_is_asked_again_when_the_listed_entry_changes(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=False, reason="Different company")
    amended = type(LISTED)(LIST, LISTED.name, (*LISTED.aliases, "KBT Mills"), "CN")
    with_entities(monkeypatch, amended)
    assert screen_suppliers(ctx) == 1
    [again] = screening_matches(ctx, status="pending")
    assert again["supplier_id"] == sid and again["entity_aliases"][-1] == "KBT Mills"
    old = screening_match(ctx, match["id"])
    assert old["status"] == "dismissed" and "changed" in old["closed_why"]  # kept for the record


def test_a_pending_match_whose_entity_left_the_list_is_closed_not_left_waiting(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED, OTHER)
    add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    add_supplier(ctx, "Lantern Apparel", "CN")
    with_entities(monkeypatch, OTHER)
    screen_suppliers(ctx)
    assert [m["entity"] for m in screening_matches(ctx, status="pending")] == [OTHER.name]
    [closed] = screening_matches(ctx, status="closed")
    assert closed["entity"] == LISTED.name and closed["status"] == "closed"
    assert "no longer matches" in closed["closed_why"] and "not on the lists" in closed["closed_why"]
    with pytest.raises(Rejected, match="no longer applies"):
        decide_match(ctx, closed["id"], confirmed=True, reason="Late")
    assert [m["status"] for m in screening_matches(ctx, status="all")] == ["pending", "closed"]


def test_renaming_a_supplier_screens_it_again(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Mingtu Weaving", "CN")
    assert screening_matches(ctx) == []
    update_supplier(ctx, sid, name="喀什明途纺织（集团）有限公司")
    [match] = screening_matches(ctx, status="pending")
    assert match["matched_to"] == "喀什明途纺织有限公司"
    update_supplier(ctx, sid, name="Mingtu Weaving")
    assert screening_matches(ctx, status="pending") == []
    assert "no longer resemble" in screening_matches(ctx, status="closed")[0]["closed_why"]


def test_a_confirmation_stays_when_the_supplier_is_renamed_until_a_person_reopens_it(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=True, reason="Same site")
    update_supplier(ctx, sid, name="Silk Road Weaving")  # a new name does not make it another company
    assert [m["status"] for m in screening_matches(ctx, supplier_id=sid)] == ["confirmed"]
    refreshed.clear()
    with pytest.raises(Rejected, match="reason"):
        reopen_match(ctx, match["id"], reason="")
    reopened = reopen_match(ctx, match["id"], reason="Listing was about the former owner")
    assert reopened["status"] == "pending"
    assert [t["decision"] for t in reopened["trail"]] == ["confirmed", "reopened"]
    assert refreshed == [[sid]]


def test_no_list_in_force_means_no_match_and_no_error(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch)
    add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    assert screen_suppliers(ctx) == 0 and screening_matches(ctx) == []


def test_an_unknown_status_is_refused(ctx):
    with pytest.raises(Rejected, match="status"):
        screening_matches(ctx, status="open")


def test_the_suppliers_own_latin_alias_matches_the_entitys_alias(ctx, monkeypatch, refreshed):
    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Mingtu Weaving", "CN")
    assert screening_matches(ctx) == []
    update_supplier(ctx, sid, aliases=["Brightway Textiles Kashgar"])  # its trading name, added later
    [match] = screening_matches(ctx)
    assert (match["matched_on"], match["matched_to"]) == ("Brightway Textiles Kashgar", "Brightway Textiles Kashgar")
    update_supplier(ctx, sid, aliases=[])
    assert screening_matches(ctx, status="pending") == []
