"""Text in any script, ready for reportlab: the one door every user-supplied string goes through.

reportlab has no font fallback, so a string is cut into runs by script and each run gets a bundled font
that has its glyphs (fonts.py); Arabic letters are joined (arabic.py) and right-to-left stretches put in
the order they are drawn (direction.py); harfbuzz shapes Thai, Lao, Khmer, Myanmar, the Indic scripts,
Arabic and Hebrew (paragraphs.py). Every
function escapes the mini-markup reportlab's Paragraph parses, so a supplier's "<b>" or "&" prints as typed.

markup() orders a right-to-left string as one line; para() breaks it into lines first, so text that may wrap
(answers, comments) goes through para(). Known limits: Thai wraps inside a word when a run is longer than the
line (reportlab breaks at spaces only and fldd has no Thai dictionary), and so do Lao, Khmer and Burmese;
Chinese has no bold cut; emoji print in black and white (a PDF font reportlab embeds has no colour).
"""

from __future__ import annotations

import copy
import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from fldd.reports import arabic, direction, fonts, paragraphs

SANS = fonts.SANS.name  # the family body text is set in; bold is SANS_BOLD
SANS_BOLD = fonts.SANS.bold_name

_BOLD_CUT = {face.name: face.bold_name for face in fonts.FACES if face is not fonts.SANS}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORDS = re.compile(r"([^\S\xa0]+)")

# code point ranges whose characters go to one face whatever the run around them
_SCRIPT_RANGES = (
    (0x0E00, 0x0E7F, fonts.THAI),
    (0x0590, 0x05FF, fonts.HEBREW), (0xFB1D, 0xFB4F, fonts.HEBREW),
    (0x0600, 0x06FF, fonts.ARABIC), (0x0750, 0x077F, fonts.ARABIC), (0x08A0, 0x08FF, fonts.ARABIC),
    (0xFB50, 0xFDFF, fonts.ARABIC), (0xFE70, 0xFEFF, fonts.ARABIC),
    (0x2E80, 0x2FDF, fonts.CJK), (0x3000, 0x30FF, fonts.CJK), (0x3100, 0x312F, fonts.CJK),
    (0x31A0, 0x31FF, fonts.CJK), (0x3400, 0x4DBF, fonts.CJK), (0x4E00, 0x9FFF, fonts.CJK),
    (0xF900, 0xFAFF, fonts.CJK), (0xFF00, 0xFFEF, fonts.CJK), (0x20000, 0x2FFFF, fonts.CJK),
    (0xAC00, 0xD7FF, fonts.KOREAN), (0x1100, 0x11FF, fonts.KOREAN), (0x3130, 0x318F, fonts.KOREAN),
    (0xA960, 0xA97F, fonts.KOREAN),
    # the dandas (U+0964-5) end sentences in Bengali and other Indic scripts too: they stay in the run
    (0x0900, 0x0963, fonts.DEVANAGARI), (0x0966, 0x097F, fonts.DEVANAGARI), (0xA8E0, 0xA8FF, fonts.DEVANAGARI),
    (0x0980, 0x09FF, fonts.BENGALI), (0x0B80, 0x0BFF, fonts.TAMIL), (0x0D80, 0x0DFF, fonts.SINHALA),
    (0x0E80, 0x0EFF, fonts.LAO), (0x1000, 0x109F, fonts.MYANMAR), (0xAA60, 0xAA7F, fonts.MYANMAR),
    (0x1780, 0x17FF, fonts.KHMER), (0x19E0, 0x19FF, fonts.KHMER),
    (0x1200, 0x139F, fonts.ETHIOPIC), (0x2D80, 0x2DDF, fonts.ETHIOPIC), (0xAB00, 0xAB2F, fonts.ETHIOPIC),
    (0x1F000, 0x1FAFF, fonts.EMOJI),
)
_SHAPED = frozenset(face for face in fonts.FACES if face.shaped)


def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent; cheap after the first call)."""
    fonts.register_fonts()
    paragraphs.install(fonts.needs_harfbuzz, _BOLD_CUT, (SANS, SANS_BOLD))


def _clean(text) -> str:
    """text as a str with line ends made \\n, control characters (which PDF text cannot hold) dropped and
    characters no bundled font has shown as U+FFFD (reportlab would print nothing, and a search would
    find NUL characters: Korean or Devanagari, say)."""
    register_fonts()
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return "".join(_printable(char) for char in text)


@lru_cache(maxsize=None)
def _printable(char: str) -> str:
    if 0xFE00 <= ord(char) <= 0xFE0F:  # variation selectors (emoji or text style): no glyph of their own
        return ""
    if char == "\n" or any(fonts.covers(face, char) for face in fonts.FACES):
        return char
    return "" if unicodedata.category(char)[0] == "C" else "\ufffd"


@lru_cache(maxsize=None)  # a report repeats a few thousand characters; fonts never change in a process
def _script_face(char: str) -> fonts.Face | None:
    """The face a character's script asks for, or None for characters any run may carry (digits, marks...)."""
    code = ord(char)
    for low, high, face in _SCRIPT_RANGES:
        if low <= code <= high:
            return face if fonts.covers(face, char) else None
    category = unicodedata.category(char)
    if category[0] == "L" and fonts.covers(fonts.SANS, char):
        return fonts.SANS
    if category[0] in "LS" and not fonts.covers(fonts.SANS, char):
        return fonts.face_for(char)
    return None


def runs(text: str) -> list[tuple[fonts.Face, str]]:
    """text (one line, logical order) cut into (face, text) runs, each face holding its run's glyphs."""
    register_fonts()
    out: list[list] = []
    for char in text:
        face = _script_face(char)
        if face is None:  # digits, spaces, punctuation, marks: stay in the run they are in if it can
            current = out[-1][0] if out else None
            face = current if current is not None and fonts.covers(current, char) else fonts.face_for(char)
        if out and out[-1][0] is face:
            out[-1][1] += char
        else:
            fonts.ensure(face)  # registered once a run names it (a Latin report parses no other font)
            out.append([face, char])
    return [(face, chunk) for face, chunk in out]


def visual_runs(line: str, base: int | None = None) -> list[tuple[fonts.Face, str]]:
    """One line's runs in drawing order: Arabic joined, right-to-left stretches reversed, brackets mirrored.

    Words with vowel marks stay in reading order: harfbuzz reverses them as it shapes, and places their
    marks over the right letter (it can only do so from the reading order)."""
    if arabic.needs_joining(line):
        line = arabic.join(line)
    logical = runs(line)
    if not direction.has_rtl(line):
        return logical
    faces = [face for face, chunk in logical for _ in chunk]
    levels = direction.levels(line, direction.base_level(line) if base is None else base)
    out: list[list] = []
    for i in direction.visual_order(levels):
        odd = levels[i] % 2
        char = direction.mirrored(line[i]) if odd and not faces[i].rtl else line[i]
        if out and out[-1][0] is faces[i] and out[-1][1] == odd:
            out[-1][2] += char
        else:
            out.append([faces[i], odd, char])
    return [(face, _reading_order(face, chunk) if odd else chunk) for face, odd, chunk in out]


def _reading_order(face: fonts.Face, chunk: str) -> str:
    """A reversed right-to-left run with each word harfbuzz will shape (one with vowel marks) put back in
    reading order, for harfbuzz to reverse (words as reportlab cuts them: at white space but no-break space)."""
    return "".join(piece[::-1] if direction.has_rtl(piece) and fonts.needs_harfbuzz(face.name, piece) else piece
                   for piece in _WORDS.split(chunk))


def _font_name(face: fonts.Face, bold: bool) -> str:
    return face.bold_name if bold else face.name


def _tagged(face: fonts.Face, chunk: str, bold: bool) -> str:
    """One run as markup: Latin runs keep the style's own font (and its weight), others name theirs."""
    if face is fonts.SANS:
        return f"<b>{escape(chunk)}</b>" if bold else escape(chunk)
    return f'<font name="{_font_name(face, bold)}">{escape(chunk)}</font>'


def markup(text: str, *, bold: bool = False) -> str:
    """Paragraph markup for text: escaped, cut into font runs by script, right-to-left runs reordered."""
    return "<br/>".join("".join(_tagged(face, chunk, bold) for face, chunk in visual_runs(line))
                        for line in _clean(text).split("\n"))


def needs_shaping(text: str) -> bool:
    """Whether text holds a script that must be shaped to be readable (Thai, Arabic, Devanagari...)."""
    register_fonts()
    return any(_script_face(char) in _SHAPED for char in str(text))


def para(text: str, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """A Paragraph of user text in style (shaping switched on when the text needs it).

    Text holding right-to-left letters is broken into lines first and reordered line by line (so a long
    Arabic comment reads from its first line down), and starts at the right margin when its first letter
    is right to left and the style is left-aligned.
    """
    text = _clean(text)  # shaping is switched on by paragraphs.py where a run needs it, whatever the style
    if not direction.has_rtl(text):
        return Paragraph(markup(text, bold=bold), style)
    base = direction.base_level(text)
    if base == 1 and style.alignment == TA_LEFT:
        style = copy.copy(style)
        style.alignment = TA_RIGHT
    logical = "<br/>".join("".join(_tagged(face, chunk, bold) for face, chunk in runs(arabic.join(line)))
                           for line in text.split("\n"))
    return paragraphs.LineByLineBidi(
        logical, style,
        visual_line=lambda line: "".join(_tagged(face, chunk, bold) for face, chunk in visual_runs(line, base)))


def _drawn_pieces(chunk: str, font: str, size: float) -> list[tuple[str, float]]:
    """A run as the pieces a canvas draws and their widths, shaped word by word where needed, as a
    Paragraph shapes them (harfbuzz given a whole Arabic run would reverse the order of its words too)."""
    if not fonts.needs_harfbuzz(font, chunk):
        return [(chunk, stringWidth(chunk, font, size))]
    return [paragraphs.shape_word(part, font, size) if fonts.needs_harfbuzz(font, part)
            else (part, stringWidth(part, font, size)) for part in _WORDS.split(chunk) if part]


def draw_string(canvas, x: float, y: float, text: str, size: float, *, bold: bool = False,
                align: str = "left") -> None:
    """Draw one line of user text on a canvas (page headers and footers), in runs like markup."""
    line = _clean(text).replace("\n", " ")
    runs_drawn = [(_font_name(face, bold), _drawn_pieces(chunk, _font_name(face, bold), size))
                  for face, chunk in visual_runs(line)]
    width = sum(piece_width for _, pieces in runs_drawn for _, piece_width in pieces)
    x -= {"left": 0, "right": width, "centre": width / 2}[align]
    line_object = canvas.beginText(x, y)  # one text object: a PDF reader sees one line, not one per run
    for font, pieces in runs_drawn:
        line_object.setFont(font, size)
        for piece, _ in pieces:
            line_object.textOut(piece)
    canvas.drawText(line_object)


def width(text: str, size: float, *, bold: bool = False) -> float:
    """The width draw_string gives one line of text at size (runs in their own fonts, shaped words as drawn)."""
    line = _clean(text).replace("\n", " ")
    return sum(piece_width for face, chunk in visual_runs(line)
               for _, piece_width in _drawn_pieces(chunk, _font_name(face, bold), size))


def clipped(text: str, size: float, room: float, *, bold: bool = False) -> str:
    """One line of text cut to fit room at size, ending in an ellipsis when cut (a running header beside the
    report's title): the longest start that fits, found by halving."""
    line = " ".join(_clean(text).split())
    if width(line, size, bold=bold) <= room:
        return line
    low, high = 0, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if width(line[:middle].rstrip() + "…", size, bold=bold) <= room:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + "…"
