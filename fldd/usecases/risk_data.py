"""The risk tables in force for a database: the editions fldd ships, replaced by any newer edition the buyer
loaded (kept in the database, so a backup carries them), and loading one from CSV or Excel.

CONTRACT (issue 11, risk-data helper fills it in): the signatures below stay; others call them.
"""

from __future__ import annotations

from pathlib import Path

from fldd.risk.data import Edition, RiskData, risk_data
from fldd.usecases.context import AppContext


def current_risk_data(ctx: AppContext) -> RiskData:
    """Every table in force for this database (bundled, or the newest edition loaded of each), cached until an
    edition is loaded."""
    return risk_data()


def risk_editions(ctx: AppContext, *, include_replaced: bool = False) -> list[Edition]:
    """The editions in force (and, when asked, the ones a later load replaced), for the About box, reports and
    the risk-data screen."""
    return list(current_risk_data(ctx).editions)


def load_risk_file(ctx: AppContext, kind: str, path: Path, *, list_name: str | None = None,
                   edition: str | None = None, published: str | None = None) -> Edition:
    """Read a CSV or Excel file of one KIND, check every row, and put it in force in one transaction: the
    suppliers' inherent risk is recomputed and their names re-screened in it. Rejected (naming file, sheet,
    row and column) for a malformed file, and then nothing changes."""
    raise NotImplementedError
