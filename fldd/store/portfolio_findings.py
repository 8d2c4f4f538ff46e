"""The findings and corrective actions of the whole portfolio, counted in one pass for the portfolio report: by
severity and status on a day, open ones by age and by what they owe, raised, closed and verified per period,
days to close. One grouped query over covering indexes (migration 0011): 270,000 findings cost one scan, not
one per figure."""

from __future__ import annotations

import datetime as dt
import json

from fldd.store.connection import Store
from fldd.store.findings import DEADLINE_KIND_SQL, DEADLINE_SQL

# A finding counts from its assessment's day, or from the day it was recorded if that is earlier (as
# usecases.findings.raised_on).
RAISED_SQL = "CASE WHEN a.assessed_on < f.created_at THEN a.assessed_on ELSE substr(f.created_at, 1, 10) END"
# An action's status at the end of day :as_of: the present one when it has not changed since; else from its
# history, the last status step taken by then, else open. An action moved before histories were kept (migration
# 0007) has no step: its status counts from the day it was reached (verified_at, done_at, else its last change).
STATUS_AT_SQL = """CASE WHEN substr(c.updated_at, 1, 10) <= :as_of THEN c.status ELSE coalesce(
    (SELECT h.to_status FROM action_history h WHERE h.action_id = c.id AND h.kind = 'status'
       AND substr(h.changed_at, 1, 10) <= :as_of ORDER BY h.id DESC LIMIT 1),
    CASE WHEN EXISTS (SELECT 1 FROM action_history h WHERE h.action_id = c.id AND h.kind = 'status') THEN 'open'
         WHEN c.status = 'verified' AND substr(c.verified_at, 1, 10) <= :as_of THEN 'verified'
         WHEN c.status IN ('done', 'verified') AND substr(c.done_at, 1, 10) <= :as_of THEN 'done'
         ELSE 'open' END) END"""
# What an outstanding action owes on :as_of, as usecases.findings.owed: the store's deadline (plan while open,
# closure once under way), except that an open action whose closure date has passed owes the work itself.
_LATE = "c.status = 'open' AND c.closure_date IS NOT NULL AND c.closure_date < :as_of"
OWED_KIND_SQL = f"CASE WHEN {_LATE} THEN 'closure' ELSE {DEADLINE_KIND_SQL} END"
OWED_DATE_SQL = f"CASE WHEN {_LATE} THEN c.closure_date ELSE {DEADLINE_SQL} END"
OUTSTANDING = "c.status IN ('open', 'in_progress')"

KEYS = ("severity", "status", "band", "owed", "raised_in", "topic", "done_in", "verified_in", "days")
PARTS = ("all", "open_or_recent")


def _rows(today: bool) -> str:
    """One row per finding and action (a finding without one counts as open) raised on or before :as_of, with
    the action's status that day: the present one when `today`, else STATUS_AT_SQL. Materialized: each row is
    worked out once for the two parts that read it."""
    status = "coalesce(c.status, 'open')" if today else STATUS_AT_SQL
    return f"""WITH c AS MATERIALIZED (
    SELECT f.severity, {RAISED_SQL} AS raised, f.threshold_id, f.question_id, c.id, c.due_date, c.closure_date,
           {status} AS status, c.done_at, c.verified_at
    FROM assessments a JOIN findings f ON f.assessment_id = a.id LEFT JOIN corrective_actions c ON c.finding_id = f.id
    WHERE {RAISED_SQL} <= :as_of)"""


def _which(value: str, count: int, *, stamp: bool = False) -> str:
    """The index of the period `value` falls in (:s0/:u0, :s1/:u1, ...), else NULL; a stamp (YYYY-MM-DDTHH...)
    is compared with the day after each period's end (:n0, ...)."""
    parts = [f"WHEN {value} >= :s{i} AND {value} < :n{i} THEN {i}" if stamp else
             f"WHEN {value} BETWEEN :s{i} AND :u{i} THEN {i}" for i in range(count)]
    return f"CASE {' '.join(parts)} END" if parts else "NULL"


def findings_figures(store: Store, as_of: str, periods: list[tuple[str, str]],
                     bands: tuple[tuple[str, int, int | None], ...], topic_questions: list[str],
                     topic_findings: list[str], *, today: bool) -> list[dict]:
    """Counts (n) of findings (one per action) raised on or before `as_of`, in two parts. "all": every finding by
    severity and the status of its action on as_of (`today`: as_of is today). "open_or_recent": those open or
    under way, or raised, done or verified from the first period's start on, grouped by KEYS: severity, status;
    for open and under-way ones the age band (`bands`: label, first day, last day or None, in order) and, when
    past it, what they owe (plan | closure | due); the index of the period in `periods` they were raised in
    (raised_in), and whether they are on a topic (a threshold or fact among `topic_findings`, or an auditor's
    on one of `topic_questions`); the period they were marked done (done_in: its done day, or its verified day
    when none is kept) and verified (verified_in) in; the whole days from raised to done."""
    day = dt.date.fromisoformat(as_of)
    params: dict = {"as_of": as_of, "tq": json.dumps(topic_questions), "tf": json.dumps(topic_findings)}
    band = "NULL"  # from the oldest band (no last day) to the newest, each newer one checked first
    for i, (label, _, last) in reversed(list(enumerate(bands))):
        params[f"b{i}"] = label
        if last is None:
            band = f":b{i}"
        else:
            params[f"f{i}"] = (day - dt.timedelta(days=last)).isoformat()
            band = f"CASE WHEN c.raised >= :f{i} THEN :b{i} ELSE {band} END"
    for i, (since, until) in enumerate(periods):
        params.update({f"s{i}": since, f"u{i}": until,
                       f"n{i}": (dt.date.fromisoformat(until) + dt.timedelta(days=1)).isoformat()})
    params["first"] = min((since for since, _ in periods), default="9999")  # topic and days: only from here
    done = "coalesce(c.done_at, c.verified_at)"
    # Every finding counts by severity and status; only those open, or raised, done or verified from the first
    # period's start on, need the rest (worked out for them alone: most findings of a portfolio are old and shut).
    sql = f"""{_rows(today)}
    SELECT 'all', c.severity, c.status, NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*) FROM c GROUP BY 2, 3
    UNION ALL
    SELECT 'open_or_recent', c.severity, c.status,
        CASE WHEN {OUTSTANDING} THEN {band} END,
        CASE WHEN {OUTSTANDING} AND c.id IS NOT NULL AND ({OWED_DATE_SQL}) < :as_of THEN {OWED_KIND_SQL} END,
        {_which("c.raised", len(periods))},
        CASE WHEN c.raised >= :first THEN coalesce(c.threshold_id IN (SELECT value FROM json_each(:tf))
                 OR c.question_id IN (SELECT value FROM json_each(:tq)), 0) END,
        CASE WHEN c.status IN ('done', 'verified') THEN {_which(done, len(periods), stamp=True)} END,
        CASE WHEN c.status = 'verified' THEN {_which('c.verified_at', len(periods), stamp=True)} END,
        CASE WHEN c.status IN ('done', 'verified') AND {done} >= :first
            THEN max(CAST(julianday(substr({done}, 1, 10)) - julianday(c.raised) AS INTEGER), 0) END,
        count(*)
    FROM c WHERE {OUTSTANDING} OR c.raised >= :first OR {done} >= :first OR c.verified_at >= :first
    GROUP BY 2, 3, 4, 5, 6, 7, 8, 9, 10"""
    with store.read() as db:
        return [dict(zip(("part", *KEYS, "n"), row)) for row in db.execute(sql, params)]
