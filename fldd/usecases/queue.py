"""The buyer's prioritisation queue: for every supplier the recommended next step, the reasons in words, the
follow-up it owes (expiry, corrective actions past their dates, screening matches to decide), and the decision
a buyer recorded against the recommendation.

CONTRACT (issue 11, queue helper fills it in; the stub below only carries the row shape). A row is a dict:
  supplier_id, supplier, country (ISO), country_name, goods [str], chain_tier, status (supplier's),
  inherent_level, inherent_score, rating (latest counting result or None), tier (its tier), assessed_on,
  valid_until, expired (bool), expires_in_days (int | None),
  step (one of STEPS), step_label (STEP_LABELS), reasons [str] (why, in words, most important first),
  rank (int, lower = more urgent; the queue's default order), overdue_actions (int), screening_pending (int),
  decision (None, or {"id", "decision", "step", "until", "reason", "decided_by", "decided_at", "applies": bool,
  "lapsed_because": str | None}).
"""

from __future__ import annotations

from fldd.usecases.context import AppContext

STEPS = ("relationship", "enhanced", "onsite", "desktop", "none")  # most to least demanding
STEP_LABELS = {
    "relationship": "Decide on the relationship",
    "enhanced": "Enhanced due diligence",
    "onsite": "On-site assessment",
    "desktop": "Desktop self-assessment",
    "none": "No action now",
}


def queue_rows(ctx: AppContext) -> list[dict]:
    """Every supplier with its recommended next step, most urgent first."""
    from fldd.store import portfolio

    today = ctx.today()
    out = []
    for row in portfolio.suppliers(ctx.store):
        expired = bool(row["valid_until"] and row["valid_until"] < today.isoformat())
        if row["inherent_level"] == "high" and not row["onsite"]:
            step, reasons = "onsite", ["High inherent risk (country and goods) and no on-site assessment"]
        elif not row["assessments"] or expired:
            step, reasons = "desktop", ["Never assessed" if not row["assessments"] else "Result expired"]
        else:
            step, reasons = "none", ["Result valid"]
        out.append({"supplier_id": row["id"], "supplier": row["name"], "country": row["country"],
                    "country_name": row["country"], "goods": [], "chain_tier": 1, "status": "active",
                    "inherent_level": row["inherent_level"], "inherent_score": row["inherent_score"],
                    "rating": row["rating"], "tier": row["tier"], "assessed_on": row["assessed_on"],
                    "valid_until": row["valid_until"], "expired": expired, "expires_in_days": None,
                    "step": step, "step_label": STEP_LABELS[step], "reasons": reasons, "rank": STEPS.index(step),
                    "overdue_actions": 0, "screening_pending": 0, "decision": None})
    return sorted(out, key=lambda r: (r["rank"], r["supplier"].casefold()))
