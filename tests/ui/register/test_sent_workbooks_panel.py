"""The register for sending workbooks to many suppliers: several rows selected with the mouse and the keyboard; and
the supplier panel's sent workbooks, newest first, each returned or waiting how long (in red once it is time
to chase), updated when the returned file is imported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.ui.register.supplier_panel import SENT_SHOWN
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill
from tests.ui.register.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def click_row(qtbot, page, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = page.table.visualRect(page.proxy.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def names(page, ids) -> list[str]:
    return [page.model.record(page.model.row_of(i))["name"] for i in ids]


def sent_lines(panel) -> list[tuple[str, str]]:
    """The panel's sent workbooks as read: (what, state) per line."""
    grid = panel.sent_lines
    cells = [(grid.itemAtPosition(r, 0), grid.itemAtPosition(r, 1)) for r in range(grid.rowCount())]
    return [(what.widget().text(), state.widget().text()) for what, state in cells
            if what is not None and state is not None and what is not state]  # not a line across both


def test_several_rows_are_selected_by_click_ctrl_click_shift_click_and_keys(qtbot, ctx, qtbot_page_factory):
    for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo"):
        add_supplier(ctx, name, "MY")
    page = qtbot_page_factory(ctx)

    click_row(qtbot, page, 0)
    assert names(page, page.selected_ids()) == ["Alpha"] and page.desktop_button.isEnabled()
    assert page.count.text() == "5 of 5 suppliers"
    click_row(qtbot, page, 2, Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, page, 4, Qt.KeyboardModifier.ShiftModifier)
    assert names(page, page.selected_ids()) == ["Alpha", "Charlie", "Delta", "Echo"]
    assert page.count.text() == "5 of 5 suppliers, 4 selected"
    assert not page.desktop_button.isEnabled() and not page.onsite_button.isEnabled()  # one supplier at a time
    assert page.panel.supplier_id == page.selected_id() == page.selected_ids()[-1]  # the current row's supplier

    click_row(qtbot, page, 1)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert names(page, page.selected_ids()) == ["Bravo", "Charlie"]
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(page.selected_ids()) == 5
    qtbot.keyClicks(page.search, "ha")  # Alpha and Charlie
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    assert names(page, page.shown_ids()) == ["Alpha", "Charlie"]


def test_the_panel_lists_the_sent_workbooks_newest_first_with_replaced_and_waiting(qtbot, demo_ctx, demo_page):
    page = demo_page
    supplier_id = next(r["id"] for r in page.model.rows if r["name"] == "Phnom Penh Apparel")
    page.select_supplier(supplier_id)

    assert page.panel.sent_heading.isVisible() and page.panel.sent_heading.text() == "Sent workbooks"
    assert sent_lines(page.panel) == [("2026-10-16 · Desktop (en)", "Waiting 38 days"),
                                      ("2026-09-09 · Desktop (en)", "Sent again 2026-10-16")]
    waiting = page.panel.sent_lines.itemAtPosition(0, 1).widget()
    assert OVERDUE_COLOUR in waiting.styleSheet()  # over 30 days: time to chase
    assert waiting.toolTip() == "Phnom Penh Apparel - fldd-desktop - 2026-10-16.xlsx"
    assert OVERDUE_COLOUR not in page.panel.sent_lines.itemAtPosition(1, 1).widget().styleSheet()

    saigon = next(r["id"] for r in page.model.rows if r["name"] == "Saigon Stitch Co.")
    page.select_supplier(saigon)
    assert sent_lines(page.panel) == [("2026-01-20 · Desktop (en)", "Returned 2026-01-29")]


def test_a_returned_workbook_shows_as_returned_once_imported(qtbot, ctx, tmp_path, qtbot_page_factory):
    supplier_id = add_supplier(ctx, "Klang Valley Gloves", "MY")
    sent = export_workbook(ctx, supplier_id, "fldd-desktop", tmp_path / "klang.xlsx", lang="es")
    page = qtbot_page_factory(ctx)
    page.select_supplier(supplier_id)
    [(what, state)] = sent_lines(page.panel)
    assert what.endswith(" · Desktop (es)") and state.startswith("Waiting ")

    fill(sent.path, {"pr_workers_total": 80})
    import_paths(ctx, [sent.path])
    page.refresh()

    [(_, state)] = sent_lines(page.panel)
    assert state == f"Returned {what[:10]}"


def test_a_supplier_never_sent_one_says_how_to_and_a_long_history_is_cut(qtbot, ctx, tmp_path, qtbot_page_factory):
    quiet = add_supplier(ctx, "Alpha", "MY")
    busy = add_supplier(ctx, "Bravo", "MY")
    for n in range(SENT_SHOWN + 2):
        export_workbook(ctx, busy, "fldd-desktop", tmp_path / f"bravo-{n}.xlsx")
    page = qtbot_page_factory(ctx)

    page.select_supplier(quiet)
    assert page.panel.sent_lines.itemAtPosition(0, 0).widget().text() == (
        "None yet. File > Export (Ctrl+E) writes one to send.")
    page.select_supplier(busy)
    assert len(sent_lines(page.panel)) == SENT_SHOWN
    assert page.panel.sent_lines.itemAtPosition(SENT_SHOWN, 0).widget().text() == (
        "… and 2 sent before (fldd workbook sent lists them all)")
    assert page.panel.sent[0]["file_name"] == f"bravo-{SENT_SHOWN + 1}.xlsx"  # the newest first
