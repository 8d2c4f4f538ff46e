"""The portfolio report as Excel: a cover sheet, the KPIs (current, previous, change), one filterable table per
breakdown, the heat map as rows, the statement text per law and item, and what each figure counts.

Every text cell goes through exchange's put_text (written as a string in a Text cell), so a supplier or goods
named "=HYPERLINK(...)" stays text; numbers stay numbers; no cell holds a formula."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from fldd.exchange.workbook_write import put_text
from fldd.reports.portfolio_labels import TABLES, cell

_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")  # figures level with the first line of a wrapped label
_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
_NUMBER = (int, float)


def render_portfolio_xlsx(data: dict) -> bytes:
    """The workbook as bytes."""
    wb = Workbook()
    cover(wb.active, data)
    names: set[str] = set()
    kpi_rows = [[k["label"], k["value"], k["previous"], k["change"], "period" if k["period"] else "as-of day",
                 k["kind"], k["id"], k["counts"]] for k in data["kpis"]]
    sheet(wb, "KPIs", ["Figure", "Current", "Previous period", "Change", "Counted over", "Kind", "KPI id",
                       "What is counted"], kpi_rows, [40, 11, 15, 10, 13, 9, 26, 70], names)
    words = data["rating_words"]
    for key, title, columns, kind in TABLES:
        rows = [[cell(r, col, i == 0, kind, words) for i, (col, _) in enumerate(columns)]
                for r in data["tables"].get(key) or []]
        sheet(wb, title, [h for _, h in columns], rows, [34] + [16] * (len(columns) - 1), names)
    heat = data["tables"].get("heat_map", {}).get("cells", [])
    sheet(wb, "Heat map", ["Country", "Country code", "Goods", "Suppliers", "Rated high or severe",
                           "Share rated high or severe (%)", "Worst latest rating", "Inherent risk",
                           *(words.get(r, r) for r in ("low", "medium", "high", "severe", "not_assessed"))],
          [[c.get("country_name") or c["country"], c["country"], c["goods"], c["suppliers"],
            c.get("high_or_severe"), c.get("high_or_severe_pct"),
            words.get(c.get("worst_rating") or "not_assessed"), (c.get("inherent_level") or "unknown").capitalize(),
            *(c.get("ratings", {}).get(r, 0) for r in ("low", "medium", "high", "severe", "not_assessed"))]
           for c in heat], [24, 12, 28, 11, 12, 14, 18, 13, 9, 9, 9, 9, 10], names)
    law_rows = []
    for law in data["laws"]:
        for item in law["items"]:
            figures = "; ".join(f"{f['label']}: {f['value_text']}" for f in item["figures"])
            points = "; ".join(f"{d['id']}: {d['text']}" for d in item["datapoints"])
            law_rows.append([law["short"], item["title"], item["statement"], figures, points, item["company_adds"],
                             item["asks"], law["status"]])
    sheet(wb, "Law map", ["Law", "Item", "Statement (figures filled in)", "Figures", "Data points",
                          "The company adds", "What the law asks", "Status of the law"],
          law_rows, [22, 30, 70, 45, 50, 45, 45, 45], names)
    defs = [[k.replace("_", " ").capitalize(), str(v)] for k, v in (data.get("definitions") or {}).items()]
    sheet(wb, "Definitions", ["Term", "Definition"], defs, [28, 100], names)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cover(ws, data: dict) -> None:
    """The first sheet: title, period, as-of day, editions."""
    ws.title = "Report"
    put_text(ws, 1, 0, data["title"], font=_TITLE)
    lines = [("Period", f"{data['since']} to {data['until']}"), ("Figures as of", data["as_of"]),
             ("Compared with", f"{data['previous']['since']} to {data['previous']['until']}"),
             ("Prepared by", data.get("prepared_by") or ""), ("Generated", data["generated"])]
    lines += [("Data editions" if i == 0 else "", line) for i, line in enumerate(data["editions"])]
    for row, (label, value) in enumerate(lines, start=3):
        put_text(ws, row, 0, label, font=_BOLD)
        put_text(ws, row, 1, value)
    put_text(ws, len(lines) + 4, 0, "Each following sheet is one table with filters; the Law map sheet holds the "
             "statement sentences with the figures filled in.")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 80
    _print_across(ws)


def sheet(wb: Workbook, title: str, header: list[str], rows: list[list[object]], widths: list[int],
          names: set[str]) -> None:
    """A sheet holding one Excel table (filter buttons, stripes) under a frozen header row."""
    ws = wb.create_sheet(_sheet_title(title))
    fill = PatternFill("solid", fgColor="1F4E79")
    for col, label in enumerate(header):
        put_text(ws, 1, col, label, font=Font(bold=True, color="FFFFFF"), fill=fill, alignment=_WRAP)
        ws.column_dimensions[get_column_letter(col + 1)].width = widths[col] if col < len(widths) else 14
    if not rows:  # an Excel table needs a row under its header
        rows = [["None in this period"] + [None] * (len(header) - 1)]
    for r, row in enumerate(rows, start=2):
        ws.row_dimensions[r].height = _row_height(row, widths)
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, _NUMBER) and not isinstance(value, bool):
                ws.cell(row=r, column=col + 1, value=value).alignment = _TOP
            else:
                put_text(ws, r, col, str(value), alignment=_WRAP)
    ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    table = Table(displayName=_table_name(title, names), ref=ref)
    table.tableStyleInfo = _STYLE
    ws.add_table(table)
    ws.freeze_panes = "A2"
    _print_across(ws)


def _print_across(ws) -> None:
    """Printed (or converted to PDF), a sheet is one page wide, landscape, as many pages long as it needs."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _row_height(row: list[object], widths: list[int]) -> float:
    """Points tall enough for the longest wrapped text of the row (Excel and LibreOffice do not grow a row for
    wrapped text written by a program)."""
    lines = 1
    for col, value in enumerate(row):
        if isinstance(value, str) and col < len(widths):
            lines = max(lines, -(-len(value) // max(1, int(widths[col] * 1.1))))
    return min(409, 15 * lines)


def _sheet_title(title: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()


def _table_name(title: str, names: set[str]) -> str:
    """A unique table name Excel accepts (letters, digits, underscores; starting with a letter)."""
    base = "t_" + re.sub(r"[^A-Za-z0-9]+", "_", title).strip("_")
    name, n = base, 2
    while name.lower() in names:
        name, n = f"{base}_{n}", n + 1
    names.add(name.lower())
    return name
