"""A TrueType font whose shaped glyphs still read back as text when the PDF is searched or copied.

When harfbuzz picks a glyph the font's character map does not reach (Thai's lowered tone mark
"uni0E48.small", a narrow vowel above a tall consonant), reportlab gives it a private-use code point and the
PDF's ToUnicode map sends that code point to itself: the page looks right but a search for "ที่" fails and
text extraction returns U+E000. This subclass rewrites those ToUnicode entries to the characters the glyph
stands for, read from its AGL-style name ("uni0E48.small" -> U+0E48, "uni0E270E48" or "a_b" -> both), or,
where the name spells nothing ("kassadeva", "ivowelsign04deva"), learnt while shaping: the characters of the
harfbuzz cluster it was drawn for, less those its fellow glyphs in the cluster stand for by the cmap.
Characters beyond U+FFFF (emoji) are written as UTF-16 surrogate pairs, which reportlab does not do.
"""

from __future__ import annotations

import re
import unicodedata

import uharfbuzz
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont

_PRIVATE = range(0xE000, 0xF900)
FEATURES = {"kern": True, "liga": True}  # those paragraphs.py shapes with (reportlab's less dlig)
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


def learn_from_shaped(text: str, shaped) -> None:
    """Let the font of a run reportlab shaped (shaped: [width, (frag, ShapedStr), ...] for text) learn what
    its unmapped glyphs stand for, and redraw a mapped glyph standing in another character's place (Noto
    Sinhala draws the u of "රු" with the glyph of "ැ") under a code of its own, that reads as the typed one.
    Each run's text is studied once (a report repeats its words; harfbuzz shapes a text alike every time)."""
    pieces = [(item[0], item[1], getattr(item[1], "__shapeData__", None)) for item in shaped[1:]]
    font = getFont(pieces[0][0].fontName) if pieces else None
    if not isinstance(font, ExtractableTTFont) or any(data is None or len(data) != len(piece)
                                                         for _, piece, data in pieces):
        return
    redraw = font.lessons.get(text)
    if redraw is None:
        glyphs = [(n, i, font.face.charToGlyph[ord(char)], data[i].cluster)
                  for n, (_, piece, data) in enumerate(pieces, 1) for i, char in enumerate(piece)]
        stand_ins = font.learn(text, [gid for _, _, gid, _ in glyphs], [cluster for *_, cluster in glyphs])
        redraw = [(glyphs[index][0], glyphs[index][1], font.alias(glyphs[index][2], typed))
                  for index, typed in stand_ins.items()]
        if len(font.lessons) > 100_000:  # a long session's worth of words; start again rather than grow
            font.lessons.clear()
        font.lessons[text] = redraw
    for n, i, code in redraw:
        frag, piece = shaped[n]
        shaped[n] = (frag, ShapedStr(piece[:i] + chr(code) + piece[i + 1:], shapeData=piece.__shapeData__))


def _utf16_hex(text: str) -> str:
    """text as the big-endian UTF-16 hex a ToUnicode CMap destination is written in."""
    return text.encode("utf-16-be").hex().upper()


class ExtractableTTFont(TTFont):
    """TTFont whose ToUnicode map sends harfbuzz's unmapped glyphs to the characters they draw."""

    def __init__(self, name, filename, **kwargs):
        super().__init__(name, filename, **kwargs)
        self._mapped = frozenset(self.face.charToGlyph)  # the font's own cmap, before shaping adds to it
        self._learnt: dict[int, str] = {}  # glyph id the cmap does not reach -> the text it draws
        self._aliases: dict[int, str] = {}  # code drawing a mapped glyph for another character -> that text
        self._alias_codes: dict[tuple[int, str], int] = {}
        self.lessons: dict[str, list[tuple[int, int, int]]] = {}  # run text -> (piece, index, code) to redraw

    def _text_of(self, gid: int) -> str | None:
        """What a glyph stands for as far as is known: its character in the cmap, or what was learnt."""
        for code in self.face.glyphToChar.get(gid, ()):
            if code in self._mapped:
                return chr(code)
        return self._learnt.get(gid)

    def learn(self, text: str, gids: list[int], clusters: list[int], *, parts: bool = True) -> dict[int, str]:
        """Note what each glyph of one shaped left-to-right run of text stands for (clusters: harfbuzz's
        cluster of each glyph, an index into text): a cluster's text less what its other glyphs stand for.
        A cluster with two glyphs not known yet is learnt from its beginnings shaped alone ("त्रि" from
        "त्र"). Returns the glyphs (by index) the cmap maps to a character their cluster does not hold, with
        the text they stand for there."""
        starts = sorted(set(clusters))
        ends = dict(zip(starts, [*starts[1:], len(text)]))
        members: dict[int, list[int]] = {}
        for index, cluster in enumerate(clusters):
            members.setdefault(cluster, []).append(index)
        stand_ins = {}
        for start, drawn in members.items():
            cluster_text = text[start:ends[start]]
            if parts and sum(self._text_of(gids[i]) is None for i in drawn) > 1:
                self._learn_beginnings(cluster_text)
            # compared decomposed: Bengali "ো" is drawn as the glyphs of "ে" and "া", "য়" as the one of U+09DF
            decomposed = unicodedata.normalize("NFD", cluster_text)
            known = {i: unicodedata.normalize("NFD", self._text_of(gids[i]) or "") for i in drawn}
            unknown = [i for i in drawn if self._text_of(gids[i]) is None]
            misplaced = [i for i in drawn if i not in unknown and known[i] not in decomposed]
            if len(unknown) + len(misplaced) != 1:
                continue
            rest = list(decomposed)
            for i in drawn:
                for char in known[i] if i not in unknown and i not in misplaced else "":
                    if char in rest:
                        rest.remove(char)
            if not rest:
                continue
            if unknown:
                self._learnt[gids[unknown[0]]] = "".join(rest)
            else:
                stand_ins[misplaced[0]] = "".join(rest)
        return stand_ins

    def _learn_beginnings(self, cluster_text: str) -> None:
        font = uharfbuzz.Font(self.hbFace)
        for end in range(len(cluster_text) - 1, 0, -1):
            buffer = uharfbuzz.Buffer()
            buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
            buffer.add_str(cluster_text[:end])
            buffer.guess_segment_properties()
            uharfbuzz.shape(font, buffer, FEATURES)
            infos = buffer.glyph_infos
            self.learn(cluster_text[:end], [info.codepoint for info in infos], [info.cluster for info in infos],
                       parts=False)

    def alias(self, gid: int, typed: str) -> int:
        """A private code drawing glyph gid that reads back as typed (one per pair, made once)."""
        key = (gid, typed)
        if key not in self._alias_codes:
            code = max(0xF000, *self._aliases) + 1 if self._aliases else 0xF000
            while code in self.face.charToGlyph:
                code += 1
            self.face.charToGlyph[code] = gid
            self.face.glyphToChar.setdefault(gid, []).append(code)
            self.face.charWidths[code] = self.face.charWidths[self.face.glyphToChar[gid][0]]
            self._aliases[code] = typed
            self._alias_codes[key] = code
        return self._alias_codes[key]

    def _stands_for(self, code: int) -> str:
        """The text a private code point reportlab gave a shaped glyph stands for ("" if unknown)."""
        gid = self.face.charToGlyph.get(code)
        if gid is None:
            return ""
        if code in self._aliases:
            return self._aliases[code]
        named = text_of_glyph_name(uharfbuzz.Font(self.hbFace).glyph_to_string(gid))
        return named or self._learnt.get(gid, "")

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
        if code > 0xFFFF:
            return f"<{match.group(1)}> <{_utf16_hex(chr(code))}>"
        if code not in _PRIVATE or code in self._mapped:
            return match.group(0)
        text = self._stands_for(code)
        return f"<{match.group(1)}> <{_utf16_hex(text)}>" if text else match.group(0)
