"""The Next steps page driven as a buyer would: sort by a click on a header, filter by typing and choosing, read
why, decide with the keyboard; then the database and the window both show it. Home's next-steps strip opens the
queue filtered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fldd.store import assessments as store_assessments
from fldd.ui.main_window import ROW_QUEUE, MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.queue.decide_dialog import DecideDialog
from fldd.ui.queue.queue_model import COL_STATE, COL_STEP, COL_SUPPLIER
from fldd.ui.queue.queue_page import QueuePage
from fldd.usecases.context import open_context
from fldd.usecases.queue_decisions import history
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "test.sqlite3", user="amina", role="buyer")
    context.today = lambda: TODAY
    ids = {"denim": add_supplier(context, "Dhaka Denim", "BD", goods=["Garments"]),
           "chairs": add_supplier(context, "Lodz Chairs", "PL", goods=["Furniture"]),
           "severe": add_supplier(context, "Anchor Severe Site", "PL", goods=["Furniture"])}
    aid = store_assessments.create(context.store, ids["severe"], "fldd-onsite", "2.0.0", "onsite")  # verified on site
    store_assessments.set_status(context.store, aid, "submitted")
    store_assessments.save_result(context.store, aid, {"rating": "severe", "score": 20.0, "expires": "2027-06-01",
                                                       "as_of": "2026-06-01"})
    context.ids = ids
    yield context
    context.close()


@pytest.fixture
def page(qtbot, ctx):
    widget = QueuePage(ctx, ScriptedPrompter())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(page, column=COL_SUPPLIER):
    model = page.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_header(qtbot, page, column):
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.viewport().rect().center().__class__(
        x, header.height() // 2))


def click_row(qtbot, page, name):
    row = shown(page).index(name)
    rect = page.table.visualRect(page.table.model().index(row, COL_SUPPLIER))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_queue_opens_most_urgent_first_and_sorts_by_a_click_on_a_header(qtbot, page):
    assert shown(page) == ["Anchor Severe Site", "Dhaka Denim", "Lodz Chairs"]
    assert shown(page, COL_STEP) == ["Decide on the relationship", "On-site assessment", "Desktop self-assessment"]
    assert page.count.text() == "3 suppliers"

    click_header(qtbot, page, COL_SUPPLIER)
    assert shown(page) == ["Anchor Severe Site", "Dhaka Denim", "Lodz Chairs"]
    click_header(qtbot, page, COL_SUPPLIER)
    assert shown(page) == ["Lodz Chairs", "Dhaka Denim", "Anchor Severe Site"]


def test_typing_and_choosing_filter_the_rows_and_the_count_says_how_many(qtbot, page):
    qtbot.keyClicks(page.search, "bangladesh")
    assert shown(page) == ["Dhaka Denim"]
    assert page.count.text() == "1 of 3 suppliers"
    page.search.clear()
    page.step.setFocus()
    qtbot.keyClicks(page.step, "Desktop")
    assert page.step.currentData() == "desktop"
    assert shown(page) == ["Lodz Chairs"]
    page.step.setCurrentIndex(0)
    page.country.setFocus()
    qtbot.keyClicks(page.country, "Poland")
    assert shown(page) == ["Anchor Severe Site", "Lodz Chairs"]
    page.level.setCurrentIndex(page.level.findData("high"))
    assert shown(page) == []
    assert page.count.text() == "0 of 3 suppliers"


def test_the_reasons_of_the_chosen_supplier_show_beside_the_table_with_the_risk_datas_edition(qtbot, page):
    click_row(qtbot, page, "Dhaka Denim")

    assert page.name.text() == "Dhaka Denim — Bangladesh"
    assert page.recommended.text() == "Recommended: On-site assessment"
    assert "names Garments from Bangladesh for" in page.reasons.text()
    assert page.editions.text().startswith("Inherent risk from the risk data in force: US DOL List of Goods ")
    assert page.action_button.isVisible() and page.action_button.text() == "S&tart on-site assessment"


def test_a_decision_made_with_the_keyboard_is_kept_and_takes_the_row_out_of_needs_a_decision(qtbot, page, ctx):
    page.view.setCurrentIndex(page.view.findData("undecided"))
    click_row(qtbot, page, "Lodz Chairs")
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, DecideDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason)  # typing goes straight to the reason

    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # no reason yet: refused, the dialog stays
    assert dialog.isVisible() and dialog.message.text().startswith("Say why")
    assert history(ctx, ctx.ids["chairs"]) == []

    dialog.decision.setFocus()
    qtbot.keyClicks(dialog.decision, "Defer")
    assert dialog.decision.currentData() == "defer" and dialog.dated.isChecked()
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Workbooks go out in January")
    with qtbot.waitSignal(dialog.decided):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    kept = history(ctx, ctx.ids["chairs"])
    assert [(d["decision"], d["until"], d["reason"], d["decided_by"]) for d in kept] == [
        ("defer", "2026-12-23", "Workbooks go out in January", "amina")]
    assert "Lodz Chairs" not in shown(page)  # the view shows only what needs a decision
    page.view.setCurrentIndex(page.view.findData("all"))
    row = shown(page).index("Lodz Chairs")
    assert shown(page, COL_STATE)[row] == "Deferred until 2026-12-23"
    assert page.name.text() == "Lodz Chairs — Poland"  # still the one chosen
    assert page.state.text().startswith("Deferred until 2026-12-23 — amina, ")


def test_homes_next_steps_strip_opens_the_queue_filtered_to_that_step(qtbot, ctx):
    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    home = window.page(0)
    button = home.next_steps.steps["onsite"]
    assert button.text() == "On-site assessment: 1"
    assert home.next_steps.undecided.text() == "Needs a decision: 3"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    queue = window.page(ROW_QUEUE)
    assert window.nav.currentRow() == ROW_QUEUE and window.stack.currentWidget() is queue
    assert queue.step.currentData() == "onsite"
    assert shown(queue) == ["Dhaka Denim"]


@pytest.mark.parametrize(("width", "height", "columns"), [
    (1366, 768, ["Supplier", "Next step", "Decision / under way", "Inherent risk", "Country"]),
    (1920, 1080, ["Supplier", "Next step", "Decision / under way", "Inherent risk", "Country", "Latest result",
                  "Valid until", "Why"])])
def test_the_columns_fit_the_screen_without_scrolling_sideways(qtbot, tmp_path, width, height, columns):
    """The buyer on a 1366x768 laptop reads every column shown without scrolling sideways; what does not fit
    (the latest result, its validity, the reasons) is in the panel beside the table."""
    from fldd.usecases.demo import build_demo

    demo = open_context(tmp_path / "demo.sqlite3", user="amina", role="buyer")
    demo.today = lambda: TODAY
    build_demo(demo)
    widget = QueuePage(demo, ScriptedPrompter())
    qtbot.addWidget(widget)
    widget.resize(width - 170, height - 90)  # what the main window leaves for a page
    widget.show()
    qtbot.waitExposed(widget)
    table, header = widget.table, widget.table.horizontalHeader()
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    shown_columns = [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())
                     if not table.isColumnHidden(c)]
    assert shown_columns[:len(columns)] == columns
    assert sum(header.sectionSize(c) for c in range(header.count()) if not table.isColumnHidden(c)) \
        <= table.viewport().width()
    table.selectRow(0)
    row = widget.selected_row()
    tier = {"desktop": "desktop self-assessment", "onsite": "on-site assessment"}[row["tier"]]
    until = f"expired on {row['valid_until']}" if row["expired"] else f"valid until {row['valid_until']}"
    assert widget.result.text() == f"Latest result: {tier} of {row['assessed_on']}, rated {row['rating']}; {until}"
    demo.close()
