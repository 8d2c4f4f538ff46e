"""Each supplier's inherent risk kept current: computed from the risk data in force and the supplier's country,
goods, recruitment corridors, raw-material origins and confirmed entity-list matches, and stored on the supplier
(level, score, the factors with their sources and editions, and the inputs the desktop questionnaire scores with).

CONTRACT (issue 11, inherent-risk helper fills it in): the signatures below stay; others call them.
"""

from __future__ import annotations

from typing import Any

from fldd.usecases.context import AppContext


def refresh_inherent(ctx: AppContext, supplier_ids: list[int] | None = None) -> int:
    """Recompute and store the inherent risk of these suppliers (all when None); returns how many changed.
    Called after a supplier is added or changed, an edition is loaded, or a screening match is decided."""
    return 0


def scoring_inputs(ctx: AppContext, supplier) -> dict[str, Any]:
    """The `inputs:` values (inherent.*) a questionnaire is scored with for this supplier."""
    from fldd.risk.inherent import inherent_risk

    return inherent_risk(supplier.country, supplier.goods).inputs()
