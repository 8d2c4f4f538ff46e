"""The main window assembles the pages: navigation by click and keyboard, and requests between pages."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fldd.ui.main_window import PAGES, TITLE, MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context

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
    assert window.nav.currentRow() == 2
    assert window.runner.session.id == assessment_id


def test_home_asking_for_overdue_findings_shows_them_filtered(window, qtbot):
    window.page(0).open_findings.emit("overdue", 0)
    qtbot.waitUntil(lambda: window.nav.currentRow() == 3)
    assert window.stack.currentWidget() is window.page(3)


def test_file_menu_opens_the_import_and_export_dialogs(window, qtbot):
    from fldd.ui.exchange.export_dialog import ExportDialog
    from fldd.ui.exchange.import_dialog import ImportDialog

    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ImportDialog) and window.dialog.isVisible())
    window.dialog.close()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ExportDialog) and window.dialog.isVisible())
    window.dialog.close()
