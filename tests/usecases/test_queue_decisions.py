"""A buyer's decision against a recommendation: kept with who, when and why, respected by the queue while the
facts behind it stand, lapsing (and saying why) when they change or its date passes; the history stays."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from fldd.store import assessments as store_assessments
from fldd.usecases.errors import Rejected
from fldd.usecases.queue import queue_row
from fldd.usecases.queue_decisions import decide, history
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)


def day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def closed_result(ctx, supplier_id, *, valid_until, rating="low", tier="desktop"):
    aid = store_assessments.create(ctx.store, supplier_id, f"fldd-{tier}", "2.0.0", tier)
    for step in ("submitted", "under_review", "closed"):
        store_assessments.set_status(ctx.store, aid, step)
    store_assessments.save_result(ctx.store, aid, {"rating": rating, "score": 80.0, "expires": valid_until,
                                                   "as_of": day(-300), "completeness": {"percent": 100.0}})
    return aid


@pytest.fixture
def chairs(ctx):
    return add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])


def test_a_recorded_decision_is_respected_and_leaves_the_needs_a_decision_view(ctx, chairs):
    assert queue_row(ctx, chairs)["needs_decision"] is True

    row = decide(ctx, chairs, "agree", until=day(30), reason="Workbook goes out with the spring round")

    assert row["step"] == "desktop" and row["needs_decision"] is False
    decision = row["decision"]
    assert decision["applies"] is True and decision["lapsed_because"] is None
    assert (decision["decision"], decision["step"], decision["until"], decision["decided_by"]) == (
        "agree", "desktop", day(30), "amina")
    assert decision["reason"] == "Workbook goes out with the spring round"
    assert decision["decided_at"].startswith("20") and decision["decided_at"].endswith("Z")


def test_a_decision_lapses_when_the_facts_change_and_says_why(ctx, chairs):
    closed_result(ctx, chairs, valid_until=day(30))
    assert queue_row(ctx, chairs)["step"] == "desktop"  # expiring within 60 days
    decide(ctx, chairs, "defer", until=day(90), reason="Renewal after the audit season")
    assert queue_row(ctx, chairs)["decision"]["applies"] is True

    ctx.today = lambda: TODAY + dt.timedelta(days=31)  # the result expires; the deferral's date is still ahead
    row = queue_row(ctx, chairs)

    assert row["decision"]["applies"] is False and row["needs_decision"] is True
    decided_on = row["decision"]["decided_at"][:10]
    assert row["decision"]["lapsed_because"] == f"decision of {decided_on} lapsed: the result expired"


def test_a_decision_lapses_when_its_date_passes(ctx, chairs):
    decide(ctx, chairs, "defer", until=day(10), reason="Supplier closed for the holidays")

    ctx.today = lambda: TODAY + dt.timedelta(days=11)
    row = queue_row(ctx, chairs)

    assert row["decision"]["applies"] is False
    assert row["decision"]["lapsed_because"].endswith(f"lapsed: deferred until {day(10)}, which has passed")


def test_a_decision_stands_from_one_day_to_the_next_while_nothing_changes(ctx, chairs):
    closed_result(ctx, chairs, valid_until=day(40))
    decide(ctx, chairs, "none", reason="Being replaced by another supplier in the spring")

    ctx.today = lambda: TODAY + dt.timedelta(days=5)  # the days left change, the facts do not

    assert queue_row(ctx, chairs)["decision"]["applies"] is True


def test_a_new_result_makes_the_decision_lapse_with_the_change_of_step(ctx, chairs):
    decide(ctx, chairs, "other", step="onsite", reason="We audit every new supplier")
    closed_result(ctx, chairs, valid_until=day(300), rating="high")

    row = queue_row(ctx, chairs)

    assert row["step"] == "onsite"
    assert row["decision"]["lapsed_because"].endswith(
        "lapsed: a new result came in; the recommendation is now an on-site assessment")


def test_every_decision_is_kept_as_history_and_cannot_be_rewritten(ctx, chairs):
    decide(ctx, chairs, "defer", until=day(10), reason="First")
    decide(ctx, chairs, "agree", reason="Second")

    assert [d["reason"] for d in history(ctx, chairs)] == ["Second", "First"]
    assert queue_row(ctx, chairs)["decision"]["reason"] == "Second"
    with pytest.raises(sqlite3.IntegrityError), ctx.store.write() as db:
        db.execute("UPDATE queue_decisions SET reason = 'changed'")


@pytest.mark.parametrize(("decision", "kwargs", "message"), [
    ("agree", {"reason": "  "}, "reason: say why"),
    ("maybe", {"reason": "x"}, "decision: 'maybe' is not one of agree, defer, other, none"),
    ("defer", {"reason": "x"}, "until: a deferral needs the date until which it holds"),
    ("defer", {"reason": "x", "until": "next week"}, "until: 'next week' is not a date (YYYY-MM-DD)"),
    ("defer", {"reason": "x", "until": "2026-11-01"}, "until: 2026-11-01 has passed already"),
    ("other", {"reason": "x"}, "step: choose the step taken instead of the recommended one"),
    ("other", {"reason": "x", "step": "audit"}, "step: 'audit' is not one of relationship"),
    ("other", {"reason": "x", "step": "desktop"}, "step: Desktop self-assessment is the recommended step"),
])
def test_a_decision_without_what_it_needs_is_refused_and_nothing_is_kept(ctx, chairs, decision, kwargs, message):
    with pytest.raises(Rejected) as refused:
        decide(ctx, chairs, decision, **kwargs)

    assert any(p.startswith(message) for p in refused.value.messages), refused.value.messages
    assert history(ctx, chairs) == []
