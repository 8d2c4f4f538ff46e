"""Tables as the reports draw them: a header row that repeats on every page, light rules, every cell a
Paragraph built through text.py (so user text wraps, prints literally and renders in any script).

Rows split inside themselves at a page end (splitInRow): a cell may hold more text than a page (a comment of
thousands of characters), and a table whose row cannot split stops the whole report. reportlab first tries to
move whole rows; a row is cut only when at least SPLIT_IN_ROW points of it fit, so a short row goes whole to
the next page rather than leaving a stub under a repeated header."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from fldd.reports import text
from fldd.reports.pdf_document import RULE

HEAD_FILL = HexColor("#e8eef5")
STRIPE = HexColor("#f7f9fb")
SPLIT_IN_ROW = 60  # points: a row splits at a page end only if this much of it fits (no three-line stubs)
SEVERITY_FILL = {"priority": HexColor("#f6d5d0"), "major": HexColor("#fbe7c2"), "minor": HexColor("#e4eef8")}


class SplitTable(Table):
    """A Table that cuts a tall row at the page end where it stands. reportlab moves whole rows first, so the
    rows above a tall one end the page and the rest starts again under a repeated header in the room left:
    a header in mid-page with the tall row split below it."""

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        n = self._getFirstPossibleSplitRowPosition(availHeight)  # rows before n fit
        tall = self.splitInRow and n < len(self._rowHeights) and self._rowHeights[n] > 2 * SPLIT_IN_ROW
        cut = self._splitRows(availHeight, doInRowSplit=True) if tall else []
        cut = cut or super().split(availWidth, availHeight)
        if cut or not tall or availHeight < 4 * SPLIT_IN_ROW:
            return cut
        # what is left of the row after this page is shorter than SPLIT_IN_ROW: cut it all the same, or it can
        # never be laid out (the row is taller than the room, and the room is most of a page)
        self.splitInRow, kept = 1, self.splitInRow
        try:
            cut = self._splitRows(availHeight, doInRowSplit=True)
        finally:
            self.splitInRow = kept
        for piece in cut:  # the pieces were made with the forced setting
            piece.splitInRow = kept
        return cut


def in_report_font() -> tuple:
    """A table command setting the table's own font to the report's (reportlab starts a table in Helvetica,
    which would enter the file unembedded even when every cell is a Paragraph)."""
    return ("FONTNAME", (0, 0), (-1, -1), text.SANS)


def cell(value, style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    """One cell: a value of any kind as user text."""
    return text.para("" if value is None else str(value), style, bold=bold)


def grid(header: list[str], rows: list[list], widths: list[float], st: dict[str, ParagraphStyle], *,
         fills: dict[int, object] | None = None) -> Table:
    """A table with a repeating header; rows hold strings (made into cells) or ready flowables; `fills` colours
    a row (by index in rows) e.g. by severity."""
    data = [[cell(h, st["cell_bold"]) for h in header]]
    for row in rows:
        data.append([v if not isinstance(v, (str, int, float, type(None))) else cell(v, st["cell"]) for v in row])
    table = SplitTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=SPLIT_IN_ROW)
    commands = [in_report_font(), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for index, fill in (fills or {}).items():
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), fill))
    table.setStyle(TableStyle(commands))
    return table


def pairs(rows: list[tuple[str, str]], widths: list[float], st: dict[str, ParagraphStyle]) -> Table:
    """A two-column label / value table (cover facts, a finding's details)."""
    data = [[cell(label, st["cell_bold"]), v if not isinstance(v, (str, int, float, type(None))) else cell(v, st["cell"])]
            for label, v in rows]
    table = SplitTable(data, colWidths=widths, hAlign="LEFT", splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([in_report_font(), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return table
