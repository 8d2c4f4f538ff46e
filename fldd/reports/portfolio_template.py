"""The page frame of the portfolio report: A4 pages with a running header and "page n of m", a table of
contents and PDF bookmarks built from the headings, and the document's metadata.

Self-contained on purpose: when a shared page template lands for the assessment report, this file is the one
to swap for it (the renderer only uses `PortfolioDoc`, `styles()`, `heading()` and `build()`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from fldd.reports import text

MARGIN = 18 * mm
INK = colors.HexColor("#1B2A3A")
MUTED = colors.HexColor("#5B6770")
RULE = colors.HexColor("#B8C2CC")


class Cancelled(Exception):
    """Raised inside the build when the job was cancelled; the renderer returns None."""


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of the report, set in the bundled fonts."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    statement: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle


def styles() -> Styles:
    """The report's styles (fonts registered first, so a script's font is at hand)."""
    text.register_fonts()
    sans, bold = text.SANS, text.SANS_BOLD
    body = ParagraphStyle("body", fontName=sans, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=4)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=22, leading=27, spaceAfter=10),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=12, leading=16, textColor=MUTED, spaceAfter=16),
        h1=ParagraphStyle("h1", parent=body, fontName=bold, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8),
        h2=ParagraphStyle("h2", parent=body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=10,
                          spaceAfter=4),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=MUTED),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=bold),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=2),
        statement=ParagraphStyle("statement", parent=body, leftIndent=8, borderPadding=(4, 6, 4, 6),
                                 backColor=colors.HexColor("#EEF3F7"), spaceBefore=4, spaceAfter=8),
        toc1=ParagraphStyle("toc1", parent=body, fontName=bold, fontSize=10.5, leading=15),
        toc2=ParagraphStyle("toc2", parent=body, fontSize=9.5, leading=13, leftIndent=14),
    )


def heading(label: str, level: int, st: Styles) -> Paragraph:
    """A heading that becomes a TOC entry and a bookmark (level 0 = section, 1 = subsection)."""
    flow = text.para(label, st.h1 if level == 0 else st.h2)
    flow.toc_level = level  # type: ignore[attr-defined]
    flow.toc_text = label  # type: ignore[attr-defined]
    return flow


def contents(st: Styles) -> TableOfContents:
    """The table of contents, filled in on the second pass of the build."""
    toc = TableOfContents()
    toc.levelStyles = [st.toc1, st.toc2]
    toc.dotsMinLevel = 0
    return toc


class PortfolioDoc(BaseDocTemplate):
    """A4 portrait; header with the report's title and period, footer with the page number."""

    def __init__(self, out, *, title: str, subject: str, author: str, running: str,
                 cancelled: Callable[[], bool]) -> None:
        super().__init__(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6 * mm,
                         bottomMargin=MARGIN, title=title, subject=subject, author=author,
                         creator="fldd", keywords="forced labour, due diligence, modern slavery statement")
        self._running = running
        self._cancelled = cancelled
        self._marks = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canvas, doc) -> None:
        if self._cancelled():
            raise Cancelled
        width, height = A4
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        if doc.page > 1:
            canvas.setFillColor(MUTED)
            text.draw_string(canvas, MARGIN, height - MARGIN + 2, self._running, 8)
            canvas.line(MARGIN, height - MARGIN, width - MARGIN, height - MARGIN)
        canvas.line(MARGIN, MARGIN - 8, width - MARGIN, MARGIN - 8)
        canvas.setFillColor(MUTED)
        text.draw_string(canvas, width - MARGIN, MARGIN - 18, f"Page {doc.page} of {self._pages}", 8,
                         align="right")
        text.draw_string(canvas, MARGIN, MARGIN - 18, "fldd portfolio report", 8)
        canvas.restoreState()

    _pages = "?"

    def afterFlowable(self, flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        self._marks += 1
        key = f"h{self._marks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text.markup(flowable.toc_text), self.page, key))

    def handle_documentBegin(self) -> None:
        self._marks = 0
        super().handle_documentBegin()

    def build(self, flowables, **kw) -> None:
        """One pass; the next pass prints "of m" with this one's count. multiBuild passes until the contents
        settle, and the layout (hence the count) only changes while they do, so the last pass has it right."""
        super().build(flowables, **kw)
        self._pages = str(self.page)


def build(story_maker: Callable[[], list], *, title: str, subject: str, author: str, running: str,
          cancelled: Callable[[], bool]) -> bytes | None:
    """The PDF bytes of the story (built until the TOC settles), or None when cancelled."""
    out = io.BytesIO()
    doc = PortfolioDoc(out, title=title, subject=subject, author=author, running=running, cancelled=cancelled)
    try:
        doc.multiBuild(story_maker())
    except Cancelled:
        return None
    return out.getvalue()
