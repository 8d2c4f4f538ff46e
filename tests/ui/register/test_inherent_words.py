"""The register's inherent-risk words as an auditor reads them: the column does not claim the figure comes from
country and goods alone, and each cell's tooltip names the editions of the risk tables it rests on (the goods
the supplier form suggests: test_add_supplier.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fldd.ui.register.supplier_model import COL_INHERENT, HEADER_TIPS
from fldd.usecases.risk_data import load_risk_file
from fldd.usecases.suppliers import add_supplier

DOL = "US DOL List of Goods Produced by Child Labor or Forced Labor"


def _tooltip(page, name):
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == name)
    return page.proxy.index(row, COL_INHERENT).data(Qt.ItemDataRole.ToolTipRole)


def test_the_inherent_column_does_not_say_country_and_goods_alone():
    tip = HEADER_TIPS[COL_INHERENT]
    assert "alone" not in tip
    for counted in ("country", "goods", "recruitment corridors", "raw-material origins", "entity-list matches"):
        assert counted in tip


def test_each_inherent_cell_names_the_editions_its_figure_rests_on(qtbot, page, ctx, tmp_path):
    add_supplier(ctx, "Klang Gloves", "MY", goods=["Rubber Gloves"])
    page.refresh()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    tip = _tooltip(page, "Klang Gloves")
    assert tip.startswith("High (5/10)")
    assert f"{DOL}, 2024 edition (partial reconstruction), published 2024-09-05" in tip
    assert "US DOL Findings on the Worst Forms of Child Labor, 2022 edition" in tip
    assert "Trafficking in Persons Report, tier placements, 2025 edition" in tip
    assert "inherent-risk rules of 2026-12" in tip

    own = tmp_path / "own.csv"
    own.write_text("Country,Product,Level,Reason\nMalaysia,Rubber Gloves,high,audit findings\n", encoding="utf-8")
    load_risk_file(ctx, "own_list", own, list_name="Buyer watch list", edition="2026-11")
    page.refresh()
    qtbot.waitUntil(lambda: "Buyer watch list, 2026-11 edition" in (_tooltip(page, "Klang Gloves") or ""))
    assert ", loaded 20" in _tooltip(page, "Klang Gloves")  # a loaded list says when it was loaded
