"""The bundled fonts, registered once per process, and which of them draws a given character.

reportlab embeds TrueType (glyf) fonts only, and has no fallback: a character missing from the font of its
run prints as an empty box. So every script the reports must show has its own font under resources/fonts
(see the README there), and text.py asks `face_for` which one holds a character's glyph, and `ensure`s a
face is registered before a run names it.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from fldd.paths import resources_dir
from fldd.reports.extractable import ExtractableTTFont


@dataclass(frozen=True)
class Face:
    """One family the reports use: reportlab names of its regular and bold fonts and their files."""

    name: str
    bold_name: str
    regular_file: str
    bold_file: str | None  # None: no bold cut, <b> keeps the regular glyphs
    rtl: bool = False  # set right to left (Arabic, Hebrew)
    shaped: bool = False  # drawn through harfbuzz where needs_harfbuzz says (Thai stacked, vowel marks placed)


SANS = Face("FlddSans", "FlddSans-Bold", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
THAI = Face("FlddThai", "FlddThai-Bold", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", shaped=True)
ARABIC = Face("FlddArabic", "FlddArabic-Bold", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
              rtl=True, shaped=True)
HEBREW = Face("FlddHebrew", "FlddHebrew-Bold", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf",
              rtl=True, shaped=True)
CJK = Face("FlddCJK", "FlddCJK", "DroidSansFallbackFull.ttf", None)
KOREAN = Face("FlddKorean", "FlddKorean-Bold", "NanumSquareR.ttf", "NanumSquareB.ttf")


def _noto(script: str, *, shaped: bool = True) -> Face:
    """A Noto Sans face of one script, regular and bold (Indic, South-East Asian: shaped, as Thai)."""
    return Face(f"Fldd{script}", f"Fldd{script}-Bold", f"NotoSans{script}-Regular.ttf",
                f"NotoSans{script}-Bold.ttf", shaped=shaped)


BENGALI, DEVANAGARI, TAMIL, SINHALA = _noto("Bengali"), _noto("Devanagari"), _noto("Tamil"), _noto("Sinhala")
KHMER, MYANMAR, LAO = _noto("Khmer"), _noto("Myanmar"), _noto("Lao")
ETHIOPIC = _noto("Ethiopic", shaped=False)  # a syllabary: one glyph per character, nothing to place
EMOJI = Face("FlddEmoji", "FlddEmoji", "Symbola_hint.ttf", None)  # monochrome: reportlab embeds no colour

# searched in this order for a character no script rule placed (Latin first: it is the body text face)
FACES = (SANS, CJK, THAI, ARABIC, HEBREW, KOREAN, BENGALI, DEVANAGARI, TAMIL, SINHALA, KHMER, MYANMAR, LAO,
         ETHIOPIC, EMOJI)
BY_NAME = {name: face for face in FACES for name in (face.name, face.bold_name)}

_lock = threading.RLock()
_registered: set[str] = set()  # faces whose fonts reportlab knows
_coverage: dict[str, frozenset[int]] = {}


def fonts_dir() -> Path:
    """The shipped font files (never the system's: a report must look the same on every machine)."""
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the body text face with reportlab, once per process; the others wait for use (ensure)."""
    if SANS.name in _registered:
        return
    ensure(SANS)
    # a canvas starts in this font: with Helvetica there, every PDF would name a font it does not embed
    rl_config.canvas_basefontname = SANS.name


def ensure(face: Face) -> None:
    """Register face's regular and bold fonts and their <b> mapping with reportlab, on its first use: a
    report in Latin letters parses none of the other 13 MB of fonts."""
    if face.name in _registered:
        return
    with _lock:
        if face.name in _registered:
            return
        folder = fonts_dir()
        pdfmetrics.registerFont(ExtractableTTFont(face.name, str(folder / face.regular_file)))
        if face.bold_file:
            pdfmetrics.registerFont(ExtractableTTFont(face.bold_name, str(folder / face.bold_file)))
        # <b> and <i> inside Paragraph markup resolve through these mappings; no italic cut is shipped
        for bold, italic in ((1, 1), (0, 1), (1, 0), (0, 0)):  # plain last: a name maps back to it
            addMapping(face.name, bold, italic, face.bold_name if bold else face.name)
        _registered.add(face.name)


def _coverage_of(face: Face) -> frozenset[int]:
    """The code points face has glyphs for, read from its character map by harfbuzz (a few milliseconds,
    where reportlab takes tens to parse a font)."""
    with _lock:
        if face.name not in _coverage:
            data = (fonts_dir() / face.regular_file).read_bytes()
            _coverage[face.name] = frozenset(uharfbuzz.Face(uharfbuzz.Blob(data)).unicodes)
        return _coverage[face.name]


def covers(face: Face, char: str) -> bool:
    """Whether face has a glyph for char."""
    coverage = _coverage.get(face.name)
    return ord(char) in (coverage if coverage is not None else _coverage_of(face))


def needs_harfbuzz(font_name: str, text: str) -> bool:
    """Whether a run of text in font_name must be shaped: Thai, Lao, Khmer, Myanmar and the Indic scripts
    always (conjuncts, vowel signs before or around their consonant); Arabic and Hebrew only to place vowel
    marks (their letters arrive joined, arabic.py, and in drawing order, direction.py)."""
    face = BY_NAME.get(font_name)
    if face is None or not face.shaped:
        return False
    return not face.rtl or any(unicodedata.category(char) == "Mn" for char in text)


def face_for(char: str) -> Face:
    """The first face, in FACES order, with a glyph for char; SANS when none has one."""
    for face in FACES:
        if covers(face, char):
            return face
    return SANS
