"""The scoring engine on a small questionnaire whose every figure can be worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fldd.standard.answers import coerce_all
from fldd.standard.engine import add_months, score


def run(q, raw, **kw):
    values, errors = coerce_all(q, raw)
    assert not errors, errors
    return score(q, values, **kw)


def test_nothing_answered_gives_no_score_and_lists_required_questions(mini):
    result = run(mini, {})
    assert result.score is None and result.rating is None
    assert result.completeness.missing == ("has_migrants", "hours")  # passports hidden, others optional
    assert result.completeness.percent == 0


def test_hidden_question_is_neither_required_nor_scored(mini):
    result = run(mini, {"has_migrants": "no", "passports": "company", "hours": 40})
    assert "passports" not in result.visible
    assert "passports" not in result.question_risk
    assert result.red_flags == ()
    assert result.completeness.percent == 100


def test_score_is_weighted_share_of_maximum_risk(mini):
    # has_migrants yes = 1 x weight 3, passports worker = 0, hours 50 = 1 -> 4 of 15 points
    result = run(mini, {"has_migrants": "yes", "passports": "worker", "hours": 50})
    assert result.question_risk == {"has_migrants": 1, "passports": 0, "hours": 1}
    assert result.score == Decimal("73.3")
    assert result.rating == "medium"


def test_risk_rules_take_the_first_match_and_boundaries_hold(mini):
    assert run(mini, {"hours": 48}).question_risk["hours"] == 0
    assert run(mini, {"hours": 49}).question_risk["hours"] == 1
    assert run(mini, {"hours": 60}).question_risk["hours"] == 1
    assert run(mini, {"hours": 61}).question_risk["hours"] == 3


def test_red_flag_caps_the_rating_and_explains_why(mini):
    result = run(mini, {"has_migrants": "no", "hours": 73})
    assert [f.question for f in result.red_flags] == ["hours"]
    assert result.score == Decimal("75.0")  # 3 of 12 points: medium, but the red flag caps it
    assert result.rating == "high"
    assert result.rating_reasons == ("A red flag",)


def test_cap_never_improves_a_rating(mini):
    result = run(mini, {"has_migrants": "yes", "passports": "company", "hours": 80})
    assert result.score < 50 and result.rating == "severe"


def test_dont_know_counts_at_the_worst_risk_and_is_listed(mini):
    result = run(mini, {"has_migrants": "yes", "passports": "unknown", "hours": "unknown"})
    assert result.question_risk["passports"] == 3
    assert result.question_risk["hours"] == 3
    assert result.unknowns == ("passports", "hours")
    assert result.red_flags == ()


def test_indicator_and_module_risk_are_the_highest_with_their_questions(mini):
    result = run(mini, {"has_migrants": "yes", "passports": "company", "hours": 50})
    assert result.indicators[7].risk == 3 and result.indicators[7].top == ("passports",)
    assert result.indicators[11].risk == 1
    assert result.indicators[5].risk is None
    assert result.modules["mod"].risk == 3 and result.modules["mod"].top == ("passports",)


def test_threshold_triggers_with_rule_answers_and_due_date(mini):
    result = run(mini, {"hours": 61}, as_of=dt.date(2026, 1, 10))
    (trigger,) = [t for t in result.triggers if t.id == "thr_hours"]
    assert trigger.action == "finding" and trigger.severity == "major"
    assert trigger.plan_days == 14 and trigger.plan_due == dt.date(2026, 1, 24)  # the severity's plan deadline
    assert trigger.closure_days == 60 and trigger.closure_due == dt.date(2026, 3, 11)  # and its closure
    assert trigger.rule == "hours > 60"
    assert trigger.because == ("hours",) and trigger.values == {"hours": Decimal(61)}
    assert trigger.remedy == "Cut hours."
    assert not [t for t in run(mini, {"hours": 60}).triggers if t.id == "thr_hours"]


def test_threshold_through_a_derived_value_names_the_answers_behind_it(mini):
    result = run(mini, {"wage": "1000 MYR", "fee": "1000 MYR"}, as_of=dt.date(2026, 1, 1))
    (trigger,) = [t for t in result.triggers if t.id == "thr_fee"]
    assert trigger.because == ("wage", "fee")
    assert trigger.closure_days == 90  # the threshold's own closure deadline beats the severity's
    assert trigger.plan_days == 7  # while the plan is due as the severity says
    assert result.derived["fee_pct"] == 100
    assert not [t for t in run(mini, {"wage": "1000 MYR", "fee": "999 MYR"}).triggers if t.id == "thr_fee"]


def test_amounts_in_different_currencies_never_compare_and_say_so(mini):
    result = run(mini, {"wage": "1000 MYR", "fee": "5000 USD"})
    assert result.derived["fee_pct"] is None
    assert not [t for t in result.triggers if t.id == "thr_fee"]
    assert any("different currencies (MYR, USD)" in n for n in result.notes)


def test_inputs_from_risk_data_trigger_thresholds(mini):
    result = run(mini, {}, inputs={"inherent.tip_tier": "Tier 3"})
    (trigger,) = result.triggers
    assert trigger.id == "thr_tip" and trigger.because == ("inherent.tip_tier",)
    assert run(mini, {}, inputs={"inherent.tip_tier": "Tier 2"}).triggers == ()


def test_expiry_is_validity_months_after_the_assessment_date(mini):
    assert run(mini, {}, as_of=dt.date(2026, 3, 31)).expires == dt.date(2027, 3, 31)
    assert run(mini, {}).expires is None
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 11, 15), 14) == dt.date(2028, 1, 15)


def test_result_does_not_depend_on_answer_order_and_is_repeatable(mini):
    raw = {"has_migrants": "yes", "passports": "company", "hours": 75, "wage": "900 EUR", "fee": "1000 EUR"}
    first = run(mini, raw, as_of=dt.date(2026, 5, 1)).to_json()
    again = run(mini, dict(reversed(list(raw.items()))), as_of=dt.date(2026, 5, 1)).to_json()
    assert first == again


def test_result_json_carries_what_assessments_show_needs(mini):
    data = run(mini, {"hours": 61}, as_of=dt.date(2026, 1, 10)).to_json()
    for key in ("rating", "score", "indicators", "modules", "triggers", "completeness", "expires", "red_flags"):
        assert key in data
    (trig,) = [t for t in data["triggers"] if t["id"] == "thr_hours"]
    assert trig["because"] == ["hours"] and trig["values"] == {"hours": 61} and trig["plan_due"] == "2026-01-24"


@pytest.mark.parametrize("raw, message", [
    ({"hours": "many"}, "'many' is not a number"),
    ({"passports": "nobody"}, "not an answer option; expected one of: 'The worker', 'The company', 'Don't know'"),
    ({"wage": "1000"}, "not an amount with its currency"),
    ({"wage": {"amount": 5, "currency": "dollars"}}, "not a 3-letter ISO code"),
    ({"nonexistent": 1}, "no such question in mini-desktop@1.0.0"),
])
def test_bad_answers_are_refused_with_the_question_named(mini, raw, message):
    _, errors = coerce_all(mini, raw)
    assert len(errors) == 1 and message in str(errors[0])
    assert str(errors[0]).startswith(next(iter(raw)))


def test_whole_numbers_stay_plain_in_messages_and_results(mini):
    from fldd.standard.answers import AnswerError, coerce

    assert str(coerce(mini.question("hours"), "50")) == "50"
    assert str(coerce(mini.question("hours"), 50.0)) == "50"
    with pytest.raises(AnswerError, match="wage: 50 is below"):
        from dataclasses import replace

        coerce(replace(mini.question("wage"), type="number", minimum=Decimal(60)), 50)
