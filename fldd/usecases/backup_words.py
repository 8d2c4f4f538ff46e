"""A backup's facts in plain words, the same in the app and on the command line: when it was made, what it holds,
how big it is."""

from __future__ import annotations

import datetime as dt

NOUNS = {"suppliers": ("supplier", "suppliers"), "assessments": ("assessment", "assessments"),
         "findings": ("finding", "findings"), "evidence_files": ("evidence file", "evidence files")}


def when(made_at: str) -> str:
    """'23 November 2026 at 14:02' (the time where the backup was made); 'an unknown date' for anything that is
    not a date (never the text itself: it comes from the file)."""
    try:
        moment = dt.datetime.fromisoformat(made_at)
    except (TypeError, ValueError):
        return "an unknown date"
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"


def holds(counts: dict[str, int]) -> str:
    """'40 suppliers, 52 assessments, 60 findings and 1 evidence file'."""
    parts = [f"{counts.get(key, 0):,} {one if counts.get(key, 0) == 1 else many}" for key, (one, many) in NOUNS.items()]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def size(size_bytes: int) -> str:
    """'3.2 MB', '850 KB'."""
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size_bytes / 1024))} KB"


def made_by(app_version: str) -> str:
    """'fldd 0.1.0', or words for a plain database copy that says nothing of its maker."""
    return f"fldd {app_version}" if app_version and app_version != "unknown" else "an earlier fldd"
