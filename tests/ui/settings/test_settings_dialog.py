"""File > Settings as the person who changes their mind: a role, language or reminder chosen and confirmed is kept
and shown everywhere; Cancel keeps everything as it was; the backup folder is kept outside the database; moving the
database points the whole window at the new file, and a refused move changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QRadioButton, QTabWidget

from fldd import app_config
from fldd.store import assessments as store_assessments
from fldd.store import settings
from fldd.ui.settings.settings_dialog import TABS, SettingsDialog
from fldd.usecases import backup
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.home import ROLE_SECTIONS
from fldd.usecases.preferences import preferences
from fldd.usecases.suppliers import register


def open_settings(window, qtbot) -> SettingsDialog:
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, SettingsDialog) and window.dialog.isVisible())
    return window.dialog


def show_tab(dialog, qtbot, name: str) -> None:
    tabs: QTabWidget = dialog.tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(TABS.index(name)).center())
    assert tabs.currentIndex() == TABS.index(name)


def click(qtbot, button) -> None:
    """A click where a person clicks: a choice on its words (a radio button reacts to its circle and words only,
    not to the empty width beside them), a push button in its middle."""
    pos = QPoint(12, button.height() // 2) if isinstance(button, QRadioButton) else button.rect().center()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)


def press_ok(dialog, qtbot) -> None:
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def home_sections(window) -> list[str]:
    home = window.page(0)
    return [name for name, card in home.cards.items() if card.isVisibleTo(home)]


def test_ctrl_comma_and_the_file_menu_open_settings_with_the_saved_choices(window, qtbot):
    dialog = open_settings(window, qtbot)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == list(TABS)
    assert dialog.role_buttons["buyer"].isChecked() and dialog.language_buttons["en"].isChecked()
    assert list(dialog.language_buttons) == ["en", "es"]
    assert dialog.backups.reminder.currentData() == 30
    dialog.close()
    window.settings_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.dialog, SettingsDialog) and window.dialog is not dialog
                    and window.dialog.isVisible())


def test_a_role_chosen_and_confirmed_is_saved_and_shown_in_the_status_bar_and_on_home(window, ctx, qtbot):
    assert home_sections(window) == list(ROLE_SECTIONS["buyer"])
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.role_buttons["supplier"])
    assert settings.get(ctx.store, "role") == "buyer"  # nothing saved before OK
    press_ok(dialog, qtbot)
    assert settings.get(ctx.store, "role") == "supplier" and ctx.role == "supplier"
    assert preferences(ctx).role == "supplier"
    assert window.db_label.text().endswith("tester (supplier)")
    home = window.page(0)
    assert home.role.currentData() == "supplier" and not home.report_button.isVisibleTo(home)
    assert home_sections(window) == list(ROLE_SECTIONS["supplier"])


def test_the_role_can_be_changed_with_the_keyboard_alone(window, ctx, qtbot):
    dialog = open_settings(window, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.role_buttons["buyer"].setFocus()
    qtbot.waitUntil(dialog.role_buttons["buyer"].hasFocus)
    qtbot.keyClick(dialog.role_buttons["buyer"], Qt.Key.Key_Up)  # Field auditor
    assert dialog.role_buttons["auditor"].isChecked()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # OK is the default button
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.get(ctx.store, "role") == "auditor"
    assert home_sections(window) == list(ROLE_SECTIONS["auditor"])


def test_cancel_keeps_every_choice_as_it_was(window, ctx, qtbot, prompter, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    prompter.files = [str(elsewhere)]
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.role_buttons["auditor"])
    click(qtbot, dialog.language_buttons["es"])
    dialog.backups.reminder.setCurrentIndex(dialog.backups.reminder.findData(7))
    click(qtbot, dialog.backups.change_button)
    assert dialog.backups.folder_label.text() == str(elsewhere)
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = preferences(ctx)
    assert (saved.role, saved.language, saved.backup_reminder_days) == ("buyer", "en", 30)
    assert settings.get(ctx.store, "language") == ""  # never chosen
    assert not app_config.config_path().exists() and app_config.backup_folder() == app_config.default_backup_folder()
    assert window.db_label.text().endswith("tester (buyer)")


def test_apply_saves_everything_at_once_and_keeps_the_dialog_open(window, ctx, qtbot):
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.role_buttons["auditor"])
    click(qtbot, dialog.language_buttons["es"])
    dialog.backups.reminder.setCurrentIndex(dialog.backups.reminder.findData(0))
    click(qtbot, dialog.apply_button)
    saved = preferences(ctx)
    assert (saved.role, saved.language, saved.backup_reminder_days) == ("auditor", "es", 0)
    assert dialog.isVisible() and dialog.applied.text() == "Saved."
    assert window.db_label.text().endswith("tester (auditor)")


def test_the_language_chosen_is_the_language_of_the_next_assessment_started(window, ctx, qtbot):
    supplier = register(ctx)[0]["id"]
    before = start_assessment(ctx, supplier, "fldd-desktop")
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Language")
    click(qtbot, dialog.language_buttons["es"])
    press_ok(dialog, qtbot)
    assert settings.get(ctx.store, "language") == "es"
    desktop = start_assessment(ctx, supplier, "fldd-desktop")
    onsite = start_assessment(ctx, supplier, "fldd-onsite")
    assert store_assessments.get(ctx.store, desktop).language == "es"
    assert store_assessments.get(ctx.store, onsite).language == "en"  # it comes in English only
    assert store_assessments.get(ctx.store, before).language == "en"  # started before: keeps its language


def test_the_language_tab_says_the_menus_stay_english_and_which_questionnaires_lack_a_language(window, qtbot):
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Language")
    words = " ".join(label.text() for label in dialog.tabs.currentWidget().findChildren(type(dialog.applied)))
    assert "The menus and screens of fldd are in English in this version." in words
    assert "Questionnaires in Español: fldd-desktop. fldd-onsite is not in Español: it starts in English." in words


@pytest.mark.parametrize("days", [7, 90, 0])
def test_the_reminder_chosen_is_saved(window, ctx, qtbot, days):
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    combo = dialog.backups.reminder
    combo.setFocus()
    steps = combo.findData(days) - combo.currentIndex()
    for _ in range(abs(steps)):
        qtbot.keyClick(combo, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    assert combo.currentData() == days
    press_ok(dialog, qtbot)
    assert preferences(ctx).backup_reminder_days == days
    assert settings.get(ctx.store, "role") == "buyer"


def test_the_backup_folder_chosen_is_kept_in_the_app_config(window, qtbot, prompter, tmp_path):
    usb = tmp_path / "usb" / "fldd backups"
    usb.mkdir(parents=True)
    prompter.files = [str(usb)]
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    assert dialog.backups.folder_label.text() == str(app_config.default_backup_folder())
    click(qtbot, dialog.backups.change_button)
    assert app_config.backup_folder() == app_config.default_backup_folder()  # not before OK
    press_ok(dialog, qtbot)
    assert app_config.load().backup_folder == str(usb) and app_config.backup_folder() == usb
    assert app_config.config_path().parent == tmp_path / "data"


def test_choosing_the_default_folder_again_goes_back_to_following_it(window, qtbot, prompter, tmp_path):
    app_config.save(app_config.AppConfig(backup_folder=str(tmp_path)))
    default = app_config.default_backup_folder()
    default.mkdir(parents=True)
    prompter.files = [str(default)]
    dialog = open_settings(window, qtbot)
    assert dialog.backups.folder_label.text() == str(tmp_path)
    click(qtbot, dialog.backups.change_button)
    press_ok(dialog, qtbot)
    assert app_config.load().backup_folder is None and app_config.backup_folder() == default


def test_a_folder_that_cannot_be_written_is_refused_by_name(window, qtbot, prompter, tmp_path):
    gone = tmp_path / "unplugged drive"
    prompter.files = [str(gone)]
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.backups.change_button)
    assert prompter.asked[-1][0] == "error" and str(gone) in prompter.asked[-1][2]
    assert dialog.backups.folder_label.text() == str(app_config.default_backup_folder())
    press_ok(dialog, qtbot)
    assert not app_config.config_path().exists()


def test_the_last_backup_and_a_due_reminder_are_shown(window, qtbot, last_backup):
    last_backup["now"] = backup.BackupStatus("2026-10-01T09:15:00", "/backups/fldd 2026-10-01.fldd-backup", 53,
                                             "Your last backup is 53 days old. Back up now?")
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    assert dialog.backups.last.text() == "1 October 2026 at 09:15 (53 days ago)"
    assert dialog.backups.last_file.text() == "File: /backups/fldd 2026-10-01.fldd-backup"
    assert dialog.backups.warning.isVisible() and "53 days old" in dialog.backups.warning.text()


def test_never_backed_up_says_so_and_never_remind_me_takes_the_reminder_away(window, qtbot):
    home = window.page(0)
    assert home.backup_bar.isVisibleTo(home)  # a workspace with a supplier, never backed up
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    assert dialog.backups.last.text() == "No backup of this workspace has been made yet."
    assert not dialog.backups.last_file.isVisible()
    assert dialog.backups.warning.isVisible() and "never been backed up" in dialog.backups.warning.text()
    dialog.backups.reminder.setCurrentIndex(dialog.backups.reminder.findData(0))
    click(qtbot, dialog.apply_button)
    assert not dialog.backups.warning.isVisible()
    assert not home.backup_bar.isVisibleTo(home)  # Home follows at once


def test_back_up_now_makes_a_backup_and_shows_it(window, ctx, qtbot):
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    click(qtbot, dialog.backups.backup_button)
    qtbot.waitUntil(lambda: getattr(window, "backup_job", None) is None and dialog.backups.backup_button.isEnabled())
    made = sorted(app_config.backup_folder().glob(f"*{backup.BACKUP_SUFFIX}"))
    assert len(made) == 1
    assert dialog.backups.last.text().endswith("(today)")
    assert dialog.backups.last_file.text() == f"File: {made[0]}" and dialog.backups.last_file.isVisible()
    assert not dialog.backups.warning.isVisible()


def test_back_up_now_backs_up_into_the_folder_shown_and_shows_the_new_backup(window, qtbot, prompter, tmp_path,
                                                                             last_backup, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    prompter.files = [str(usb)]
    seen = []

    def back_up():
        seen.append(app_config.backup_folder())
        last_backup["now"] = backup.BackupStatus("2026-11-23T10:00:00", str(usb / "x.fldd-backup"), 0, None)

    monkeypatch.setattr(window, "back_up", back_up)
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    click(qtbot, dialog.backups.change_button)
    click(qtbot, dialog.backups.backup_button)
    assert seen == [usb]
    assert dialog.backups.last.text() == "23 November 2026 at 10:00 (today)"
    assert dialog.backups.last_file.text() == f"File: {usb / 'x.fldd-backup'}"


def test_restore_shows_the_restored_workspaces_own_choices(window, ctx, qtbot, tmp_path, monkeypatch):
    restored = open_context(tmp_path / "restored.sqlite3", user="tester", role="auditor")
    settings.put(restored.store, "language", "es")
    settings.put(restored.store, "backup_reminder_days", "90")

    def restore():
        ctx.close()
        window.replace_context(restored)

    monkeypatch.setattr(window, "restore", restore)
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Backups")
    click(qtbot, dialog.backups.restore_button)
    assert dialog.role_buttons["auditor"].isChecked() and dialog.language_buttons["es"].isChecked()
    assert dialog.backups.reminder.currentData() == 90
    assert dialog.database.path.text() == str(restored.store.path)


def fake_move(calls: list):
    def move_database(ctx, folder: Path):
        calls.append((ctx, folder))
        ctx.close()
        return open_context(folder / "fldd.sqlite3", user=ctx.user, role=ctx.role)

    return move_database


def test_moving_the_database_points_the_window_and_the_dialog_at_the_new_place(window, ctx, qtbot, prompter,
                                                                              tmp_path, monkeypatch):
    target = tmp_path / "Documents" / "compliance"
    target.mkdir(parents=True)
    calls = []
    monkeypatch.setattr(backup, "move_database", fake_move(calls))
    prompter.files = [str(target)]
    dialog = open_settings(window, qtbot)
    show_tab(dialog, qtbot, "Database")
    assert dialog.database.path.text() == str(ctx.store.path)
    click(qtbot, dialog.database.move_button)
    assert calls == [(ctx, target)]
    assert [kind for kind, *_ in prompter.asked] == ["open_folder", "confirm"]
    assert str(target) in prompter.asked[1][2] and str(ctx.store.path.parent) in prompter.asked[1][2]
    new_place = target / "fldd.sqlite3"
    assert Path(window.ctx.store.path) == new_place and window.ctx is not ctx
    assert dialog.database.path.text() == str(new_place)
    assert dialog.database.status.text() == f"Moved. fldd now opens your database from {new_place}."
    assert window.db_label.text().startswith(str(new_place))
    click(qtbot, dialog.role_buttons["supplier"])
    press_ok(dialog, qtbot)  # later choices go to the moved database
    assert settings.get(window.ctx.store, "role") == "supplier"


def test_a_refused_move_shows_why_and_changes_nothing(window, ctx, qtbot, prompter, tmp_path, monkeypatch):
    target = tmp_path / "taken"
    target.mkdir()

    def refuse(ctx, folder):
        raise Rejected([f"{folder} already holds an fldd database (fldd.sqlite3)"])

    monkeypatch.setattr(backup, "move_database", refuse)
    prompter.files = [str(target)]
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.database.move_button)
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("error", "The database was not moved")
    assert f"{target} already holds an fldd database" in text and f"fldd still uses {ctx.store.path}" in text
    assert window.ctx is ctx and dialog.database.path.text() == str(ctx.store.path)
    assert not dialog.database.status.isVisibleTo(dialog)
    assert settings.get(ctx.store, "role") == "buyer"  # still open and working


def test_a_move_not_confirmed_or_to_the_same_folder_does_not_happen(window, ctx, qtbot, prompter, tmp_path,
                                                                    monkeypatch):
    target = tmp_path / "elsewhere"
    target.mkdir()
    calls = []
    monkeypatch.setattr(backup, "move_database", fake_move(calls))
    prompter.files = [str(target), str(ctx.store.path.parent)]
    prompter.answer = False
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.database.move_button)
    click(qtbot, dialog.database.move_button)
    assert calls == [] and window.ctx is ctx
    assert prompter.asked[-1][:2] == ("inform", "Already there")


def test_open_folder_shows_the_folder_holding_the_database(window, ctx, qtbot, prompter):
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.database.open_button)
    assert prompter.asked[-1] == ("show_file", str(ctx.store.path.parent), "open")


def test_a_real_move_leaves_one_database_in_the_new_folder_and_fldd_opening_it(window, ctx, qtbot, prompter,
                                                                                tmp_path):
    old = Path(ctx.store.path)
    target = tmp_path / "Documents" / "fldd"
    target.mkdir(parents=True)
    prompter.files = [str(target)]
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.database.move_button)
    new_place = target / "fldd.sqlite3"
    assert Path(window.ctx.store.path) == new_place and not old.exists()
    assert app_config.database_path() == new_place
    assert dialog.database.path.text() == str(new_place)
    assert [r["name"] for r in register(window.ctx)] == ["Sunrise Garments"]


def test_a_real_move_into_a_folder_holding_a_database_is_refused_and_nothing_changes(window, ctx, qtbot, prompter,
                                                                                     tmp_path):
    taken = tmp_path / "taken"
    open_context(taken / "fldd.sqlite3", user="someone").close()
    prompter.files = [str(taken)]
    dialog = open_settings(window, qtbot)
    click(qtbot, dialog.database.move_button)
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("error", "The database was not moved") and "already holds an fldd database" in text
    assert window.ctx is ctx and Path(ctx.store.path).exists() and not app_config.config_path().exists()
    assert [r["name"] for r in register(ctx)] == ["Sunrise Garments"]
