"""The recommended next step per supplier, as the buyer whose supplier is flagged (or not) would dispute it: the
step, and the reason in words naming the facts and the risk data's edition behind it."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import assessments as store_assessments
from fldd.store import exports as store_exports
from fldd.store import findings as store_findings
from fldd.usecases.queue import STEPS, queue_rows, step_counts
from fldd.usecases.suppliers import add_supplier, update_supplier

TODAY = dt.date(2026, 11, 23)


def day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def result(ctx, supplier_id, *, tier="desktop", rating="low", valid_until=None, triggers=(), status="closed",
           assessed_on=None):
    """An assessment that counts, with a stored result (rating, expiry, triggers)."""
    aid = store_assessments.create(ctx.store, supplier_id, f"fldd-{tier}", "2.0.0", tier)
    for step in {"draft": (), "submitted": ("submitted",), "closed": ("submitted", "under_review", "closed")}[status]:
        store_assessments.set_status(ctx.store, aid, step)
    store_assessments.save_result(ctx.store, aid, {
        "rating": rating, "score": 70.0, "completeness": {"percent": 100.0},
        "expires": valid_until or day(300), "as_of": assessed_on or day(-65),
        "triggers": [{"id": tid, "action": action, "title": title} for tid, action, title in triggers]})
    return aid


def action(ctx, assessment_id, *, due, severity="major", closure=None):
    with ctx.store.write() as db:
        fid = store_findings.add_finding(db, assessment_id, severity=severity, title="Fees charged", due_days=14,
                                         source="auditor")
        aid = store_findings.add_action(db, fid, description="Repay the fees", due_date=day(due))
        if closure is not None:
            db.execute("UPDATE corrective_actions SET closure_date = ? WHERE id = ?", [day(closure), aid])
    return aid


def row_of(ctx, supplier_id):
    return next(r for r in queue_rows(ctx) if r["supplier_id"] == supplier_id)


def test_a_supplier_of_garments_from_a_country_listed_for_forced_labour_is_recommended_for_on_site(ctx):
    denim = add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"])

    row = row_of(ctx, denim)

    assert row["step"] == "onsite" and row["step_label"] == "On-site assessment"
    first = row["reasons"][0]
    assert first.startswith("High inherent risk (high, score 6/10: ")
    assert "DOL list names Garments from Bangladesh for" in first and "forced labour" in first
    assert first.endswith("and no valid on-site assessment")
    assert row["rule"] == "high_inherent_without_onsite" and "us-dol-tvpra-2024" in row["basis"]
    assert row["risk_editions"].startswith("US DOL List of Goods ")


def test_a_low_risk_supplier_gets_a_desktop_self_assessment(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])

    row = row_of(ctx, chairs)

    assert row["step"] == "desktop"
    # the score names the table it rests on: Poland's TIP tier
    assert row["reasons"][0].startswith("Never assessed; inherent risk low (score 1/10; US State Department "
                                        "Trafficking in Persons Report, tier placements, 2025 edition")
    assert row["needs_decision"] is True


def test_a_desktop_result_that_trips_an_escalation_threshold_moves_the_supplier_to_on_site(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    result(ctx, chairs, rating="medium", triggers=[("thr_low_score_onsite", "escalate_onsite",
                                                    "Self-assessment score below 60 (fldd's own line)"),
                                                   ("thr_incomplete", "finding", "Self-assessment incomplete")])

    row = row_of(ctx, chairs)

    assert row["step"] == "onsite"
    assert row["reasons"][0] == (f"The desktop result (desktop self-assessment of {day(-65)}, rated medium) calls "
                                 "for an on-site assessment: Self-assessment score below 60 (fldd's own line)")


def test_an_enhanced_due_diligence_trigger_outranks_the_on_site_one(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    result(ctx, chairs, rating="high", triggers=[("thr_red_flag_onsite", "escalate_onsite", "A strong indicator"),
                                                 ("thr_many_unknowns", "enhanced_dd", "Five or more facts unknown")])

    row = row_of(ctx, chairs)

    assert row["step"] == "enhanced"
    assert row["reasons"][0].endswith("calls for enhanced due diligence: Five or more facts unknown")
    assert any("calls for an on-site assessment: A strong indicator" in r for r in row["reasons"][1:])


def test_an_expired_result_brings_the_supplier_back_into_the_queue(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    result(ctx, chairs, rating="low", valid_until=day(200), assessed_on=day(-165))
    assert row_of(ctx, chairs)["step"] == "none"
    assert row_of(ctx, chairs)["reasons"] == [f"The desktop result of {day(-165)} is valid until {day(200)} and "
                                              "nothing is open"]

    ctx.today = lambda: TODAY + dt.timedelta(days=201)
    row = row_of(ctx, chairs)

    assert row["step"] == "desktop" and row["expired"] is True
    # the step came down from the inherent risk alone: the reason says which, with its edition
    assert row["reasons"] == [f"The desktop result of {day(-165)} expired on {day(200)}; inherent risk low (score "
                              "1/10; US State Department Trafficking in Persons Report, tier placements, 2025 edition)"]


def test_a_result_expiring_within_sixty_days_is_due_for_reassessment_and_says_when(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    result(ctx, chairs, valid_until=day(60))

    row = row_of(ctx, chairs)

    assert row["step"] == "desktop" and row["expires_in_days"] == 60
    assert f"expires on {day(60)} (in 60 days); inherent risk low (score 1/10; " in row["reasons"][0]


def test_a_high_risk_supplier_with_a_valid_on_site_result_and_nothing_open_needs_no_action(ctx):
    denim = add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"])
    result(ctx, denim, tier="onsite", rating="low", valid_until=day(400))

    row = row_of(ctx, denim)

    assert row["step"] == "none" and row["needs_decision"] is False


def test_a_severe_result_or_a_priority_action_past_closure_calls_for_a_decision_on_the_relationship(ctx):
    severe = add_supplier(ctx, "Severe Site", "PL", goods=["Furniture"])
    result(ctx, severe, tier="onsite", rating="severe")
    late = add_supplier(ctx, "Late Site", "PL", goods=["Furniture"])
    aid = result(ctx, late, tier="onsite", rating="medium")
    action(ctx, aid, due=-40, severity="priority", closure=-3)
    action(ctx, aid, due=-10, severity="minor")

    assert row_of(ctx, severe)["step"] == "relationship"
    row = row_of(ctx, late)
    assert row["step"] == "relationship" and row["overdue_actions"] == 2
    assert row["reasons"][0] == ("1 Priority corrective action past its closure date: the Priority finding is not "
                                 "remedied in the time agreed")
    # the Priority action is said once, on its own line; the other late action apart
    assert f"1 other corrective action past its date, since {day(-10)}" in row["reasons"][1]


def test_a_severe_desktop_self_assessment_is_verified_on_site_before_any_decision_on_the_relationship(ctx):
    """The supplier whose own answers rated it severe: the buyer is told to check on site first, not to end the
    relationship on an unverified declaration."""
    declared = add_supplier(ctx, "Declared Site", "PL", goods=["Furniture"])
    result(ctx, declared, rating="severe")

    row = row_of(ctx, declared)

    assert row["step"] == "onsite" and row["rule"] == "severe_desktop_result"
    assert "rests on the supplier's own answers: verify on site with worker interviews" in row["reasons"][0]


def test_major_actions_past_their_plan_date_call_for_an_on_site_follow_up(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    aid = result(ctx, chairs, rating="low")
    action(ctx, aid, due=-5, severity="major")
    action(ctx, aid, due=10, severity="major")  # not due yet: does not count

    row = row_of(ctx, chairs)

    assert row["step"] == "onsite" and row["overdue_actions"] == 1
    assert row["reasons"][0] == (f"1 corrective action past its date, since {day(-5)}: verify the "
                                 "Priority or Major findings on site")


def test_a_workbook_sent_and_awaited_changes_the_words_and_needs_no_decision(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    store_exports.record(ctx.store, export_id="x-1", supplier_id=chairs, questionnaire_id="fldd-desktop",
                         version="2.0.0", tier="desktop", language="en", file_name="x.xlsx", exported_by="amina",
                         exported_at=f"{day(-12)}T09:00:00Z")

    row = row_of(ctx, chairs)

    assert row["step"] == "desktop"
    assert row["under_way"] == "Desktop self-assessment sent 12 days ago, awaited"
    assert row["needs_decision"] is False


def test_the_queue_lists_the_most_urgent_first_and_counts_every_step(ctx):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    denim = add_supplier(ctx, "Dhaka Denim", "BD", goods=["Garments"])
    severe = add_supplier(ctx, "Severe Site", "PL", goods=["Furniture"])
    result(ctx, severe, tier="onsite", rating="severe")
    inactive = add_supplier(ctx, "Gone Ltd", "BD", goods=["Garments"])
    update_supplier(ctx, inactive, status="inactive")

    rows = queue_rows(ctx)

    assert [r["supplier_id"] for r in rows] == [severe, denim, chairs, inactive]
    assert rows[-1]["step"] == "none" and rows[-1]["reasons"][0] == "The supplier is inactive in the register"
    assert step_counts(rows) == {"relationship": 1, "enhanced": 0, "onsite": 1, "desktop": 1, "none": 1}
    assert set(step_counts(rows)) == set(STEPS)


@pytest.mark.parametrize("status", ["draft"])
def test_a_draft_does_not_count_as_a_result_but_says_the_assessment_is_under_way(ctx, status):
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    store_assessments.create(ctx.store, chairs, "fldd-desktop", "2.0.0", "desktop")

    row = row_of(ctx, chairs)

    assert row["step"] == "desktop" and row["rating"] is None
    assert row["under_way"].startswith("Desktop self-assessment in progress (draft started ")


def test_a_possible_entity_list_match_calls_for_enhanced_due_diligence_and_a_confirmed_one_for_a_decision(
        ctx, monkeypatch):
    from fldd.usecases.screening import decide_match, screening_matches
    from tests.screening_lists import LIST, LISTED, with_entities

    with_entities(monkeypatch, LISTED)
    sid = add_supplier(ctx, "Brightway Textiles (Kashgar) Co., Ltd.", "CN", goods=["Cotton"])

    row = row_of(ctx, sid)
    assert (row["step"], row["screening_pending"], row["rule"]) == ("enhanced", 1, "entity_list_pending")
    assert row["reasons"][0] == (f"Confirm or dismiss the possible match: the supplier's name may match {LISTED.name} "
                                 f"on the {LIST} (2026-05); until a buyer confirms it, it changes neither the "
                                 "inherent risk nor the rating")

    [match] = screening_matches(ctx, supplier_id=sid)
    decide_match(ctx, match["id"], confirmed=True, reason="Same licence number as the listing")
    row = row_of(ctx, sid)
    assert (row["step"], row["rule"], row["screening_pending"]) == ("relationship", "entity_list_confirmed", 0)
    assert row["reasons"][0].startswith(f"A person confirmed that the supplier is {LISTED.name} on the {LIST}")
