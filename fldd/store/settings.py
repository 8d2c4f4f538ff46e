"""Small per-database settings: who is using it, in which role."""

from __future__ import annotations

from fldd.store.connection import Store


def get(store: Store, key: str, default: str = "") -> str:
    """A setting's value, or the default."""
    with store.read() as db:
        row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def put(store: Store, key: str, value: str) -> None:
    """Set a value."""
    with store.write() as db:
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
                   [key, value, value])
