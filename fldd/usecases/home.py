"""Use cases of the home view: what needs doing next for the current role, the portfolio at a glance, the
role switch, and the demo portfolio for a first start."""

from __future__ import annotations

import datetime as dt

from fldd.store import portfolio
from fldd.store.connection import open_store
from fldd.usecases.context import ROLES, AppContext
from fldd.usecases.corrections import suppliers_with_pending
from fldd.usecases.findings import owed
from fldd.usecases.sent_workbooks import sent_workbooks

DUE_SOON_DAYS = 14
SECTIONS = ("drafts", "to_review", "incomplete_imports", "to_verify", "overdue_actions", "due_soon", "reassess", "awaiting", "corrections",
            "screening")
# Which sections each role works on, in the order the home view shows them.
ROLE_SECTIONS = {
    "supplier": ("drafts", "overdue_actions", "due_soon"),
    "auditor": ("drafts", "to_review", "to_verify", "overdue_actions", "due_soon"),
    "buyer": ("to_review", "incomplete_imports", "to_verify", "overdue_actions", "due_soon", "reassess", "awaiting", "corrections",
              "screening"),
}
# Drafts a role fills in: suppliers answer the desktop self-assessment, auditors the on-site one.
DRAFT_TIERS = {"supplier": ("desktop",), "auditor": ("onsite",), "buyer": ("desktop", "onsite")}
RATINGS = ("low", "medium", "high", "severe", None)
SEVERITIES = ("priority", "major", "minor")


def todo(ctx: AppContext) -> dict:
    """Lists of what needs doing, by section (empty for sections that are not the role's job), the role's
    sections in order, the portfolio counts, and for the buyer the suppliers by next step (next_steps)."""
    role = ctx.role if ctx.role in ROLES else "buyer"
    today = ctx.today()
    wanted = ROLE_SECTIONS[role]
    out: dict = {name: [] for name in SECTIONS}
    if "drafts" in wanted:
        out["drafts"] = [_assessment(r, ctx) for r in portfolio.assessments(ctx.store, ("draft",))
                         if r["tier"] in DRAFT_TIERS[role]]
    if "incomplete_imports" in wanted:  # accepted with required answers missing: the supplier owes the rest
        out["incomplete_imports"] = [{**_assessment(r, ctx), "last_change": r["imported_at"][:10]}
                                     for r in portfolio.imported_drafts(ctx.store)]
    if "to_review" in wanted:
        rows = portfolio.assessments(ctx.store, ("submitted", "under_review"))
        out["to_review"] = sorted((_assessment(r, ctx) for r in rows),
                                  key=lambda r: (r["status"] != "submitted", r["assessed_on"] or "", r["id"]))
    if "overdue_actions" in wanted:
        out["overdue_actions"] = [_action(r, today) for r in portfolio.actions(
            ctx.store, ("open", "in_progress"), due_before=today.isoformat())]
    if "due_soon" in wanted:
        horizon = today + dt.timedelta(days=DUE_SOON_DAYS + 1)
        out["due_soon"] = [_action(r, today) for r in portfolio.actions(
            ctx.store, ("open", "in_progress"), due_from=today.isoformat(), due_before=horizon.isoformat())]
    if "to_verify" in wanted:
        out["to_verify"] = [_action(r, today) for r in portfolio.actions(ctx.store, ("done",))]
    out["next_steps"] = None
    if "reassess" in wanted:  # the buyer's queue, read once for both
        from fldd.usecases.queue import queue_rows

        rows = queue_rows(ctx)
        out["reassess"] = reassess(ctx, rows)
        out["next_steps"] = next_steps(rows)
    if "corrections" in wanted:
        out["corrections"] = suppliers_with_pending(ctx)
    if "screening" in wanted:  # possible entity-list matches: a person decides, nothing counts before
        from fldd.usecases.screening import suppliers_to_decide

        out["screening"] = suppliers_to_decide(ctx)
    if "awaiting" in wanted:  # workbooks sent and not back, the longest waiting first
        out["awaiting"] = sent_workbooks(ctx, awaiting_only=True)
    out["role"] = role
    out["sections"] = wanted
    out["portfolio"] = portfolio_counts(ctx)
    return out


TIER_TITLES = {"desktop": "Desktop self-assessment", "onsite": "On-site assessment"}


def _assessment(row: dict, ctx: AppContext) -> dict:
    # by tier, not from the standard: the home page is the first thing shown, and must not wait for it
    title = TIER_TITLES.get(row["tier"], row["questionnaire_id"])
    return {**row, "questionnaire": title, "last_change": (row["updated_at"] or "")[:10]}


def _action(row: dict, today: dt.date) -> dict:
    due, kind = owed(row, today)  # the plan's or the closure's, whichever the action owes now
    return {**row, "days_left": (due - today).days, "deadline": due.isoformat(), "deadline_kind": kind}


def reassess(ctx: AppContext, rows: list[dict] | None = None) -> list[dict]:
    """Suppliers with a next step to decide, from the queue (so Home, the queue and the register agree): result
    expired or expiring within 60 days, never assessed, high inherent risk without a valid on-site result, a
    result or corrective actions past their plan or closure date calling for more; those with a decision that
    holds, or whose step is already under way, are left out. Most urgent first, with every reason."""
    from fldd.usecases.queue import queue_rows

    out = []
    for row in queue_rows(ctx) if rows is None else rows:
        if not row["needs_decision"]:
            continue
        lapsed = row["decision"]["lapsed_because"] if row["decision"] else None
        out.append({"supplier_id": row["supplier_id"], "supplier": row["supplier"], "country": row["country"],
                    "valid_until": row["valid_until"], "inherent_level": row["inherent_level"],
                    "step": row["step"], "step_label": row["step_label"],
                    "reasons": ([lapsed.capitalize()] if lapsed else []) + row["reasons"], "rank": row["rank"],
                    "urgent": row["step"] in ("relationship", "enhanced") or row["expired"]
                    or row["overdue_actions"] > 0})
    return out


def next_steps(rows: list[dict]) -> dict:
    """Suppliers by next step, and how many need a decision: Home's next-steps strip."""
    from fldd.usecases.queue import step_counts

    return {"by_step": step_counts(rows), "undecided": sum(1 for r in rows if r["needs_decision"])}


def portfolio_counts(ctx: AppContext) -> dict:
    """Suppliers, suppliers by the rating of their latest result (None: not rated), not-yet-verified findings
    by severity, and overdue actions."""
    rows = portfolio.suppliers(ctx.store)
    by_rating: dict[str | None, int] = {rating: 0 for rating in RATINGS}
    for row in rows:
        by_rating[row["rating"] if row["rating"] in by_rating else None] += 1
    open_findings = portfolio.open_findings_by_severity(ctx.store)
    return {"suppliers": len(rows), "by_rating": by_rating,
            "open_findings": {s: open_findings.get(s, 0) for s in SEVERITIES},
            "overdue": portfolio.overdue_count(ctx.store, ctx.today().isoformat())}


def switch_role(ctx: AppContext, role: str) -> None:
    """Work as supplier, auditor or buyer from now on; remembered in this database (as Settings does)."""
    from fldd.usecases.preferences import save_preferences

    save_preferences(ctx, role=role)


def load_demo_portfolio(ctx: AppContext) -> dict:
    """Add the demo portfolio on a connection of its own, so a worker thread can do it while the window
    stays responsive; returns build_demo's counts."""
    from fldd.usecases.demo import build_demo

    own = AppContext(open_store(ctx.store.path), ctx.user, ctx.role, ctx.today)
    try:
        return build_demo(own)
    finally:
        own.close()
