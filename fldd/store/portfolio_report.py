"""Read-only queries behind the portfolio report: one row per supplier with its latest result on a day, and the
assessments done per month (the findings and actions: portfolio_findings). Dates are ISO days; periods include
both ends."""

from __future__ import annotations

import json

from fldd.store.connection import Store

# An assessment's day: the assessment date set at submission (or by the import), else the day it was submitted.
DAY_SQL = "coalesce({a}.assessed_on, substr({a}.submitted_at, 1, 10))"
# Suppliers in the register on :until (created on or before it, or with a result dated on or before it: an
# imported workbook may predate the supplier's row; the status is today's, a supplier's status keeps no history)
# with the latest result on or before :until: the most recent
# submitted, under review or closed assessment by its day, of either tier. Its kept figures (migration 0011),
# and whether it answered a question of, or raised a finding on, the grievance topic (ids given as JSON arrays).
SUPPLIERS_SQL = f"""
SELECT s.id, s.country, s.goods, s.chain_tier, s.inherent_level,
       l.id AS assessment_id, l.tier, l.rating, l.questionnaire_id, l.questionnaire_version, l.valid_until, {DAY_SQL.format(a='l')} AS day,
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
  AND (substr(s.created_at, 1, 10) <= :until OR l.id IS NOT NULL)
"""


def suppliers(store: Store, until: str, grievance_questions: list[str], grievance_findings: list[str]) -> list[dict]:
    """Every supplier in the register with its latest result on or before `until` (None fields when it has
    none): its rating, valid_until, day, kept figures, and grievance_answered / grievance_finding (0 or 1)."""
    params = {"until": until, "grievance_questions": json.dumps(grievance_questions),
              "grievance_findings": json.dumps(grievance_findings)}
    with store.read() as db:
        return list(db.query(SUPPLIERS_SQL, params))


def assessments_by_month(store: Store, since: str, until: str) -> list[tuple[str, str, str, str, int]]:
    """(tier, 'YYYY-MM', questionnaire id, version, count) of the assessments whose day falls in the period
    (submitted, under review or closed: a draft is not done)."""
    day = DAY_SQL.format(a="a")
    sql = (f"SELECT a.tier, substr({day}, 1, 7), a.questionnaire_id, a.questionnaire_version, count(*) "
           f"FROM assessments a WHERE a.status <> 'draft' AND {day} BETWEEN ? AND ? GROUP BY 1, 2, 3, 4 "
           f"ORDER BY 2, 1")
    with store.read() as db:
        return [tuple(r) for r in db.execute(sql, [since, until]).fetchall()]

