"""Migration of issue 11 (inherent risk): what a buyer knows about a site beyond its country and goods, and the
inherent risk stored with the factors and editions it was computed from. Like every migration, it describes the
database as it was on its day and imports no live domain code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

COLUMNS = (
    # other names the site trades under or is written in (another script): entity-list screening reads them
    "ALTER TABLE suppliers ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]'",
    # ISO codes of the countries the site's migrant workers are recruited from
    "ALTER TABLE suppliers ADD COLUMN corridors TEXT NOT NULL DEFAULT '[]'",
    # [{"material": "Cotton", "country": "CN"}]: where the site's raw materials come from
    "ALTER TABLE suppliers ADD COLUMN materials TEXT NOT NULL DEFAULT '[]'",
    # the factors behind inherent_score and inherent_level (JSON list), the questionnaire inputs they give
    # (JSON object), and the rules and table editions they were computed with: NULL until computed, so the
    # first opening after this migration computes every supplier's (fldd.usecases.inherent.ensure_current)
    "ALTER TABLE suppliers ADD COLUMN inherent_factors TEXT",
    "ALTER TABLE suppliers ADD COLUMN inherent_inputs TEXT",
    "ALTER TABLE suppliers ADD COLUMN inherent_editions TEXT",
    # ensure_current finds the suppliers computed with other editions from this index alone
    "CREATE INDEX suppliers_inherent_editions ON suppliers (inherent_editions)",
)


def supplier_risk(db: Database) -> None:
    """Aliases, recruitment corridors and raw-material origins of each supplier, and its stored inherent-risk
    factors, inputs and editions."""
    for statement in COLUMNS:
        db.execute(statement)
