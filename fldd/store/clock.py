"""Timestamps as the store writes them: UTC, ISO 8601, to the second."""

from __future__ import annotations

import time

_last: tuple[int, str] = (-1, "")


def now() -> str:
    """The current UTC time, e.g. 2026-11-23T04:45:12Z (formatted once per second: a bulk import stamps a
    few dozen rows per file)."""
    global _last
    second = int(time.time())
    if second != _last[0]:
        _last = (second, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second)))
    return _last[1]
