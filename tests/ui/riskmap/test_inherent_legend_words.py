"""The Risk map's words about inherent risk, as an auditor reads them: the shading is the stored inherent risk,
which counts corridors, raw-material origins, the buyer's lists and confirmed entity-list matches as well as the
country and goods, so no word may say "country and goods alone"."""

from __future__ import annotations

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.riskmap.map_legend import legend_html
from fldd.ui.riskmap.risk_map_page import RiskMapPage
from fldd.usecases.context import open_context


def test_the_legend_and_the_button_name_what_inherent_risk_counts(qtbot, tmp_path):
    html = legend_html("inherent", ["US DOL List of Goods, 2024 edition (partial reconstruction)"])
    assert "alone" not in html
    for counted in ("recruitment corridors", "raw-material origins", "entity-list matches"):
        assert counted in html
    ctx = open_context(tmp_path / "t.sqlite3", user="tester", role="buyer")
    try:
        page = RiskMapPage(ctx, ScriptedPrompter())
        qtbot.addWidget(page)
        tip = page.inherent_button.toolTip()
        assert "alone" not in tip and "recruitment corridors" in tip
    finally:
        ctx.close()
