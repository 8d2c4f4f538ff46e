"""Migration of issue 11: the editions of risk lists a buyer loads (a newer DOL list, the EU Forced Labour
Regulation database, entity lists, its own list) and their rows. Like every migration, it describes the database
as it was on its day and imports no live domain code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

# The kinds as on this migration's day (fldd/risk/data.py KINDS keeps the live ones).
EDITIONS_TABLE = """CREATE TABLE risk_editions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('dol_goods', 'dol_countries', 'tip_tiers', 'eu_flr', 'entity_list',
                                       'own_list')),
    list_name TEXT NOT NULL CHECK (length(trim(list_name)) > 0),
    edition TEXT NOT NULL CHECK (length(trim(edition)) > 0),
    published TEXT,
    source TEXT NOT NULL DEFAULT '',
    complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    loaded_by TEXT NOT NULL,
    row_count INTEGER NOT NULL CHECK (row_count >= 0),
    withdrawn_at TEXT,
    withdrawn_by TEXT,
    withdrawn_reason TEXT NOT NULL DEFAULT '')"""
# One row of an edition as the parser gave it (JSON: the kind's fields), in the file's order.
ROWS_TABLE = """CREATE TABLE risk_rows (
    edition_id INTEGER NOT NULL REFERENCES risk_editions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    data TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (edition_id, position)) WITHOUT ROWID"""
LIST_INDEX = "CREATE INDEX risk_editions_list ON risk_editions (kind, list_name, id)"


def risk_editions(db: Database) -> None:
    """Loaded editions of the risk lists, kept when a newer one replaces them or the buyer withdraws a list."""
    for statement in (EDITIONS_TABLE, ROWS_TABLE, LIST_INDEX):
        db.execute(statement)
