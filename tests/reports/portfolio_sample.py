"""Portfolio figures in the documented shape of usecases/portfolio_figures.py, with figures the tests can find
again in the report (each count unusual enough not to appear by chance) and hostile strings where a user's data
reaches the page."""

from __future__ import annotations

from fldd.usecases.portfolio_figures import INHERENT_KEYS, RATING_KEYS
from fldd.usecases.portfolio_kpis import KPIS

HOSTILE_GOODS = '=HYPERLINK("http://x")'
THAI_GOODS = "กุ้งแช่แข็ง"


def sample_figures(since: str = "2026-01-01", until: str = "2026-11-23") -> dict:
    """Figures for a portfolio of 137 suppliers; current and previous KPIs differ so the change shows."""
    kpis = {kid: 0 for kid in KPIS}
    kpis.update(suppliers_total=137, countries_total=11, suppliers_high_inherent=41, suppliers_assessed=88,
                suppliers_assessed_pct=64.2, suppliers_high_or_severe=23, suppliers_red_flags=9,
                suppliers_never_assessed=31, assessments_completed=73, assessments_desktop=58, assessments_onsite=15,
                reassessments_due=12, reassessments_overdue=6, findings_priority=4, findings_major=19,
                findings_minor=47, findings_open=38, actions_overdue=7, actions_closed=52, actions_verified=29,
                days_to_close_median=36.5, fees_found_suppliers=8, fees_repaid_suppliers=5, grievance_assessed=61,
                grievance_effective=44, young_worker_findings=3)
    previous = {kid: 0 for kid, k in KPIS.items() if k.period}
    previous.update(assessments_completed=61, assessments_desktop=50, assessments_onsite=11, findings_priority=6,
                    findings_major=17, findings_minor=40, actions_closed=45, actions_verified=21,
                    days_to_close_median=None, young_worker_findings=1)
    heat_countries = ["VN", "TH", "BD", "other"]
    heat_goods = ["Garments", THAI_GOODS, HOSTILE_GOODS, "other"]
    cells = [
        {"country": "VN", "country_name": "Viet Nam", "goods": "Garments", "suppliers": 17, "worst_rating": "severe",
         "inherent_level": "high", "ratings": {"low": 5, "medium": 6, "high": 5, "severe": 1, "not_assessed": 0}},
        {"country": "TH", "country_name": "Thailand", "goods": THAI_GOODS, "suppliers": 13, "worst_rating": "high",
         "inherent_level": "high", "ratings": {"low": 4, "medium": 5, "high": 4, "severe": 0, "not_assessed": 0}},
        {"country": "BD", "country_name": "Bangladesh", "goods": "Garments", "suppliers": 21,
         "worst_rating": "medium", "inherent_level": "medium",
         "ratings": {"low": 9, "medium": 12, "high": 0, "severe": 0, "not_assessed": 0}},
        {"country": "BD", "country_name": "Bangladesh", "goods": HOSTILE_GOODS, "suppliers": 2,
         "worst_rating": None, "inherent_level": None,
         "ratings": {"low": 0, "medium": 0, "high": 0, "severe": 0, "not_assessed": 2}},
        {"country": "other", "country_name": "Other", "goods": "other", "suppliers": 29, "worst_rating": "low",
         "inherent_level": "low", "ratings": {"low": 29, "medium": 0, "high": 0, "severe": 0, "not_assessed": 0}},
    ]
    for c in cells:  # as portfolio_tables.heat_map counts them
        c["high_or_severe"] = c["ratings"]["high"] + c["ratings"]["severe"]
        c["high_or_severe_pct"] = round(100 * c["high_or_severe"] / c["suppliers"], 1)
    tables = {
        "by_country": [
            {"country": "VN", "name": "Viet Nam", "suppliers": 34, "assessed": 25, "high_or_severe": 8,
             "inherent_level": "high"},
            {"country": "TH", "name": "Thailand", "suppliers": 27, "assessed": 19, "high_or_severe": 6,
             "inherent_level": "high"},
            {"country": "BD", "name": HOSTILE_GOODS, "suppliers": 23, "assessed": 14, "high_or_severe": 2,
             "inherent_level": None},
        ],
        "by_goods": [{"goods": "Garments", "suppliers": 55, "assessed": 40, "high_or_severe": 9},
                     {"goods": THAI_GOODS, "suppliers": 13, "assessed": 10, "high_or_severe": 4},
                     {"goods": HOSTILE_GOODS, "suppliers": 2, "assessed": 0, "high_or_severe": 0}],
        "by_chain_tier": [{"chain_tier": 1, "suppliers": 101, "assessed": 70, "high_or_severe": 15},
                          {"chain_tier": 2, "suppliers": 36, "assessed": 18, "high_or_severe": 8}],
        "by_rating": [{"rating": r, "suppliers": n} for r, n in zip(RATING_KEYS, (45, 38, 18, 5, 31))],
        "by_inherent": [{"level": r, "suppliers": n} for r, n in zip(INHERENT_KEYS, (41, 52, 40, 4))],
        "heat_map": {"countries": heat_countries, "goods": heat_goods, "cells": cells},
        "assessments_by_tier": [{"tier": "desktop", "completed": 58, "previous": 50},
                                {"tier": "onsite", "completed": 15, "previous": 11}],
        "assessments_by_month": [{"month": f"2026-{m:02d}", "desktop": m % 7, "onsite": m % 3} for m in range(1, 12)],
        "reassessment": [{"state": "overdue", "suppliers": 6}, {"state": "due_90_days", "suppliers": 12},
                         {"state": "valid", "suppliers": 88}, {"state": "never_assessed", "suppliers": 31}],
        "findings_by_severity_status": [
            {"severity": "priority", "open": 2, "in_progress": 1, "done": 1, "verified": 0, "total": 4},
            {"severity": "major", "open": 9, "in_progress": 4, "done": 3, "verified": 3, "total": 19},
            {"severity": "minor", "open": 14, "in_progress": 8, "done": 15, "verified": 10, "total": 47}],
        "open_findings_by_age": [
            {"band": "0-30", "priority": 1, "major": 3, "minor": 5, "total": 9},
            {"band": "31-90", "priority": 1, "major": 5, "minor": 7, "total": 13},
            {"band": "91-180", "priority": 1, "major": 3, "minor": 6, "total": 10},
            {"band": "over 180", "priority": 0, "major": 2, "minor": 4, "total": 6}],
        "actions_overdue": [{"owed": "plan", "priority": 1, "major": 1, "minor": 0, "total": 2},
                            {"owed": "closure", "priority": 0, "major": 2, "minor": 3, "total": 5}],
        "fees": [{"what": "found", "suppliers": 8}, {"what": "repaid", "suppliers": 5},
                 {"what": "found_not_repaid", "suppliers": 3}],
        "grievance": [{"what": "assessed", "suppliers": 61}, {"what": "without_finding", "suppliers": 44},
                      {"what": "with_finding", "suppliers": 17}],
        "by_next_step": [{"step": s, "suppliers": n} for s, n in zip(
            ("relationship", "enhanced", "onsite", "desktop", "none"), (2, 3, 17, 44, 71))],
        "risk_data": [{"table": "dol-goods", "title": "US DOL List of Goods Produced by Child Labor or Forced Labor",
                       "edition": 2024}],
    }
    return {"since": since, "until": until, "as_of": until,
            "previous": {"since": "2025-02-08", "until": "2025-12-31"},
            "kpis": kpis, "previous_kpis": previous, "tables": tables,
            "definitions": {"latest_result": "A supplier's most recent submitted, under review or closed assessment.",
                            "fees_found": "The latest result found recruitment fees or related costs paid by workers."}}
