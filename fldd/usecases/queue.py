"""The buyer's prioritisation queue: for every supplier the recommended next step, the reasons in words, the
follow-up it owes (expiry, corrective actions past their dates, screening matches to decide), and the decision
a buyer recorded against the recommendation.

The step comes from the rules of the standard (questionnaires/next_steps.yaml) applied to each supplier's facts
(fldd/usecases/queue_facts.py), read for all suppliers in one grouped pass. A row is a dict:
  supplier_id, supplier, country (ISO), country_name, goods [str], chain_tier, status (supplier's),
  inherent_level, inherent_score, rating (latest counting result or None), tier (its tier), assessed_on,
  valid_until, expired (bool), expires_in_days (int | None: days left, also beyond 60; negative once expired),
  step (one of STEPS), step_label (STEP_LABELS), reasons [str] (why, in words, most important first),
  rank (int, lower = more urgent; the queue's default order), overdue_actions (int), screening_pending (int),
  decision (None, or {"id", "decision", "step", "until", "reason", "decided_by", "decided_at", "applies": bool,
  "lapsed_because": str | None}),
  and also: rule (id of the rule that chose the step), basis [source keys], under_way (str | None: the step is
  already being done, e.g. "Desktop self-assessment sent 12 days ago, awaited"), needs_decision (bool),
  risk_editions (str: every list in force the inherent figures rest on, each with its edition, e.g. "US DOL List
  of Goods ..., 2024 edition (partial reconstruction); ...; Our watch list, 2026-01 edition").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from fldd.standard import next_steps
from fldd.standard.next_steps import NextStepRules
from fldd.standard.problems import Problems
from fldd.store import queue as store_queue
from fldd.usecases.context import AppContext
from fldd.usecases.queue_facts import FACTS, WORDS, facts_of, material, words_for

STEPS = ("relationship", "enhanced", "onsite", "desktop", "none")  # most to least demanding
STEP_LABELS = {
    "relationship": "Decide on the relationship",
    "enhanced": "Enhanced due diligence",
    "onsite": "On-site assessment",
    "desktop": "Desktop self-assessment",
    "none": "No action now",
}


RANK_STEP = 100  # rank = the step's place in STEPS, then the place in the file of the rule that chose it


def rules_path(root: Path | None = None) -> Path:
    """Where the rules live: with the standard they belong to."""
    from fldd.paths import questionnaires_dir

    return (root or questionnaires_dir()) / next_steps.FILE_NAME


def check_rules(source_keys: set[str], path: Path | None = None) -> tuple[NextStepRules | None, Problems]:
    """The rules and every problem in them (unknown fact, word, step or source; a condition that does not parse)."""
    problems = Problems()
    found = next_steps.read(path or rules_path(), facts=set(FACTS), words=set(WORDS), steps=STEPS,
                            source_keys=source_keys, problems=problems)
    return found, problems


@lru_cache(maxsize=4)
def _rules(path: Path) -> NextStepRules:
    from fldd.standard.yaml_source import load_yaml

    sources = load_yaml(path.parent / "sources.yaml").get("sources") or []
    found, problems = check_rules({str(s.get("key")) for s in sources}, path)
    if found is None or problems.errors:
        raise next_steps.NextStepsError(problems)
    return found


def rules() -> NextStepRules:
    """The shipped rules (read once), or NextStepsError naming each rule that is wrong."""
    return _rules(rules_path())


def _awaited(ctx: AppContext) -> dict[int, dict[str, int]]:
    """Per supplier and tier (desktop, onsite), days since the oldest workbook still awaited went out."""
    from fldd.usecases.sent_workbooks import sent_workbooks

    out: dict[int, dict[str, int]] = defaultdict(dict)
    for sent in sent_workbooks(ctx, awaiting_only=True):
        tier = "onsite" if sent.get("tier") == "onsite" else "desktop"
        mine = out[sent["supplier_id"]]
        mine[tier] = max(mine.get(tier, 0), sent["days_since_sent"])
    return out


def editions_words(ctx: AppContext) -> str:
    """Every list in force that a supplier's inherent risk is worked out with, each with its edition as
    Edition.shown() says it: the DOL and TIP tables, and the EU FLR, entity and own lists the buyer loaded (a
    supplier on none of them rests on that too)."""
    from fldd.usecases.risk_data import risk_editions

    return "; ".join(f"{e.name}, {e.shown()}" for e in risk_editions(ctx))


def _matches(ctx: AppContext) -> tuple[dict[int, list], dict[int, list], dict[int, list]]:
    """Screening matches by supplier: pending ones, confirmed ones whose listing is in force, and confirmed ones
    whose listing is gone (delisted, to review; never counted as a current listing)."""
    from fldd.usecases.screening import screening_matches

    pending: dict[int, list] = defaultdict(list)
    confirmed: dict[int, list] = defaultdict(list)
    delisted: dict[int, list] = defaultdict(list)
    for match in screening_matches(ctx):
        if match["status"] == "pending" and not match["closed_at"]:
            pending[match["supplier_id"]].append(match)
        elif match["status"] == "confirmed":
            (delisted if match["delisted"] else confirmed)[match["supplier_id"]].append(match)
    return pending, confirmed, delisted


def queue_rows(ctx: AppContext, supplier_ids: list[int] | None = None) -> list[dict]:
    """Every supplier (or those of supplier_ids) with its recommended next step, most urgent first."""
    from fldd.usecases.risk_data import current_risk_data

    today = ctx.today()
    chosen = rules()
    risk = current_risk_data(ctx)
    awaited = _awaited(ctx)
    pending, confirmed, delisted = _matches(ctx)
    decided = store_queue.latest_decisions(ctx.store)
    editions = editions_words(ctx)
    out, cache, memo = [], {}, {}
    for row in store_queue.supplier_facts(ctx.store, today.isoformat(), supplier_ids):
        sid = row["id"]
        facts = facts_of(row, today, awaited.get(sid, {}), pending.get(sid, []), confirmed.get(sid, []),
                         delisted.get(sid, []))
        word = words_for(row, facts, risk, pending.get(sid, []), confirmed.get(sid, []), cache,
                         delisted.get(sid, []))
        rec = next_steps.recommend(chosen, facts, word, memo)
        now_facts = material(facts, rec.step, row["assessment_id"])
        until = facts["valid_until"]
        decision = _decision(decided.get(sid), now_facts, today)
        out.append({
            "supplier_id": sid, "supplier": row["name"], "country": row["country"],
            "country_name": risk.countries.get(row["country"], row["country"]), "goods": row["goods"],
            "chain_tier": row["chain_tier"], "status": row["status"], "inherent_level": row["inherent_level"],
            "inherent_score": row["inherent_score"], "rating": row["rating"], "tier": row["result_tier"],
            "assessed_on": row["assessed_on"], "valid_until": row["valid_until"], "expired": facts["expired"],
            "expires_in_days": (until - today).days if until else None, "step": rec.step,
            "step_label": STEP_LABELS[rec.step], "reasons": list(rec.reasons),
            "rank": STEPS.index(rec.step) * RANK_STEP + rec.rank, "rule": rec.rule,
            "basis": list(rec.basis), "under_way": rec.under_way, "overdue_actions": row["actions_overdue"],
            "screening_pending": facts["screening_pending"], "decision": decision,
            "needs_decision": rec.step != "none" and rec.under_way is None and not (decision and decision["applies"]),
            "risk_editions": editions, "facts": now_facts,
        })
    return sorted(out, key=lambda r: (r["rank"], r["valid_until"] or "", r["supplier"].casefold()))


def queue_row(ctx: AppContext, supplier_id: int) -> dict:
    """One supplier's queue row (NotFound-like Rejected when there is no such supplier)."""
    from fldd.usecases.errors import Rejected

    found = queue_rows(ctx, [supplier_id])
    if not found:
        raise Rejected([f"supplier: no supplier {supplier_id}"])
    return found[0]


def _decision(stored: dict | None, now_facts: dict, today: dt.date) -> dict | None:
    """The latest decision as the queue shows it: whether it still applies, and if not, why it lapsed."""
    if stored is None:
        return None
    from fldd.usecases.queue_decisions import lapse_words

    why = lapse_words(stored, now_facts, today)
    return {key: stored[key] for key in ("id", "decision", "step", "until", "reason", "decided_by", "decided_at")} | {
        "recommended": stored["recommended"], "applies": why is None,
        "lapsed_because": None if why is None else f"decision of {stored['decided_at'][:10]} lapsed: {why}"}


def step_counts(rows: list[dict]) -> dict[str, int]:
    """Suppliers by next step (every step, 0 when none), for the Home card and the portfolio picture."""
    counts = {step: 0 for step in STEPS}
    for row in rows:
        counts[row["step"]] += 1
    return counts


def select(rows: list[dict], *, step: str | None = None, country: str | None = None,
           undecided: bool = False) -> list[dict]:
    """The rows of one step, one country (ISO code, any case), or only those that need a decision."""
    code = (country or "").strip().upper()
    return [r for r in rows if (step is None or r["step"] == step) and (not code or r["country"] == code)
            and (not undecided or r["needs_decision"])]
