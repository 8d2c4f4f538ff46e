"""The facts the queue weighs for every supplier, read in one grouped pass (10,000 suppliers: one query, each
table scanned once, never a query per supplier); and the decisions buyers record against a recommendation."""

from __future__ import annotations

import json

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.findings import DEADLINE_SQL

# A Priority finding's action not done by its closure date: a matter for the relationship, said on its own line,
# so the other late actions are counted apart from it (one late action is one line, not three).
# A Priority action past the closure date agreed for it, on a finding verified on site: what calls for a decision
# on the relationship. An action with only a plan date, or on a finding from the supplier's own self-assessment,
# is overdue (verify on site), not a remediation that failed.
PAST_CLOSURE = ("(f.severity = 'priority' AND c.closure_date IS NOT NULL AND c.closure_date < :today "
                "AND fa.tier = 'onsite')")

# Per supplier: the latest assessment that counts (not a draft) with the escalation triggers of its stored
# result, how long an on-site result stays valid, drafts in progress, and corrective actions past their present
# deadline (plan or closure, DEADLINE_SQL). Actions of every assessment count: an old finding stays open.
FACTS_SQL = """
WITH counting AS (
    SELECT id, supplier_id, tier, rating, assessed_on, valid_until, questionnaire_id,
           row_number() OVER (PARTITION BY supplier_id
                              ORDER BY coalesce(assessed_on, substr(submitted_at, 1, 10)) DESC, id DESC) AS n
    FROM assessments WHERE status <> 'draft'),
latest AS (SELECT * FROM counting WHERE n = 1),
kept AS (
    SELECT supplier_id,
           max(CASE WHEN tier = 'onsite' THEN valid_until END) AS onsite_until,
           count(*) AS assessed
    FROM counting GROUP BY supplier_id),
drafts AS (
    SELECT supplier_id, max(tier = 'desktop') AS desktop_draft, max(tier = 'onsite') AS onsite_draft,
           max(substr(started_at, 1, 10)) AS draft_started,
           max(CASE WHEN tier = 'desktop' THEN substr(started_at, 1, 10) END) AS desktop_started,
           max(CASE WHEN tier = 'onsite' THEN substr(started_at, 1, 10) END) AS onsite_started
    FROM assessments WHERE status = 'draft' GROUP BY supplier_id),
escalations AS (
    SELECT l.supplier_id,
           json_group_array(CASE WHEN json_extract(t.value, '$.action') = 'escalate_onsite'
                                 THEN coalesce(json_extract(t.value, '$.title'), json_extract(t.value, '$.id')) END)
               AS onsite_titles,
           json_group_array(CASE WHEN json_extract(t.value, '$.action') = 'enhanced_dd'
                                 THEN coalesce(json_extract(t.value, '$.title'), json_extract(t.value, '$.id')) END)
               AS enhanced_titles
    FROM latest l JOIN assessments a ON a.id = l.id, json_each(a.result, '$.triggers') t
    WHERE json_valid(a.result) AND json_extract(t.value, '$.action') IN ('escalate_onsite', 'enhanced_dd')
    GROUP BY l.supplier_id),
late AS (
    SELECT fa.supplier_id,
           sum(NOT """ + PAST_CLOSURE + """) AS other_overdue,
           sum(f.severity IN ('priority', 'major') AND NOT """ + PAST_CLOSURE + """) AS serious_other_overdue,
           min(CASE WHEN NOT """ + PAST_CLOSURE + """ THEN """ + DEADLINE_SQL + """ END) AS oldest_other,
           count(*) AS actions_overdue,
           sum(f.severity IN ('priority', 'major')) AS serious_overdue,
           sum(f.severity = 'priority') AS priority_overdue,
           sum(""" + PAST_CLOSURE + """) AS priority_past_closure,
           min(""" + DEADLINE_SQL + """) AS oldest_overdue
    FROM corrective_actions c JOIN findings f ON f.id = c.finding_id JOIN assessments fa ON fa.id = f.assessment_id
    WHERE c.status IN ('open', 'in_progress') AND (""" + DEADLINE_SQL + """) < :today
    GROUP BY fa.supplier_id)
SELECT s.id, s.name, s.country, s.goods, s.chain_tier, s.status, s.inherent_level, s.inherent_score,
       s.inherent_factors,
       l.id AS assessment_id, l.tier AS result_tier, l.rating, l.assessed_on, l.valid_until, l.questionnaire_id,
       coalesce(k.assessed, 0) AS assessed, k.onsite_until,
       coalesce(d.desktop_draft, 0) AS desktop_draft, coalesce(d.onsite_draft, 0) AS onsite_draft, d.draft_started,
       d.desktop_started, d.onsite_started,
       e.onsite_titles, e.enhanced_titles,
       coalesce(o.actions_overdue, 0) AS actions_overdue, coalesce(o.serious_overdue, 0) AS serious_overdue,
       coalesce(o.priority_overdue, 0) AS priority_overdue,
       coalesce(o.priority_past_closure, 0) AS priority_past_closure, o.oldest_overdue,
       coalesce(o.other_overdue, 0) AS other_overdue, coalesce(o.serious_other_overdue, 0) AS serious_other_overdue,
       o.oldest_other
FROM suppliers s
LEFT JOIN latest l ON l.supplier_id = s.id
LEFT JOIN kept k ON k.supplier_id = s.id
LEFT JOIN drafts d ON d.supplier_id = s.id
LEFT JOIN escalations e ON e.supplier_id = s.id
LEFT JOIN late o ON o.supplier_id = s.id
"""


def _titles(text: str | None) -> list[str]:
    return [t for t in json.loads(text) if t] if text else []


def supplier_facts(store: Store, today: str, supplier_ids: list[int] | None = None) -> list[dict]:
    """One row per supplier (or per supplier of supplier_ids) with what FACTS_SQL reads; goods as a list, the
    escalation triggers of the latest result as lists of their titles (onsite_triggers, enhanced_triggers); the
    stored inherent factors stay JSON text (inherent_factors), read only for the rows whose reasons name them."""
    sql, params = FACTS_SQL, {"today": today}
    if supplier_ids is not None:
        sql += f" WHERE s.id IN ({', '.join(str(int(i)) for i in supplier_ids) or 'NULL'})"
    with store.read() as db:
        cursor = db.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        rows = [dict(zip(columns, r)) for r in cursor.fetchall()]
    for row in rows:
        row["goods"] = json.loads(row["goods"] or "[]")
        row["onsite_triggers"] = _titles(row.pop("onsite_titles"))
        row["enhanced_triggers"] = _titles(row.pop("enhanced_titles"))
    return rows


DECISION_COLUMNS = ("id", "uid", "supplier_id", "recommended", "decision", "step", "until", "reason", "facts",
                    "fingerprint", "decided_by", "decided_at")


def add_decision(store: Store, *, supplier_id: int, recommended: str, decision: str, step: str | None,
                 until: str | None, reason: str, facts: dict, fingerprint: str, decided_by: str) -> int:
    """Record a decision (a new row: earlier ones stay as the history); returns its id."""
    import uuid

    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO queue_decisions (uid, supplier_id, recommended, decision, step, until, reason, facts, "
            "fingerprint, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [str(uuid.uuid4()), supplier_id, recommended, decision, step, until, reason,
             json.dumps(facts, sort_keys=True, ensure_ascii=False), fingerprint, decided_by, now()])
        return int(cursor.lastrowid)


def _decision(row: tuple) -> dict:
    found = dict(zip(DECISION_COLUMNS, row))
    found["facts"] = json.loads(found["facts"])
    return found


def latest_decisions(store: Store) -> dict[int, dict]:
    """The latest decision of every supplier that has one, by supplier id (one grouped pass)."""
    cols = ", ".join(f"q.{c}" for c in DECISION_COLUMNS)
    with store.read() as db:
        rows = db.execute(f"SELECT {cols} FROM queue_decisions q JOIN (SELECT max(id) AS id FROM queue_decisions "
                          "GROUP BY supplier_id) m ON m.id = q.id").fetchall()
    return {r[2]: _decision(r) for r in rows}


def decisions(store: Store, supplier_id: int) -> list[dict]:
    """Every decision recorded for a supplier, the latest first."""
    with store.read() as db:
        rows = db.execute(f"SELECT {', '.join(DECISION_COLUMNS)} FROM queue_decisions WHERE supplier_id = ? "
                          "ORDER BY id DESC", [supplier_id]).fetchall()
    return [_decision(r) for r in rows]
