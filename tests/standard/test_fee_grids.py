"""Recruitment fees graded on RBA VAP 8.0.2's two grids, in both tiers: every row and column boundary, the
absolute-count column, the share over the workers of the same channel (not the whole site), repayment in
time with proof against late or unproven repayment, a fee in another currency than the wage, and one
worker's uncorroborated claim."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.standard.answers import coerce_all
from fldd.standard.engine import score
from fldd.usecases.questionnaires import standard

AS_OF = dt.date(2026, 11, 23)
SEVERITY_OF = {"thr_fee_priority": "priority", "thr_fee_major": "major", "thr_fee_minor": "minor",
               "thr_fee_repaid_major": "major", "thr_fee_repaid_minor": "minor"}
REPAID_GRID = {"thr_fee_repaid_major", "thr_fee_repaid_minor"}


def _score(qid: str, raw: dict, declared: dict | None = None):
    q = standard().questionnaires[qid]
    values, errors = coerce_all(q, raw)
    assert not errors, [str(e) for e in errors]
    typed = {}
    if declared:
        typed, errors = coerce_all(standard().questionnaires[q.verifies], declared)
        assert not errors, [str(e) for e in errors]
    return score(q, values, declared=typed, as_of=AS_OF)


def thresholds(result) -> set[str]:
    """Every threshold that fired, including those merged into one finding per fact (its sources)."""
    return {t.id for t in result.triggers} | {e.threshold for t in result.triggers for e in t.sources}


def _myr(amount) -> dict:
    return {"amount": amount, "currency": "MYR"}


def desktop(amount, paid, recruited, *, site=5000, repaid=None, days=None, evidence=None, currency="MYR",
            max_amount=None, **more):
    """A supplier whose workers paid fees: wage 1000 MYR, so an amount of N MYR is N/10 % of it."""
    raw = {"pr_workers_total": site, "pr_monthly_base_wage": _myr(1000), "fee_any_paid": "yes",
           "fee_workers_paid": paid, "fee_workers_recruited": recruited,
           "fee_amount_typical": {"amount": amount, "currency": currency},
           "fee_amount_max": {"amount": max_amount if max_amount is not None else amount, "currency": currency},
           "fee_repaid": repaid or "none", **more}
    if days is not None:
        raw["fee_repaid_days"] = days
    if evidence is not None:
        raw["fee_repayment_evidence"] = evidence
    return _score("fldd-desktop", raw)


def desktop_grade(result) -> tuple[str, ...]:
    """The fee grade thresholds that fired, as severities with the grid they came from."""
    return tuple(sorted(f"{SEVERITY_OF[tid]}{' (repaid)' if tid in REPAID_GRID else ''}"
                        for tid in thresholds(result) if tid in SEVERITY_OF))


def repaid_in_time(**kw) -> dict:
    return {"repaid": "all_full", "days": 60, "evidence": ["bank_transfer"], **kw}


# ----------------------------------------------------------------------------- desktop, fees not repaid

@pytest.mark.parametrize("amount, expected", [
    (49, "minor"), (50, "minor"),         # under 5% and 5%: rows 0 and 1, both Minor at 0.4% of workers
    (999, "minor"), (1000, "major"),      # 99.9% and 100%: rows 1 and 2
    (1499, "major"), (1500, "priority"),  # 149.9% and 150%: rows 2 and 3
])
def test_unrepaid_rows_change_at_5_100_and_150_percent_of_the_wage(amount, expected):
    assert desktop_grade(desktop(amount, paid=4, recruited=1000)) == (expected,)


@pytest.mark.parametrize("paid, expected", [
    (10, "minor"),      # 1.0% of the channel: column "1% or fewer"
    (11, "major"),      # 1.1%: "over 1 to 5%"
    (50, "major"),      # 5.0%: still "over 1 to 5%"
    (51, "major"),      # 5.1%: "over 5 to 40%"
    (400, "major"),     # 40.0%: still "over 5 to 40%"
    (401, "priority"),  # 40.1%: "over 40%"
])
def test_unrepaid_columns_change_just_over_1_5_and_40_percent_of_the_channel(paid, expected):
    assert desktop_grade(desktop(500, paid=paid, recruited=1000)) == (expected,)


def test_small_amounts_stay_minor_until_over_5_percent_of_workers_then_major():
    assert desktop_grade(desktop(49, paid=50, recruited=1000)) == ("minor",)
    assert desktop_grade(desktop(49, paid=51, recruited=1000)) == ("major",)


def test_three_workers_or_fewer_take_the_absolute_count_column_whatever_their_share():
    # 3 of 4 hired through the channel (75%) but only 3 workers: a month and a fifth is Major, not Priority
    assert desktop_grade(desktop(1200, paid=3, recruited=4)) == ("major",)
    assert desktop_grade(desktop(1200, paid=4, recruited=4)) == ("priority",)
    assert desktop_grade(desktop(49, paid=3, recruited=3)) == ("minor",)


def test_one_and_a_half_months_unrepaid_is_priority_for_a_single_worker_and_for_the_highest_amount():
    assert desktop_grade(desktop(1500, paid=1, recruited=1000)) == ("priority",)
    # typical 10% (Minor) but one worker paid 150%
    assert desktop_grade(desktop(100, paid=2, recruited=1000, max_amount=1500)) == ("priority",)
    assert desktop_grade(desktop(100, paid=2, recruited=1000, max_amount=1499)) == ("minor",)


def test_the_share_is_over_the_workers_of_the_channel_not_the_whole_site():
    # 20 of the 40 workers hired through the agency paid half a month's wage: 50% of the channel, Priority;
    # over the 5,000 workers of the site it would have been 0.4% and Minor
    result = desktop(500, paid=20, recruited=40, site=5000)
    assert desktop_grade(result) == ("priority",)
    assert result.derived["fee_affected_pct"] == 50


def test_a_channel_count_below_the_payers_counts_as_all_of_them():
    assert desktop(500, paid=20, recruited=10).derived["fee_affected_pct"] == 100


def test_unknown_channel_size_is_ungraded_and_sent_on_site_unless_three_workers_or_fewer():
    result = desktop(500, paid=20, recruited="unknown")
    assert desktop_grade(result) == ()
    assert "thr_fee_ungraded" in thresholds(result)
    assert desktop_grade(desktop(500, paid=3, recruited="unknown")) == ("minor",)


# ------------------------------------------------------------------------ desktop, repaid within 90 days

@pytest.mark.parametrize("amount, paid, expected", [
    (49, 401, "minor (repaid)"),     # row 0 is Minor in every column
    (500, 400, "minor (repaid)"),    # row 1, 40%
    (500, 401, "major (repaid)"),    # row 1, over 40%
    (1200, 50, "minor (repaid)"),    # row 2, 5%
    (1200, 51, "major (repaid)"),    # row 2, over 5%
    (1500, 1, "major (repaid)"),     # 150% repaid in time is not Priority
    (1500, 401, "major (repaid)"),
])
def test_fees_repaid_in_full_within_90_days_with_proof_are_graded_on_the_lower_grid(amount, paid, expected):
    assert desktop_grade(desktop(amount, paid=paid, recruited=1000, **repaid_in_time())) == (expected,)


@pytest.mark.parametrize("how", [
    {"repaid": "all_full", "days": 91, "evidence": ["bank_transfer"]},   # late
    {"repaid": "all_full", "days": 60, "evidence": ["none"]},            # no proof
    {"repaid": "all_full", "days": 60},                                   # proof not given
    {"repaid": "in_progress", "evidence": ["bank_transfer"]},            # not yet repaid
    {"repaid": "partial", "evidence": ["bank_transfer"]},
])
def test_late_unproven_or_unfinished_repayment_is_graded_as_not_repaid(how):
    assert desktop_grade(desktop(1500, paid=1, recruited=1000, **how)) == ("priority",)
    assert desktop_grade(desktop(500, paid=11, recruited=1000, **how)) == ("major",)


def test_repaid_on_day_90_is_in_time():
    assert desktop_grade(desktop(1500, paid=1, recruited=1000, **repaid_in_time(days=90))) == ("major (repaid)",)


# ----------------------------------------------------------------------- desktop, currency not the wage's

def test_fees_in_dollars_against_a_wage_in_ringgit_are_converted_at_the_shipped_rate_and_noted():
    # 400 USD is about 1,623 MYR at the ECB rates of 30 October 2026: 162% of a 1,000 MYR wage
    result = desktop(400, paid=2, recruited=60, currency="USD")
    assert desktop_grade(result) == ("priority",)
    assert 162 < result.derived["fee_wage_pct"] < 163
    notes = [n for n in result.notes if n.startswith("converted USD to MYR")]
    assert notes and "European Central Bank" in notes[0] and "2026-10-30" in notes[0]
    assert any(f.question == "fee_amount_max" for f in result.red_flags)


def test_a_small_dollar_fee_is_graded_small_after_conversion():
    result = desktop(10, paid=2, recruited=60, currency="USD")  # about 4.1% of the wage
    assert desktop_grade(result) == ("minor",)


def test_months_of_wage_given_by_the_supplier_come_before_the_conversion():
    result = desktop(400, paid=2, recruited=60, currency="USD", fee_typical_months=0.5, fee_max_months=0.5)
    assert desktop_grade(result) == ("minor",)
    assert result.derived["fee_wage_pct"] == 50
    assert not [n for n in result.notes if n.startswith("converted")]


def test_the_months_questions_are_shown_only_when_the_currencies_differ():
    assert "fee_typical_months" in desktop(400, paid=2, recruited=60, currency="USD").visible
    assert "fee_typical_months" not in desktop(400, paid=2, recruited=60).visible


def test_a_currency_without_a_rate_is_never_silently_ungraded():
    result = desktop(60000, paid=30, recruited=60, currency="BDT")  # the ECB publishes no taka rate
    fired = thresholds(result)
    assert desktop_grade(result) == ()
    assert "thr_fee_currency_ungraded" in fired and "thr_fee_ungraded" not in fired
    assert any(n.startswith("no exchange rate from BDT to MYR") and "2026-10-30" in n for n in result.notes)
    graded = desktop(60000, paid=30, recruited=60, currency="BDT", fee_typical_months=4, fee_max_months=4)
    assert desktop_grade(graded) == ("priority",)
    assert "thr_fee_currency_ungraded" not in thresholds(graded)


# ---------------------------------------------------------------------------------- on-site, both sources

def onsite(**raw):
    base = {"wi_workforce_on_site": 400, "wi_interviewed": 20}
    return _score("fldd-onsite", {**base, **raw})


def fired(result, prefix: str) -> set[str]:
    return {tid for tid in thresholds(result) if tid.startswith(prefix)}


@pytest.mark.parametrize("months, found, channel, expected", [
    (0.049, 4, 1000, "thr_os_dr_fee_minor"),
    (0.05, 4, 1000, "thr_os_dr_fee_minor"),
    (0.999, 4, 1000, "thr_os_dr_fee_minor"),
    (1.0, 4, 1000, "thr_os_dr_fee_major"),
    (1.499, 4, 1000, "thr_os_dr_fee_major"),
    (1.5, 4, 1000, "thr_os_dr_fee_priority"),
    (0.5, 11, 1000, "thr_os_dr_fee_major"),
    (0.5, 400, 1000, "thr_os_dr_fee_major"),
    (0.5, 401, 1000, "thr_os_dr_fee_priority"),
    (1.2, 3, 4, "thr_os_dr_fee_major"),       # 3 workers or fewer: the absolute-count column
    (1.2, 4, 4, "thr_os_dr_fee_priority"),
])
def test_records_are_graded_on_the_unrepaid_grid(months, found, channel, expected):
    result = onsite(dr_fee_workers_found=found, dr_fee_channel_recruits=channel, dr_fee_typical_months=months,
                    dr_fee_max_months=months, dr_fee_repayment="not_repaid")
    assert fired(result, "thr_os_dr_fee_") == {expected}


def test_records_of_fees_repaid_in_time_with_proof_use_the_repaid_grid_and_unproven_ones_do_not():
    answers = dict(dr_fee_workers_found=30, dr_fee_channel_recruits=120, dr_fee_typical_months=1.6,
                   dr_fee_max_months=1.8)
    assert fired(onsite(**answers, dr_fee_repayment="repaid_proven"), "thr_os_dr_fee_") == {"thr_os_dr_fee_repaid_major"}
    assert fired(onsite(**answers, dr_fee_repayment="repaid_unproven"), "thr_os_dr_fee_") == {"thr_os_dr_fee_priority"}


def test_records_without_an_amount_are_graded_as_under_a_month():
    result = onsite(dr_fee_workers_found=30, dr_fee_channel_recruits=120, dr_fee_repayment="partly")
    assert fired(result, "thr_os_dr_fee_") == {"thr_os_dr_fee_major"}  # row 1, 25% of the channel


@pytest.mark.parametrize("paid, channel, months, expected", [
    (2, 20, 0.5, "thr_os_wi_fee_major"),       # 10% of the channel's interviewees
    (2, 4, 0.5, "thr_os_wi_fee_priority"),     # 50%: interviews have no absolute-count column
    (2, 20, 0.04, "thr_os_wi_fee_major"),      # row 0, over 5%
    (2, 20, 1.5, "thr_os_wi_fee_priority"),
])
def test_interviews_are_graded_over_the_interviewed_workers_of_the_channel(paid, channel, months, expected):
    result = onsite(wi_paid_fees=paid, wi_fee_channel_interviewed=channel, wi_fee_typical_months=months,
                    wi_fee_max_months=months, wi_fee_repaid=0)
    assert fired(result, "thr_os_wi_fee_") == {expected}


def test_one_worker_alone_raises_a_finding_to_investigate_not_a_graded_one():
    result = onsite(wi_paid_fees=1, wi_fee_channel_interviewed=12, wi_fee_typical_months=2,
                    wi_fee_max_months=2, wi_fee_repaid=0, dr_fee_workers_found=0, mi_fees_action="checked_none")
    assert fired(result, "thr_os_wi_fee_") == {"thr_os_wi_fee_allegation"}
    allegation = next(t for t in result.triggers if t.id == "thr_os_wi_fee_allegation")
    assert allegation.severity == "minor"
    # declared no fees: one uncorroborated worker does not make the declaration false
    declared = _score("fldd-onsite", {"wi_workforce_on_site": 400, "wi_interviewed": 20, "wi_paid_fees": 1,
                                      "wi_fee_channel_interviewed": 12, "dr_fee_workers_found": 0},
                      declared={"fee_any_paid": "no"})
    assert "thr_os_fees_declaration_mismatch" not in thresholds(declared)


@pytest.mark.parametrize("corroboration", [
    {"wi_paid_fees": 2},
    {"wi_paid_fees": 1, "dr_fee_workers_found": 1, "dr_fee_channel_recruits": 30, "dr_fee_repayment": "not_repaid"},
    {"wi_paid_fees": 1, "mi_fees_action": "not_repaid"},
])
def test_a_second_worker_a_record_or_management_corroborates_and_the_grid_applies(corroboration):
    result = onsite(**{"wi_fee_channel_interviewed": 12, "wi_fee_typical_months": 2, "wi_fee_max_months": 2,
                       "wi_fee_repaid": 0, **corroboration})
    assert "thr_os_wi_fee_allegation" not in fired(result, "thr_os_wi_fee_")
    assert "thr_os_wi_fee_priority" in fired(result, "thr_os_wi_fee_")


def test_interviewed_workers_repaid_in_full_count_as_repaid_only_with_the_records_proof():
    answers = dict(wi_paid_fees=4, wi_fee_channel_interviewed=10, wi_fee_typical_months=0.5,
                   wi_fee_max_months=0.8, wi_fee_repaid=4, dr_fee_workers_found=25, dr_fee_channel_recruits=70,
                   dr_fee_typical_months=0.5, dr_fee_max_months=0.8)
    proven = onsite(**answers, dr_fee_repayment="repaid_proven")
    assert fired(proven, "thr_os_wi_fee_") == {"thr_os_wi_fee_repaid_minor"}
    assert proven.derived["os_fee_not_repaid"] is False
    unproven = onsite(**answers, dr_fee_repayment="repaid_unproven")
    assert fired(unproven, "thr_os_wi_fee_") == {"thr_os_wi_fee_major"}


# -------------------------------------------------------------------------------------- grids in both tiers

def test_both_tiers_grade_on_the_same_cells():
    desk, site = standard().questionnaires["fldd-desktop"], standard().questionnaires["fldd-onsite"]
    for mine, theirs in (("fee_unrepaid", "os_fee_unrepaid"), ("fee_repaid", "os_fee_repaid")):
        assert desk.tables[mine].cells == site.tables[theirs].cells


def test_the_repaid_grid_is_never_more_severe_than_the_unrepaid_one_and_both_grow_with_the_axes():
    order = ["minor", "major", "priority"]
    tables = standard().questionnaires["fldd-desktop"].tables
    unrepaid, repaid = tables["fee_unrepaid"].cells, tables["fee_repaid"].cells
    for r, row in enumerate(unrepaid):
        assert row[0] == row[1], "3 workers or fewer grades as 1% or fewer"
        for c, cell in enumerate(row):
            assert order.index(repaid[r][c]) <= order.index(cell)
            for grid in (unrepaid, repaid):
                if c > 1:
                    assert order.index(grid[r][c]) >= order.index(grid[r][c - 1])
                if r:
                    assert order.index(grid[r][c]) >= order.index(grid[r - 1][c])
    assert set(unrepaid[3]) == {"priority"}, "1.5 months' wages or more, not repaid, is always Priority"


# ------------------------------------------------------------------------------ one finding for the fees

def test_every_source_of_the_fees_makes_one_finding_with_the_declaration_mismatch_on_it():
    result = _score("fldd-onsite", {
        "wi_workforce_on_site": 400, "wi_interviewed": 20, "dr_fee_workers_found": 64, "dr_fee_channel_recruits": 90,
        "dr_fee_typical_months": 1.9, "dr_fee_max_months": 2.4, "dr_fee_repayment": "not_repaid",
        "mi_fees_action": "not_repaid", "wi_paid_fees": 9, "wi_fee_channel_interviewed": 12, "wi_fee_repaid": 0,
        "wi_fee_typical_months": 1.8, "wi_fee_max_months": 2.5}, declared={"fee_any_paid": "no"})
    fees = [t for t in result.triggers if t.fact == "fees_charged"]
    assert len(fees) == 1
    finding = fees[0]
    assert finding.id == "fees_charged" and finding.severity == "priority"
    assert finding.title == "Workers paid recruitment fees or related costs"
    assert {e.threshold for e in finding.sources} == {
        "thr_os_dr_fee_priority", "thr_os_mi_fees_not_repaid_graded", "thr_os_wi_fee_priority",
        "thr_os_fees_declaration_mismatch"}
    assert (finding.plan_days, finding.closure_days) == (7, 90)  # plan in 7 days, everyone repaid within 90
    assert "thr_os_declaration_mismatch_priority" not in thresholds(result)
    assert result.derived["os_fee_not_repaid"] is True


def test_the_desktop_declaration_of_repaid_fees_is_one_minor_finding_due_in_30_days():
    result = desktop(650, paid=22, recruited=60, **repaid_in_time(days=58))
    [finding] = [t for t in result.triggers if t.fact == "fees_charged"]
    assert (finding.id, finding.severity, finding.plan_days) == ("fees_charged", "minor", 30)
    assert [e.threshold for e in finding.sources] == ["thr_fee_repaid_minor"]
    assert result.derived["fee_not_repaid"] is False
