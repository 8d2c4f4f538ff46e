"""The guided tour of Home: every step names and outlines a part of the window that is there to see, the keys
move it, it follows the window, and when it ends nothing of it is left on the window."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fldd.ui.firstrun.tour import TourCallout, TourOverlay
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from tests.ui.firstrun.conftest import TODAY

BUYER_STEPS = ["navigation", "role", "portfolio", "next_steps", "cards", "file", "help", "start"]
# step -> the object name of the widget it outlines (the menus and the navigation entry are parts of a widget)
NAMED = {"navigation": "navigation", "role": "roleSwitch", "portfolio": "strip", "next_steps": "nextSteps",
         "cards": "todoCards"}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo portfolio built once for this module's tests; each test works on its own copy (no connection is
    open on it when copied)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    built = open_context(path, user="tester", role="buyer")
    built.today = lambda: TODAY
    build_demo(built)
    built.close()
    return path


def open_window(qtbot, db, role: str) -> MainWindow:
    ctx = open_context(db, user="tester", role=role)
    ctx.today = lambda: TODAY
    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    window.destroyed.connect(ctx.close)
    return window


@pytest.fixture
def buyer_window(qtbot, demo_file, tmp_path):
    db = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, db)
    window = open_window(qtbot, db, "buyer")
    yield window
    window.ctx.close()


def overlay_of(window) -> TourOverlay:
    (overlay,) = window.findChildren(TourOverlay)
    return overlay


def key(qtbot, window, which: Qt.Key) -> None:
    """A key pressed where the window's keyboard focus is: on the tour while it runs."""
    qtbot.keyClick(window.focusWidget(), which)


def check_step(qtbot, window, number: int, count: int, name: str) -> QRect:
    """The callout says which step this is, sits inside the window and leaves its target in view; the
    outline is around a target that is visible right now."""
    overlay = overlay_of(window)
    callout = overlay.findChild(TourCallout)
    qtbot.waitUntil(lambda: overlay.target is not None and overlay.geometry() == window.rect())
    assert window.tour.current().name == name
    assert callout.counter.text() == f"Step {number} of {count}" and callout.title.text() and callout.text.text()
    assert callout.isVisible() and window.rect().contains(callout.geometry())
    target = window.tour.current().target()
    assert target is not None and not target.isEmpty() and window.rect().intersects(target)
    assert overlay.target.contains(target.intersected(window.rect()))
    if name in NAMED:
        widget = window.findChild(QWidget, NAMED[name])
        assert widget.isVisible()
    if name != "cards":  # the card area fills most of Home: its callout may sit over it
        assert not callout.geometry().intersects(target), f"the callout hides what step {number} shows"
    return target


def test_a_buyer_walks_every_step_with_the_keys_and_escape_leaves_nothing(qtbot, buyer_window):
    window = buyer_window
    window.tour_action.trigger()  # Help > Guided tour of Home
    assert [step.name for step in window.tour.steps] == BUYER_STEPS
    overlay = overlay_of(window)
    assert window.focusWidget() is overlay
    for number, name in enumerate(BUYER_STEPS, start=1):
        check_step(qtbot, window, number, len(BUYER_STEPS), name)
        key(qtbot, window, Qt.Key.Key_Return if number % 2 else Qt.Key.Key_Right)
    assert window.tour.current().name == "start", "Next on the last step stays there"
    callout = overlay.findChild(TourCallout)
    assert not callout.next_button.isVisible() and callout.done_button.isVisible()
    key(qtbot, window, Qt.Key.Key_Left)
    assert window.tour.current().name == "help"
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.tour.overlay is None and not window.findChildren(TourOverlay)
    qtbot.waitUntil(lambda: not [w for w in QApplication.allWidgets() if isinstance(w, (TourOverlay, TourCallout))])
    window.resize(1100, 640)  # its event filter went with it: nothing reacts, nothing breaks
    qtbot.waitUntil(lambda: window.width() == 1100)
    assert window.pages[0].isVisible()


def test_the_buttons_move_the_tour_and_done_ends_it(qtbot, buyer_window):
    window = buyer_window
    window.start_tour()
    callout = overlay_of(window).findChild(TourCallout)
    assert not callout.back_button.isEnabled()
    qtbot.mouseClick(callout.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(callout.next_button, Qt.MouseButton.LeftButton)
    assert window.tour.current().name == "portfolio"
    qtbot.mouseClick(callout.back_button, Qt.MouseButton.LeftButton)
    assert window.tour.current().name == "role"
    assert window.focusWidget() is overlay_of(window), "the keys stay with the tour after a click"
    key(qtbot, window, Qt.Key.Key_Tab)
    assert window.focusWidget() is overlay_of(window), "and after Tab"
    qtbot.mouseClick(callout.done_button, Qt.MouseButton.LeftButton)
    assert not window.findChildren(TourOverlay)
    qtbot.waitUntil(lambda: not [w for w in QApplication.allWidgets() if isinstance(w, TourOverlay)])


def test_the_tour_follows_the_window_when_it_is_resized(qtbot, buyer_window):
    window = buyer_window
    window.start_tour()
    for _ in range(4):
        key(qtbot, window, Qt.Key.Key_Right)
    before = check_step(qtbot, window, 5, len(BUYER_STEPS), "cards")
    window.resize(1000, 600)
    overlay = overlay_of(window)
    qtbot.waitUntil(lambda: overlay.geometry() == window.rect() and overlay.target is not None
                    and overlay.target.contains(window.tour.current().target()))
    assert window.tour.current().target() != before
    check_step(qtbot, window, 5, len(BUYER_STEPS), "cards")
    window.tour.end()


def test_starting_the_tour_again_leaves_one_tour_on_the_window(qtbot, buyer_window):
    window = buyer_window
    window.start_tour()
    key(qtbot, window, Qt.Key.Key_Right)
    window.tour_action.trigger()
    assert len(window.findChildren(TourOverlay)) == 1 and window.tour.current().name == "navigation"
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.findChildren(TourOverlay)


def test_a_supplier_on_an_empty_workspace_is_shown_where_to_start(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "new.sqlite3", "supplier")
    window.start_tour()
    names = [step.name for step in window.tour.steps]
    assert names == ["navigation", "role", "file", "help", "start"]
    for number, name in enumerate(names, start=1):
        check_step(qtbot, window, number, len(names), name)
        if name == "file":
            assert "Open the workbook your buyer sent you (Ctrl+O)" in window.tour.current().text
        key(qtbot, window, Qt.Key.Key_Return)
    welcome = window.findChild(QWidget, "welcomeBox")
    assert welcome.isVisible() and overlay_of(window).target.contains(welcome.geometry().translated(
        welcome.mapTo(window, welcome.rect().topLeft()) - welcome.geometry().topLeft()))
    assert "File > Open a workbook from a buyer" in window.tour.current().text
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.findChildren(TourOverlay)
    window.ctx.close()


@pytest.mark.parametrize("role", ["supplier", "auditor"])
def test_with_the_demo_each_role_is_shown_its_own_cards_and_first_step(qtbot, demo_file, tmp_path, role):
    db = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, db)
    window = open_window(qtbot, db, role)
    window.start_tour()
    names = [step.name for step in window.tour.steps]
    assert names == ["navigation", "role", "cards", "file", "help", "start"], "no buyer's strips"
    for number, name in enumerate(names, start=1):
        check_step(qtbot, window, number, len(names), name)
        if name == "cards":
            assert ("Drafts to finish" in window.tour.current().text) and (
                ("Assessments to review" in window.tour.current().text) is (role == "auditor"))
        key(qtbot, window, Qt.Key.Key_Return)
    entry = {"supplier": "Assessments", "auditor": "Suppliers"}[role]
    item = window.nav.findItems(entry, Qt.MatchFlag.MatchExactly)[0]
    rect = window.nav.visualItemRect(item).translated(window.nav.viewport().mapTo(window, window.rect().topLeft()))
    assert overlay_of(window).target.contains(rect)
    key(qtbot, window, Qt.Key.Key_Escape)
    window.ctx.close()
