"""The portfolio report as PDF: cover, the KPIs against the previous period, the breakdowns, the country x goods
heat map, assessments, findings and actions, fees and grievance mechanisms, the statement text per law, and the
method. Renders the plain data of usecases/portfolio_report_data.py; never touches the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, PageBreak, Spacer, Table, TableStyle

from fldd.reports import text
from fldd.reports.pdf_tables import in_report_font
from fldd.reports.portfolio_charts import monthly_chart, trend_chart
from fldd.reports.portfolio_heatmap import heat_map
from fldd.reports.portfolio_labels import TABLES, cell
from fldd.reports.portfolio_lawmap_pdf import law_map_section
from fldd.reports.portfolio_tables import grid
from fldd.reports.portfolio_template import MARGIN, Styles, build, contents, heading, styles

WIDTH = A4[0] - 2 * MARGIN
SHORT_TABLE = 8  # rows: a table this short is kept whole on one page
_TABLES = {key: (title, columns, kind) for key, title, columns, kind in TABLES}
# the sections and the tables each shows, in order
SECTIONS = (
    ("Suppliers", ("by_country", "by_goods", "by_chain_tier")),
    ("Assessments done, due and overdue", ("assessments_by_tier", "reassessment", "by_next_step",
                                           "assessments_by_month")),
    ("Findings and corrective actions", ("findings_by_severity_status", "open_findings_by_age", "actions_overdue")),
    ("Recruitment fees and grievance mechanisms", ("fees", "grievance")),
)


def render_portfolio_pdf(data: dict, *, cancelled: Callable[[], bool] | None = None) -> bytes | None:
    """The PDF as bytes, or None when cancelled during the build."""
    st = styles()
    period = f"{day(data['since'])} to {day(data['until'])}"
    return build(lambda: story(data, st), title=data["title"], subject=f"Portfolio figures, {period}",
                 author=data.get("prepared_by") or "fldd", running=f"Portfolio figures, {period}",
                 cancelled=cancelled or (lambda: False), st=st, generated=day(data["generated"]))


def story(data: dict, st: Styles) -> list:
    """Every flowable of the report, in order."""
    flow = cover(data, st)
    flow += [PageBreak(), heading("Summary: the statement figures", 0, st)]
    flow += summary(data, st)
    flow += [PageBreak(), heading("Where the risk lies: country x goods", 0, st)]
    flow.append(text.para("Suppliers by the country they operate in and the goods they supply. A statement can "
                          "name the pairs where risk concentrates.", st.body))
    flow += heat_map(data["tables"].get("heat_map", {}), data["rating_words"], st, WIDTH)
    for key in ("by_rating", "by_inherent"):
        flow += table_block(key, data, st)
    for title, keys in SECTIONS:
        flow += [PageBreak(), heading(title, 0, st)]
        for key in keys:
            flow += table_block(key, data, st)
    flow += [PageBreak()] + law_map_section(data, st, WIDTH)
    flow += [PageBreak()] + method(data, st)
    return flow


def cover(data: dict, st: Styles) -> list:
    """Title, period, as-of day, editions, then the table of contents."""
    rows = [["Period", f"{day(data['since'])} to {day(data['until'])}"],
            ["Figures as of", day(data["as_of"])],
            ["Compared with", f"{day(data['previous']['since'])} to {day(data['previous']['until'])}"],
            ["Prepared by", data.get("prepared_by") or ""],
            ["Generated", day(data["generated"])]]
    rows += [["Data editions" if i == 0 else "", line] for i, line in enumerate(data["editions"])]
    flow = [Spacer(1, 30), text.para(data["title"], st.title),
            text.para("Figures for the modern slavery statement and the board", st.subtitle),
            headline(data, st), Spacer(1, 16),
            grid(None, rows, [38 * 2.835, WIDTH - 38 * 2.835], st, numeric_from=99),
            PageBreak(), text.para("Contents", st.h1), contents(st)]
    return flow


HEADLINE = ("suppliers_total", "suppliers_assessed_pct", "assessments_completed", "findings_open")


def headline(data: dict, st: Styles) -> Table:
    """Four figures a board reads first, large, on the cover."""
    by_id = {k["id"]: k for k in data["kpis"]}
    big = st.title.clone("headline", fontSize=20, leading=24, alignment=1, spaceAfter=2)
    small = st.small.clone("headline_label", alignment=1)
    tiles = [[text.para(by_id[k]["value_text"], big), text.para(by_id[k]["label"], small)] for k in HEADLINE]
    table = Table([tiles], colWidths=[WIDTH / len(HEADLINE)] * len(HEADLINE), hAlign="LEFT")
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#EEF3F7")),
                               in_report_font(),
                               ("LINEAFTER", (0, 0), (-2, 0), 2, colors.white),
                               ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return table


def summary(data: dict, st: Styles) -> list:
    """The KPIs: period figures against the previous period, then the standing figures on the as-of day."""
    prev = data["previous"]
    period_rows = [[k["label"], k["value_text"], k["previous_text"], k["change_text"]]
                   for k in data["kpis"] if k["period"]]
    standing = [[k["label"], k["value_text"]] for k in data["kpis"] if not k["period"]]
    return [
        text.para(f"Counted over the period {day(data['since'])} to {day(data['until'])} and compared with the "
                  f"period of the same length before it ({day(prev['since'])} to {day(prev['until'])}).", st.body),
        heading("Over the period, against the previous period", 1, st),
        grid(["Figure", "This period", "Previous period", "Change"], period_rows,
             [WIDTH - 3 * 30 * 2.835] + [30 * 2.835] * 3, st),
        heading(f"The portfolio on {day(data['as_of'])}", 1, st),
        grid(["Figure", "Value"], standing, [WIDTH - 30 * 2.835, 30 * 2.835], st),
        CondPageBreak(220), heading("This period against the previous one", 1, st),
        *_present(trend_chart(data["kpis"], WIDTH)),
        Spacer(1, 6),
        text.para("What each figure counts is in 'Method and definitions' at the end.", st.small),
    ]


def table_block(key: str, data: dict, st: Styles) -> list:
    """One breakdown table under its heading, kept with it on a page when it fits."""
    title, columns, kind = _TABLES[key]
    rows = data["tables"].get(key) or []
    chart = monthly_chart(rows, WIDTH) if key == "assessments_by_month" else None
    words = data["rating_words"]
    shown = [[cell(r, col, i == 0, kind, words) for i, (col, _) in enumerate(columns)] for r in rows]
    fixed = 1 if key == "by_country" else 0  # the country's code, a narrow text column after its name
    first_w = WIDTH * (0.34 if len(columns) > 3 else 0.5)
    code_w = 14 * 2.835
    rest = (WIDTH - first_w - fixed * code_w) / max(1, len(columns) - 1 - fixed)
    widths = [first_w] + [code_w] * fixed + [rest] * (len(columns) - 1 - fixed)
    numeric_from = 1 + fixed
    table = grid([h for _, h in columns], shown, widths, st, numeric_from=numeric_from)
    # a short table starts on the next page rather than leave its last rows there alone
    room = 60 if chart is not None or len(rows) > SHORT_TABLE else 36 + 15 * (len(rows) + 1)
    return [CondPageBreak(room), heading(title, 1, st), *_present(chart), table]


def _present(drawing) -> list:
    """The chart, when there is one to draw."""
    return [drawing] if drawing is not None else []


def method(data: dict, st: Styles) -> list:
    """What each KPI counts, the definitions behind the tables, and what the report cannot show."""
    flow = [heading("Method and definitions", 0, st),
            text.para("Every figure is counted from the assessments, findings and corrective actions recorded in "
                      "fldd. A supplier's latest result is its most recent submitted, under review or closed "
                      "assessment of either tier on or before the as-of day.", st.body),
            heading("What each figure counts", 1, st)]
    rows = [[k["label"], k["counts"]] for k in data["kpis"]]
    flow.append(grid(["Figure", "What is counted"], rows, [WIDTH * 0.36, WIDTH * 0.64], st, numeric_from=99))
    definitions = data.get("definitions") or {}
    if definitions:
        flow.append(heading("Definitions behind the tables", 1, st))
        flow += [text.para(str(sentence), st.body) for sentence in definitions.values()]  # each names its term
    flow += [heading("What this report cannot show", 1, st),
             text.para("fldd counts what suppliers declared and auditors found. It holds no record of the "
                       "company's own policies, board approval, staff training, purchasing practices or "
                       "consultation; the statement section lists, per item, what the company adds.", st.body)]
    return flow


def day(iso: str | None) -> str:
    """'2026-03-01' as '1 March 2026' (as typed when it is not a date)."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{d.day} {d:%B %Y}"
