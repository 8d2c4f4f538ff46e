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
      "definitions": {"latest_result": "...", "fees_found": "...", ...},   # plain sentences for the method page
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
                   "worst_rating": "high",        # worst latest rating among them, None when none assessed
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
                    # findings of submitted/under review/closed assessments assessed on or before as_of, by
                    # the present status of their corrective action; all three rows always present
    "open_findings_by_age": [{"band": "0-30", "priority": 1, "major": 0, "minor": 2, "total": 3},
                             ... "31-90", "91-180", "over 180"]   # open or under way, days since raised
    "actions_overdue": [{"owed": "plan", "priority": 1, "major": 0, "minor": 0, "total": 1},
                        {"owed": "closure", ...}]   # what the action owes on as_of (findings.owed)
    "fees": [{"what": "found", "suppliers": 2}, {"what": "repaid", "suppliers": 1},
             {"what": "found_not_repaid", "suppliers": 1}]   # by the latest result, see definitions
    "grievance": [{"what": "assessed", "suppliers": 5}, {"what": "without_finding", "suppliers": 3},
                  {"what": "with_finding", "suppliers": 2}]
    "risk_data": [{"table": "dol-goods", "title": "US DOL List of Goods Produced by Child Labor or Forced
                   Labor", "edition": 2022}, {"table": "dol-countries", ...}, {"table": "tip-tiers", ...}]
"""

from __future__ import annotations

from fldd.usecases.context import AppContext
from fldd.usecases.portfolio_kpis import KPIS

HEAT_TOP = 8  # countries and goods shown in the heat map before the rest is summed as "other"
RATING_KEYS = ("low", "medium", "high", "severe", "not_assessed")
INHERENT_KEYS = ("high", "medium", "low", "unknown")
AGE_BANDS = (("0-30", 0, 30), ("31-90", 31, 90), ("91-180", 91, 180), ("over 180", 181, None))


def portfolio_figures(ctx: AppContext, *, since: str | None = None, until: str | None = None) -> dict:
    """The portfolio figures for the period (see the module docstring for the shape). Stub: the shape with
    zeros until the queries land."""
    until = until or ctx.today().isoformat()
    since = since or until
    zero = {k: (None if v.kind != "count" else 0) for k, v in KPIS.items()}
    return {
        "since": since, "until": until, "as_of": until, "previous": {"since": since, "until": until},
        "kpis": zero, "previous_kpis": {k: v for k, v in zero.items() if KPIS[k].period},
        "tables": {"by_country": [], "by_goods": [], "by_chain_tier": [],
                   "by_rating": [{"rating": r, "suppliers": 0} for r in RATING_KEYS],
                   "by_inherent": [{"level": r, "suppliers": 0} for r in INHERENT_KEYS],
                   "heat_map": {"countries": [], "goods": [], "cells": []},
                   "assessments_by_tier": [{"tier": t, "completed": 0, "previous": 0} for t in ("desktop", "onsite")],
                   "assessments_by_month": [], "reassessment": [], "findings_by_severity_status": [],
                   "open_findings_by_age": [], "actions_overdue": [], "fees": [], "grievance": [],
                   "risk_data": []},
        "definitions": {},
    }
