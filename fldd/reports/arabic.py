"""Arabic letters in their joined forms, written as Unicode presentation forms.

Each letter is replaced by the form its position asks for (isolated, initial, medial, final; lam + alef by
their ligature) before anything draws it. harfbuzz then only places vowel marks and kerns, every glyph drawn
is one the font's character map reaches, so text extraction gives each letter back (NFKC folds the forms to
the letters typed), and a string drawn without harfbuzz still joins. The forms are read from the
presentation-form characters' own decompositions in the Unicode database (U+FE70-FEFF, U+FB50-FDFF:
"<initial> 0628" is beh's initial form), so no table is kept by hand; the bundled Arabic font maps them all.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_FORM_TAGS = ("isolated", "final", "initial", "medial")
_LAM = "\u0644"
_ALEFS = "\u0622\u0623\u0625\u0627"
_JOIN_CAUSING = "\u0640\u200d"  # tatweel, zero-width joiner


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(letter -> {form: presentation char}, alef after lam -> {form: ligature char})."""
    forms: dict[str, dict[str, str]] = {}
    lam_alef: dict[str, dict[str, str]] = {}
    for code in [*range(0xFE70, 0xFF00), *range(0xFB50, 0xFE00)]:
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) < 2 or parts[0].strip("<>") not in _FORM_TAGS:
            continue
        tag, letters = parts[0].strip("<>"), "".join(chr(int(p, 16)) for p in parts[1:])
        if len(letters) == 1:
            forms.setdefault(letters, {}).setdefault(tag, chr(code))
        elif len(letters) == 2 and letters[0] == _LAM and letters[1] in _ALEFS:
            lam_alef.setdefault(letters[1], {}).setdefault(tag, chr(code))
    return forms, lam_alef


def _is_transparent(char: str) -> bool:
    """Marks (harakat) sit on a letter without breaking the join around it."""
    return unicodedata.category(char) in ("Mn", "Me")


@lru_cache(maxsize=1)
def _links() -> dict[str, tuple[bool, bool]]:
    """letter -> (connects to the letter after it, connects to the letter before it)."""
    links = {char: ("initial" in found or "medial" in found, "final" in found)
             for char, found in _tables()[0].items()}
    links.update({char: (True, True) for char in _JOIN_CAUSING})
    return links


def needs_joining(text: str) -> bool:
    """Whether text holds an Arabic letter with contextual forms."""
    forms = _tables()[0]
    return any(char in forms for char in text)


def join(text: str) -> str:
    """text (logical order) with every Arabic letter replaced by its contextual presentation form."""
    forms, lam_alef = _tables()
    lead, units = "", []  # units: [letter, the marks on it]
    for char in text:
        if not _is_transparent(char):
            units.append([char, ""])
        elif units:
            units[-1][1] += char
        else:
            lead += char
    links = _links()
    no_link = (False, False)
    out, before, i = [lead], None, 0
    while i < len(units):
        char, marks = units[i]
        after = units[i + 1][0] if i + 1 < len(units) else None
        joined_before = links.get(before, no_link)[0] and links.get(char, no_link)[1]
        if char == _LAM and after in lam_alef:  # lam + alef is one obligatory ligature
            ligature = lam_alef[after]
            out += [ligature.get("final" if joined_before else "isolated") or ligature["isolated"],
                    marks, units[i + 1][1]]
            before, i = after, i + 2
            continue
        joined_after = links.get(char, no_link)[0] and links.get(after, no_link)[1]
        if char in forms:
            form = _FORM_TAGS[(2 if joined_after else 0) + (1 if joined_before else 0)]
            char = forms[char].get(form) or forms[char].get("isolated", char)
        out += [char, marks]
        before, i = units[i][0], i + 1
    return "".join(out)
