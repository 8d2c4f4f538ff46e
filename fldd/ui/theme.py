"""Colours and words for ratings, risk levels, severities and statuses, so every page shows them alike.

Colours are chosen for contrast on white with dark text, and every colour is paired with a word:
nothing is told by colour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from fldd.usecases.rating_words import RATING_WORDS  # noqa: F401 - worded in one place, used by every page

RATING_COLOURS = {"low": "#d8f0dc", "medium": "#fff1c2", "high": "#ffd8b0", "severe": "#f8c4c4"}
RISK_COLOURS = {0: "#d8f0dc", 1: "#e9f3c9", 2: "#fff1c2", 3: "#f8c4c4"}
RISK_WORDS = {None: "—", 0: "None found", 1: "Low", 2: "Medium", 3: "High"}
SEVERITY_COLOURS = {"priority": "#f8c4c4", "major": "#ffd8b0", "minor": "#fff1c2"}
SEVERITY_WORDS = {"priority": "Priority", "major": "Major", "minor": "Minor"}
STATUS_WORDS = {"draft": "Draft", "submitted": "Submitted", "under_review": "Under review", "closed": "Closed"}
ACTION_STATUS_WORDS = {"open": "Open", "in_progress": "In progress", "done": "Done", "verified": "Verified"}
ACTION_WORDS = {"escalate_onsite": "Escalate to on-site", "enhanced_dd": "Enhanced due diligence",
                "finding": "Finding"}
OVERDUE_COLOUR = "#b00020"


def colour(hex_code: str | None) -> QColor | None:
    """A QColor for a table's BackgroundRole, or None for no colour."""
    return QColor(hex_code) if hex_code else None


def badge_style(hex_code: str) -> str:
    """Style sheet for a small rounded label on a coloured ground."""
    return f"background: {hex_code}; color: #1a1a1a; border-radius: 4px; padding: 2px 8px;"
