"""Supplier names and aliases screened against the entity lists in force (UFLPA Entity List, the buyer's own):
a possible match is shown to a person to confirm or dismiss, never turned into a verdict on its own.

CONTRACT (issue 11, screening helper fills it in): the signatures below stay; others call them.
A match is a dict: {"id", "supplier_id", "supplier", "list_name", "edition", "entity", "entity_aliases",
"matched_on" (the supplier's name or alias that matched), "matched_to" (the entity's name or alias), "how"
(words: "same name once legal-form words are set aside"), "status" ("pending" | "confirmed" | "dismissed"),
"decided_by", "decided_at", "reason", "found_at"}.
"""

from __future__ import annotations

from fldd.usecases.context import AppContext

STATUSES = ("pending", "confirmed", "dismissed")


def screen_suppliers(ctx: AppContext, supplier_ids: list[int] | None = None) -> int:
    """Screen these suppliers (all when None) against the entity lists in force; returns new possible matches.
    A match already decided stays decided while the supplier's name and the entity's entry are unchanged."""
    return 0


def screening_matches(ctx: AppContext, *, supplier_id: int | None = None, status: str | None = None) -> list[dict]:
    """Possible matches, pending first."""
    return []


def decide_match(ctx: AppContext, match_id: int, *, confirmed: bool, reason: str) -> dict:
    """Confirm or dismiss a possible match (a reason is required), recorded with who and when; the supplier's
    inherent risk and next step follow."""
    raise NotImplementedError
