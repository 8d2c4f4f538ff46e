"""Worker interviews under pseudonymous codes: one record per interview, no names anywhere."""

from __future__ import annotations

import json

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound


CONTEXT = ("language", "interpreter", "location", "note")  # non-identifying; never leaves the machine


def put(store: Store, assessment_id: int, code: str, facts: dict, interviewed_on: str | None = None,
        context: dict | None = None) -> int:
    """Add or replace the record of one interview (facts: question id -> 'yes' / 'no' / number; context:
    language, interpreter 'yes' / 'no', location 'on_site' / 'off_site' / 'phone', note)."""
    extra = [(context or {}).get(key) or "" for key in CONTEXT]
    with store.write() as db:
        db.execute(
            "INSERT INTO interviews (assessment_id, code, interviewed_on, facts, created_at, language, interpreter, "
            "location, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (assessment_id, code) DO UPDATE SET interviewed_on = excluded.interviewed_on, "
            "facts = excluded.facts, language = excluded.language, interpreter = excluded.interpreter, "
            "location = excluded.location, note = excluded.note",
            [assessment_id, code, interviewed_on, json.dumps(facts, sort_keys=True), now(), *extra])
        return db.execute("SELECT id FROM interviews WHERE assessment_id = ? AND code = ?",
                          [assessment_id, code]).fetchone()[0]


def remove(store: Store, assessment_id: int, code: str) -> None:
    """Delete one interview record."""
    with store.write() as db:
        if db.execute("DELETE FROM interviews WHERE assessment_id = ? AND code = ?",
                      [assessment_id, code]).rowcount == 0:
            raise NotFound(f"interview {code}")


def rows(store: Store, assessment_id: int) -> list[dict]:
    """Every interview of an assessment, by code, with its facts and its context."""
    with store.read() as db:
        out = list(db.query("SELECT code, interviewed_on, facts, language, interpreter, location, note "
                            "FROM interviews WHERE assessment_id = ? ORDER BY code", [assessment_id]))
    for row in out:
        row["facts"] = json.loads(row["facts"])
        row["context"] = {key: row.pop(key) for key in CONTEXT}
    return out
