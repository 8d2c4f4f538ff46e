"""A first-time user walks the first run as supplier, field auditor and buyer: what they chose is what the
workspace keeps (role, language, set up, demo or empty) and what the main window then shows."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from fldd.store import settings
from fldd.ui.firstrun.tour import TourOverlay
from fldd.ui.firstrun.wizard import FirstRunChoices
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.home import ROLE_SECTIONS, portfolio_counts
from fldd.usecases.preferences import needs_first_run, preferences
from tests.ui.firstrun.conftest import DEMO_TIMEOUT, click_choice, page_title, press, walk

ROLE_IN_STATUS = {"supplier": "(supplier)", "auditor": "(auditor)", "buyer": "(buyer)"}


def finish(qtbot, wizard, timeout: int = 10_000) -> None:
    with qtbot.waitSignal(wizard.accepted, timeout=timeout):
        press(qtbot, wizard, Qt.Key.Key_Return)


def main_window(qtbot, ctx) -> MainWindow:
    """The window run_app opens after the first run."""
    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    return window


def kept(db) -> tuple:
    """What the workspace holds, read afresh as the next start reads it."""
    again = open_context(db)
    try:
        prefs = preferences(again)
        return prefs.role, prefs.language, prefs.setup_done, portfolio_counts(again)["suppliers"]
    finally:
        again.close()


@pytest.mark.parametrize(("role", "spanish", "demo", "tour"), [
    ("supplier", True, None, True),    # a supplier starts empty unless they ask for the examples
    ("auditor", False, True, False),
    ("buyer", False, True, True),
    ("buyer", True, False, False),
])
def test_each_role_walks_the_first_run_and_the_window_shows_what_they_chose(qtbot, wizard, ctx, db, role, spanish,
                                                                          demo, tour):
    walk(qtbot, wizard, role, spanish=spanish, demo=demo, tour=tour)
    finish(qtbot, wizard, timeout=DEMO_TIMEOUT)
    with_demo = demo is not False and role != "supplier"
    assert wizard.choices == FirstRunChoices(role=role, language="es" if spanish else "en", demo=with_demo,
                                             tour=tour)
    assert not wizard.isVisible() and wizard.loader is None
    assert kept(db) == (role, "es" if spanish else "en", True, 40 if with_demo else 0)
    assert not needs_first_run(ctx)

    window = main_window(qtbot, ctx)
    assert window.db_label.text().endswith(ROLE_IN_STATUS[role])
    home = window.pages[0]
    assert home.role.currentData() == role
    if with_demo:
        assert home.stack.currentWidget() is home.content
        assert [name for name, card in home.cards.items() if card.isVisible()] == list(ROLE_SECTIONS[role])
        assert home.next_steps.isVisible() is (role == "buyer")
        assert home.report_button.isVisible() is (role == "buyer")
    else:
        assert home.stack.currentWidget() is home.empty and home.demo_button.isVisible()
        first_step = {"supplier": "File > Open a workbook from a buyer (Ctrl+O)",
                      "buyer": "add your first supplier on the Suppliers page"}[role]
        assert first_step in home.welcome_text.text()
        assert home.hint.isVisible() is (role != "supplier")
    if tour:
        window.start_tour()  # as run_app does when the tour was kept
        assert len(window.findChildren(TourOverlay)) == 1 and window.tour.overlay.isVisible()
        window.tour.end()


def test_a_supplier_is_offered_examples_not_a_portfolio_and_empty_comes_first(qtbot, wizard):
    walk_to_start(qtbot, wizard, "supplier")
    start = wizard.start_page
    assert start.empty.isChecked() and "recommended" in start.empty.text()
    qtbot.waitUntil(lambda: above(start.empty, start.demo))  # what suits a supplier comes first
    assert start.demo.text() == "Explore examples first" and "made-up workplaces" in start.demo_labels[0].text()
    assert "your own workplace" in start.empty_labels[0].text()
    press(qtbot, wizard, Qt.Key.Key_Escape)  # not saved: see below


def above(first, second) -> bool:
    window = first.window()
    return first.mapTo(window, first.rect().topLeft()).y() < second.mapTo(window, second.rect().topLeft()).y()


def walk_to_start(qtbot, wizard, role: str) -> None:
    press(qtbot, wizard, Qt.Key.Key_Return)
    click_choice(qtbot, wizard.role_page.buttons[role])
    press(qtbot, wizard, Qt.Key.Key_Return)
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert page_title(wizard) == "Start with examples or an empty workspace?"


def test_going_back_keeps_the_choices_and_rewords_the_start_for_a_new_role(qtbot, wizard):
    walk_to_start(qtbot, wizard, "buyer")
    assert wizard.start_page.demo.isChecked() and wizard.start_page.demo.text() == "Start with the demo portfolio"
    qtbot.waitUntil(lambda: above(wizard.start_page.demo, wizard.start_page.empty))
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert page_title(wizard) == "How will you use fldd?" and wizard.role_page.role() == "buyer"
    click_choice(qtbot, wizard.role_page.buttons["supplier"])
    press(qtbot, wizard, Qt.Key.Key_Return)  # Enter is Next even after a click on Back
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.start_page.empty.isChecked() and wizard.start_page.demo.text() == "Explore examples first"
    qtbot.waitUntil(lambda: above(wizard.start_page.empty, wizard.start_page.demo))


def test_the_language_page_says_the_menus_stay_english(qtbot, wizard, ctx):
    press(qtbot, wizard, Qt.Key.Key_Return)
    click_choice(qtbot, wizard.role_page.buttons["auditor"])
    press(qtbot, wizard, Qt.Key.Key_Return)
    page = wizard.language_page
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["English", "Español"]
    assert "menus and buttons are in English in this version" in page.english.text()
    assert "Questionnaires, the workbooks you send or fill in, and reports" in page.meaning.text()


@pytest.mark.parametrize("how", ["escape", "cancel", "close"])
def test_cancelling_the_first_run_saves_nothing_and_it_comes_again(qtbot, wizard, ctx, db, how):
    walk(qtbot, wizard, "supplier", spanish=True)
    with qtbot.waitSignal(wizard.rejected):
        if how == "escape":
            press(qtbot, wizard, Qt.Key.Key_Escape)
        elif how == "cancel":
            qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
        else:
            wizard.close()
    assert wizard.choices is None and not wizard.isVisible()
    assert settings.get(ctx.store, "role") == "" and settings.get(ctx.store, "language") == ""
    assert kept(db) == ("buyer", "en", False, 0)
    assert needs_first_run(ctx)


def test_a_demo_that_fails_to_load_is_said_keeps_nothing_and_empty_still_works(qtbot, wizard, ctx, db, monkeypatch):
    def broken(context):
        raise Rejected(["the disk is full"])

    monkeypatch.setattr("fldd.ui.home.demo_loader.load_demo_portfolio", broken)
    walk(qtbot, wizard, "buyer", demo=True, tour=False)
    press(qtbot, wizard, Qt.Key.Key_Return)
    status = wizard.finish_page.status
    qtbot.waitUntil(lambda: "was not loaded" in status.text())
    assert "the disk is full" in status.text() and "nothing of it was kept" in status.text()
    assert wizard.isVisible() and wizard.choices is None and wizard.next_button.isEnabled()
    assert not wizard.finish_page.progress.isVisible()
    assert kept(db)[2:] == (False, 0) and needs_first_run(ctx)
    # Back to choose an empty workspace, and Finish
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    click_choice(qtbot, wizard.start_page.empty)
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert wizard.finish_page.status.text() == ""
    finish(qtbot, wizard)
    assert wizard.choices.demo is False and kept(db) == ("buyer", "en", True, 0)


def test_while_the_demo_loads_finish_back_cancel_and_escape_wait(qtbot, wizard, ctx, db, monkeypatch):
    from fldd.usecases import home

    release = threading.Event()
    started = threading.Event()

    def slow(context):
        started.set()
        assert release.wait(60)
        return home.load_demo_portfolio(context)

    monkeypatch.setattr("fldd.ui.home.demo_loader.load_demo_portfolio", slow)
    walk(qtbot, wizard, "auditor", demo=True, tour=False)
    press(qtbot, wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(started.is_set)
    assert wizard.finish_page.progress.isVisible() and "Loading the demo portfolio" in \
        wizard.finish_page.status.text()
    assert not any(b.isEnabled() for b in (wizard.next_button, wizard.back_button, wizard.cancel_button))
    press(qtbot, wizard, Qt.Key.Key_Escape)
    wizard.close()
    assert wizard.isVisible() and wizard.choices is None
    with qtbot.waitSignal(wizard.accepted, timeout=DEMO_TIMEOUT):
        release.set()
    assert kept(db) == ("auditor", "en", True, 40)


@pytest.mark.parametrize(("system", "chosen"), [("es_MX", "Español"), ("de_DE", "English"), ("en_US", "English")])
def test_the_language_starts_as_the_computers_when_questionnaires_come_in_it(qtbot, ctx, monkeypatch, system,
                                                                           chosen):
    from PySide6.QtCore import QLocale

    from fldd.ui.firstrun import pages
    from fldd.ui.firstrun.wizard import FirstRunWizard

    monkeypatch.setattr(pages.QLocale, "system", staticmethod(lambda: QLocale(system)))
    dialog = FirstRunWizard(ctx, ScriptedPrompter())
    qtbot.addWidget(dialog)
    assert dialog.language_page.list.currentItem().text() == chosen


def test_an_unexpected_error_in_the_demo_build_is_said_on_the_wizard_and_its_buttons_come_back(qtbot, ctx, db,
                                                                                             monkeypatch):
    """As run_app runs it: the crash handler installed. The error must not open a window from the worker thread
    (that froze the first run: Cancel held for ever); the wizard says it and lets the person go on."""
    import threading

    from fldd.error_log import log_path
    from fldd.ui.crash_handler import CrashHandler
    from fldd.ui.firstrun.wizard import FirstRunWizard

    class Noting(ScriptedPrompter):
        def __init__(self):
            super().__init__()
            self.threads = []

        def error(self, parent, title, text):
            self.threads.append(threading.current_thread() is threading.main_thread())
            super().error(parent, title, text)

    def broken(context):
        raise ValueError("an unexpected bug while building the demo")

    monkeypatch.setattr("fldd.ui.home.demo_loader.load_demo_portfolio", broken)
    prompter = Noting()
    handler = CrashHandler(prompter)
    handler.previous = lambda *a: None
    handler.install()
    try:
        wizard = FirstRunWizard(ctx, prompter)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        walk(qtbot, wizard, "buyer", demo=True, tour=False)
        press(qtbot, wizard, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wizard.loader is None and "was not loaded" in wizard.finish_page.status.text())
    finally:
        handler.uninstall()
    status = wizard.finish_page.status.text()
    assert "an unexpected bug while building the demo" in status and str(log_path()) in status
    assert "ValueError: an unexpected bug while building the demo" in log_path().read_text(encoding="utf-8")
    assert prompter.threads == [], "said on the wizard, not in a crash message"
    assert all(b.isEnabled() for b in (wizard.back_button, wizard.next_button, wizard.cancel_button))
    assert kept(db)[2:] == (False, 0)
    with qtbot.waitSignal(wizard.rejected):
        press(qtbot, wizard, Qt.Key.Key_Escape)

