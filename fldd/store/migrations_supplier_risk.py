"""Migration of issue 11 (reserved; its helper fills it in). Like every migration, it describes the database as it
was on its day and imports no live domain code."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def supplier_risk(db: Database) -> None:
    """Reserved: nothing yet."""
