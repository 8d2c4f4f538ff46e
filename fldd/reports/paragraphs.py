"""reportlab's Paragraph taught to lay out fldd's font runs, whatever style it is given.

text.markup() cuts a string into <font> runs by script. Three things reportlab 4.2-5.1 gets wrong with such
runs are put right here, once per process, for every Paragraph (fldd is reportlab's only user in it), and
LineByLineBidi breaks right-to-left text into lines before reordering it:
- with ParagraphStyle(shaping=1) it shapes a whole word (text between spaces) with the font of its first
  run and looks the glyphs up in each run's own font, so "(ทำงาน)" or "ABC深圳" fails or prints wrong glyphs:
  words are shaped here one run at a time, and only runs whose face needs harfbuzz (fonts.Face.shaped);
- it shapes only when the style says so, and unshaped Thai loses tone marks over upper vowels ("ที่"
  prints as "ที"): a Paragraph holding a run in a shaped face is shaped whatever its style says;
- <font name=...> resets bold, so a heading style in SANS_BOLD would print its Thai or Arabic in the
  regular cut: runs in a fldd face take the bold cut when the paragraph's style font is bold.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from reportlab.lib.fonts import ps2tt
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as _paragraph

_reportlab_shaper = _paragraph.shapeFragWord
_reportlab_break_lines = _paragraph.Paragraph.breakLines


def shape_runs_separately(word, shaped_fonts: frozenset[str]):
    """word (reportlab's [width, (frag, text), ...]) with its runs in shaped_fonts shaped one by one."""
    if isinstance(word, ShapedFragWord):
        return word  # shaped when the paragraph was first wrapped
    pieces, width, changed = [], 0.0, False
    for frag, text in word[1:]:
        if hasattr(frag, "cbDefn") or frag.fontName not in shaped_fonts or not text or isinstance(text, ShapedStr):
            pieces.append((frag, text))
            width += getattr(frag.cbDefn, "width", 0) if hasattr(frag, "cbDefn") else stringWidth(
                text, frag.fontName, frag.fontSize)
            continue
        single = [stringWidth(text, frag.fontName, frag.fontSize), (frag, text)]
        shaped = _reportlab_shaper(single)
        changed = changed or shaped is not single
        pieces.extend(shaped[1:])
        width += shaped[0]
    if not changed:
        return word
    return makeShapedFragWord(word)([width, *pieces])


def _prepare(paragraph, shaped_fonts: frozenset[str], bold_cut: dict[str, str]) -> None:
    """Bold cuts for a bold style and shaping for shaped runs, decided once per Paragraph."""
    if getattr(paragraph, "_fldd_prepared", False):
        return
    paragraph._fldd_prepared = True
    style = paragraph.style
    if ps2tt(style.fontName)[1]:
        for frag in paragraph.frags:
            if getattr(frag, "fontName", None) in bold_cut:
                frag.fontName = bold_cut[frag.fontName]
    if not style.shaping and any(getattr(frag, "fontName", None) in shaped_fonts for frag in paragraph.frags):
        paragraph.style = copy.copy(style)
        paragraph.style.shaping = 1


def install(shaped_fonts: frozenset[str], bold_cut: dict[str, str]) -> None:
    """Put the three corrections in place (idempotent). bold_cut: regular font name -> its bold cut."""
    if getattr(_paragraph.shapeFragWord, "fldd_runs_separately", False):
        return

    def shaper(word, *args, **kwargs):
        return shape_runs_separately(word, shaped_fonts)

    def break_lines(self, width, *args, **kwargs):
        _prepare(self, shaped_fonts, bold_cut)
        return _reportlab_break_lines(self, width, *args, **kwargs)

    shaper.fldd_runs_separately = True
    _paragraph.shapeFragWord = shaper
    _paragraph.Paragraph.breakLines = break_lines


class LineByLineBidi(Paragraph):
    """A Paragraph holding right-to-left text, put in drawing order one line at a time.

    Reordering a whole paragraph before reportlab breaks it into lines would put its last words on the
    first line. So the first wrap breaks the logical text, then swaps in each line's visual markup
    (visual_line: logical line text -> markup) with forced breaks between the lines.
    """

    def __init__(self, text, style, *args, visual_line: Callable[[str], str] | None = None, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        self._fldd_visual_line = visual_line  # None in the parts reportlab's split makes: already visual

    def wrap(self, availWidth, availHeight):
        visual_line, self._fldd_visual_line = self._fldd_visual_line, None
        if visual_line is not None:
            self._fldd_prepared = True  # break the plain text: no shaping, no bold swap yet
            super().wrap(availWidth, availHeight)
            lines = [_line_text(line, self.blPara.kind) for line in self.blPara.lines]
            self.frags = Paragraph("<br/>".join(visual_line(line) for line in lines), self.style).frags
            self._fldd_prepared = False
            del self.blPara
        return super().wrap(availWidth, availHeight)


def _line_text(line, kind: int) -> str:
    """The text reportlab put on one broken line, trailing space dropped."""
    if kind == 0:
        return " ".join(line[1]).rstrip()
    return "".join(getattr(frag, "text", "") for frag in line.words).rstrip()
