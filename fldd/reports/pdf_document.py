"""The page frame every fldd PDF report shares: A4 pages with a running header and "page N of M", headings that
become PDF bookmarks, a table of contents, and the document's metadata.

Built in ONE pass. The table of contents is laid out before its headings are, so each entry's page number is
a PDF form (an XObject) drawn where the number goes and filled in when the document is finished; "of M" is
drawn once every page is known, by holding the pages back until the end. The contents' entries are known in
advance (the renderer names its sections), so its height never depends on the numbers it will show.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Paragraph

from fldd.reports import text

MARGIN = 18 * mm
INK = HexColor("#1f2933")
MUTED = HexColor("#5f6b7a")
RULE = HexColor("#c8d0d9")
ACCENT = HexColor("#1d4e89")
FOOT = 7.5  # size of the running header and footer
TOTAL = "page_total"  # the form that holds the number of pages


@dataclass(frozen=True)
class Meta:
    """What the PDF says about itself (File > Properties), and the words of its running header and footer."""

    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    header: str  # e.g. the supplier's name
    page_words: str  # "Page {n} of {m}" in the report's language
    footer: str = ""  # left of the page number: software and date


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the reports, all in the fonts text.py registers (so every one is embedded)."""
    text.register_fonts()
    body = ParagraphStyle("body", fontName=text.SANS, fontSize=9, leading=12, textColor=INK, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        "muted": ParagraphStyle("muted", parent=body, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=text.SANS_BOLD, fontSize=8, leading=10),
        "h1": ParagraphStyle("h1", parent=body, fontName=text.SANS_BOLD, fontSize=15, leading=19, spaceBefore=4,
                             spaceAfter=8, textColor=ACCENT),
        "h2": ParagraphStyle("h2", parent=body, fontName=text.SANS_BOLD, fontSize=11.5, leading=15, spaceBefore=10,
                             spaceAfter=5, textColor=INK),
        "h3": ParagraphStyle("h3", parent=body, fontName=text.SANS_BOLD, fontSize=9.5, leading=12.5, spaceBefore=8,
                             spaceAfter=3, textColor=INK),
        "title": ParagraphStyle("title", parent=body, fontName=text.SANS_BOLD, fontSize=22, leading=27,
                                spaceAfter=6, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=13, leading=17, spaceAfter=14, textColor=INK),
        "toc0": ParagraphStyle("toc0", parent=body, fontSize=10, leading=15),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=8.5, leading=12, leftIndent=14, textColor=MUTED),
    }


class Heading(Paragraph):
    """A heading that is also a bookmark (and, if listed, a contents entry): `key` names it, `level` nests it."""

    def __init__(self, title: str, style: ParagraphStyle, key: str, level: int = 0) -> None:
        super().__init__(text.markup(title), style)
        self.plain, self.key, self.level = title, key, level


class Contents(Flowable):
    """The table of contents: one line per entry, its page number a form filled in at the end, each line a link."""

    def __init__(self, entries: list[tuple[int, str, str]], st: dict[str, ParagraphStyle]) -> None:
        super().__init__()
        self.entries = entries  # (level, title, key)
        self.st = st
        self._lines: list[tuple[Paragraph, float, str, int]] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._lines = []
        total = 0.0
        for level, title, key in self.entries:
            p = Paragraph(text.markup(title), self.st[f"toc{min(level, 1)}"])
            _, h = p.wrap(available_width - 20 * mm, available_height)
            self._lines.append((p, h, key, level))
            total += h
        return available_width, total

    def draw(self) -> None:
        c = self.canv
        y = sum(h for _, h, _, _ in self._lines)
        for p, h, key, level in self._lines:
            y -= h
            p.drawOn(c, 0, y)
            size = self.st[f"toc{min(level, 1)}"].fontSize
            c.saveState()
            c.translate(self.width, y + h - size - 1)
            c.doForm(_form(key))
            c.restoreState()
            c.linkRect("", key, (0, y, self.width, y + h), relative=1, thickness=0)
            c.toc_keys.add(key)


def _form(key: str) -> str:
    return f"toc_{key}"


class ReportDocument(BaseDocTemplate):
    """A4 report: a cover page without header, then pages with header and footer; bookmarks from Headings."""

    def __init__(self, buffer: io.BytesIO, meta: Meta, *, cover: bool = True) -> None:
        text.register_fonts()  # the canvas starts each page in SANS, so no font but text.py's enters the file
        super().__init__(buffer, pagesize=A4, initialFontName=text.SANS, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6 * mm,
                         bottomMargin=MARGIN + 4 * mm, title=meta.title, author=meta.author, subject=meta.subject,
                         keywords=meta.keywords, creator=meta.creator)
        self.meta = meta
        self.pages: dict[str, int] = {}  # heading key -> page, for the contents' forms
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("page", [frame], onPage=self._page)]
        if cover:
            templates.insert(0, PageTemplate("cover", [frame], onPage=self._footer_only))
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            c = self.canv
            self.pages[flowable.key] = c.getPageNumber()
            c.bookmarkHorizontalAbsolute(flowable.key, self.frame._y + flowable.height + 6)
            c.addOutlineEntry(flowable.plain, flowable.key, level=flowable.level, closed=flowable.level > 0)

    def _page(self, c: Canvas, doc: BaseDocTemplate) -> None:
        c.saveState()
        width, height = self.pagesize
        title = self.meta.title.split(":")[0]
        room = width - 2 * MARGIN - text.width(title, FOOT) - 6 * mm  # a long supplier name stops short of it
        text.draw_string(c, MARGIN, height - MARGIN + 1 * mm, text.clipped(self.meta.header, FOOT, room), FOOT)
        text.draw_string(c, width - MARGIN, height - MARGIN + 1 * mm, title, FOOT, align="right")
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, height - MARGIN - 1 * mm, width - MARGIN, height - MARGIN - 1 * mm)
        c.restoreState()
        self._footer_only(c, doc)

    def _footer_only(self, c: Canvas, doc: BaseDocTemplate) -> None:
        """'Page N of M' at the left (M is a form filled in at the end), software and date at the right."""
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, MARGIN + 2 * mm, self.pagesize[0] - MARGIN, MARGIN + 2 * mm)
        c.setFillColor(MUTED)
        prefix = self.meta.page_words.split("{m}")[0].format(n=c.getPageNumber())
        y = MARGIN - 2 * mm
        text.draw_string(c, MARGIN, y, prefix, FOOT)
        c.translate(MARGIN + stringWidth(prefix, text.SANS, FOOT), y)
        c.doForm(TOTAL)
        c.restoreState()
        c.saveState()
        c.setFillColor(MUTED)
        text.draw_string(c, self.pagesize[0] - MARGIN, y, self.meta.footer, FOOT, align="right")
        c.restoreState()

    def build_story(self, story: list) -> bytes:
        """Lay the story out in one pass and return the PDF's bytes."""
        meta, pages = self.meta, self.pages
        self.build(story, canvasmaker=lambda *a, **k: NumberedCanvas(*a, meta=meta, pages=pages, **k))
        return self.filename.getvalue()


def first_page_then(template: str) -> NextPageTemplate:
    """The page template the pages after the cover use."""
    return NextPageTemplate(template)


class NumberedCanvas(Canvas):
    """Fills in, when the document is finished, the forms its pages drew: the page total and the contents'
    page numbers (pages are written as they come, so bookmarks and links keep their own pages)."""

    def __init__(self, *args, meta: Meta, pages: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._meta, self._pages = meta, pages
        self.toc_keys: set[str] = set()
        self.setPageCompression(1)

    def save(self) -> None:
        total = self.getPageNumber() - 1  # the page after the last one shown
        self.beginForm(TOTAL, lowerx=-2, lowery=-4, upperx=60, uppery=12)
        self.setFont(text.SANS, FOOT)
        self.setFillColor(MUTED)
        self.drawString(0, 0, str(total))
        self.endForm()
        for key in self.toc_keys:  # a listed heading that never came out gets an empty number, not a broken file
            self.beginForm(_form(key), lowerx=-40, lowery=-4, upperx=2, uppery=14)
            self.setFont(text.SANS, 9)
            self.setFillColor(INK)
            self.drawRightString(0, 0, str(self._pages.get(key, "")))
            self.endForm()
        super().save()
