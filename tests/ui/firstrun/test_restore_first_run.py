"""Someone setting up fldd on a new computer restores the backup from the old one in the first run, instead of
inventing a role and a language: the restored workspace keeps its own role, language and work, counts as set up,
and the main window opens on it. A file that is not a backup is refused and the first run stays where it was."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from fldd.store import settings
from fldd.ui.firstrun.wizard import FirstRunWizard
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.backup import back_up
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import mark_set_up, needs_first_run, save_preferences
from fldd.usecases.suppliers import add_supplier
from tests.ui.firstrun.conftest import page_title, press
from tests.ui.firstrun.test_first_run import kept


@pytest.fixture
def old_backup(tmp_path):
    """The old computer's workspace: an auditor working in Spanish, two workplaces, set up; backed up."""
    old = open_context(tmp_path / "old" / "fldd.sqlite3", user="maria")
    try:
        save_preferences(old, role="auditor", language="es")
        add_supplier(old, "Porto Shoes", "PT", goods=["Footwear"])
        add_supplier(old, "Lodz Chairs", "PL", goods=["Furniture"])
        mark_set_up(old)
        return back_up(old, tmp_path / "old laptop.fldd-backup").path
    finally:
        old.close()


def make_wizard(qtbot, ctx, prompter) -> FirstRunWizard:
    dialog = FirstRunWizard(ctx, prompter)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def asked(prompter, kind: str) -> list[tuple[str, str]]:
    return [(title, text) for k, title, text in prompter.asked if k == kind]


def test_a_new_computer_restores_its_backup_and_the_window_opens_on_it(qtbot, ctx, db, old_backup):
    prompter = ScriptedPrompter(files=[str(old_backup)])
    wizard = make_wizard(qtbot, ctx, prompter)
    assert page_title(wizard) == "Welcome to fldd"
    assert "new computer" in wizard.welcome.restore_heading.text()
    assert ".fldd-backup" in wizard.welcome.restore_text.text()
    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(wizard.welcome.restore_button, Qt.MouseButton.LeftButton)
    ((title, filters),) = asked(prompter, "open_file")
    assert ".fldd-backup" in filters
    ((_, question),) = asked(prompter, "confirm")
    assert "In the backup" in question and "<td align='right'>2</td>" in question  # two suppliers
    ((_, done),) = asked(prompter, "inform")
    assert "2 suppliers" in done
    assert not asked(prompter, "error")

    restored = wizard.ctx
    assert restored is not ctx and not wizard.isVisible()
    try:
        assert kept(db) == ("auditor", "es", True, 2)  # its own role, language and work; set up
        assert not needs_first_run(restored)
        assert wizard.choices.restored and wizard.choices.language == "es"
        assert not wizard.choices.tour and not wizard.choices.demo
        with pytest.raises(sqlite3.ProgrammingError):  # the context it replaced is closed
            settings.get(ctx.store, "role")
        window = open_window(qtbot, restored)
        assert window.ctx is restored and window.db_label.text().startswith(str(db))
        home = window.pages[0]
        assert home.stack.currentWidget() is not home.empty  # the two workplaces, not the empty welcome
    finally:
        restored.close()


def open_window(qtbot, context) -> MainWindow:
    """The window run_app opens after the first run, on the context the first run left."""
    window = MainWindow(context, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_after_a_first_run_restore_works_in_the_backups_role(qtbot, ctx, old_backup):
    wizard = make_wizard(qtbot, ctx, ScriptedPrompter(files=[str(old_backup)]))
    with qtbot.waitSignal(wizard.accepted):
        qtbot.mouseClick(wizard.welcome.restore_button, Qt.MouseButton.LeftButton)
    try:
        assert wizard.choices.role == "auditor"
        window = open_window(qtbot, wizard.ctx)
        assert window.db_label.text().endswith("(auditor)") and window.pages[0].role.currentData() == "auditor"
    finally:
        wizard.ctx.close()


def test_the_restore_is_reached_with_the_keyboard_and_enter_still_means_next(qtbot, ctx, old_backup):
    prompter = ScriptedPrompter(files=[str(old_backup)], confirm=False)
    wizard = make_wizard(qtbot, ctx, prompter)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)  # keyboard shortcuts need the active window
    qtbot.keyClick(wizard, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the button clicks a moment later
    qtbot.waitUntil(lambda: len(prompter.asked) == 2)
    assert [k for k, *_ in prompter.asked] == ["open_file", "confirm"]  # the question, answered Cancel
    assert wizard.isVisible() and page_title(wizard) == "Welcome to fldd" and wizard.ctx is ctx
    assert needs_first_run(ctx)
    press(qtbot, wizard, Qt.Key.Key_Return)
    assert page_title(wizard) == "How will you use fldd?"


def test_a_file_that_is_not_a_backup_is_refused_and_the_first_run_stays(qtbot, ctx, db, tmp_path):
    letter = tmp_path / "letter.docx"
    letter.write_bytes(b"PK\x03\x04 not a database")
    prompter = ScriptedPrompter(files=[str(letter)])
    wizard = make_wizard(qtbot, ctx, prompter)
    qtbot.mouseClick(wizard.welcome.restore_button, Qt.MouseButton.LeftButton)
    ((title, text),) = asked(prompter, "error")
    assert title == "This file cannot be restored" and str(letter) in text
    assert not asked(prompter, "confirm")
    assert wizard.isVisible() and page_title(wizard) == "Welcome to fldd" and wizard.ctx is ctx
    assert kept(db) == ("buyer", "en", False, 0) and needs_first_run(ctx)
    assert letter.read_bytes() == b"PK\x03\x04 not a database"


def test_a_restore_that_fails_says_so_and_the_first_run_goes_on(qtbot, ctx, db, old_backup, monkeypatch):
    def refused(context, path):
        raise Rejected([f"{path}: the backup could not be put in place (disk full); your database is as it was."])

    monkeypatch.setattr("fldd.ui.backup.backup_actions.restore", refused)
    prompter = ScriptedPrompter(files=[str(old_backup)])
    wizard = make_wizard(qtbot, ctx, prompter)
    qtbot.mouseClick(wizard.welcome.restore_button, Qt.MouseButton.LeftButton)
    ((title, text),) = asked(prompter, "error")
    assert title == "The backup was not restored" and "disk full" in text
    assert wizard.isVisible() and wizard.choices is None and wizard.ctx is ctx
    assert kept(db) == ("buyer", "en", False, 0)
    press(qtbot, wizard, Qt.Key.Key_Return)  # and the set-up goes on as usual
    assert page_title(wizard) == "How will you use fldd?"


def test_choosing_no_file_asks_nothing_more(qtbot, ctx, db):
    prompter = ScriptedPrompter(files=[])
    wizard = make_wizard(qtbot, ctx, prompter)
    qtbot.mouseClick(wizard.welcome.restore_button, Qt.MouseButton.LeftButton)
    assert [k for k, *_ in prompter.asked] == ["open_file"]
    assert wizard.isVisible() and wizard.ctx is ctx and needs_first_run(ctx)
