"""A buyer's decision against a supplier's recommended next step: agree (planned, optionally by a date), defer
until a date, choose another step, or no action; always with who, when and why. The queue respects a decision
while the recommendation and the facts behind it are unchanged and its date has not passed; then it lapses and
the queue says why. Every decision is kept (a new one never overwrites the last)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from fldd.store import queue as store_queue
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

DECISIONS = ("agree", "defer", "other", "none")
DECISION_LABELS = {"agree": "Agreed: planned", "defer": "Deferred", "other": "Another step chosen",
                   "none": "No action"}


def fingerprint(facts: dict) -> str:
    """A short digest of the facts a decision was taken on."""
    text = json.dumps(facts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def decide(ctx: AppContext, supplier_id: int, decision: str, *, reason: str, step: str | None = None,
           until: str | dt.date | None = None) -> dict:
    """Record a decision against the supplier's recommendation as it stands now; returns its queue row.
    Rejected (naming the field) for an unknown decision or step, a missing reason, a defer without a date, a
    date that is not a day or is already past."""
    from fldd.usecases.queue import STEP_LABELS, STEPS, queue_row

    problems = []
    if decision not in DECISIONS:
        problems.append(f"decision: '{decision}' is not one of {', '.join(DECISIONS)}")
    if not (reason or "").strip():
        problems.append("reason: say why (a decision without a reason cannot be shown to anyone later)")
    if step is not None and step not in STEPS:
        problems.append(f"step: '{step}' is not one of {', '.join(STEPS)}")
    if decision == "other" and step is None:
        problems.append("step: choose the step taken instead of the recommended one")
    day = _day(until, problems)
    if decision == "defer" and day is None and not any(p.startswith("until") for p in problems):
        problems.append("until: a deferral needs the date until which it holds")
    if day is not None and day < ctx.today():
        problems.append(f"until: {day.isoformat()} has passed already")
    if problems:
        raise Rejected(problems)
    row = queue_row(ctx, supplier_id)
    if decision == "other" and step == row["step"]:
        raise Rejected([f"step: {STEP_LABELS[step]} is the recommended step: agree to it instead"])
    chosen = row["step"] if decision == "agree" else step if decision == "other" else None
    store_queue.add_decision(ctx.store, supplier_id=supplier_id, recommended=row["step"], decision=decision,
                             step=chosen, until=day.isoformat() if day else None, reason=reason.strip(),
                             facts=row["facts"], fingerprint=fingerprint(row["facts"]), decided_by=ctx.user)
    return queue_row(ctx, supplier_id)


def _day(value: str | dt.date | None, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(f"until: '{value}' is not a date (YYYY-MM-DD)")
        return None


def history(ctx: AppContext, supplier_id: int) -> list[dict]:
    """Every decision recorded for a supplier, the latest first."""
    return store_queue.decisions(ctx.store, supplier_id)


_STEP_WORDS = {"relationship": "a decision on the relationship", "enhanced": "enhanced due diligence",
               "onsite": "an on-site assessment", "desktop": "a desktop self-assessment", "none": "no action"}


def _changed(name: str, old, new) -> str | None:
    """Why a decision lapsed, in words, when the fact `name` went from old to new (None: not worth saying)."""
    if name == "assessment_id":
        return "a new result came in" if new is not None else "the result it was taken on no longer counts"
    if name == "expired":
        return "the result expired" if new else "a valid result came in"
    if name == "expiring":
        return "the result now expires within 60 days" if new else None
    if name in ("rating", "inherent_level", "status"):
        what = {"rating": "the rating", "inherent_level": "the inherent risk", "status": "the supplier's status"}[name]
        return f"{what} changed from {old or 'none'} to {new or 'none'}"
    if name == "onsite_valid":
        return "the on-site result is no longer valid" if old else "an on-site result is now valid"
    counts = {"escalate_onsite": "thresholds asking for an on-site assessment",
              "enhanced_dd": "thresholds asking for enhanced due diligence",
              "actions_overdue": "corrective actions past their date",
              "priority_past_closure": "Priority corrective actions past their closure date",
              "screening_pending": "possible entity-list matches to decide",
              "screening_confirmed": "confirmed entity-list matches"}
    if name in counts:
        return f"{counts[name]} went from {old or 0} to {new or 0}"
    if name == "step":
        return f"the recommendation changed from {_STEP_WORDS.get(old, old)} to {_STEP_WORDS.get(new, new)}"
    return f"{name} changed"


# The order a lapse is explained in: the fact behind a change before the change of step it caused.
_ORDER = ("status", "screening_confirmed", "screening_pending", "assessment_id", "expired", "rating",
          "escalate_onsite", "enhanced_dd", "priority_past_closure", "actions_overdue", "onsite_valid",
          "inherent_level", "expiring", "step")


def lapse_words(stored: dict, now_facts: dict, today: dt.date) -> str | None:
    """Why a stored decision no longer applies (None: it does): its date passed, or the facts it was taken on
    changed (the first change in _ORDER, with the step's change when that followed)."""
    if stored["until"] and stored["until"] < today.isoformat():
        kind = "deferred until" if stored["decision"] == "defer" else "planned for"
        return f"{kind} {stored['until']}, which has passed"
    if fingerprint(now_facts) == stored["fingerprint"]:
        return None
    was = stored["facts"]
    for name in _ORDER:
        if was.get(name) != now_facts.get(name):
            said = _changed(name, was.get(name), now_facts.get(name))
            if said:
                if name != "step" and was.get("step") != now_facts.get("step"):
                    said += f"; the recommendation is now {_STEP_WORDS.get(now_facts['step'], now_facts['step'])}"
                return said
    return "the facts it was taken on changed"
