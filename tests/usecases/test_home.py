"""The home view: what needs doing next for each role, suppliers to (re)assess, the portfolio at a glance."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import assessments as store_assessments
from fldd.store import corrections as store_corrections
from fldd.store import exchange as store_exchange
from fldd.store import exports as store_exports
from fldd.store import findings as store_findings
from fldd.store import settings
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.errors import Rejected
from fldd.usecases.home import ROLE_SECTIONS, SECTIONS, switch_role, todo
from fldd.usecases.queue import queue_row
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)


def _day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def assessment(ctx, supplier_id, *, tier="desktop", status="draft", valid_until=None, rating=None,
               completeness=40.0):
    """An assessment put straight into the store with the given state and stored result."""
    aid = store_assessments.create(ctx.store, supplier_id, f"fldd-{tier}", "1.0.0", tier)
    path = {"draft": (), "submitted": ("submitted",), "under_review": ("submitted", "under_review"),
            "closed": ("submitted", "under_review", "closed")}[status]
    for step in path:
        store_assessments.set_status(ctx.store, aid, step)
    store_assessments.save_result(ctx.store, aid, {
        "rating": rating, "score": 50.0, "completeness": {"percent": completeness}, "expires": valid_until,
        "as_of": None if status == "draft" else _day(-300)})
    return aid


def action(ctx, assessment_id, *, due, status="open", severity="major", title="Hours over 60"):
    """A finding with one corrective action due on `due` (days from today) in `status`."""
    with ctx.store.write() as db:
        fid = store_findings.add_finding(db, assessment_id, severity=severity, title=title, due_days=14,
                                         source="auditor")
        aid = store_findings.add_action(db, fid, description=f"Fix: {title}", due_date=_day(due))
    if status != "open":
        store_findings.set_action_status(ctx.store, aid, status)
    return aid


@pytest.fixture
def portfolio(ctx):
    """Five suppliers at different stages, with actions overdue, due soon, later, done and verified."""
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])  # high inherent risk
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])  # low
    cars = add_supplier(ctx, "Stuttgart Parts", "DE", goods=["Cars"])  # low
    denim = add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"])  # high, never assessed
    shoes = add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    ids = {"gloves": gloves, "chairs": chairs, "cars": cars, "denim": denim, "shoes": shoes}
    ids["gloves_desktop"] = assessment(ctx, gloves, status="closed", valid_until=_day(30), rating="high")
    ids["gloves_onsite"] = assessment(ctx, gloves, tier="onsite", status="draft", completeness=20.0)
    ids["chairs_desktop"] = assessment(ctx, chairs, status="submitted", valid_until=_day(-5), rating="low")
    ids["cars_desktop"] = assessment(ctx, cars, status="under_review", valid_until=_day(300), rating="medium")
    ids["shoes_draft"] = assessment(ctx, shoes, status="draft", completeness=75.0)
    a = ids["gloves_desktop"]
    ids["overdue_old"] = action(ctx, a, due=-20, severity="priority")
    ids["overdue_new"] = action(ctx, a, due=-1, status="in_progress")
    ids["due_today"] = action(ctx, a, due=0, severity="minor")
    ids["due_in_14"] = action(ctx, a, due=14)
    ids["due_in_15"] = action(ctx, a, due=15)
    ids["done_late"] = action(ctx, a, due=-30, status="done")
    ids["verified"] = action(ctx, ids["chairs_desktop"], due=-40, status="verified", severity="minor")
    return ids


def _ids(items, key="action_id"):
    return [item[key] for item in items]


def test_every_section_is_there_and_only_the_roles_sections_are_filled(ctx, portfolio):
    for role in ("supplier", "auditor", "buyer"):
        ctx.role = role
        data = todo(ctx)
        assert data["role"] == role and data["sections"] == ROLE_SECTIONS[role]
        for name in SECTIONS:
            if name not in ROLE_SECTIONS[role]:
                assert data[name] == [], (role, name)


def test_a_supplier_sees_its_desktop_drafts_with_completeness_and_last_change(ctx, portfolio):
    ctx.role = "supplier"
    (draft,) = todo(ctx)["drafts"]
    assert draft["id"] == portfolio["shoes_draft"] and draft["supplier"] == "Porto Shoes"
    assert draft["completeness"] == 75.0 and draft["last_change"] == dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert draft["questionnaire"] == "Desktop self-assessment"


def test_an_auditor_sees_on_site_drafts_and_what_to_review_and_verify(ctx, portfolio):
    ctx.role = "auditor"
    data = todo(ctx)
    assert _ids(data["drafts"], "id") == [portfolio["gloves_onsite"]]
    assert _ids(data["to_review"], "id") == [portfolio["chairs_desktop"], portfolio["cars_desktop"]]
    assert _ids(data["to_verify"]) == [portfolio["done_late"]]


def test_a_buyer_sees_submitted_assessments_first_then_those_under_review(ctx, portfolio):
    data = todo(ctx)
    assert [(r["supplier"], r["status"]) for r in data["to_review"]] == [
        ("Lodz Chairs", "submitted"), ("Stuttgart Parts", "under_review")]


def test_overdue_actions_are_open_or_in_progress_and_past_due_oldest_first(ctx, portfolio):
    overdue = todo(ctx)["overdue_actions"]
    assert _ids(overdue) == [portfolio["overdue_old"], portfolio["overdue_new"]]
    assert [r["days_left"] for r in overdue] == [-20, -1]


def test_due_soon_means_from_today_up_to_fourteen_days(ctx, portfolio):
    assert _ids(todo(ctx)["due_soon"]) == [portfolio["due_today"], portfolio["due_in_14"]]


def test_done_actions_wait_for_verification_and_verified_ones_drop_out(ctx, portfolio):
    assert _ids(todo(ctx)["to_verify"]) == [portfolio["done_late"]]


def test_the_suppliers_to_assess_are_the_queues_next_steps_waiting_for_a_decision_most_urgent_first(ctx, portfolio):
    data = todo(ctx)
    rows = {r["supplier"]: r for r in data["reassess"]}
    # Porto Shoes' desktop self-assessment and Klang Valley's on-site one are under way (drafts): nothing to
    # decide; the others have no step
    assert list(rows) == ["Dhaka Denim", "Lodz Chairs"]
    assert [rows[name]["step"] for name in rows] == ["onsite", "desktop"]
    assert rows["Lodz Chairs"]["reasons"] == ["The desktop result of 2026-01-27 expired on 2026-11-18; inherent risk low "
                                              "(score 1/10; US State Department Trafficking in Persons Report, tier "
                                              "placements, 2025 edition)"]
    assert rows["Lodz Chairs"]["urgent"] is True and rows["Dhaka Denim"]["urgent"] is False
    gloves = queue_row(ctx, portfolio["gloves"])
    assert gloves["under_way"].startswith("On-site assessment in progress (draft started ")
    # its Priority action rests on a desktop self-assessment: verified on site first, not a relationship decision
    assert gloves["step"] == "onsite"
    assert gloves["reasons"][0] == "The latest result, desktop self-assessment of 2026-01-27, rated high: verify the answers on site"
    assert "2 corrective actions past their date, the oldest since 2026-11-03: verify the Priority or Major findings on site" in gloves["reasons"]
    assert gloves["reasons"][-1].startswith(f"The desktop result of 2026-01-27 expires on {_day(30)} (in 30 days); "
                                            "inherent risk high (score 5/10; ")
    assert rows["Dhaka Denim"]["reasons"][0].startswith("High inherent risk (high, score 6/10: ")
    assert rows["Dhaka Denim"]["supplier_id"] == portfolio["denim"]
    assert data["next_steps"] == {"by_step": {"relationship": 0, "enhanced": 0, "onsite": 2, "desktop": 2, "none": 1},
                                  "undecided": 2}


def test_the_buyer_sees_which_suppliers_suggested_profile_corrections(ctx, portfolio):
    for supplier, field, value in (("shoes", "address", "Rua 2"), ("chairs", "id:lei", "X"), ("shoes", "sector", "S")):
        store_corrections.suggest(ctx.store, supplier_id=portfolio[supplier], field=field, on_file="",
                                  suggested=value)
    decided = store_corrections.suggest(ctx.store, supplier_id=portfolio["cars"], field="name", on_file="",
                                        suggested="Stuttgart Parts GmbH")
    store_corrections.decide(ctx.store, decided, "dismissed", "tester")

    rows = todo(ctx)["corrections"]

    assert [(r["supplier"], r["supplier_id"], r["count"], r["fields"]) for r in rows] == [
        ("Lodz Chairs", portfolio["chairs"], 1, ["Legal Entity Identifier (LEI)"]),
        ("Porto Shoes", portfolio["shoes"], 2, ["Address", "Sector"])]
    for role in ("supplier", "auditor"):
        ctx.role = role
        assert todo(ctx)["corrections"] == []


def test_the_buyer_sees_the_workbooks_awaiting_return_longest_waiting_first(ctx, portfolio):
    for supplier, export_id, day in (("cars", "c-1", "2026-11-01"), ("shoes", "s-1", "2026-09-15"),
                                     ("chairs", "h-1", "2026-10-01")):
        store_exports.record(ctx.store, export_id=export_id, supplier_id=portfolio[supplier],
                             questionnaire_id="fldd-desktop", version="1.0.0", tier="desktop", language="en",
                             file_name=f"{export_id}.xlsx", exported_by="amina", exported_at=f"{day}T09:00:00Z")
    store_exchange.record_import(ctx.store, file_name="back.xlsx", sha256="ab" * 32, outcome="accepted", errors=[],
                                 export_id="h-1", imported_at="2026-10-20T09:00:00Z")

    rows = todo(ctx)["awaiting"]

    assert [(r["supplier_id"], r["sent_on"], r["days_since_sent"], r["overdue"]) for r in rows] == [
        (portfolio["shoes"], "2026-09-15", 69, True), (portfolio["cars"], "2026-11-01", 22, False)]
    for role in ("supplier", "auditor"):
        ctx.role = role
        assert todo(ctx)["awaiting"] == []


def test_a_high_risk_supplier_whose_on_site_assessment_is_under_way_waits_for_no_decision(ctx, portfolio):
    store_assessments.create(ctx.store, portfolio["denim"], "fldd-onsite", "1.0.0", "onsite")

    assert "Dhaka Denim" not in {r["supplier"] for r in todo(ctx)["reassess"]}
    assert todo(ctx)["next_steps"]["by_step"]["onsite"] == 2  # still its step: the draft is not a result yet


def test_the_portfolio_counts_suppliers_by_rating_findings_by_severity_and_overdue_actions(ctx, portfolio):
    counts = todo(ctx)["portfolio"]
    assert counts["suppliers"] == 5
    assert counts["by_rating"] == {"low": 1, "medium": 1, "high": 1, "severe": 0, None: 2}
    assert counts["open_findings"] == {"priority": 1, "major": 4, "minor": 1}
    assert counts["overdue"] == 2


def test_an_empty_database_has_nothing_to_do(ctx):
    data = todo(ctx)
    assert all(data[name] == [] for name in SECTIONS)
    assert data["portfolio"]["suppliers"] == 0 and data["portfolio"]["overdue"] == 0


def test_the_role_switch_is_remembered_in_the_database(ctx, tmp_path):
    switch_role(ctx, "auditor")
    assert ctx.role == "auditor" and settings.get(ctx.store, "role") == "auditor"
    again = open_context(tmp_path / "fldd.sqlite3", user="amina")
    try:
        assert again.role == "auditor"
    finally:
        again.close()


def test_an_unknown_role_is_refused(ctx):
    with pytest.raises(Rejected, match="role: 'manager' is not supplier, auditor or buyer"):
        switch_role(ctx, "manager")
    assert ctx.role == "buyer"


def test_the_demo_portfolio_gives_every_role_something_to_do(ctx):
    build_demo(ctx)
    for role in ("supplier", "auditor", "buyer"):
        ctx.role = role
        data = todo(ctx)
        # screening: the demo ships no entity list (fldd ships none; the buyer loads one)
        assert all(data[name] for name in data["sections"] if name not in ("due_soon", "screening")), role
    counts = data["portfolio"]
    assert counts["suppliers"] == 40 and sum(counts["by_rating"].values()) == 40
    assert counts["overdue"] == len(data["overdue_actions"]) > 0
    assert sum(counts["open_findings"].values()) >= counts["overdue"]
