"""Read-only queries across the whole portfolio, for the home view and the findings list."""

from __future__ import annotations

from fldd.store.connection import Store
from fldd.store.findings import DEADLINE_KIND_SQL, DEADLINE_SQL

ACTION_SQL = """
SELECT c.id AS action_id, c.finding_id, c.description, c.owner, c.due_date, c.closure_date, c.status, c.done_at,
       c.verified_at, c.verified_by, c.updated_at, f.assessment_id, f.severity, f.title, f.created_at, f.source,
       a.supplier_id, s.name AS supplier, a.tier, a.questionnaire_id, a.questionnaire_version, a.assessed_on,
       """ + DEADLINE_SQL + """ AS deadline, """ + DEADLINE_KIND_SQL + """ AS deadline_kind
FROM corrective_actions c
JOIN findings f ON f.id = c.finding_id
JOIN assessments a ON a.id = f.assessment_id
JOIN suppliers s ON s.id = a.supplier_id
"""

ASSESSMENT_SQL = """
SELECT a.id, a.supplier_id, s.name AS supplier, a.questionnaire_id, a.questionnaire_version, a.tier, a.status,
       a.completeness, a.answered_required, a.required, a.rating, a.score, a.started_at, a.submitted_at,
       a.assessed_on, a.valid_until, a.updated_at
FROM assessments a JOIN suppliers s ON s.id = a.supplier_id
"""

# Per supplier: its latest assessment that counts (submitted, under review or closed), whether any on-site
# assessment exists at all, and how many assessments it has.
SUPPLIER_SQL = """
SELECT s.id, s.name, s.country, s.inherent_level, s.inherent_score,
       l.id AS assessment_id, l.tier, l.status, l.rating, l.answered_required, l.required, l.valid_until,
       l.assessed_on,
       (SELECT count(*) FROM assessments x WHERE x.supplier_id = s.id) AS assessments,
       (SELECT count(*) FROM assessments x WHERE x.supplier_id = s.id AND x.tier = 'onsite') AS onsite
FROM suppliers s
LEFT JOIN assessments l ON l.id = (
    SELECT id FROM assessments y WHERE y.supplier_id = s.id AND y.status <> 'draft'
    ORDER BY coalesce(y.assessed_on, substr(y.submitted_at, 1, 10)) DESC, y.id DESC LIMIT 1)
ORDER BY s.name COLLATE NOCASE
"""


def action(store: Store, action_id: int) -> dict | None:
    """One corrective action with its finding, assessment and supplier; None if there is none."""
    with store.read() as db:
        found = list(db.query(ACTION_SQL + " WHERE c.id = ?", [action_id]))
    return found[0] if found else None


def actions(store: Store, statuses: tuple[str, ...], *, due_before: str | None = None,
            due_from: str | None = None) -> list[dict]:
    """Actions in these statuses whose present deadline (plan or closure, see DEADLINE_SQL) falls before a day
    (exclusive) or from a day (inclusive), soonest first."""
    where = [f"c.status IN ({', '.join('?' * len(statuses))})"]
    params: list = list(statuses)
    if due_before is not None:
        where.append(f"({DEADLINE_SQL}) < ?")
        params.append(due_before)
    if due_from is not None:
        where.append(f"({DEADLINE_SQL}) >= ?")
        params.append(due_from)
    sql = ACTION_SQL + " WHERE " + " AND ".join(where) + (
        " ORDER BY deadline, CASE f.severity WHEN 'priority' THEN 0 WHEN 'major' THEN 1 ELSE 2 END, c.id")
    with store.read() as db:
        return list(db.query(sql, params))


def assessments(store: Store, statuses: tuple[str, ...]) -> list[dict]:
    """Assessments in these statuses with their supplier, most recently changed first."""
    marks = ", ".join("?" * len(statuses))
    sql = ASSESSMENT_SQL + f" WHERE a.status IN ({marks}) ORDER BY a.updated_at DESC, a.id DESC"
    with store.read() as db:
        return list(db.query(sql, list(statuses)))


def imported_drafts(store: Store) -> list[dict]:
    """Drafts that a file imported from a supplier made or revised (it came back incomplete), with when the last
    such file was imported; the latest first."""
    sql = ASSESSMENT_SQL.replace("FROM assessments a", ", i.imported_at FROM assessments a") + """
        JOIN (SELECT assessment_id, max(imported_at) AS imported_at FROM imports
              WHERE assessment_id IS NOT NULL AND outcome <> 'rejected' GROUP BY assessment_id) i
          ON i.assessment_id = a.id
        WHERE a.status = 'draft' ORDER BY i.imported_at DESC, a.id DESC"""
    with store.read() as db:
        return list(db.query(sql))


def assessment_refs(store: Store) -> dict[int, dict]:
    """For every assessment: its questionnaire, language and assessment date (to describe its findings)."""
    with store.read() as db:
        return {r["id"]: r for r in db.query(
            "SELECT id, questionnaire_id, questionnaire_version, language, assessed_on, status FROM assessments")}


def suppliers(store: Store) -> list[dict]:
    """Every supplier with its latest assessment that counts, and how many (on-site) assessments it has."""
    with store.read() as db:
        return list(db.query(SUPPLIER_SQL))


def open_findings_by_severity(store: Store) -> dict[str, int]:
    """Findings whose corrective action is not yet verified, counted by severity."""
    with store.read() as db:
        rows = db.execute("SELECT f.severity, count(*) FROM findings f JOIN corrective_actions c "
                          "ON c.finding_id = f.id WHERE c.status <> 'verified' GROUP BY f.severity").fetchall()
    return {severity: n for severity, n in rows}


def overdue_count(store: Store, today: str) -> int:
    """Open and in-progress actions due before today."""
    with store.read() as db:
        return db.execute("SELECT count(*) FROM corrective_actions WHERE status IN ('open', 'in_progress') "
                          "AND due_date < ?", [today]).fetchone()[0]


def counts_any(store: Store) -> bool:
    """True when the database holds any supplier or assessment (a workspace in use)."""
    with store.read() as db:
        return db.execute("SELECT EXISTS (SELECT 1 FROM suppliers) OR EXISTS (SELECT 1 FROM assessments)"
                          ).fetchone()[0] == 1
