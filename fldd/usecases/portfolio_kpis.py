"""The catalogue of portfolio figures (KPIs): the ids the portfolio report computes and the reporting-law map
names, each with what it counts. One catalogue, so the law map can be checked against what is computed.

Period figures count what happened between `since` and `until` (inclusive); standing figures describe the
portfolio on `until` (the report's as-of day). "Latest result" is a supplier's most recent submitted, under
review or closed assessment of either tier on or before `until`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    id: str
    label: str  # short, for a table row
    counts: str  # what exactly is counted, for the method section and the law map
    kind: str = "count"  # count | days | percent
    period: bool = False  # True: counted over the period (and compared with the previous one)


KPIS: dict[str, Kpi] = {k.id: k for k in (
    Kpi("suppliers_total", "Suppliers in the register",
        "suppliers in the register on the as-of day (added on or before it, or with a result dated on or "
        "before it) whose status is active or onboarding today: the register keeps no history of a "
        "supplier's status"),
    Kpi("countries_total", "Countries supplied from", "distinct countries of those suppliers"),
    Kpi("suppliers_high_inherent", "Suppliers at high inherent risk",
        "suppliers whose inherent risk (public risk data with each site's country, goods, recruitment corridors, "
        "raw-material origins and confirmed entity-list matches, as recorded today) is high"),
    Kpi("suppliers_assessed", "Suppliers with a valid result",
        "suppliers whose latest result has not expired on the as-of day"),
    Kpi("suppliers_assessed_pct", "Share of suppliers with a valid result",
        "suppliers with a valid result as a percentage of suppliers in the register", kind="percent"),
    Kpi("suppliers_high_or_severe", "Suppliers rated high or severe",
        "suppliers whose latest result is rated high or severe"),
    Kpi("suppliers_red_flags", "Suppliers with a red flag", "suppliers whose latest result has a red flag"),
    Kpi("suppliers_never_assessed", "Suppliers never assessed", "suppliers with no submitted assessment"),
    Kpi("assessments_completed", "Assessments completed",
        "assessments submitted in the period (both tiers)", period=True),
    Kpi("assessments_desktop", "Desktop self-assessments completed",
        "desktop self-assessments submitted in the period", period=True),
    Kpi("assessments_onsite", "On-site assessments completed",
        "on-site assessments submitted in the period", period=True),
    Kpi("reassessments_due", "Reassessments due within 90 days",
        "suppliers whose latest result expires within 90 days after the as-of day"),
    Kpi("reassessments_overdue", "Reassessments overdue",
        "suppliers whose latest result expired on or before the as-of day"),
    Kpi("findings_priority", "Priority findings raised", "Priority findings raised in the period", period=True),
    Kpi("findings_major", "Major findings raised", "Major findings raised in the period", period=True),
    Kpi("findings_minor", "Minor findings raised", "Minor findings raised in the period", period=True),
    Kpi("findings_open", "Findings open", "findings whose corrective action is not done or verified"),
    Kpi("actions_overdue", "Corrective actions overdue",
        "corrective actions past the date they owe on the as-of day (plan while open, closure once under way)"),
    Kpi("actions_closed", "Corrective actions closed",
        "corrective actions marked done or verified in the period", period=True),
    Kpi("actions_verified", "Corrective actions verified",
        "corrective actions verified in the period", period=True),
    Kpi("days_to_close_median", "Median days to close a finding",
        "median days from a finding being raised to its action being done, for actions closed in the period",
        kind="days", period=True),
    Kpi("fees_found_suppliers", "Suppliers where workers paid recruitment fees",
        "suppliers whose latest result found recruitment fees or related costs paid by workers"),
    Kpi("fees_repaid_suppliers", "Suppliers that repaid recruitment fees",
        "suppliers whose latest result shows those fees repaid to every affected worker in full within 90 days, "
        "with records of each repayment"),
    Kpi("grievance_assessed", "Grievance mechanisms assessed",
        "suppliers whose latest result answered the grievance module or, on site, the questions on the "
        "grievance mechanism"),
    Kpi("grievance_effective", "Grievance mechanisms without finding",
        "of those, suppliers with no finding on their grievance mechanism in that result"),
    Kpi("young_worker_findings", "Child or young-worker findings",
        "findings about child labour or young workers' conditions raised in the period", period=True),
)}
