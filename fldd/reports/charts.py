"""Bar charts for the reports (reportlab.graphics, vector, no images): risk per ILO indicator and score per
module. The two grow in opposite directions (more risk; a better score), so each carries an axis title saying
which way is worse, and each bar is coloured by its risk band: an indicator by its risk level, a module by the
rating band its score falls in (a module scoring 95 is green, never the red of a high-risk indicator)."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor

from fldd.reports import text

RISK_COLOURS = {0: HexColor("#4c9a6a"), 1: HexColor("#9bc46b"), 2: HexColor("#e0a526"), 3: HexColor("#c2402f"),
                None: HexColor("#c8d0d9")}
BAND_COLOURS = {"low": RISK_COLOURS[0], "medium": RISK_COLOURS[2], "high": RISK_COLOURS[3],
                "severe": HexColor("#7f1d1d")}


def _chart(labels: list[str], values: list[float], colours: list, width: float, top: float, ticks: list[float],
           title: str, tick_words: list[str] | None = None) -> Drawing:
    row = 13
    label_room = min(200.0, width * 0.45)
    height = row * len(labels) + 24 + 12
    d = Drawing(width, height)
    d.initialFontName = text.SANS  # the drawing starts in the report's font, not reportlab's Helvetica
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 16 + 12
    chart.width, chart.height = width - label_room - 10, row * len(labels)
    chart.data = [values]
    chart.barWidth = row * 0.62
    chart.groupSpacing = row * 0.38
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.reverseDirection = 1  # first label on top, as in the table
    chart.categoryAxis.labels.fontName = text.SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeWidth = 0.5
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueSteps = ticks
    chart.valueAxis.labels.fontName = text.SANS
    chart.valueAxis.labels.fontSize = 7
    if tick_words:
        chart.valueAxis.labelTextFormat = lambda v: tick_words[int(v)] if int(v) < len(tick_words) else ""
    chart.valueAxis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = HexColor("#e3e8ee")
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.bars.strokeWidth = 0
    chart.bars.strokeColor = None
    for i, colour in enumerate(colours):
        chart.bars[(0, i)].fillColor = colour
    d.add(chart)
    d.add(String(label_room + chart.width / 2, 2, title, fontName=text.SANS, fontSize=7, textAnchor="middle"))
    return d


def indicator_chart(rows: list[dict], width: float, risk_words: list[str], title: str) -> Drawing:
    """Risk 0-3 per ILO indicator (rows: number, name, risk), longer = more risk; an indicator nothing answered
    shows no bar. title: the value axis' words."""
    labels = [f"{r['number']}. {r['name']}" for r in rows]
    values = [float(r["risk"]) if r["risk"] is not None else 0.0 for r in rows]
    values = [v if v > 0 else 0.08 if r["risk"] == 0 else 0 for v, r in zip(values, rows)]  # risk 0: a sliver
    return _chart(labels, values, [RISK_COLOURS.get(r["risk"]) for r in rows], width, 3, [0, 1, 2, 3], title,
                  risk_words)


def module_chart(rows: list[dict], width: float, bands: list[dict], title: str) -> Drawing:
    """Score 0-100 per module (rows: title, score), longer = better, each bar in the colour of the rating band
    its score falls in (bands: [{rating, min_score}], best first). title: the value axis' words."""
    labels = [r["title"] for r in rows]
    values = [float(r["score"]) if r["score"] is not None else 0.0 for r in rows]
    return _chart(labels, values, [_band_colour(r["score"], bands) for r in rows], width, 100, [0, 25, 50, 75, 100],
                  title)


def _band_colour(score: float | None, bands: list[dict]):
    if score is None:
        return RISK_COLOURS[None]
    band = next((b for b in bands if score >= b["min_score"]), bands[-1] if bands else None)
    return BAND_COLOURS.get(band["rating"], RISK_COLOURS[None]) if band else RISK_COLOURS[None]


def caption(d: Drawing, words: str) -> Drawing:
    """A small caption under the chart's value axis."""
    d.add(String(d.width - 10, 2, words, fontName=text.SANS, fontSize=6.5, textAnchor="end"))
    return d
