"""The auditor's reasons for on-site samples below the protocol's minimum: appended at each submission."""

from __future__ import annotations

from fldd.store.clock import now
from fldd.store.connection import Store


def add_reasons(store: Store, assessment_id: int, rows: list[dict], *, who: str = "") -> None:
    """Keep one reason per short sample (rule_id, done, minimum, workforce, reason), stamped now."""
    stamp = now()
    with store.write() as db:
        for row in rows:
            db.execute("INSERT INTO sample_reasons (assessment_id, rule_id, done, minimum, workforce, reason, "
                       "given_by, given_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [assessment_id, row["rule_id"], row["done"], row["minimum"], row["workforce"],
                        row["reason"], who, stamp])


def reasons(store: Store, assessment_id: int) -> list[dict]:
    """Every reason given for the assessment, oldest first."""
    with store.read() as db:
        return list(db.query("SELECT rule_id AS rule, done, minimum, workforce, reason, given_by, given_at "
                             "FROM sample_reasons WHERE assessment_id = ? ORDER BY id", [assessment_id]))
