"""Tables of the portfolio report, in the look of the shared ones (pdf_tables.py: light header, fine rules) with
the figures right-aligned under right-aligned headers. Every cell's text goes through text.para, so a goods name
in Thai or a supplier's "<b>" prints as typed."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from fldd.reports import text
from fldd.reports.pdf_tables import HEAD_FILL, STRIPE, in_report_font
from fldd.reports.portfolio_template import RULE, Styles


def grid(header: list[str] | None, rows: list[list[object]], widths: list[float], st: Styles, *,
         numeric_from: int = 1, total: bool = False) -> Table:
    """A table of rows under header (None: no header row, the first column bold, as a list of facts); columns
    from numeric_from on are figures (right-aligned). With total, the last row is a total line."""
    head_style = st.cell_bold
    head_right = head_style.clone("head_right", alignment=2)
    data = [] if header is None else [
        [text.para(h, head_right if c >= numeric_from else head_style) for c, h in enumerate(header)]]
    for r, row in enumerate(rows):
        last = total and r == len(rows) - 1
        data.append([text.para(_shown(v), _cell_style(st, c >= numeric_from, last or (header is None and c == 0)))
                     for c, v in enumerate(row)])
    if not rows:
        data.append([text.para("None in this period", st.cell)] + [""] * (len(widths) - 1))
    table = Table(data, colWidths=widths, repeatRows=0 if header is None else 1, hAlign="LEFT")
    commands = [] if header is None else [("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    commands += [
        in_report_font(),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), STRIPE) for i in range(2, len(data), 2)]
    if total and rows:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def _cell_style(st: Styles, numeric: bool, bold: bool):
    if bold:
        return st.cell_bold.clone("total_right", alignment=2) if numeric else st.cell_bold
    return st.cell_right if numeric else st.cell


def _shown(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.1f}" if not value.is_integer() else f"{int(value):,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
