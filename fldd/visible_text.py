"""What a reader would see of a text typed as a reason or a note: a pasted zero-width space, a Hangul filler or a
blank braille cell is not a word on the record. One rule for every reason fldd asks for (corrections, sample
shortfalls, corrective-action steps), used by the store's checks and the use cases alike."""

from __future__ import annotations

import unicodedata

# Letters that draw nothing although Unicode files them as letters or symbols (Hangul fillers, blank braille).
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible_characters(text: str | None) -> int:
    """How many characters of text a reader would see (spaces, format and control characters and lone combining
    marks do not count)."""
    return sum(1 for ch in text or "" if ch not in _BLANK and unicodedata.category(ch)[0] not in "ZCM")
