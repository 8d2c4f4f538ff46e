"""Read-only queries behind the portfolio report: one row per supplier with its latest result on a day, and
counts of assessments, findings and corrective actions grouped in SQL (a portfolio of 100,000 assessments is
counted, never loaded). Dates are ISO days; periods include both ends."""

from __future__ import annotations

import json

from fldd.store.connection import Store
from fldd.store.findings import DEADLINE_KIND_SQL, DEADLINE_SQL

# An assessment's day: the assessment date set at submission (or by the import), else the day it was submitted.
DAY_SQL = "coalesce({a}.assessed_on, substr({a}.submitted_at, 1, 10))"
# A finding counts from its assessment's day, or from the day it was recorded if that is earlier (as
# usecases.findings.raised_on).
RAISED_SQL = "min(substr(f.created_at, 1, 10), coalesce(a.assessed_on, substr(f.created_at, 1, 10)))"
# An action's status at the end of day :as_of, from its history: the last status step taken by then, else open.
# An action moved before histories were kept (migration 0007) has no step: its status counts from the day it
# was reached (verified_at, done_at, else its last change).
STATUS_AT_SQL = """coalesce(
    (SELECT h.to_status FROM action_history h WHERE h.action_id = c.id AND h.kind = 'status'
       AND substr(h.changed_at, 1, 10) <= :as_of ORDER BY h.id DESC LIMIT 1),
    CASE WHEN EXISTS (SELECT 1 FROM action_history h WHERE h.action_id = c.id AND h.kind = 'status') THEN 'open'
         WHEN c.status = 'verified' AND substr(c.verified_at, 1, 10) <= :as_of THEN 'verified'
         WHEN c.status IN ('done', 'verified') AND substr(c.done_at, 1, 10) <= :as_of THEN 'done'
         WHEN c.status = 'in_progress' AND substr(c.updated_at, 1, 10) <= :as_of THEN 'in_progress'
         ELSE 'open' END)"""


def _actions_on(today: bool) -> str:
    """Findings raised on or before :as_of, one row per action (a finding without one counts as open), as a
    table `c` with its action's status that day (the present one when `today`: the same, and cheaper) and the
    columns DEADLINE_SQL reads; materialized, so that the status is worked out once per action."""
    status = "coalesce(c.status, 'open')" if today else STATUS_AT_SQL
    return f"""WITH c AS MATERIALIZED (SELECT f.severity, CAST(julianday(:as_of) - julianday({RAISED_SQL}) AS INTEGER) AS age,
        c.id, c.due_date, c.closure_date, {status} AS status
        FROM findings f JOIN assessments a ON a.id = f.assessment_id
        LEFT JOIN corrective_actions c ON c.finding_id = f.id
        WHERE {RAISED_SQL} <= :as_of)"""


# What an outstanding action owes on :as_of, as usecases.findings.owed: the store's deadline (plan while open,
# closure once under way), except that an open action whose closure date has passed owes the work itself.
_LATE = "c.status = 'open' AND c.closure_date IS NOT NULL AND c.closure_date < :as_of"
OWED_KIND_SQL = f"CASE WHEN {_LATE} THEN 'closure' ELSE {DEADLINE_KIND_SQL} END"
OWED_DATE_SQL = f"CASE WHEN {_LATE} THEN c.closure_date ELSE {DEADLINE_SQL} END"


# Suppliers in the register (active or onboarding) with the latest result on or before :until: the most recent
# submitted, under review or closed assessment by its day, of either tier. Its kept figures (migration 0011),
# and whether it answered a question of, or raised a finding on, the grievance topic (ids given as JSON arrays).
SUPPLIERS_SQL = f"""
SELECT s.id, s.country, s.goods, s.chain_tier, s.inherent_level,
       l.id AS assessment_id, l.tier, l.rating, l.valid_until, {DAY_SQL.format(a='l')} AS day,
       coalesce(g.red_flags, 0) AS red_flags, coalesce(g.fees_found, 0) AS fees_found,
       coalesce(g.fees_repaid, 0) AS fees_repaid,
       l.id IS NOT NULL AND EXISTS (
           SELECT 1 FROM answers x WHERE x.assessment_id = l.id AND x.value IS NOT NULL
             AND x.question_id IN (SELECT value FROM json_each(:grievance_questions))) AS grievance_answered,
       l.id IS NOT NULL AND EXISTS (
           SELECT 1 FROM findings f WHERE f.assessment_id = l.id
             AND (f.threshold_id IN (SELECT value FROM json_each(:grievance_findings))
                  OR f.question_id IN (SELECT value FROM json_each(:grievance_questions)))) AS grievance_finding
FROM suppliers s
LEFT JOIN assessments l ON l.id = (
    SELECT y.id FROM assessments y
    WHERE y.supplier_id = s.id AND y.status <> 'draft' AND {DAY_SQL.format(a='y')} <= :until
    ORDER BY {DAY_SQL.format(a='y')} DESC, y.id DESC LIMIT 1)
LEFT JOIN assessment_figures g ON g.assessment_id = l.id
WHERE s.status IN ('active', 'onboarding')
"""


def suppliers(store: Store, until: str, grievance_questions: list[str], grievance_findings: list[str]) -> list[dict]:
    """Every supplier in the register with its latest result on or before `until` (None fields when it has
    none): its rating, valid_until, day, kept figures, and grievance_answered / grievance_finding (0 or 1)."""
    params = {"until": until, "grievance_questions": json.dumps(grievance_questions),
              "grievance_findings": json.dumps(grievance_findings)}
    with store.read() as db:
        return list(db.query(SUPPLIERS_SQL, params))


def assessments_by_month(store: Store, since: str, until: str) -> list[tuple[str, str, int]]:
    """(tier, 'YYYY-MM', count) of the assessments whose day falls in the period (submitted, under review or
    closed: a draft is not done)."""
    day = DAY_SQL.format(a="a")
    sql = (f"SELECT a.tier, substr({day}, 1, 7), count(*) FROM assessments a "
           f"WHERE a.status <> 'draft' AND {day} BETWEEN ? AND ? GROUP BY 1, 2 ORDER BY 2, 1")
    with store.read() as db:
        return [tuple(r) for r in db.execute(sql, [since, until]).fetchall()]


def findings_raised(store: Store, since: str, until: str, young_questions: list[str],
                    young_findings: list[str]) -> dict:
    """Findings raised in the period: {"by_severity": {severity: n}, "young_workers": n} (findings on the young
    workers' topic: their threshold or fact among `young_findings`, or an auditor's on one of `young_questions`)."""
    sql = f"""SELECT f.severity, count(*),
        sum(f.threshold_id IN (SELECT value FROM json_each(:yf)) OR f.question_id IN (SELECT value FROM json_each(:yq)))
        FROM findings f JOIN assessments a ON a.id = f.assessment_id
        WHERE {RAISED_SQL} BETWEEN :since AND :until GROUP BY f.severity"""
    params = {"since": since, "until": until, "yq": json.dumps(young_questions), "yf": json.dumps(young_findings)}
    with store.read() as db:
        rows = db.execute(sql, params).fetchall()
    return {"by_severity": {severity: n for severity, n, _ in rows}, "young_workers": sum(y or 0 for *_, y in rows)}


def findings_by_status(store: Store, as_of: str, *, today: bool) -> list[tuple[str, str, int]]:
    """(severity, action status, count) of the findings raised on or before `as_of`, by the status of their
    corrective action that day (`today`: as_of is today)."""
    sql = f"{_actions_on(today)} SELECT c.severity, c.status, count(*) FROM c GROUP BY 1, 2"
    with store.read() as db:
        return [tuple(r) for r in db.execute(sql, {"as_of": as_of}).fetchall()]


def outstanding(store: Store, as_of: str, bands: tuple[tuple[str, int, int | None], ...], *,
                today: bool) -> dict:
    """The actions open or under way on `as_of` (`today`: as_of is today): {"ages": [(severity, band label,
    count)] by whole days from raised to as_of, `bands` being (label, first day, last day or None);
    "overdue": [(owed: plan | closure | due, severity, count)] of those past the date they owe (OWED_*_SQL)}."""
    cases = " ".join(f"WHEN c.age >= {int(lo)}" + (f" AND c.age <= {int(hi)}" if hi is not None else "")
                     + f" THEN '{label}'" for label, lo, hi in bands)
    sql = f"""{_actions_on(today)} SELECT c.severity, CASE {cases} END,
            CASE WHEN c.id IS NOT NULL AND ({OWED_DATE_SQL}) < :as_of THEN {OWED_KIND_SQL} END, count(*)
        FROM c WHERE c.status IN ('open', 'in_progress') GROUP BY 1, 2, 3"""
    with store.read() as db:
        rows = db.execute(sql, {"as_of": as_of}).fetchall()
    ages: dict[tuple[str, str], int] = {}
    overdue: dict[tuple[str, str], int] = {}
    for severity, band, owed, n in rows:
        ages[severity, band] = ages.get((severity, band), 0) + n
        if owed is not None:
            overdue[owed, severity] = overdue.get((owed, severity), 0) + n
    return {"ages": [(*k, n) for k, n in ages.items()], "overdue": [(*k, n) for k, n in overdue.items()]}


def closed_actions(store: Store, since: str, until: str) -> dict:
    """Actions closed in the period: {"closed": n (done or verified, marked done or verified in the period),
    "verified": n (verified in the period), "days": [whole days from the finding raised to the action marked
    done (verified, when no done day is kept), per action marked done in the period, ascending]}."""
    done = "substr(coalesce(c.done_at, c.verified_at), 1, 10)"
    sql = f"""SELECT
        ({done} BETWEEN :since AND :until) AS closed_now,
        (c.status = 'verified' AND substr(c.verified_at, 1, 10) BETWEEN :since AND :until) AS verified_now,
        CAST(julianday({done}) - julianday({RAISED_SQL}) AS INTEGER) AS days
        FROM findings f JOIN assessments a ON a.id = f.assessment_id JOIN corrective_actions c ON c.finding_id = f.id
        WHERE c.status IN ('done', 'verified') AND (
            {done} BETWEEN :since AND :until OR substr(c.verified_at, 1, 10) BETWEEN :since AND :until)"""
    with store.read() as db:
        rows = db.execute(sql, {"since": since, "until": until}).fetchall()
    return {"closed": len(rows), "verified": sum(1 for r in rows if r[1]),
            "days": sorted(max(r[2], 0) for r in rows if r[0])}
