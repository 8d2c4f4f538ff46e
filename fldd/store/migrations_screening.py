"""Migration of issue 11: the possible entity-list matches of the suppliers and every decision taken on them.
Like every migration, it describes the database as it was on its day and imports no live domain code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# One row per supplier x listed entity found alike. `fingerprint` covers the supplier's names and the entity's
# entry: a dismissal holds while it is unchanged. A pending match whose basis went away is `closed` (kept for
# the record); a dismissed one whose basis changed keeps its status and gets `closed_at`, and a new row asks
# again. A confirmation stays until a person reopens it.
MATCHES_TABLE = """CREATE TABLE screening_matches (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    list_name TEXT NOT NULL,
    edition TEXT NOT NULL DEFAULT '',
    entity TEXT NOT NULL,
    entity_aliases TEXT NOT NULL DEFAULT '[]',
    entity_key TEXT NOT NULL,
    matched_on TEXT NOT NULL,
    matched_to TEXT NOT NULL,
    how TEXT NOT NULL,
    strength INTEGER NOT NULL CHECK (strength BETWEEN 0 AND 100),
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'dismissed', 'closed')),
    decided_by TEXT,
    decided_at TEXT,
    reason TEXT,
    found_at TEXT NOT NULL,
    closed_at TEXT,
    closed_why TEXT)"""
DECISIONS_TABLE = """CREATE TABLE screening_decisions (
    id INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL REFERENCES screening_matches (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed', 'reopened')),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0))"""
INDEXES = (
    "CREATE INDEX screening_matches_supplier ON screening_matches (supplier_id, closed_at, status)",
    "CREATE INDEX screening_matches_status ON screening_matches (status, closed_at)",
    "CREATE INDEX screening_decisions_match ON screening_decisions (match_id)",
)


def screening(db: Database) -> None:
    """The tables of entity-list screening: matches to decide, and the trail of decisions."""
    for statement in (MATCHES_TABLE, DECISIONS_TABLE, *INDEXES):
        db.execute(statement)
