"""Timestamps as the store writes them: UTC, ISO 8601, to the second."""

from __future__ import annotations

import datetime as dt


def now() -> str:
    """The current UTC time, e.g. 2026-11-23T04:45:12Z."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
