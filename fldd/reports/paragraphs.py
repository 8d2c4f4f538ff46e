"""reportlab's Paragraph taught to lay out fldd's font runs, whatever style it is given.

text.markup() cuts a string into <font> runs by script. Four things reportlab 4.2-5.1 gets wrong with such
runs are put right here, once per process, for every Paragraph (fldd is reportlab's only user in it), and
LineByLineBidi breaks right-to-left text into lines before reordering it:
- with ParagraphStyle(shaping=1) it shapes a whole word (text between spaces) with the font of its first
  run and looks the glyphs up in each run's own font, so "(ทำงาน)" or "ABC深圳" fails or prints wrong glyphs:
  words are shaped here one run at a time, and only runs that need harfbuzz (fonts.needs_harfbuzz);
- it shapes only when the style says so, and unshaped Thai loses tone marks over upper vowels ("ที่"
  prints as "ที"), Hebrew's shin dot moves to the sin side and Arabic words with vowel marks (handed over
  in reading order, for harfbuzz to reverse) print backwards: a Paragraph holding a run that needs
  harfbuzz is shaped whatever its style says;
- <font name=...> resets bold, so a heading style in SANS_BOLD would print its Thai or Arabic in the
  regular cut: runs in a fldd face take the bold cut when the paragraph's style font is bold;
- a word longer than its line (Khmer, Burmese, Lao and Thai put no spaces between words) is cut glyph code
  by glyph code and the codes shaped again, printing boxes: shaped_units cuts it between letters instead.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable

from reportlab.lib.abag import ABag
from reportlab.lib.fonts import ps2tt
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _paragraph

from fldd.reports import extractable

_reportlab_shaper = _paragraph.shapeFragWord
# reportlab also asks for discretionary ligatures (dlig), which turn Hebrew's "יו" into the Yiddish "ױ" and
# Arabic "في" into one glyph that text extraction reads as another character
FEATURES = extractable.FEATURES
_reportlab_break_lines = _paragraph.Paragraph.breakLines
_reportlab_frag_word_iter = _paragraph._fragWordIter
_reportlab_wrap = _paragraph.Paragraph.wrap


def shape_runs_separately(word, needs_harfbuzz: Callable[[str, str], bool]):
    """word (reportlab's [width, (frag, text), ...]) with the runs needs_harfbuzz(font, text) picks shaped
    one by one."""
    if isinstance(word, ShapedFragWord) or not any(
            needs_harfbuzz(getattr(frag, "fontName", ""), text) for frag, text in word[1:]):
        return word  # shaped when the paragraph was first wrapped, or nothing in it to shape
    pieces, width, changed = [], 0.0, False
    for frag, text in word[1:]:
        if (hasattr(frag, "cbDefn") or not text or isinstance(text, ShapedStr)
                or not needs_harfbuzz(frag.fontName, text)):
            pieces.append((frag, text))
            width += getattr(frag.cbDefn, "width", 0) if hasattr(frag, "cbDefn") else stringWidth(
                text, frag.fontName, frag.fontSize)
            continue
        single = [stringWidth(text, frag.fontName, frag.fontSize), (frag, text)]
        shaped = _reportlab_shaper(single, features=FEATURES)
        if shaped is not single:
            extractable.learn_from_shaped(text, shaped)
        changed = changed or shaped is not single
        pieces.extend(shaped[1:])
        width += shaped[0]
    if not changed:
        return word
    return makeShapedFragWord(word)([width, *pieces])


def shape_word(word: str, font: str, size: float) -> tuple[str, float]:
    """One word (no white space) shaped in font for drawing on a canvas, and its width."""
    single = [stringWidth(word, font, size), (ABag(fontName=font, fontSize=size), word)]
    shaped = _reportlab_shaper(single, features=FEATURES)
    if shaped is not single:
        extractable.learn_from_shaped(word, shaped)
    return shaped[1][1], shaped[0]


def _prepare(paragraph, needs_harfbuzz: Callable[[str, str], bool], bold_cut: dict[str, str],
             sans: tuple[str, str]) -> None:
    """Bold cuts for a bold style and shaping for shaped runs, decided once per Paragraph.

    Shaping needs a style whose own font reportlab can shape and its space-breaking line breaker: a style in
    a base-14 font or with wordWrap="CJK" gets the Sans cut of its weight and plain line breaking instead
    (Arabic words arrive in reading order for harfbuzz to reverse; unshaped they would print backwards)."""
    if getattr(paragraph, "_fldd_prepared", False):
        return
    paragraph._fldd_prepared = True
    style = paragraph.style
    bold = ps2tt(style.fontName)[1]
    if bold:
        for frag in paragraph.frags:
            if getattr(frag, "fontName", None) in bold_cut:
                frag.fontName = bold_cut[frag.fontName]
    if not any(needs_harfbuzz(getattr(frag, "fontName", ""), getattr(frag, "text", ""))
               for frag in paragraph.frags):
        return
    paragraph.style = style = copy.copy(style)
    style.shaping = 1
    if not getattr(getFont(style.fontName), "shapable", False):
        style.fontName = sans[1] if bold else sans[0]
    if style.wordWrap == "CJK":
        style.wordWrap = None


def shaped_units(word):
    """reportlab's walk through an overlong word it must cut, (frag, width, text) piece by piece, with a
    shaped run cut between letters only: whole harfbuzz clusters, a mark or a glyph of no width kept with the
    one before, each piece still shaped (reportlab walks a shaped string character by character, and the
    glyph codes it cuts out are shaped again: boxes and lost vowel signs)."""
    for frag, text in word[1:]:
        data = getattr(text, "__shapeData__", None)
        if data is None or hasattr(frag, "cbDefn") or len(data) != len(text):
            yield from _reportlab_frag_word_iter([0, (frag, text)])
            continue
        start = 0
        for end in range(1, len(text) + 1):
            if end < len(text) and (data[end].cluster == data[end - 1].cluster or data[end].x_advance <= 0
                                    or unicodedata.category(text[end])[0] == "M"):
                continue
            yield frag, sum(item.x_advance for item in data[start:end]) * frag.fontSize / 1000, text[start:end]
            start = end


def install(needs_harfbuzz: Callable[[str, str], bool], bold_cut: dict[str, str], sans: tuple[str, str]) -> None:
    """Put the three corrections in place (idempotent). bold_cut: regular font name -> its bold cut; sans:
    the regular and bold body fonts."""
    if getattr(_paragraph.shapeFragWord, "fldd_runs_separately", False):
        return

    def shaper(word, *args, **kwargs):
        return shape_runs_separately(word, needs_harfbuzz)

    def wrap(self, *args, **kwargs):
        _prepare(self, needs_harfbuzz, bold_cut, sans)
        return _reportlab_wrap(self, *args, **kwargs)

    def break_lines(self, *args, **kwargs):
        _prepare(self, needs_harfbuzz, bold_cut, sans)
        return _reportlab_break_lines(self, *args, **kwargs)

    shaper.fldd_runs_separately = True
    _paragraph.shapeFragWord = shaper
    _paragraph._fragWordIter = shaped_units
    _paragraph.Paragraph.wrap = wrap
    _paragraph.Paragraph.breakLines = break_lines


class LineByLineBidi(Paragraph):
    """A Paragraph holding right-to-left text, put in drawing order one line at a time.

    Reordering a whole paragraph before reportlab breaks it into lines would put its last words on the
    first line. So each wrap to a new width breaks the logical text, then swaps in each line's visual
    markup (visual_line: logical line text -> markup) with forced breaks between the lines.
    """

    def __init__(self, text, style, *args, visual_line: Callable[[str], str] | None = None, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self._fldd_visual_line = visual_line  # None in the parts reportlab's split makes: already visual
        self._fldd_logical = self.frags
        self._fldd_width = None

    def wrap(self, availWidth, availHeight):
        if self._fldd_visual_line is not None and availWidth != self._fldd_width:
            self._fldd_width = availWidth
            # break the plain text: unshaped (shaped text holds glyph codes, not the characters typed)
            style, self.style = self.style, copy.copy(self.style)
            self.frags, self.style.shaping, self._fldd_prepared = self._fldd_logical, 0, True
            super().wrap(availWidth, availHeight)
            lines = [_line_text(line, self.blPara.kind) for line in self.blPara.lines]
            self.style, self._fldd_prepared = style, False
            markup = "<br/>".join(self._fldd_visual_line(line) for line in lines)
            self.frags = Paragraph(markup, style).frags
            del self.blPara
        return super().wrap(availWidth, availHeight)


def _line_text(line, kind: int) -> str:
    """The text reportlab put on one broken line, trailing space dropped."""
    if kind == 0:
        return " ".join(line[1]).rstrip()
    return "".join(getattr(frag, "text", "") for frag in line.words).rstrip()
