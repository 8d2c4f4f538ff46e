"""The two result charts cannot be misread side by side: the indicator chart's bars grow with risk, the module
chart's with the score (less risk found), each says so in its axis title, and a bar's colour is its risk band in
both (a module that scores well is not drawn in the indicators' red). The declared-vs-verified table names the
desktop question each declaration answered."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from fldd.reports import charts
from fldd.usecases.assessments import list_assessments
from fldd.usecases.report_assessment import assessment_report_data, write_assessment_pdf


@pytest.fixture(scope="module")
def onsite(demo_ctx, tmp_path_factory):
    assessment_id = next(r["id"] for r in list_assessments(demo_ctx)
                         if r["supplier"] == "Chittagong Knit Composite" and r["tier"] == "onsite")
    data = assessment_report_data(demo_ctx, assessment_id)
    reader = PdfReader(write_assessment_pdf(demo_ctx, assessment_id, tmp_path_factory.mktemp("c") / "r.pdf"))
    return data, " ".join("\n".join(p.extract_text() for p in reader.pages).split())


def _fills(drawing) -> list:
    chart = drawing.contents[0]
    return [chart.bars[(0, i)].fillColor for i in range(len(chart.data[0]))]


def test_a_module_bar_is_coloured_by_the_band_its_score_falls_in(onsite):
    data, _ = onsite
    bands = data["bands"]
    assert [b["rating"] for b in bands] and all("min_score" in b for b in bands)
    rows = [{"title": "Good", "score": 99.0, "risk": 3}, {"title": "Poor", "score": 5.0, "risk": 0}]
    fills = _fills(charts.module_chart(rows, 400, bands, "Score"))
    assert fills[0] == charts.BAND_COLOURS[bands[0]["rating"]]  # the best band: not the risk-3 red
    assert fills[1] == charts.BAND_COLOURS[bands[-1]["rating"]]
    assert fills[0] != charts.RISK_COLOURS[3]


def test_each_chart_says_which_way_is_worse(onsite):
    data, whole = onsite
    w = data["labels"]
    assert w["chart.indicators"] in whole and w["chart.modules"] in whole
    assert "more risk" in w["chart.indicators"] and "less risk" in w["chart.modules"]


def test_the_declared_column_names_the_desktop_question(onsite):
    data, whole = onsite
    rows = data["onsite"]["declared_vs_verified"]
    assert rows
    section = whole.split("Declared and verified")[-1]
    for row in rows:
        assert " ".join(row["declared_text"].split()) in section
