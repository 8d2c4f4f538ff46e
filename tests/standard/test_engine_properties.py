"""Property tests: any valid answers to the shipped questionnaires score without error, within bounds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fldd.standard.answers import coerce
from fldd.standard.conditions import Money
from fldd.standard.engine import score
from fldd.usecases.questionnaires import standard

CURRENCIES = ["MYR", "USD"]


def answer_for(question):
    """A strategy of valid raw answers (or None) for one question."""
    specials = [o.value for o in question.specials]
    kind = question.type
    if kind in ("yesno", "single"):
        base = st.sampled_from([o.value for o in question.options])
    elif kind == "multi":
        plain = [o.value for o in question.options if not o.exclusive]
        excl = [o.value for o in question.options if o.exclusive]
        base = st.one_of(st.lists(st.sampled_from(plain), min_size=1, unique=True) if plain else st.nothing(),
                         st.sampled_from(excl).map(lambda v: [v]) if excl else st.nothing())
    elif kind in ("number", "count", "percent"):
        low = int(question.minimum) if question.minimum is not None else 0
        high = int(question.maximum) if question.maximum is not None else (100 if kind == "percent" else 5000)
        base = st.integers(low, high)
    elif kind == "money":
        base = st.builds(lambda a, c: {"amount": a, "currency": c}, st.integers(0, 20000), st.sampled_from(CURRENCIES))
    elif kind == "date":
        base = st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31)).map(dt.date.isoformat)
    else:
        base = st.text(WRITABLE, max_size=40)  # a control character is refused where it is typed
    options = [base] + ([st.sampled_from(specials)] if specials else [])
    return st.one_of(st.none(), *options)


WRITABLE = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    "\t\n\r")


def answers_for(q):
    return st.fixed_dictionaries({qu.id: answer_for(qu) for qu in q.questions})


def typed(q, raw):
    out = {}
    for qid, value in raw.items():
        if value is not None:
            out[qid] = coerce(q.question(qid), value)
    return out


def check(q, raw, **kw):
    result = score(q, typed(q, raw), as_of=dt.date(2026, 11, 23), **kw)
    assert result.score is None or Decimal(0) <= result.score <= Decimal(100)
    assert result.rating in (None, "low", "medium", "high", "severe")
    assert 0 <= result.completeness.percent <= 100
    for trigger in result.triggers:
        assert trigger.action in ("escalate_onsite", "enhanced_dd", "finding")
        assert trigger.action != "finding" or trigger.due_date is not None
    assert result.to_json() == score(q, typed(q, raw), as_of=dt.date(2026, 11, 23), **kw).to_json()
    return result


DESKTOP = standard().questionnaires["fldd-desktop"]
ONSITE = standard().questionnaires["fldd-onsite"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_for(DESKTOP), st.sampled_from(["Tier 1", "Tier 3", None]))
def test_any_valid_desktop_answers_score_within_bounds(raw, tier):
    check(DESKTOP, raw, inputs={"inherent.tip_tier": tier})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_for(ONSITE), answers_for(DESKTOP))
def test_any_valid_on_site_answers_with_declarations_score_within_bounds(raw, declared):
    check(ONSITE, raw, declared=typed(DESKTOP, declared))


def test_money_answers_keep_their_currency():
    money_q = next(qu for qu in DESKTOP.questions if qu.type == "money")
    assert coerce(money_q, "1,250.50 myr") == Money(Decimal("1250.50"), "MYR")
