"""The main window assembles the pages: navigation by click and keyboard, and requests between pages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt

from fldd.store import assessments as store_assessments
from fldd.ui.assessments.assessments_model import COL_SUPPLIER, ID_ROLE
from fldd.ui.main_window import PAGES, ROW_ASSESSMENTS, ROW_FINDINGS, TITLE, MainWindow, opening_geometry
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

NAMES = [name for name, _, _ in PAGES]


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "test.sqlite3", user="tester", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()


@pytest.fixture
def window(qtbot, ctx):
    main_window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


def test_window_shows_title_home_page_and_database(window, ctx):
    assert window.windowTitle() == TITLE
    assert [window.nav.item(row).text() for row in range(window.nav.count())] == NAMES
    assert window.stack.currentWidget() is window.page(0)
    assert str(ctx.store.path) in window.db_label.text() and "tester (buyer)" in window.db_label.text()


def test_default_size_fits_a_small_laptop_screen(window):
    assert window.width() <= 1366 and window.height() <= 768 - 60


@pytest.mark.parametrize("width, height, maximised", [(1366, 728, True), (1280, 760, True), (1439, 860, True),
                                                      (1440, 860, False), (1920, 1040, False), (2560, 1400, False)])
def test_the_window_opens_maximised_on_a_small_screen_else_large_and_centred(width, height, maximised):
    available = QRect(0, 40, width, height)  # the task bar at the top
    geometry = opening_geometry(available)
    if maximised:
        assert geometry is None
        return
    assert available.contains(geometry)
    assert abs(geometry.center().x() - available.center().x()) <= 1
    assert abs(geometry.center().y() - available.center().y()) <= 1
    assert geometry.width() >= 1280 and geometry.height() >= 800
    assert geometry.width() <= width - 100 and geometry.height() <= height - 50  # a window, not the screen


def test_the_app_opens_its_window_at_the_size_its_screen_suits(qtbot, ctx):
    main_window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(main_window)
    main_window.show_on_screen()
    qtbot.waitExposed(main_window)
    expected = opening_geometry(main_window.screen().availableGeometry())
    if expected is None:
        qtbot.waitUntil(main_window.isMaximized)
    else:
        assert main_window.geometry() == expected


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_clicking_a_navigation_entry_shows_its_page(window, qtbot, row):
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pages.get(row))
    assert window.stack.currentWidget().title == NAMES[row]


def test_ctrl_number_keys_switch_pages(window, qtbot):
    for row in range(len(PAGES)):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda row=row: window.nav.currentRow() == row)
        assert window.stack.currentWidget().title == NAMES[row]


def test_a_page_asking_to_open_an_assessment_shows_the_runner(window, qtbot, ctx):
    from fldd.usecases.assessments import start_assessment
    from fldd.usecases.suppliers import add_supplier

    supplier_id = add_supplier(ctx, "Saigon Stitch", "VN", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier_id, "fldd-desktop")
    window.page(0).open_assessment.emit(assessment_id)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.runner)
    assert window.nav.currentRow() == ROW_ASSESSMENTS
    assert window.runner.session.id == assessment_id


def test_home_asking_for_overdue_findings_shows_them_filtered(window, qtbot):
    window.page(0).open_findings.emit("overdue", 0)
    qtbot.waitUntil(lambda: window.nav.currentRow() == ROW_FINDINGS)
    assert window.stack.currentWidget() is window.page(ROW_FINDINGS)


def test_file_menu_opens_the_import_and_export_dialogs(window, qtbot):
    from fldd.ui.exchange.export_dialog import ExportDialog
    from fldd.ui.exchange.import_dialog import ImportDialog

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ImportDialog) and window.dialog.isVisible())
    window.dialog.close()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ExportDialog) and window.dialog.isVisible())
    window.dialog.close()


def click_nav(qtbot, window, row: int) -> None:
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_from_list(qtbot, window, assessment_id: int):
    click_nav(qtbot, window, ROW_ASSESSMENTS)
    page = window.page(ROW_ASSESSMENTS)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.index(r, COL_SUPPLIER).data(ID_ROLE) == assessment_id)
    rect = page.table.visualRect(page.proxy.index(row, COL_SUPPLIER))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.runner)
    return page


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")
@pytest.mark.parametrize("how", ["click", "ctrl+5"])
def test_assessments_in_the_navigation_returns_from_an_assessment_to_the_list(qtbot, window, ctx, how):
    """Assessments stays highlighted inside an assessment; choosing it again goes back to the list, with the
    assessment just left selected."""
    first = start_assessment(ctx, add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"]), "fldd-desktop")
    wanted = start_assessment(ctx, add_supplier(ctx, "Saigon Stitch", "VN", goods=["Garments"]), "fldd-desktop")
    page = open_from_list(qtbot, window, wanted)
    assert window.nav.currentRow() == ROW_ASSESSMENTS and first != wanted
    workers = window.runner.views["profile"].cards["pr_workers_total"].editor.line
    qtbot.mouseClick(workers, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(workers, "250")
    qtbot.keyClick(workers, Qt.Key.Key_Return)

    if how == "click":
        click_nav(qtbot, window, ROW_ASSESSMENTS)
    else:
        qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert store_assessments.answers(ctx.store, wanted)["pr_workers_total"].value == 250
    current = page.table.currentIndex()
    assert current.isValid() and current.data(ID_ROLE) == wanted
    assert page.isVisible() and not window.runner.isVisible()
