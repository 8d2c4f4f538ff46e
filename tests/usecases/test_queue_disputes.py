"""The queue as the buyer who has to defend it line by line would dispute it: an assessment already under way is
recognised and not nagged about, one late action is one line, a score names every list it rests on, and a
possible entity-list match is a to-do, not a verdict."""

from __future__ import annotations

from fldd.store import assessments as store_assessments
from fldd.store import exports as store_exports
from fldd.usecases.home import todo
from fldd.usecases.queue import queue_rows
from fldd.usecases.risk_data import load_risk_file
from fldd.usecases.suppliers import add_supplier, get_supplier
from tests.usecases.test_queue import action, day, result, row_of


def onsite_draft(ctx, supplier_id):
    return store_assessments.create(ctx.store, supplier_id, "fldd-onsite", "2.0.0", "onsite")


def test_an_on_site_draft_under_way_is_recognised_for_a_severe_supplier_and_not_nagged_about(ctx):
    gloves = add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"])
    aid = result(ctx, gloves, rating="severe", valid_until=day(-30), assessed_on=day(-400))
    action(ctx, aid, due=-40, severity="priority", closure=-20)
    onsite_draft(ctx, gloves)

    row = row_of(ctx, gloves)

    assert row["step"] == "onsite"  # a severe desktop result is verified on site first
    assert row["under_way"].startswith("On-site assessment in progress (draft started ")
    assert row["needs_decision"] is False
    assert not any("no valid on-site assessment" in r for r in row["reasons"]), row["reasons"]
    assert any(r.startswith("High inherent risk (") and "on-site assessment in progress" in r
               for r in row["reasons"]), row["reasons"]
    assert gloves not in {r["supplier_id"] for r in todo(ctx)["reassess"]}


def test_an_on_site_workbook_sent_and_awaited_is_an_assessment_under_way(ctx):
    denim = add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"])
    store_exports.record(ctx.store, export_id="x-1", supplier_id=denim, questionnaire_id="fldd-onsite",
                         version="2.0.0", tier="onsite", language="en", file_name="x.xlsx", exported_by="amina",
                         exported_at=f"{day(-9)}T09:00:00Z")

    row = row_of(ctx, denim)

    assert row["step"] == "onsite"
    assert row["under_way"] == "On-site assessment workbook sent 9 days ago, awaited"
    assert row["needs_decision"] is False


def test_a_desktop_draft_does_not_pass_for_the_on_site_assessment_high_risk_asks_for(ctx):
    denim = add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"])
    store_assessments.create(ctx.store, denim, "fldd-desktop", "2.0.0", "desktop")

    row = row_of(ctx, denim)

    assert row["step"] == "onsite" and row["under_way"] is None and row["needs_decision"] is True
    assert not any("start with the desktop" in r for r in row["reasons"])
    assert any("desktop self-assessment in progress" in r.lower() and "does not replace" in r
               for r in row["reasons"]), row["reasons"]
    # the factors are said once, in the high-inherent line, not again under "never assessed"
    assert sum("score 6/10" in r for r in row["reasons"]) == 1, row["reasons"]


def test_one_priority_action_past_its_closure_date_is_one_reason_line(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    aid = result(ctx, chairs, tier="onsite", rating="medium")
    action(ctx, aid, due=-40, severity="priority", closure=-3)

    row = row_of(ctx, chairs)

    assert row["step"] == "relationship" and row["overdue_actions"] == 1
    assert [r for r in row["reasons"] if "corrective action" in r] == [
        "1 Priority corrective action past its closure date: the Priority finding is not remedied in the time agreed"]


def test_other_late_actions_beside_a_priority_one_past_closure_are_counted_apart(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    aid = result(ctx, chairs, tier="onsite", rating="medium")
    action(ctx, aid, due=-40, severity="priority", closure=-3)
    action(ctx, aid, due=-10, severity="minor")

    row = row_of(ctx, chairs)

    assert row["reasons"][1] == (f"1 other corrective action past its date, since {day(-10)}: ask the supplier "
                                 "for evidence of what was done")


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_score_lifted_by_the_buyers_own_list_names_that_list_wherever_the_score_is_said(ctx, tmp_path):
    load_risk_file(ctx, "own_list", write(tmp_path / "own.csv", "Country,Region,Good,Level,Reason\n"
                                          "MY,,Rubber Gloves,high,audit findings 2025\n"),
                   list_name="Our watch list", edition="2026-01", published=None)
    gloves = add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"])
    assert get_supplier(ctx, gloves).inherent_score == 9

    row = row_of(ctx, gloves)

    said = [r for r in row["reasons"] if "9/10" in r]
    assert said and all("Our watch list" in r for r in said), row["reasons"]
    assert "Our watch list, 2026-01 edition" in row["risk_editions"]
    assert row["risk_editions"].startswith("US DOL List of Goods Produced by Child Labor or Forced Labor, 2024 edition "
                                           "(partial reconstruction); ")


def test_a_confirmed_entity_list_match_is_named_in_the_reasons_and_in_the_editions(ctx, tmp_path):
    from fldd.usecases.screening import decide_match, screen_suppliers, screening_matches

    load_risk_file(ctx, "entity_list", write(tmp_path / "u.csv", "Name,Aliases,Country\nAcme Cotton Co.,Acme,CN\n"),
                   list_name="UFLPA Entity List", edition="2025-12", published=None)
    acme = add_supplier(ctx, "Acme Cotton Co.", "CN", goods=["Furniture"])
    result(ctx, acme, tier="onsite", rating="low")
    screen_suppliers(ctx)
    [match] = screening_matches(ctx, supplier_id=acme)
    decide_match(ctx, match["id"], confirmed=True, reason="same address and licence")

    row = row_of(ctx, acme)

    assert row["inherent_score"] == 10
    assert any("UFLPA Entity List" in r and "10/10" in r for r in row["reasons"]), row["reasons"]
    assert "UFLPA Entity List, 2025-12 edition" in row["risk_editions"]


def test_a_possible_match_is_a_to_do_that_changes_neither_inherent_risk_nor_rating(ctx, tmp_path):
    from fldd.usecases.screening import screen_suppliers

    acme = add_supplier(ctx, "Acme Cotton Co.", "CN", goods=["Furniture"])
    result(ctx, acme, tier="onsite", rating="low")
    before = get_supplier(ctx, acme)
    load_risk_file(ctx, "entity_list", write(tmp_path / "u.csv", "Name,Aliases,Country\nAcme Cotton Co.,Acme,CN\n"),
                   list_name="UFLPA Entity List", edition="2025-12", published=None)
    screen_suppliers(ctx)

    row = row_of(ctx, acme)

    after = get_supplier(ctx, acme)
    assert (after.inherent_score, after.inherent_level) == (before.inherent_score, before.inherent_level)
    assert row["rating"] == "low" and row["screening_pending"] == 1
    assert row["step"] == "enhanced" and row["step_label"] == "Enhanced due diligence"
    assert row["reasons"][0].startswith("Confirm or dismiss the possible match: the supplier's name may match "
                                        "Acme Cotton Co. on the UFLPA Entity List (2025-12)")


def test_on_the_demo_portfolio_home_and_the_queue_agree_and_on_site_drafts_are_under_way(ctx):
    from fldd.store import portfolio
    from fldd.usecases.demo import build_demo

    build_demo(ctx)
    rows = queue_rows(ctx)
    queue = {r["supplier_id"]: r["reasons"] for r in rows if r["needs_decision"]}
    home = {r["supplier_id"]: r["reasons"] for r in todo(ctx)["reassess"]}
    assert home == queue
    onsite = {a["supplier_id"] for a in portfolio.assessments(ctx.store, ("draft",)) if a["tier"] == "onsite"}
    assert len(onsite) >= 4
    for row in rows:
        if row["supplier_id"] in onsite and row["step"] != "none":
            assert row["under_way"].startswith("On-site assessment in progress"), row["supplier"]
            assert row["supplier_id"] not in home
            assert not any("no valid on-site assessment" in r for r in row["reasons"]), row["supplier"]
