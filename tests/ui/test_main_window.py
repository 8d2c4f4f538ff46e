"""The main window shows, and its navigation list switches the page on the right."""

import pytest
from PySide6.QtCore import Qt

from fldd.ui.main_window import PAGES, TITLE, MainWindow

NAMES = [name for name, _ in PAGES]


@pytest.fixture
def window(qtbot, tmp_path):
    """A shown main window on a database path in tmp_path."""
    main_window = MainWindow(tmp_path / "test.sqlite3")
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    return main_window


def _heading(window: MainWindow) -> str:
    """The heading text of the page the stack shows."""
    return window.pages.currentWidget().heading.text()


def test_window_shows_title_home_page_and_database(window, tmp_path):
    assert window.windowTitle() == TITLE
    assert window.isVisible()
    assert [window.nav.item(row).text() for row in range(window.nav.count())] == NAMES
    assert window.pages.currentIndex() == 0
    assert _heading(window) == "Home"
    assert str(tmp_path / "test.sqlite3") in window.db_label.text()


def test_default_size_fits_a_small_laptop_screen(window):
    assert window.width() <= 1366 and window.height() <= 768 - 80


@pytest.mark.parametrize("row", range(len(PAGES)))
def test_clicking_a_navigation_entry_shows_its_page(window, qtbot, row):
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.pages.currentIndex() == row)
    assert window.pages.currentWidget().isVisible()
    assert _heading(window) == NAMES[row]


def test_arrow_keys_walk_through_the_pages(window, qtbot):
    window.nav.setFocus()
    for row in range(1, len(PAGES)):
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda row=row: window.pages.currentIndex() == row)
        assert _heading(window) == NAMES[row]
