"""The facts the risk map paints from, read for every supplier in one grouped pass."""

from __future__ import annotations

from fldd.store.connection import Store

# Each supplier with its latest result that counts (submitted, under review or closed; the same choice as
# portfolio.SUPPLIER_SQL), picked by one window over the assessments instead of a subquery per supplier.
MAP_SQL = """
SELECT s.id, s.name, s.country, s.goods, s.chain_tier, s.status, s.inherent_level, s.inherent_score,
       l.rating, l.tier, l.valid_until, l.assessed_on
FROM suppliers s
LEFT JOIN (
    SELECT supplier_id, rating, tier, valid_until, coalesce(assessed_on, substr(submitted_at, 1, 10)) AS assessed_on,
           row_number() OVER (PARTITION BY supplier_id
                              ORDER BY coalesce(assessed_on, substr(submitted_at, 1, 10)) DESC, id DESC) AS n
    FROM assessments WHERE status <> 'draft') l ON l.supplier_id = s.id AND l.n = 1
"""


FACTS = ("id", "name", "country", "goods", "chain_tier", "status", "inherent_level", "inherent_score", "rating",
         "tier", "valid_until", "assessed_on")  # the order of a map_facts tuple


def map_facts(store: Store) -> list[tuple]:
    """Every supplier's country, goods (JSON text), chain tier, status, inherent risk and latest counting result,
    as tuples in FACTS order (a dict per row would cost more than the query for 10,000 suppliers)."""
    with store.read() as db:
        return db.execute(MAP_SQL).fetchall()
