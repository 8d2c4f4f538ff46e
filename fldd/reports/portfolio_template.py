"""The portfolio report on the shared page frame (pdf_document.py): its styles, headings that become contents
entries and bookmarks, and a build that stops when the job is cancelled.

The contents are laid out before the headings, so the renderer first makes the story, then the contents list
is read off the headings it holds and put where the story asks for it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from fldd.reports import pdf_document
from fldd.reports.pdf_document import MARGIN, MUTED, RULE, Contents, Heading, Meta, ReportDocument

__all__ = ["MARGIN", "MUTED", "RULE", "Cancelled", "Styles", "build", "contents", "heading", "styles"]


class Cancelled(Exception):
    """Raised inside the build when the job was cancelled; the renderer returns None."""


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of the report: the shared ones, and the few the portfolio adds."""

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
    shared: dict


def styles() -> Styles:
    """The shared styles, with right-aligned figures and the shaded box a statement sentence sits in."""
    st = pdf_document.styles()
    body = st["body"].clone("portfolio_body", spaceAfter=4)
    return Styles(
        title=st["title"], subtitle=st["subtitle"], h1=st["h1"], h2=st["h2"], body=body,
        small=st["muted"], cell=st["cell"], cell_bold=st["cell_bold"],
        cell_right=st["cell"].clone("cell_right", alignment=2),
        statement=body.clone("statement", fontSize=9.5, leading=12.5, leftIndent=6, rightIndent=6,
                             borderPadding=(4, 6, 4, 6), backColor=colors.HexColor("#EEF3F7"),
                             spaceBefore=6, spaceAfter=9),
        shared=st,
    )


def heading(label: str, level: int, st: Styles) -> Heading:
    """A heading that becomes a contents entry and a bookmark (level 0 = section, 1 = subsection); its key is
    given when the story is finished."""
    return Heading(label, st.h1 if level == 0 else st.h2, key="", level=level)


class _ContentsSlot(Spacer):
    """Where the contents go; replaced once the story's headings are known."""

    def __init__(self) -> None:
        super().__init__(0, 0)


def contents(st: Styles) -> Flowable:
    """A placeholder for the table of contents."""
    return _ContentsSlot()


class _Document(ReportDocument):
    """The shared document, asking on every page whether the job was cancelled."""

    def __init__(self, buffer: io.BytesIO, meta: Meta, cancelled: Callable[[], bool]) -> None:
        super().__init__(buffer, meta, cover=True)
        self._cancelled = cancelled

    def _page(self, c, doc) -> None:
        if self._cancelled():
            raise Cancelled
        super()._page(c, doc)


def build(story_maker: Callable[[], list], *, title: str, subject: str, author: str, running: str,
          cancelled: Callable[[], bool], st: Styles, generated: str = "") -> bytes | None:
    """The PDF bytes of the story, laid out in one pass, or None when cancelled."""
    story = story_maker()
    entries = []
    for number, flow in enumerate(f for f in story if isinstance(f, Heading)):
        flow.key = f"s{number}"
        entries.append((flow.level, flow.plain, flow.key))
    story = [Contents(entries, st.shared) if isinstance(f, _ContentsSlot) else f for f in story]
    meta = Meta(title=title, author=author, subject=subject, creator="fldd",
                keywords="forced labour, due diligence, modern slavery statement", header=running,
                page_words="Page {n} of {m}", footer=f"fldd portfolio report{', ' + generated if generated else ''}")
    doc = _Document(io.BytesIO(), meta, cancelled)
    try:
        return doc.build_story([pdf_document.first_page_then("page")] + story)
    except Cancelled:
        return None
