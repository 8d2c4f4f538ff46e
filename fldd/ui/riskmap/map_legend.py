"""The risk map's legend: each colour with its words, the corner mark, and the risk-data editions the inherent
shading rests on (every figure from a risk table says its edition)."""

from __future__ import annotations

from fldd.ui.riskmap.shades import SHADE_COLOURS, SHADE_ORDER, shade_words

SWATCH = "<span style='background-color:{colour}; color:{colour};'>&nbsp;■■&nbsp;</span>"
EMPTY_SWATCH = "<span style='background-color:{colour}; color:#8a8f95;'>&nbsp;&nbsp;–&nbsp;&nbsp;</span>"


def legend_html(measure: str, editions: list[str]) -> str:
    """Rich text for the legend label under the map."""
    words = shade_words(measure)
    skip = {"not_assessed"} if measure == "inherent" else {"unknown"}
    parts = [f"{(EMPTY_SWATCH if k == 'empty' else SWATCH).format(colour=SHADE_COLOURS[k])}&nbsp;{_escape(words[k])}"
             for k in SHADE_ORDER if k not in skip]
    if measure == "inherent":
        what = ("<b>Inherent risk</b> (from country and goods alone): each cell shows how many suppliers, then how "
                "many are at high inherent risk (from 10 suppliers, what share), or the worst level when none is.")
    else:
        what = ("<b>Assessed risk</b> (the rating of each supplier's latest submitted, under review or closed "
                "assessment): each cell shows how many suppliers, how many of those assessed are rated high or "
                "severe (\"high+\"; from 10, what share), and how many are not assessed; ◥ in a corner: some of "
                "its results have expired.")
    source = "Inherent risk rests on: " + "; ".join(_escape(e) for e in editions) + "."
    return (f"{what}<br/>{' &nbsp; '.join(parts)}<br/>"
            f"<span style='color:#4a5560;'>{source} A supplier with goods in two columns is counted in both.</span>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
