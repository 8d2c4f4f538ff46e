"""The portfolio figures a modern slavery statement asks for, as plain data: every KPI of portfolio_kpis.KPIS,
for the period and the previous period of the same length, and the breakdown tables the portfolio report
renders (PDF or xlsx). Counted in SQL over small per-assessment figures kept when a result is saved, so a
portfolio of 100,000 assessments is never re-scored.

`portfolio_figures(ctx, since=None, until=None)` returns (dates are ISO strings "YYYY-MM-DD"):

    {
      "since": "2026-01-01",            # first day of the period (inclusive); default: a year before `until`
      "until": "2026-12-31",            # last day (inclusive); default: ctx.today()
      "as_of": "2026-12-31",            # the day standing figures describe (= until)
      "previous": {"since": "2025-01-01", "until": "2025-12-31"},   # same length, ending the day before since
      "kpis": {"suppliers_total": 12, "suppliers_assessed_pct": 66.7, "days_to_close_median": 21.0, ...},
      "previous_kpis": {"assessments_completed": 8, ...},   # only the KPIs with period=True
      "tables": {...},                  # below
      "questionnaire_versions": [{"questionnaire": "fldd-desktop", "version": "1.0.0"}, ...],
                                        # the versions of the assessments counted (both periods, latest results)
      "definitions": {"latest_result": "...", "fees_found": "...", ...},   # plain sentences for the method page
                                        # (keys: DEFINITIONS below)
    }

KPI values: kind "count" -> int; "percent" -> float rounded to 1 decimal, None when the denominator is 0;
"days" -> float (a median may be a half day), None when nothing was counted. Every id of KPIS is present.

Tables (lists of dicts in display order; every count an int; "rating" keys are RATING_KEYS below):

    "by_country": [{"country": "VN", "name": "Viet Nam", "suppliers": 5, "assessed": 4, "high_or_severe": 2,
                    "inherent_level": "high"}]          # most suppliers first; inherent level of the country's
                                                        # suppliers at their worst; "assessed" = valid result
    "by_goods": [{"goods": "Garments", "suppliers": 4, "assessed": 3, "high_or_severe": 1}]
                    # a supplier making several goods counts under each; no goods recorded -> "(none)"
    "by_chain_tier": [{"chain_tier": 1, "suppliers": 9, "assessed": 7, "high_or_severe": 2}]   # 1 = direct
    "by_rating": [{"rating": "low", "suppliers": 3}, {"rating": "medium", ...}, {"rating": "high", ...},
                  {"rating": "severe", ...}, {"rating": "not_assessed", "suppliers": 2}]
                    # rating of the latest result (expired or not); all five rows always present
    "by_inherent": [{"level": "high", "suppliers": 4}, {"level": "medium", ...}, {"level": "low", ...},
                    {"level": "unknown", "suppliers": 0}]   # all four rows always present
    "heat_map": {
        "countries": ["VN", "TH", "other"],   # top HEAT_TOP countries by suppliers, then "other" if any left
        "goods": ["Garments", "Seafood", "other"],
        "cells": [{"country": "VN", "country_name": "Viet Nam", "goods": "Garments", "suppliers": 3,
                   "high_or_severe": 2, "high_or_severe_pct": 66.7,   # latest result rated high or severe
                   "worst_rating": "high",        # worst latest rating among them, None when none assessed
                                                  # (in a large portfolio nearly every cell has a severe one:
                                                  # the share above tells the cells apart)
                   "inherent_level": "high",      # highest inherent level among them, None when unknown
                   "ratings": {"low": 1, "medium": 0, "high": 2, "severe": 0, "not_assessed": 0}}]
                   # only cells with suppliers > 0; "other" stands for the rest summed (name "Other")
    }
    "assessments_by_tier": [{"tier": "desktop", "completed": 6, "previous": 4},
                            {"tier": "onsite", "completed": 2, "previous": 1}]
    "assessments_by_month": [{"month": "2026-01", "desktop": 1, "onsite": 0}]   # every month the period touches
    "reassessment": [{"state": "overdue", "suppliers": 1}, {"state": "due_90_days", ...},
                     {"state": "valid", ...}, {"state": "never_assessed", ...}]   # by the latest result
    "findings_by_severity_status": [{"severity": "priority", "open": 1, "in_progress": 0, "done": 1,
                                     "verified": 0, "total": 2}, ... "major", "minor"]
                    # findings raised on or before as_of, by the status of their corrective action on as_of
                    # (from its history); all three rows always present
    "open_findings_by_age": [{"band": "0-30", "priority": 1, "major": 0, "minor": 2, "total": 3},
                             ... "31-90", "91-180", "over 180"]   # open or under way, days since raised
    "actions_overdue": [{"owed": "plan", "priority": 1, "major": 0, "minor": 0, "total": 1},
                        {"owed": "closure", ...}, {"owed": "due", ...}]
                    # open or under-way actions past what they owe on as_of (as usecases.findings.owed): the
                    # plan, the closure, or "due" for actions recorded with one date; all three rows always present
    "fees": [{"what": "found", "suppliers": 2}, {"what": "repaid", "suppliers": 1},
             {"what": "found_not_repaid", "suppliers": 1}]   # by the latest result, see definitions
    "grievance": [{"what": "assessed", "suppliers": 5}, {"what": "without_finding", "suppliers": 3},
                  {"what": "with_finding", "suppliers": 2}]
    "by_next_step": [{"step": "relationship", "suppliers": 0}, {"step": "enhanced", ...}, {"step": "onsite", ...},
                     {"step": "desktop", ...}, {"step": "none", ...}]
                    # the suppliers counted above by the next step the queue recommends TODAY (queue.STEPS order,
                    # every step present): a report of an earlier period still shows today's recommendations
    "risk_data": [{"table": "dol-goods", "title": "US DOL List of Goods Produced by Child Labor or Forced
                   Labor", "edition": "2024 edition (partial reconstruction), published 2024-09-05"},
                  {"table": "dol-countries", ...}, {"table": "tip-tiers", ...}, {"table": "entity-list", ...}]
                    # the editions in force for this database (usecases.risk_data), loaded ones with when and who
"""

from __future__ import annotations

import datetime as dt

from fldd.standard.conditions_parse import parse_date
from fldd.store import portfolio_findings, portfolio_report
from fldd.usecases import portfolio_tables as tables
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.portfolio_kpis import KPIS
from fldd.usecases.report_topics import topic_scope
from fldd.usecases.risk_data import risk_editions

HEAT_TOP = tables.HEAT_TOP
RATING_KEYS = tables.RATING_KEYS
INHERENT_KEYS = tables.INHERENT_KEYS
SEVERITIES = ("priority", "major", "minor")
ACTION_STATUSES = ("open", "in_progress", "done", "verified")
AGE_BANDS = (("0-30", 0, 30), ("31-90", 31, 90), ("91-180", 91, 180), ("over 180", 181, None))
OWED = ("plan", "closure", "due")
DUE_WITHIN_DAYS = 90

DEFINITIONS = {
    "period": "Period figures count what happened from the first to the last day of the period, both included; "
              "the previous period has the same number of days and ends the day before.",
    "register": "Suppliers in the register on the as-of day are those added on or before it (or with a result "
                "dated on or before it) and active or onboarding today: the register keeps no history of a "
                "supplier's status, country, goods or inherent risk, so those are today's.",
    "latest_result": "A supplier's latest result is its most recent submitted, under review or closed assessment "
                     "of either tier dated on or before the as-of day (the assessment date, else the day it was "
                     "submitted); its rating stands whether or not it has expired.",
    "valid_result": "A result is valid through its valid-until day and has expired the day after.",
    "findings_status": "Findings are counted by the status of their corrective action on the as-of day, from the "
                       "action's history: open, in progress (under way), done, verified; a finding counts from its "
                       "assessment date.",
    "actions_overdue": "An open or in-progress action is overdue when the date it owes has passed: its plan while "
                       "open, its closure once under way (or while open, once the closure date too has passed); "
                       "actions recorded with one date owe that date.",
    "fees_found": "Fees found: the latest result raised a finding on the fact 'workers paid recruitment fees or "
                  "related costs' (desktop declaration or on-site sources).",
    "fees_repaid": "Fees repaid: besides, the latest result shows the fees repaid to every affected worker in "
                   "full within 90 days with records of each repayment (the standard's own test).",
    "grievance": "Grievance mechanism rated: the latest result answered a question of the grievance module or a "
                 "question about the grievance mechanism; without finding: no finding raised on it by a rule "
                 "reading those questions, or by an auditor on one of them.",
    "next_step": "Suppliers by recommended next step: the step fldd's queue recommends for each supplier today "
                 "(from its inherent risk, latest result and its triggers, open findings and expiry, or a decision "
                 "a buyer recorded against the recommendation); it is today's recommendation whatever the period.",
    "young_workers": "Child or young-worker findings: findings of the young-workers module, or of a rule reading "
                     "a question about child labour or young workers, or an auditor's on such a question.",
}


def portfolio_figures(ctx: AppContext, *, since: str | dt.date | None = None,
                      until: str | dt.date | None = None) -> dict:
    """The portfolio figures for the period (the shape is in the module docstring); Rejected for a date that is
    not YYYY-MM-DD or a period that ends before it starts."""
    start, end = period(ctx.today(), since, until)
    previous_end = start - dt.timedelta(days=1)
    previous_start = previous_end - (end - start)
    as_of = end.isoformat()
    grievance = topic_scope(ctx.standard, "grievance")
    young = topic_scope(ctx.standard, "young_workers")
    rows = tables.annotate(portfolio_report.suppliers(
        ctx.store, as_of, sorted(grievance.questions), sorted(grievance.findings)), as_of)
    periods = [(start.isoformat(), as_of), (previous_start.isoformat(), previous_end.isoformat())]
    found = _findings(ctx, as_of, periods, young, today=end >= ctx.today())
    current, previous = (_period(ctx, since_, until_, found["periods"][i]) for i, (since_, until_) in enumerate(periods))
    standing = _standing(rows, end, found)
    kpis = {**standing["kpis"], **current["kpis"]}
    by_country, by_goods = tables.by_country(rows), tables.by_goods(rows)
    return {
        "since": start.isoformat(), "until": as_of, "as_of": as_of,
        "previous": {"since": previous_start.isoformat(), "until": previous_end.isoformat()},
        "kpis": {k: kpis[k] for k in KPIS},
        "previous_kpis": {k: previous["kpis"][k] for k in KPIS if KPIS[k].period},
        "tables": {
            "by_country": by_country, "by_goods": by_goods,
            "by_chain_tier": tables.by_chain_tier(rows), "by_rating": tables.by_rating(rows),
            "by_inherent": tables.by_inherent(rows),
            "heat_map": tables.heat_map(rows, countries=by_country, goods=by_goods),
            "assessments_by_tier": [{"tier": t, "completed": current["tiers"][t], "previous": previous["tiers"][t]}
                                    for t in ("desktop", "onsite")],
            "assessments_by_month": _months(start, end, current["months"]),
            **standing["tables"],
            "by_next_step": next_steps(ctx, rows),
            "risk_data": risk_data_rows(ctx),
        },
        "questionnaire_versions": _versions(current["versions"] | previous["versions"], rows),
        "definitions": dict(DEFINITIONS),
    }


def next_steps(ctx: AppContext, rows: list[dict]) -> list[dict]:
    """The suppliers the report counts, by the next step the queue recommends for them today."""
    from fldd.usecases.queue import STEPS, queue_rows

    counted = {r["id"] for r in rows}
    by_step = dict.fromkeys(STEPS, 0)
    for row in queue_rows(ctx):
        if row["supplier_id"] in counted and row["step"] in by_step:
            by_step[row["step"]] += 1
    return [{"step": step, "suppliers": n} for step, n in by_step.items()]


def risk_data_rows(ctx: AppContext) -> list[dict]:
    """The editions in force, as the report's table of public risk data and its cover name them."""
    rows = []
    for e in risk_editions(ctx):
        edition = e.shown() + (f", published {e.published}" if e.published else "")
        if e.loaded_at:
            edition += f", loaded {e.loaded_at[:10]} by {e.loaded_by}"
        rows.append({"table": e.kind.replace("_", "-"), "title": e.name, "edition": edition})
    return rows


def _versions(counted: set[tuple[str, str]], rows: list[dict]) -> list[dict]:
    """The questionnaire versions of the assessments counted (both periods and the latest results), oldest
    version first: a portfolio kept over the years mixes them, and the cover must say so."""
    found = counted | {(r["questionnaire_id"], r["questionnaire_version"]) for r in rows if r["assessment_id"]}
    return [{"questionnaire": q, "version": v} for q, v in sorted(found, key=lambda t: (t[0], _version_key(t[1])))]


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


EARLIEST = dt.date(1900, 1, 1)  # before any supplier register; keeps the previous period's dates computable


def period(today: dt.date, since: str | dt.date | None, until: str | dt.date | None) -> tuple[dt.date, dt.date]:
    """The period's first and last day (defaults: the twelve months ending today); Rejected, naming the option,
    for a day that is not YYYY-MM-DD, before EARLIEST, after today, or a period that ends before it starts.
    The one check behind the command line, the app's dialog and the figures."""
    problems, days = [], {}
    for option, value in (("--since", since), ("--until", until)):
        if value is None:
            continue
        day = value if isinstance(value, dt.date) else parse_date(str(value).strip())
        if day is None:
            problems.append(f"{option} {value!r}: not a date; give the day as YYYY-MM-DD (e.g. 2026-01-31)")
        elif day < EARLIEST:
            problems.append(f"{option} {day.isoformat()}: give a day from {EARLIEST.isoformat()} on")
        elif day > today:
            problems.append(f"{option} {day.isoformat()}: a report cannot describe days that have not happened; "
                            f"{option} must be today or earlier (today is {today.isoformat()})")
        else:
            days[option] = day
    if problems:
        raise Rejected(problems)
    end = days.get("--until", today)
    start = days.get("--since") or _year_before(end)
    if start > end:
        raise Rejected([f"--since {start.isoformat()} is after --until {end.isoformat()}: the period would be "
                        f"empty"])
    return start, end


def _year_before(end: dt.date) -> dt.date:
    """The first day of the twelve months ending on `end` (2026-12-31 -> 2026-01-01)."""
    try:
        return end.replace(year=end.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return end.replace(year=end.year - 1, day=28) + dt.timedelta(days=1)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _findings(ctx: AppContext, as_of: str, periods: list[tuple[str, str]], young, *, today: bool) -> dict:
    """The findings and actions counted in one pass (store.portfolio_findings), sorted into the standing tables
    and, per period, the findings raised (and on young workers), actions closed and verified, days to close."""
    status = {s: {a: 0 for a in ACTION_STATUSES} for s in SEVERITIES}
    ages = {band: {s: 0 for s in SEVERITIES} for band, _, _ in AGE_BANDS}
    owed = {kind: {s: 0 for s in SEVERITIES} for kind in OWED}
    per = [{"raised": dict.fromkeys(SEVERITIES, 0), "young": 0, "closed": 0, "verified": 0, "days": {}}
           for _ in periods]
    for row in portfolio_findings.findings_figures(ctx.store, as_of, periods, AGE_BANDS, sorted(young.questions),
                                                   sorted(young.findings), today=today):
        n, severity = row["n"], row["severity"]
        if row["part"] == "all":
            status[severity][row["status"]] += n
            continue
        if row["band"] is not None:
            ages[row["band"]][severity] += n
        if row["owed"] is not None:
            owed[row["owed"]][severity] += n
        if row["raised_in"] is not None:
            per[row["raised_in"]]["raised"][severity] += n
            per[row["raised_in"]]["young"] += n if row["topic"] else 0
        if row["done_in"] is not None:
            per[row["done_in"]]["days"][row["days"]] = per[row["done_in"]]["days"].get(row["days"], 0) + n
        closed_in = {row["done_in"], row["verified_in"]} - {None}
        for i in closed_in:
            per[i]["closed"] += n
        if row["verified_in"] is not None:
            per[row["verified_in"]]["verified"] += n
    return {"status": status, "ages": ages, "owed": owed, "periods": per}


def _median(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}; None for none."""
    total = sum(histogram.values())
    if not total:
        return None

    def nth(k: int) -> int:  # the k-th smallest value, from 0
        seen = 0
        for value in sorted(histogram):
            seen += histogram[value]
            if k < seen:
                return value
        raise AssertionError("k is below the total")

    return (nth((total - 1) // 2) + nth(total // 2)) / 2


def _period(ctx: AppContext, since: str, until: str, found: dict) -> dict:
    """The period KPIs: assessments per tier and per month (counted in the store), and the findings' figures."""
    months: dict[str, dict[str, int]] = {}
    tiers = {"desktop": 0, "onsite": 0}
    versions: set[tuple[str, str]] = set()
    for tier, month, questionnaire, version, n in portfolio_report.assessments_by_month(ctx.store, since, until):
        counts = months.setdefault(month, {"desktop": 0, "onsite": 0})
        counts[tier] += n
        tiers[tier] += n
        versions.add((questionnaire, version))
    raised = found["raised"]
    kpis = {
        "assessments_completed": tiers["desktop"] + tiers["onsite"], "assessments_desktop": tiers["desktop"],
        "assessments_onsite": tiers["onsite"], "findings_priority": raised["priority"],
        "findings_major": raised["major"], "findings_minor": raised["minor"],
        "actions_closed": found["closed"], "actions_verified": found["verified"],
        "days_to_close_median": _median(found["days"]), "young_worker_findings": found["young"],
    }
    return {"kpis": kpis, "tiers": tiers, "months": months, "versions": versions}


def _months(start: dt.date, end: dt.date, counts: dict[str, dict[str, int]]) -> list[dict]:
    """Every month the period touches, with its counts (zeros included)."""
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        key = f"{year:04d}-{month:02d}"
        out.append({"month": key, **counts.get(key, {"desktop": 0, "onsite": 0})})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _standing(rows: list[dict], end: dt.date, found: dict) -> dict:
    """The standing KPIs and tables on the as-of day."""
    as_of = end.isoformat()
    horizon = (end + dt.timedelta(days=DUE_WITHIN_DAYS)).isoformat()
    latest = [r for r in rows if r["assessment_id"] is not None]
    overdue_results = sum(1 for r in latest if r["valid_until"] and r["valid_until"] < as_of)
    due_results = sum(1 for r in latest if r["valid_until"] and as_of <= r["valid_until"] <= horizon)
    assessed = sum(r["valid"] for r in rows)
    grievance_rated = [r for r in latest if r["grievance_answered"]]
    fees_found = sum(1 for r in latest if r["fees_found"])
    fees_repaid = sum(1 for r in latest if r["fees_repaid"])

    status, ages, owed = found["status"], found["ages"], found["owed"]

    kpis = {
        "suppliers_total": len(rows), "countries_total": len({r["country"] for r in rows}),
        "suppliers_high_inherent": sum(1 for r in rows if r["inherent_level"] == "high"),
        "suppliers_assessed": assessed, "suppliers_assessed_pct": _pct(assessed, len(rows)),
        "suppliers_high_or_severe": sum(r["high_or_severe"] for r in rows),
        "suppliers_red_flags": sum(1 for r in latest if r["red_flags"]),
        "suppliers_never_assessed": len(rows) - len(latest),
        "reassessments_due": due_results, "reassessments_overdue": overdue_results,
        "findings_open": sum(status[s]["open"] + status[s]["in_progress"] for s in SEVERITIES),
        "actions_overdue": sum(sum(by.values()) for by in owed.values()),
        "fees_found_suppliers": fees_found, "fees_repaid_suppliers": fees_repaid,
        "grievance_assessed": len(grievance_rated),
        "grievance_effective": sum(1 for r in grievance_rated if not r["grievance_finding"]),
    }
    return {"kpis": kpis, "tables": {
        "reassessment": [{"state": "overdue", "suppliers": overdue_results},
                         {"state": f"due_{DUE_WITHIN_DAYS}_days", "suppliers": due_results},
                         {"state": "valid", "suppliers": assessed - due_results},
                         {"state": "never_assessed", "suppliers": len(rows) - len(latest)}],
        "findings_by_severity_status": [{"severity": s, **status[s], "total": sum(status[s].values())}
                                        for s in SEVERITIES],
        "open_findings_by_age": [{"band": band, **ages[band], "total": sum(ages[band].values())}
                                 for band, _, _ in AGE_BANDS],
        "actions_overdue": [{"owed": kind, **owed[kind], "total": sum(owed[kind].values())} for kind in OWED],
        "fees": [{"what": "found", "suppliers": fees_found}, {"what": "repaid", "suppliers": fees_repaid},
                 {"what": "found_not_repaid", "suppliers": fees_found - fees_repaid}],
        "grievance": [{"what": "assessed", "suppliers": kpis["grievance_assessed"]},
                      {"what": "without_finding", "suppliers": kpis["grievance_effective"]},
                      {"what": "with_finding", "suppliers": kpis["grievance_assessed"] - kpis["grievance_effective"]}],
    }}
