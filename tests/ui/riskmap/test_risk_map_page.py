"""The Risk map page as a buyer uses it: click a cell and see exactly the suppliers behind it (checked against
the database), open one, switch between inherent and assessed risk, filter, move between cells with the keyboard,
and open Next steps from the counts by step."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.ui.main_window import ROW_QUEUE, ROW_RISK_MAP, ROW_SUPPLIERS, MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.riskmap.grid_model import LINES_ROLE, SHADE_ROLE, cell_lines
from fldd.ui.riskmap.risk_map_page import RiskMapPage
from fldd.usecases.context import open_context
from fldd.usecases.queue import STEP_LABELS, queue_rows
from fldd.usecases.risk_map import Cell
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
OFFSCREEN = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "t.sqlite3", user="tester", role="buyer")
    context.today = lambda: TODAY
    add_supplier(context, "Dhaka Knit", "BD", goods=["garment", "Cotton"])
    add_supplier(context, "Chittagong Sew", "BD", goods=["Garments"], status="suspended")
    add_supplier(context, "Hanoi Wear", "VN", goods=["Garments"])
    add_supplier(context, "Lisbon Shoes", "PT", goods=["Footwear"])
    yield context
    context.close()


@pytest.fixture
def page(qtbot, ctx):
    shown = RiskMapPage(ctx, ScriptedPrompter())
    qtbot.addWidget(shown)
    shown.resize(1196, 678)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def in_db(ctx, country: str, good: str) -> set[str]:
    """Names of the suppliers in a country whose goods include `good` exactly or as typed in lower case."""
    with ctx.store.read() as db:
        rows = db.execute("SELECT name, goods FROM suppliers WHERE country = ?", [country]).fetchall()
    return {name for name, goods in rows if any(g.casefold().rstrip("s") == good.casefold().rstrip("s")
                                                for g in json.loads(goods))}


def click(qtbot, page, row: str, column: str) -> None:
    index = page.cell_index(row, column)
    assert index.isValid(), (row, column)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())


def listed_names(page) -> set[str]:
    return {page.supplier_list.item(i).text().split("\n")[0] for i in range(page.supplier_list.count())}


def test_clicking_a_cell_lists_exactly_the_suppliers_behind_it(qtbot, page, ctx):
    click(qtbot, page, "Bangladesh", "Garments")
    assert listed_names(page) == in_db(ctx, "BD", "Garments") == {"Dhaka Knit", "Chittagong Sew"}
    assert "Garments" in page.cell_title.text() and "2 suppliers" in page.cell_title.text()
    click(qtbot, page, "Bangladesh", "Cotton")
    assert listed_names(page) == in_db(ctx, "BD", "Cotton") == {"Dhaka Knit"}
    click(qtbot, page, "Portugal", "Garments")  # no suppliers: a grey cell, an empty list
    assert page.supplier_list.count() == 0 and "no suppliers" in page.cell_title.text()
    assert page.model.data(page.cell_index("Portugal", "Garments"), SHADE_ROLE) == "empty"


def test_a_listed_supplier_opens_with_enter(qtbot, page, ctx):
    click(qtbot, page, "Vietnam", "Garments")
    page.supplier_list.setFocus()
    page.supplier_list.setCurrentRow(0)
    with qtbot.waitSignal(page.open_supplier) as opened:
        qtbot.keyClick(page.supplier_list, Qt.Key.Key_Return)
    with ctx.store.read() as db:
        assert opened.args == [db.execute("SELECT id FROM suppliers WHERE name = 'Hanoi Wear'").fetchone()[0]]


def test_switching_to_assessed_risk_shows_not_assessed_until_a_result_exists(qtbot, page, ctx):
    index = page.cell_index("Bangladesh", "Garments")
    assert page.model.data(index, SHADE_ROLE) == "high_most"
    assert page.model.data(index, LINES_ROLE)[1] == "2 high"  # a few: the number, not a share
    qtbot.mouseClick(page.assessed_button, Qt.MouseButton.LeftButton)
    assert page.measure == "assessed"
    index = page.cell_index("Bangladesh", "Garments")
    assert page.model.data(index, SHADE_ROLE) == "not_assessed"
    assert page.model.data(index, LINES_ROLE)[:2] == ("2", "not assessed")
    assert "Assessed risk" in page.legend.text()
    with ctx.store.read() as db:
        supplier = db.execute("SELECT id FROM suppliers WHERE name = 'Dhaka Knit'").fetchone()[0]
    assessment = store_assessments.create(ctx.store, supplier, "fldd-desktop", "1.0.0", "desktop")
    store_assessments.save_result(ctx.store, assessment, {"rating": "severe", "score": 20.0, "expires": "2026-10-01",
                                                          "as_of": "2025-10-01"})
    with ctx.store.write() as db:
        db["assessments"].update(assessment, {"status": "closed"})
    page.refresh()
    index = page.cell_index("Bangladesh", "Garments")
    assert page.model.data(index, LINES_ROLE) == ("2", "1 high+", "1 not assessed")
    assert "expired" in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    qtbot.mouseClick(page.inherent_button, Qt.MouseButton.LeftButton)
    assert page.model.data(page.cell_index("Bangladesh", "Garments"), LINES_ROLE)[1] == "2 high"


def test_filters_narrow_the_map_and_keep_every_step_count(qtbot, page, ctx):
    assert page.count.text() == "4 of 4 suppliers"
    page.status.setCurrentIndex(page.status.findData("suspended"))
    assert page.count.text() == "1 of 4 suppliers"
    assert [label for _, label in page.model.grid.rows] == ["Bangladesh"]
    click(qtbot, page, "Bangladesh", "Garments")
    assert listed_names(page) == {"Chittagong Sew"}
    page.status.setCurrentIndex(0)
    steps = [r["step"] for r in queue_rows(ctx)]
    step = steps[0]
    page.step.setCurrentIndex(page.step.findData(step))
    assert page.count.text() == f"{steps.count(step)} of 4 suppliers"
    for other in set(steps):
        assert page.tiles.tiles[other].text() == f"{STEP_LABELS[other]}: {steps.count(other)}"


def test_the_arrow_keys_move_between_cells_and_the_list_follows(qtbot, page):
    page.view.setFocus()
    click(qtbot, page, "Bangladesh", "Garments")
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    assert page.view.currentIndex() == page.cell_index("Portugal", "Garments")
    qtbot.keyClick(page.view, Qt.Key.Key_Down)
    assert listed_names(page) == {"Hanoi Wear"}
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.supplier_list.hasFocus() or page.supplier_list.currentRow() == 0


def test_a_step_count_opens_next_steps_on_that_step(qtbot, ctx):
    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    window.go_to(ROW_RISK_MAP)
    page = window.page(ROW_RISK_MAP)
    queue = window.page(ROW_QUEUE)
    qtbot.mouseClick(page.tiles.tiles["desktop"], Qt.MouseButton.LeftButton)
    assert window.nav.currentRow() == ROW_QUEUE and window.stack.currentWidget() is queue
    assert queue.step.currentData() == "desktop"  # the queue shows that step only
    steps = {queue.model.record(row)["step"] for row in range(queue.model.rowCount())}
    assert steps <= {"desktop"} and queue.count.text().startswith(f"{queue.model.rowCount()} of ")
    window.go_to(ROW_RISK_MAP)
    click(qtbot, page, "Vietnam", "Garments")
    page.supplier_list.setCurrentRow(0)
    page.supplier_list.itemActivated.emit(page.supplier_list.item(0))
    assert window.nav.currentRow() == ROW_SUPPLIERS


def test_a_large_cell_gives_the_share_at_high_risk_and_an_unassessed_one_says_so():
    big = Cell(ids=list(range(12)), levels=Counter(high=5, medium=7), ratings=Counter(severe=2, low=8, not_assessed=2))
    assert cell_lines(big, "inherent") == ("12", "42% high", "")
    assert cell_lines(big, "assessed") == ("12", "20% high+", "2 not assessed")  # of the 10 assessed
    nobody = Cell(ids=[1, 2], levels=Counter(low=2), ratings=Counter(not_assessed=2))
    assert cell_lines(nobody, "assessed") == ("2", "not assessed", "") and cell_lines(nobody, "inherent")[1] == "low"
