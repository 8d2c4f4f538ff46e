"""A TrueType font whose shaped glyphs still read back as text when the PDF is searched or copied.

When harfbuzz picks a glyph the font's character map does not reach (Thai's lowered tone mark
"uni0E48.small", a narrow vowel above a tall consonant), reportlab gives it a private-use code point and the
PDF's ToUnicode map sends that code point to itself: the page looks right but a search for "ที่" fails and
text extraction returns U+E000. This subclass rewrites those ToUnicode entries to the characters the glyph
stands for, read from its AGL-style name ("uni0E48.small" -> U+0E48, "uni0E270E48" or "a_b" -> both).
"""

from __future__ import annotations

import re

import uharfbuzz
from reportlab.pdfbase.ttfonts import TTFont

_PRIVATE = range(0xE000, 0xF900)
_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{4,6})>")


def text_of_glyph_name(name: str) -> str:
    """The characters an AGL-style glyph name spells ("uni0E48.small" -> "\u0e48"); "" when it spells none."""
    text = []
    for part in name.split(".", 1)[0].split("_"):
        if re.fullmatch(r"uni(?:[0-9A-F]{4})+", part):
            text.extend(chr(int(part[i:i + 4], 16)) for i in range(3, len(part), 4))
        elif re.fullmatch(r"u[0-9A-F]{4,6}", part):
            text.append(chr(int(part[1:], 16)))
        else:
            return ""
    return "".join(text)


def _utf16_hex(text: str) -> str:
    """text as the big-endian UTF-16 hex a ToUnicode CMap destination is written in."""
    return text.encode("utf-16-be").hex().upper()


class ExtractableTTFont(TTFont):
    """TTFont whose ToUnicode map sends harfbuzz's unmapped glyphs to the characters they draw."""

    def __init__(self, name, filename, **kwargs):
        super().__init__(name, filename, **kwargs)
        self._mapped = frozenset(self.face.charToGlyph)  # the font's own cmap, before shaping adds to it

    def _stands_for(self, code: int) -> str:
        """The text a private code point reportlab gave a shaped glyph stands for ("" if unknown)."""
        gid = self.face.charToGlyph.get(code)
        if gid is None:
            return ""
        return text_of_glyph_name(uharfbuzz.Font(self.hbFace).glyph_to_string(gid))

    def addObjects(self, doc):
        """Write the font as reportlab does, then correct the ToUnicode entries of shaped glyphs."""
        state = self.state.get(doc)
        internal_names = ([self.getSubsetInternalName(n, doc)[1:] for n in range(len(state.subsets))]
                          if state is not None else [])
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        for internal in internal_names:
            stream = doc.idToObject[fonts[internal].ToUnicode.name]
            stream.content = _ENTRY.sub(self._corrected_entry, stream.content)

    def _corrected_entry(self, match: re.Match) -> str:
        code = int(match.group(2), 16)
        if code not in _PRIVATE or code in self._mapped:
            return match.group(0)
        text = self._stands_for(code)
        return f"<{match.group(1)}> <{_utf16_hex(text)}>" if text else match.group(0)
