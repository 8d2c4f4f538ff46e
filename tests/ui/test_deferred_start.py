"""The window appears at once; the start-up work (risk data made current) and Home follow its first paint."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "test.sqlite3", user="tester", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    add_supplier(context, "Harbour Nets", "TH", goods=["Fish"])
    yield context
    context.close()


def test_the_window_is_painted_before_the_start_up_work_and_home_comes_after_it(qtbot, ctx):
    seen = []
    window = MainWindow(ctx, ScriptedPrompter(), open_later=lambda: seen.append(
        ("work", window.painted, 0 in window.pages)))
    qtbot.addWidget(window)
    assert seen == [] and window.pages == {}  # nothing heavy before the window is on screen
    assert window.stack.currentWidget().text() == "Opening your workspace…"
    with qtbot.waitSignal(window.home_opened):
        window.show()
    assert seen == [("work", True, False)]  # after the first paint, before Home is built
    home = window.pages[0]
    assert window.stack.currentWidget() is home and window.nav.currentRow() == 0
    assert home.strip.suppliers.text().startswith("<b>1</b>")
    assert window.stack.count() == 1  # the opening note is gone


def test_without_deferred_work_home_is_there_at_once(qtbot, ctx):
    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    assert 0 in window.pages and window.stack.currentWidget() is window.pages[0]


def test_a_failure_in_the_start_up_work_still_opens_home(qtbot, ctx):
    def broken():
        raise RuntimeError("risk data unreadable")

    window = MainWindow(ctx, ScriptedPrompter(), open_later=broken)
    qtbot.addWidget(window)
    with qtbot.capture_exceptions() as raised, qtbot.waitSignal(window.home_opened):
        window.show()
    assert [str(exc) for _, exc, _ in raised] == ["risk data unreadable"]  # told (the crash handler's job)
    assert window.nav.isEnabled() and window.stack.currentWidget() is window.pages[0]
    assert window.stack.count() == 1
