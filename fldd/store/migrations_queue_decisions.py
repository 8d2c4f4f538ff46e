"""Migration of issue 11 (queue): the decisions buyers record against a supplier's recommended next step. Like
every migration, it describes the database as it was on its day and imports no live domain code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# The steps and decisions as they were on this migration's day (fldd/usecases/queue.py keeps the live ones).
_STEPS = "('relationship', 'enhanced', 'onsite', 'desktop', 'none')"
STATEMENTS = (
    f"""CREATE TABLE queue_decisions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    recommended TEXT NOT NULL CHECK (recommended IN {_STEPS}),
    decision TEXT NOT NULL CHECK (decision IN ('agree', 'defer', 'other', 'none')),
    step TEXT CHECK (step IS NULL OR step IN {_STEPS}),
    until TEXT CHECK (until IS NULL OR until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    facts TEXT NOT NULL DEFAULT '{{}}',
    fingerprint TEXT NOT NULL,
    decided_by TEXT NOT NULL CHECK (length(trim(decided_by)) > 0),
    decided_at TEXT NOT NULL,
    CHECK (decision <> 'defer' OR until IS NOT NULL),
    CHECK (decision <> 'other' OR step IS NOT NULL))""",
    "CREATE INDEX queue_decisions_supplier ON queue_decisions (supplier_id, id)",
    """CREATE TRIGGER queue_decisions_kept BEFORE UPDATE ON queue_decisions
BEGIN
    SELECT RAISE(ABORT, 'a decision on a next step is kept as written: record a new decision instead');
END""",
)


def queue_decisions(db: Database) -> None:
    """Decisions on the recommended next step, one row per decision, never changed: the latest per supplier is the
    one the queue weighs; each keeps the facts it was taken on (and their fingerprint), so the queue can tell
    when they changed and the decision lapsed."""
    for statement in STATEMENTS:
        db.execute(statement)
