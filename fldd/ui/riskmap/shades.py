"""The risk map's colours and the words paired with each (never colour alone), and the words for its filters."""

from __future__ import annotations

# Light enough for dark text; the three high bands darken with the share at high risk.
SHADE_COLOURS = {
    "empty": "#f1f1f1", "unknown": "#e4e4e4", "not_assessed": "#dde5ee",
    "low": "#d8f0dc", "medium": "#fff1c2",
    "high_few": "#ffd8b0", "high_some": "#f8b08a", "high_most": "#ef8a78",
}
SHADE_ORDER = ("low", "medium", "high_few", "high_some", "high_most", "not_assessed", "unknown", "empty")


def shade_words(measure: str) -> dict[str, str]:
    """What each colour says in this measure, for the legend (the sentence before it says what "high" counts)."""
    high = "high" if measure == "inherent" else "high+"
    worst = "level" if measure == "inherent" else "rating"
    return {
        "low": f"none {high}, worst {worst} low", "medium": f"none {high}, worst {worst} medium",
        "high_few": f"under a third {high}", "high_some": f"a third to two thirds {high}",
        "high_most": f"two thirds or more {high}", "not_assessed": "none assessed yet",
        "unknown": "level not known", "empty": "no suppliers",
    }


LEVEL_WORDS = {"high": "High", "medium": "Medium", "low": "Low", "unknown": "Not known"}
RATING_WORDS = {"severe": "Severe", "high": "High", "medium": "Medium", "low": "Low",
                "not_assessed": "Not assessed"}
STATUS_WORDS = {"active": "Active", "onboarding": "Onboarding", "suspended": "Suspended", "inactive": "Inactive"}
TIER_WORDS = {1: "Tier 1 (direct)", 2: "Tier 2", 3: "Tier 3 or further"}
