"""The words the portfolio report puts on the keys of the figures' tables (PDF and xlsx say the same), and the
tables both formats show, in order, with their columns."""

from __future__ import annotations

WORDS = {
    # reassessment states
    "overdue": "Overdue", "due_90_days": "Due within 90 days", "valid": "Valid", "never_assessed": "Never assessed",
    # fees and grievance rows
    "found": "Workers paid recruitment fees", "repaid": "Fees repaid in full",
    "found_not_repaid": "Fees found, not repaid", "assessed": "Grievance mechanism assessed",
    "without_finding": "Assessed without a finding", "with_finding": "Assessed with a finding",
    # tiers, severities, what an action owes
    "desktop": "Desktop self-assessment", "onsite": "On-site assessment",
    "priority": "Priority", "major": "Major", "minor": "Minor",
    "plan": "Plan overdue", "closure": "Closure overdue", "due": "Single due date passed",
    # recommended next steps (the queue's words; on-site and desktop read as the tiers above)
    "relationship": "Decide on the relationship", "enhanced": "Enhanced due diligence", "none": "No action now",
    # inherent levels
    "high": "High", "medium": "Medium", "low": "Low", "unknown": "Unknown",
}


def word(key: object, rating_words: dict[str, str] | None = None) -> str:
    """The words for a table key (a rating by its rating words when given)."""
    if rating_words and key in rating_words:
        return rating_words[key]
    return WORDS.get(str(key), str(key))


def tier_word(tier: object) -> str:
    """Chain tier 1 is the direct supplier."""
    return "Tier 1 (direct)" if tier == 1 else f"Tier {tier}" if tier is not None else "Tier unknown"


# (table key, title, [(column key, header)], kind of the first column: "text" | "rating" | "word" | "tier")
TABLES = (
    ("by_country", "Suppliers by country",
     [("name", "Country"), ("country", "Code"), ("suppliers", "Suppliers"), ("assessed", "With valid result"),
      ("high_or_severe", "High or severe"), ("inherent_level", "Inherent risk")], "text"),
    ("by_goods", "Suppliers by goods",
     [("goods", "Goods"), ("suppliers", "Suppliers"), ("assessed", "With valid result"),
      ("high_or_severe", "High or severe")], "text"),
    ("by_chain_tier", "Suppliers by tier in the chain",
     [("chain_tier", "Tier"), ("suppliers", "Suppliers"), ("assessed", "With valid result"),
      ("high_or_severe", "High or severe")], "tier"),
    ("by_rating", "Suppliers by latest rating", [("rating", "Latest rating"), ("suppliers", "Suppliers")], "rating"),
    ("by_inherent", "Suppliers by inherent risk", [("level", "Inherent risk"), ("suppliers", "Suppliers")], "word"),
    ("by_next_step", "Suppliers by next step", [("step", "Recommended next step (today)"), ("suppliers", "Suppliers")],
     "word"),
    ("assessments_by_tier", "Assessments completed",
     [("tier", "Tier"), ("completed", "This period"), ("previous", "Previous period")], "word"),
    ("assessments_by_month", "Assessments completed by month",
     [("month", "Month"), ("desktop", "Desktop"), ("onsite", "On site")], "text"),
    ("reassessment", "Reassessments: done, due and overdue", [("state", "State"), ("suppliers", "Suppliers")],
     "word"),
    ("findings_by_severity_status", "Findings by severity and corrective-action status",
     [("severity", "Severity"), ("open", "Open"), ("in_progress", "In progress"), ("done", "Done"),
      ("verified", "Verified"), ("total", "Total")], "word"),
    ("open_findings_by_age", "Open findings by age (days since raised)",
     [("band", "Age (days)"), ("priority", "Priority"), ("major", "Major"), ("minor", "Minor"),
      ("total", "Total")], "text"),
    ("actions_overdue", "Corrective actions overdue",
     [("owed", "What is owed"), ("priority", "Priority"), ("major", "Major"), ("minor", "Minor"),
      ("total", "Total")], "word"),
    ("fees", "Recruitment fees found and repaid", [("what", "Suppliers where"), ("suppliers", "Suppliers")],
     "word"),
    ("grievance", "Grievance mechanisms", [("what", "Grievance mechanism"), ("suppliers", "Suppliers")], "word"),
    ("risk_data", "Public risk data used", [("title", "Source"), ("edition", "Edition")], "text"),
)


def cell(row: dict, key: str, first: bool, kind: str, rating_words: dict[str, str]) -> object:
    """The value of one cell as shown: the first column in words, the rest as they are."""
    value = row.get(key)
    if key == "inherent_level":
        return word(value) if value else "Unknown"
    if not first:
        return value
    if kind == "rating":
        return word(value, rating_words)
    if kind == "word":
        return word(value)
    if kind == "tier":
        return tier_word(value)
    return "" if value is None else value
