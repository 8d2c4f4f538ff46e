"""A confirmed entity-list match whose listing is gone, as the people who would dispute it see it: the supplier
still rated 9/10 and told to "decide on the relationship" for a listing DHS removed or the buyer withdrew, and the
auditor who asks why a supplier once confirmed as a listed company vanished from every record. Lists loaded from
files as the buyer loads them; the entries are fictional."""

from __future__ import annotations

from fldd.usecases.home import todo
from fldd.usecases.queue import queue_rows
from fldd.usecases.risk_data import load_risk_file, withdraw_list
from fldd.usecases.screening import decide_match, screening_match, screening_matches
from fldd.usecases.suppliers import add_supplier, get_supplier

LIST = "UFLPA Entity List"
HEAD = "Entity Name,Aliases,Country,Federal Register Notice\n"
ACME = "Acme Polysilicon (Shanshan) Co. Ltd and subsidiaries,,China,99 FR 1\n"
OTHER = "Lantern Bright Electronics Ltd,,China,99 FR 4\n"


def _load(ctx, tmp_path, edition, body):
    path = tmp_path / f"uflpa-{edition}.csv"
    path.write_text(HEAD + body, encoding="utf-8")
    load_risk_file(ctx, "entity_list", path, list_name=LIST, edition=edition)


def _confirmed_supplier(ctx, tmp_path):
    _load(ctx, tmp_path, "2026-01", ACME + OTHER)
    plain = add_supplier(ctx, "Sunrise Wafer Works", "CN", goods=["Umbrellas"])
    sid = add_supplier(ctx, "Acme Polysilicon (Shanshan) Co., Ltd.", "CN", goods=["Umbrellas"])
    [match] = screening_matches(ctx, supplier_id=sid)
    decide_match(ctx, match["id"], confirmed=True, reason="Same business licence as the listing")
    assert _risk(ctx, sid) != _risk(ctx, plain)
    return sid, plain, match["id"]


def _risk(ctx, sid):
    """What the buyer reads of a supplier's inherent risk: level, score, and the factors behind it."""
    supplier = get_supplier(ctx, sid)
    return supplier.inherent_level, supplier.inherent_score, supplier.inherent_factors


def _row(ctx, sid):
    return next(r for r in queue_rows(ctx) if r["supplier_id"] == sid)


def _assert_delisted(ctx, sid, plain, match_id, why):
    # no longer counted as a current listing: the same risk as an unlisted supplier of the same profile
    assert _risk(ctx, sid) == _risk(ctx, plain)
    row = _row(ctx, sid)
    assert row["step"] != "relationship" and row["rule"] == "entity_list_delisted"
    [reason] = [r for r in row["reasons"] if "was confirmed" in r]
    assert "Acme Polysilicon (Shanshan) Co. Ltd and subsidiaries" in reason and f"{LIST} (2026-01)" in reason
    assert why in reason and "review the relationship record" in reason
    # kept on record: still confirmed, with who, why and the edition it was last on, and marked delisted
    match = screening_match(ctx, match_id)
    assert (match["status"], match["edition"], match["delisted"]) == ("confirmed", "2026-01", True)
    assert match["reason"] == "Same business licence as the listing" and match["closed_at"]
    assert why in match["closed_why"]
    assert screening_matches(ctx, supplier_id=sid, status="confirmed") == []
    assert [m["id"] for m in screening_matches(ctx, supplier_id=sid, status="delisted")] == [match_id]
    # Home shows it to review beside the matches to decide
    [entry] = [e for e in todo(ctx)["screening"] if e["supplier_id"] == sid]
    assert entry["delisted"] == 1 and entry["count"] == 0


def test_a_confirmed_entity_left_out_of_a_newer_edition_is_kept_as_delisted_and_stops_counting(ctx, tmp_path):
    sid, plain, match_id = _confirmed_supplier(ctx, tmp_path)
    assert _row(ctx, sid)["step"] == "relationship"
    _load(ctx, tmp_path, "2026-03", OTHER)
    _assert_delisted(ctx, sid, plain, match_id, "not on the edition in force (2026-03)")


def test_a_confirmed_match_on_a_withdrawn_list_is_kept_as_delisted_and_stops_counting(ctx, tmp_path):
    sid, plain, match_id = _confirmed_supplier(ctx, tmp_path)
    withdraw_list(ctx, "entity_list", LIST, reason="Replaced by a screening service")
    _assert_delisted(ctx, sid, plain, match_id, f"the {LIST} is no longer in force")


def test_a_newer_edition_that_still_lists_the_entity_keeps_it_counting_with_that_edition(ctx, tmp_path):
    sid, plain, match_id = _confirmed_supplier(ctx, tmp_path)
    _load(ctx, tmp_path, "2026-02", ACME)
    match = screening_match(ctx, match_id)
    assert (match["status"], match["edition"], match["delisted"]) == ("confirmed", "2026-02", False)
    row = _row(ctx, sid)
    assert row["step"] == "relationship" and any(f"{LIST} (2026-02)" in r for r in row["reasons"])
    assert _risk(ctx, sid) != _risk(ctx, plain)


def test_a_listing_that_comes_back_is_asked_again_and_the_delisted_record_stays(ctx, tmp_path):
    sid, plain, match_id = _confirmed_supplier(ctx, tmp_path)
    _load(ctx, tmp_path, "2026-03", OTHER)
    _load(ctx, tmp_path, "2026-05", ACME + OTHER)
    statuses = {m["id"]: (m["status"], m["delisted"]) for m in screening_matches(ctx, supplier_id=sid)}
    assert statuses.pop(match_id) == ("confirmed", True)
    assert list(statuses.values()) == [("pending", False)]
    assert _row(ctx, sid)["rule"] == "entity_list_pending"
