"""Two charts of the portfolio report (reportlab.graphics, vector): this period against the previous one for the
counted figures, and assessments completed per month by tier. Light and dark bars, so a grayscale printout keeps
the two series apart; every label is fldd's own words, set in the bundled font."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor

from fldd.reports import text

NOW, BEFORE = HexColor("#1d4e89"), HexColor("#b7c4d3")  # dark: this period; light: the one before
DESKTOP, ONSITE = HexColor("#5b8ec9"), HexColor("#1b3a5c")


def trend_chart(rows: list[dict], width: float) -> Drawing | None:
    """Bars for each counted period figure: the previous period (light) above this one (dark)."""
    rows = [r for r in rows if r["period"] and r["kind"] == "count" and isinstance(r["value"], int)]
    if not rows:
        return None
    row = 20
    height = row * len(rows) + 40
    d = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = min(190.0, width * 0.42), 14
    chart.width, chart.height = width - chart.x - 12, row * len(rows)
    chart.data = [[r["previous"] or 0 for r in rows], [r["value"] for r in rows]]
    chart.bars[0].fillColor, chart.bars[1].fillColor = BEFORE, NOW
    chart.bars.strokeWidth = 0
    chart.barWidth, chart.groupSpacing, chart.barSpacing = 7, 6, 1
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = text.SANS, 6.5
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 2
    _axes(chart, [r["label"] for r in rows], max(max(chart.data[0]), max(chart.data[1]), 1))
    chart.categoryAxis.reverseDirection = 1  # the table's order, top down
    chart.categoryAxis.labels.boxAnchor, chart.categoryAxis.labels.dx = "e", -4
    d.add(chart)
    d.add(_legend(width, height - 4, [(NOW, "This period"), (BEFORE, "Previous period")]))
    return d


def monthly_chart(months: list[dict], width: float) -> Drawing | None:
    """Assessments completed per month, desktop and on-site stacked."""
    if not months:
        return None
    d = _drawing(width, 170)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 34, width - 40, 110
    chart.data = [[m.get("desktop", 0) for m in months], [m.get("onsite", 0) for m in months]]
    chart.categoryAxis.style = "stacked"
    chart.bars[0].fillColor, chart.bars[1].fillColor = DESKTOP, ONSITE
    chart.bars.strokeWidth = 0
    top = max((a + b for a, b in zip(*chart.data)), default=1)
    _axes(chart, [m["month"] for m in months], max(top, 1))
    chart.categoryAxis.labels.angle = 45 if len(months) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(months) > 8 else "n"
    d.add(chart)
    d.add(_legend(width, 166, [(DESKTOP, "Desktop self-assessments"), (ONSITE, "On-site assessments")]))
    return d


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose starting font is the bundled one (reportlab's default, Helvetica, is not embedded)."""
    d = Drawing(width, height)
    d.initialFontName = text.SANS
    return d


def _axes(chart, labels: list[str], top: int) -> None:
    step = _nice_step(top)
    chart.valueAxis.valueMin, chart.valueAxis.valueStep = 0, step
    chart.valueAxis.valueMax = step * -(-top // step)
    chart.categoryAxis.categoryNames = labels
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize, axis.strokeWidth = text.SANS, 7, 0.5
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeWidth = 1, 0.5
    chart.valueAxis.gridStrokeColor = HexColor("#e3e8ee")


def _nice_step(top: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most six ticks up to top."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if top / (factor * magnitude) <= 6:
                return factor * magnitude
        magnitude *= 10


def _legend(width: float, top: float, items: list[tuple]) -> Legend:
    legend = Legend()
    legend.x, legend.y = width - 10, top
    legend.alignment, legend.boxAnchor = "right", "ne"
    legend.columnMaximum, legend.deltax, legend.dx, legend.dy = 1, 110, 8, 8
    legend.fontName, legend.fontSize = text.SANS, 7
    legend.strokeWidth = 0
    legend.colorNamePairs = items
    return legend
