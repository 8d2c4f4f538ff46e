"""The risk map's numbers as a buyer would check them: every supplier sits in the cells of its country and goods
(a good typed loosely joins the DOL good it names), the shading says what the suppliers' risk is, a supplier with
no result is "not assessed" rather than low, expired results are counted, and filters and counts by next step
agree with the register and the queue."""

from __future__ import annotations

from fldd.risk.goods_groups import group_goods
from fldd.store import assessments as store_assessments
from fldd.usecases.queue import queue_rows
from fldd.usecases.risk_map import (NO_GOODS, NO_REGION, NOT_ASSESSED, OTHER_GOODS, Filters, map_suppliers,
                                    risk_grid, shade)
from fldd.usecases.suppliers import add_supplier, register


def result(ctx, supplier_id: int, rating: str, expires: str, tier: str = "desktop") -> int:
    """A submitted result of this rating, valid until `expires`."""
    assessment = store_assessments.create(ctx.store, supplier_id, f"fldd-{tier}", "1.0.0", tier)
    store_assessments.save_result(ctx.store, assessment, {"rating": rating, "score": 50.0, "expires": expires,
                                                          "as_of": "2026-01-10"})
    with ctx.store.write() as db:
        db["assessments"].update(assessment, {"status": "submitted"})
    return assessment


def cell(grid, row: str, column_label: str):
    column = next(k for k, label, _ in grid.columns if label == column_label)
    return grid.cells.get((row, column))


def test_loosely_typed_goods_join_the_dol_good_and_unlisted_ones_group_by_their_folded_spelling():
    groups = group_goods(["garment", "Garments", "T-shirts", "t shirts", "T-shirts", "bricks"],
                         ["Garments", "Bricks (clay)", "Cotton"])
    assert groups["garment"] == groups["Garments"] and groups["Garments"].label == "Garments"
    assert groups["Garments"].listed and groups["bricks"].label == "Bricks (clay)"
    assert groups["T-shirts"] == groups["t shirts"] and groups["t shirts"].label == "T-shirts"  # most written
    assert not groups["T-shirts"].listed


def test_each_supplier_is_behind_the_cells_of_its_country_and_each_of_its_goods(ctx):
    both = add_supplier(ctx, "Dhaka Knit", "BD", goods=["garment", "Cotton"])
    other = add_supplier(ctx, "Chittagong Sew", "BD", goods=["Garments"])
    add_supplier(ctx, "Hanoi Wear", "VN", goods=["Garments"])
    suppliers, labels = map_suppliers(ctx)
    grid = risk_grid(suppliers, labels)
    assert sorted(cell(grid, "BD", "Garments").ids) == sorted([both, other])
    assert cell(grid, "BD", "Cotton").ids == [both]
    assert cell(grid, "VN", "Cotton") is None
    assert [label for _, label in grid.rows] == ["Bangladesh", "Vietnam"]  # countries by name
    assert [label for _, label, _ in grid.columns][:2] == ["Garments", "Cotton"]  # most frequent first
    assert grid.row_totals["BD"] == 2 and grid.column_totals["dol:Garments"] == 3


def test_inherent_shading_says_how_many_are_high_and_assessed_shading_keeps_not_assessed_apart(ctx):
    rated = add_supplier(ctx, "Dhaka Knit", "BD", goods=["Garments"])
    add_supplier(ctx, "Chittagong Sew", "BD", goods=["Garments"])
    add_supplier(ctx, "Lisbon Shoes", "PT", goods=["Footwear"])
    suppliers, labels = map_suppliers(ctx)
    inherent = risk_grid(suppliers, labels, measure="inherent")
    assert {s.inherent_level for s in suppliers if s.country == "BD"} == {"high"}
    assert shade(cell(inherent, "BD", "Garments"), "inherent") == "high_most"
    assert shade(cell(inherent, "PT", "Footwear"), "inherent") == "low"
    assessed = risk_grid(suppliers, labels, measure="assessed")
    assert shade(cell(assessed, "PT", "Footwear"), "assessed") == NOT_ASSESSED  # not "low": nobody looked yet
    result(ctx, rated, "low", "2027-06-30")
    suppliers, labels = map_suppliers(ctx)
    garments = cell(risk_grid(suppliers, labels, measure="assessed"), "BD", "Garments")
    assert shade(garments, "assessed") == "low" and garments.ratings == {"low": 1, NOT_ASSESSED: 1}


def test_an_expired_result_still_rates_the_cell_and_is_counted_as_expired(ctx):
    supplier = add_supplier(ctx, "Dhaka Knit", "BD", goods=["Garments"])
    result(ctx, supplier, "severe", "2026-11-22")  # expired yesterday
    suppliers, labels = map_suppliers(ctx)
    garments = cell(risk_grid(suppliers, labels, measure="assessed"), "BD", "Garments")
    assert shade(garments, "assessed") == "high_most" and garments.expired == 1
    assert [s.expired for s in suppliers] == [True]


def test_goods_beyond_the_columns_shown_are_summed_once_as_other_goods(ctx):
    for n, good in enumerate(["Garments", "Garments", "Garments", "Cotton", "Cotton"]):
        add_supplier(ctx, f"Maker {n}", "BD", goods=[good])
    two_rare = add_supplier(ctx, "Mixed Trader", "BD", goods=["Toys", "Furniture"])
    bare = add_supplier(ctx, "Unknown Goods Ltd", "BD", goods=[])
    suppliers, labels = map_suppliers(ctx)
    grid = risk_grid(suppliers, labels, max_goods=2)
    assert [label for _, label, _ in grid.columns] == ["Garments", "Cotton", OTHER_GOODS[1], NO_GOODS[1]]
    assert grid.cells[("BD", OTHER_GOODS[0])].ids == [two_rare]
    assert grid.cells[("BD", NO_GOODS[0])].ids == [bare]


def test_filters_narrow_the_suppliers_and_the_step_counts_match_the_queue(ctx):
    add_supplier(ctx, "Dhaka Knit", "BD", goods=["Garments"], chain_tier=1)
    suspended = add_supplier(ctx, "Chittagong Sew", "BD", goods=["Garments"], status="suspended")
    deep = add_supplier(ctx, "Cotton Gin", "BD", goods=["Cotton"], chain_tier=4)
    add_supplier(ctx, "Lisbon Shoes", "PT", goods=["Footwear"])
    suppliers, labels = map_suppliers(ctx)
    assert [s.id for s in suppliers if Filters(status="suspended").keeps(s)] == [suspended]
    assert [s.id for s in suppliers if Filters(chain_tier=3).keeps(s)] == [deep]  # "3 or further"
    grid = risk_grid(suppliers, labels, filters=Filters(level="high"))
    high = {r["id"] for r in register(ctx) if r["inherent_level"] == "high"}
    assert high and grid.shown == len(high) < len(suppliers)
    assert {i for c in grid.cells.values() for i in c.ids} == high
    steps = {r["supplier_id"]: r["step"] for r in queue_rows(ctx)}
    wanted = steps[deep]
    chosen = risk_grid(suppliers, labels, filters=Filters(step=wanted))
    assert chosen.shown == sum(1 for s in steps.values() if s == wanted)
    everyone = {step: sum(1 for s in steps.values() if s == step) for step in set(steps.values())}
    assert {k: v for k, v in chosen.by_step.items() if v} == everyone  # the step filter does not hide the others


def test_region_rows_follow_the_dol_findings_and_countries_it_does_not_cover_come_last(ctx):
    add_supplier(ctx, "Lisbon Shoes", "PT", goods=["Footwear"])
    add_supplier(ctx, "Dhaka Knit", "BD", goods=["Garments"])
    add_supplier(ctx, "Accra Cocoa", "GH", goods=["Cocoa"])
    suppliers, labels = map_suppliers(ctx)
    grid = risk_grid(suppliers, labels, rows_by="region")
    assert [label for _, label in grid.rows] == ["Indo-Pacific", "Sub-Saharan Africa", NO_REGION]
