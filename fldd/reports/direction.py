"""Right-to-left text put in the order it is drawn (the Unicode bidirectional algorithm, UAX #9).

reportlab draws every line left to right. A line holding Arabic or Hebrew must therefore be handed over in
visual order: right-to-left stretches reversed, numbers and Latin words inside them kept left to right,
brackets mirrored. python-bidi decides a paragraph's direction (rule P2-P3) and knows the mirrored pairs;
the levels are resolved here (rules W1-W7, N1-N2, I1-I2, L1-L2, without explicit embeddings) because
python-bidi only returns the reordered string and fldd needs the permutation, to keep each character in
its font run.
"""

from __future__ import annotations

import unicodedata
from bidi import get_base_level
from bidi.mirror import MIRRORED  # python-bidi's table of mirrored brackets (its get_display does not mirror)

_STRONG_R = {"R", "AL"}
_NEUTRAL = {"WS", "S", "B", "ON", "BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def has_rtl(text: str) -> bool:
    """Whether text holds a right-to-left letter (Arabic, Hebrew...)."""
    return any(unicodedata.bidirectional(char) in _STRONG_R for char in text)


def base_level(text: str) -> int:
    """0 when the paragraph runs left to right (its first strong letter is), 1 when right to left."""
    return get_base_level(text) if text else 0


def levels(text: str, base: int) -> list[int]:
    """The embedding level of every character of one line (even: left to right, odd: right to left)."""
    kinds = [unicodedata.bidirectional(char) or "L" for char in text]
    sos = "R" if base % 2 else "L"
    # W1: a mark takes the kind of what it sits on
    for i, kind in enumerate(kinds):
        if kind == "NSM":
            kinds[i] = kinds[i - 1] if i else sos
    # W2, W3: digits after Arabic letters are Arabic numbers; AL counts as R
    strong = sos
    for i, kind in enumerate(kinds):
        if kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":
            kinds[i] = "AN"
    kinds = ["R" if kind == "AL" else kind for kind in kinds]
    # W4: one separator between two numbers of the same kind joins them
    for i in range(1, len(kinds) - 1):
        if kinds[i] == "ES" and kinds[i - 1] == kinds[i + 1] == "EN":
            kinds[i] = "EN"
        elif kinds[i] == "CS" and kinds[i - 1] == kinds[i + 1] and kinds[i - 1] in ("EN", "AN"):
            kinds[i] = kinds[i - 1]
    # W5: currency and percent signs next to European digits belong to the number
    for i, kind in enumerate(kinds):
        if kind == "EN":
            j = i - 1
            while j >= 0 and kinds[j] == "ET":
                kinds[j], j = "EN", j - 1
            j = i + 1
            while j < len(kinds) and kinds[j] == "ET":
                kinds[j], j = "EN", j + 1
    # W6, W7: leftover separators are neutral; European digits after a Latin letter are left to right
    strong = sos
    for i, kind in enumerate(kinds):
        if kind in ("ES", "ET", "CS"):
            kinds[i] = "ON"
        elif kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            kinds[i] = "L"
    _pair_brackets(text, kinds, sos)
    # N1, N2: a run of neutrals between two letters of one direction takes it, else the paragraph's
    resolved = list(kinds)
    i = 0
    while i < len(kinds):
        if kinds[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] in _NEUTRAL:
            j += 1
        before = _direction(kinds[i - 1]) if i else sos
        after = _direction(kinds[j]) if j < len(kinds) else sos
        for k in range(i, j):
            resolved[k] = before if before == after else sos
        i = j
    # I1, I2
    result = []
    for kind in resolved:
        if base % 2 == 0:
            result.append(base + {"L": 0, "R": 1, "AN": 2, "EN": 2}[kind])
        else:
            result.append(base + {"L": 1, "R": 0, "AN": 1, "EN": 1}[kind])
    # L1: trailing white space goes back to the paragraph level
    i = len(text)
    while i > 0 and unicodedata.bidirectional(text[i - 1]) in ("WS", "S", "B", "BN"):
        i -= 1
        result[i] = base
    return result


def _pair_brackets(text: str, kinds: list[str], sos: str) -> None:
    """N0: a bracket pair takes the paragraph's direction if it holds a letter of it, else that of the
    letters inside when the text before it runs the same way ("(1,500 USD)" in Arabic stays whole)."""
    openers: list[int] = []
    pairs = []
    for i, char in enumerate(text):
        if kinds[i] != "ON":
            continue
        if unicodedata.category(char) == "Ps" and MIRRORED.get(char):
            openers.append(i)
        elif unicodedata.category(char) == "Pe":
            for depth in range(len(openers) - 1, -1, -1):
                if MIRRORED.get(text[openers[depth]]) == char:
                    pairs.append((openers[depth], i))
                    del openers[depth:]
                    break
    for start, end in sorted(pairs):
        inside = {_direction(kind) for kind in kinds[start + 1:end] if kind in ("L", "R", "EN", "AN")}
        if not inside:
            continue
        if sos in inside:
            kinds[start] = kinds[end] = sos
            continue
        before = next((_direction(kind) for kind in reversed(kinds[:start]) if kind in ("L", "R", "EN", "AN")),
                      sos)
        kinds[start] = kinds[end] = before


def _direction(kind: str) -> str:
    """The direction a resolved kind pulls neighbouring neutrals to (numbers count as right to left)."""
    return "L" if kind == "L" else "R"


def visual_order(line_levels: list[int]) -> list[int]:
    """Indices of a line's characters in the order they are drawn (rule L2).

    A mark stays where the reversal puts it, before its letter: the bundled Arabic font draws a
    zero-width mark over the glyph that follows it on the page (checked on rendered harakat).
    """
    order = list(range(len(line_levels)))
    highest = max(line_levels, default=0)
    lowest_odd = min((level for level in line_levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if line_levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and line_levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order


def mirrored(char: str) -> str:
    """The glyph drawn for char inside right-to-left text: "(" becomes ")" and so on (rule L4)."""
    return MIRRORED.get(char, char)
