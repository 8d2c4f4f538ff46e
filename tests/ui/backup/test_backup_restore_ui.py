"""File > Back up now and File > Restore from a backup, through the window, as a compliance manager uses them:
the backup says where it went and what it holds, the Home reminder appears when one is due and goes once made,
and a restore says what it replaces, asks, and leaves the window showing the restored workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fldd import app_config
from fldd.store import evidence as store_evidence
from fldd.store import settings
from fldd.ui.backup.backup_done_dialog import BackupDoneDialog
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases import backup
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_backup_hostile import crafted

TODAY = dt.date(2026, 11, 23)
EVIDENCE = b"%PDF-1.4 payslips for October\x00\xff"


def supplier_names(ctx) -> list[str]:
    with ctx.store.read() as db:
        return [r[0] for r in db.execute("SELECT name FROM suppliers ORDER BY name")]


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    # the clock backups are dated by agrees with the workspace's today (a date ahead of it reads as a wrong clock)
    monkeypatch.setattr(backup, "_now", lambda: dt.datetime(2026, 11, 23, 14, 2).astimezone())
    context = open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer")
    context.today = lambda: TODAY
    gloves = add_supplier(context, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    add_supplier(context, "Lodz Chairs", "PL", goods=["Furniture"])
    store_evidence.add(context.store, EVIDENCE, "payslips.pdf",
                       assessment_id=start_assessment(context, gloves, "fldd-desktop"))
    yield context
    context.close()


@pytest.fixture
def prompter():
    return ScriptedPrompter()


@pytest.fixture
def window(qtbot, ctx, prompter):
    main_window = MainWindow(ctx, prompter)
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    if getattr(main_window, "backup_job", None) is not None:
        main_window.backup_job.wait()
    main_window.ctx.close()  # a restore gave the window a context of its own


def file_menu_action(window, words: str):
    """The File menu's entry whose text starts with these words (the menu the person opens)."""
    menu = window.menuBar().actions()[0].menu()
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(words))


def home(window):
    return window.page(0)


def test_ctrl_b_backs_up_and_says_where_and_what_and_the_reminder_goes(window, qtbot, prompter, ctx):
    bar = home(window).backup_bar
    assert bar.isVisible() and "never been backed up" in bar.text.text()
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, BackupDoneDialog) and window.dialog.isVisible())
    made = list(app_config.backup_folder().glob("*.fldd-backup"))
    assert len(made) == 1
    text = window.dialog.text.text()
    assert made[0].name in text and str(made[0].parent) in text
    assert "2 suppliers, 1 assessment, 0 findings and 1 evidence file" in text
    assert backup.read_backup(made[0]).counts["evidence_files"] == 1
    assert not bar.isVisible()  # Home is shown: it refreshed
    assert backup.backup_status(ctx).last_path == str(made[0])
    qtbot.mouseClick(window.dialog.folder_button, Qt.MouseButton.LeftButton)
    assert prompter.asked[-1] == ("show_file", str(made[0]), "folder")
    # the job's finished signal (which gives the menu back) may come after its done signal (which shows the dialog)
    qtbot.waitUntil(lambda: window.backup_job is None)
    assert window.backup_action.isEnabled() and window.restore_action.isEnabled()


def test_the_reminder_shows_when_the_last_backup_is_old_and_backs_up_from_its_button(window, qtbot, ctx,
                                                                                    monkeypatch):
    backup.back_up(ctx)
    made = dt.date.fromisoformat(settings.get(ctx.store, backup.LAST_AT_KEY)[:10])
    ctx.today = lambda: made + dt.timedelta(days=29)
    home(window).refresh()
    assert not home(window).backup_bar.isVisible()
    ctx.today = lambda: made + dt.timedelta(days=45)
    home(window).refresh()
    bar = home(window).backup_bar
    assert bar.isVisible()
    assert bar.text.text().startswith("Your last backup was 45 days ago. Back up now (Ctrl+B)")
    later = dt.datetime.combine(made + dt.timedelta(days=45), dt.time(10, 0)).astimezone()
    monkeypatch.setattr(backup, "_now", lambda: later)  # the backup is made on the day the clock says
    qtbot.mouseClick(bar.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, BackupDoneDialog))
    assert not bar.isVisible() and backup.backup_status(ctx).days_ago == 0
    assert len(list(app_config.backup_folder().glob("*.fldd-backup"))) == 2


def test_remind_me_later_hides_the_reminder_for_the_session(window, qtbot):
    bar = home(window).backup_bar
    assert bar.isVisible()
    qtbot.mouseClick(bar.later_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    window.go_to(1)
    window.go_to(0)
    assert not home(window).backup_bar.isVisible()
    assert not list(app_config.backup_folder().glob("*"))


def test_restore_shows_what_it_replaces_asks_and_the_window_shows_the_restored_workspace(window, qtbot, prompter,
                                                                                           ctx, tmp_path):
    facts = backup.back_up(ctx, tmp_path / "friday.fldd-backup")
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    home(window).refresh()
    assert home(window).strip.suppliers.text().startswith("<b>3</b>")
    prompter.files = [str(facts.path)]
    file_menu_action(window, "Restore from a backup").trigger()
    kind, title, question = prompter.asked[-2]
    assert kind == "confirm" and "before restore" in question
    assert prompter.words == {"accept": "&Restore"}  # the button says what happens, not Yes
    assert "<td>Suppliers</td><td align='right'>2</td><td align='right'>3</td>" in question  # backup, now
    assert prompter.asked[-1][:2] == ("inform", "Backup restored")
    assert window.ctx is not ctx and window.ctx.store.path == ctx.store.path
    assert supplier_names(window.ctx) == ["Klang Valley Gloves", "Lodz Chairs"]
    assert store_evidence.content(window.ctx.store, 1) == ("payslips.pdf", EVIDENCE)
    assert window.stack.currentWidget() is home(window)
    assert home(window).strip.suppliers.text().startswith("<b>2</b>")  # Home's numbers are the backup's
    assert not home(window).backup_bar.isVisible()  # it holds what that backup holds
    safety = [p for p in app_config.backup_folder().glob("*before restore*")]
    assert len(safety) == 1 and safety[0].name in prompter.asked[-1][2]
    assert backup.read_backup(safety[0]).counts["suppliers"] == 3


def test_declining_the_restore_changes_nothing(window, qtbot, prompter, ctx, tmp_path):
    facts = backup.back_up(ctx, tmp_path / "friday.fldd-backup")
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    prompter.files = [str(facts.path)]
    prompter.answer = False
    window.restore_action.trigger()
    assert window.ctx is ctx and len(supplier_names(ctx)) == 3
    assert not list(app_config.backup_folder().glob("*before restore*"))


def test_a_file_that_is_not_a_backup_is_refused_naming_it(window, qtbot, prompter, ctx, tmp_path):
    notes = tmp_path / "notes.fldd-backup"
    notes.write_text("minutes of the supplier meeting", encoding="utf-8")
    prompter.files = [str(notes)]
    window.restore_action.trigger()
    kind, title, text = prompter.asked[-1]
    assert kind == "error" and str(notes) in text and "not an fldd backup" in text
    assert window.ctx is ctx and len(supplier_names(ctx)) == 2
    assert not list(app_config.backup_folder().glob("*"))  # refused before any safety copy


def test_a_backup_folder_that_cannot_be_written_is_said_and_nothing_is_remembered(window, qtbot, prompter, ctx,
                                                                                   tmp_path):
    blocker = tmp_path / "not a folder"
    blocker.write_text("a file where the backup folder should be", encoding="utf-8")
    app_config.save(app_config.AppConfig(backup_folder=str(blocker / "backups")))
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "backup_job", None) is None)
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("error", "No backup was made") and str(blocker) in text
    assert backup.backup_status(ctx).last_at is None and home(window).backup_bar.isVisible()
    assert window.backup_action.isEnabled() and window.restore_action.isEnabled()


def test_the_restore_question_shows_a_backups_text_as_text_and_names_its_workspace(window, prompter, ctx, tmp_path):
    facts = backup.back_up(ctx, tmp_path / "friday.fldd-backup")
    marked = crafted(facts, tmp_path, "markup",
                     "UPDATE settings SET value = '<h1>approved by your buyer</h1>' WHERE key = 'backup_made_at';"
                     "UPDATE settings SET value = '<b>1,000 suppliers</b>' WHERE key = 'backup_source_db';")
    prompter.files = [str(marked)]
    prompter.answer = False
    window.restore_action.trigger()
    kind, title, question = prompter.asked[-1]
    assert kind == "confirm"
    assert "<h1>" not in question and "approved" not in question  # not a date: not shown at all
    assert "&lt;b&gt;1,000 suppliers&lt;/b&gt;" in question and "<b>1,000" not in question
    prompter.files = [str(facts.path)]
    window.restore_action.trigger()
    assert f"from the workspace {ctx.store.path}" in prompter.asked[-1][2]


def test_after_a_restore_the_window_works_in_the_restored_workspaces_role(window, prompter, ctx, tmp_path):
    from fldd.usecases.preferences import save_preferences

    save_preferences(ctx, role="auditor", language="en", backup_reminder_days=30)
    facts = backup.back_up(ctx, tmp_path / "auditor.fldd-backup")
    save_preferences(ctx, role="buyer", language="en", backup_reminder_days=30)
    window.ctx.role = "buyer"
    window.role_changed_elsewhere()
    prompter.files = [str(facts.path)]
    window.restore_action.trigger()
    assert window.ctx.role == "auditor"
    assert window.db_label.text().endswith("(auditor)")


def test_a_failure_after_the_swap_leaves_the_window_on_its_workspace_working(window, prompter, ctx, tmp_path,
                                                                             monkeypatch):
    import fldd.usecases.risk_data as risk_data

    facts = backup.back_up(ctx, tmp_path / "friday.fldd-backup")
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])

    def broken(_ctx):
        raise ValueError("something unforeseen")

    monkeypatch.setattr(risk_data, "make_risk_current", broken)
    prompter.files = [str(facts.path)]
    window.restore_action.trigger()
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("error", "The backup was not restored") and "put back" in text
    assert window.ctx is ctx
    add_supplier(window.ctx, "Typed after", "MY")
    assert supplier_names(window.ctx) == ["Klang Valley Gloves", "Lodz Chairs", "Porto Shoes", "Typed after"]
    window.show_row(1)  # the Suppliers page opens on the database
    assert window.stack.currentWidget() is window.page(1)


def test_messages_are_shown_as_plain_text(qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from fldd.ui.prompter import Prompter

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.textFormat(), box.text())))
    for static in ("warning", "information"):  # Qt's ready-made boxes guess the format from the text
        monkeypatch.setattr(QMessageBox, static, lambda *args: shown.append("guessed"))
    Prompter().error(None, "This file cannot be restored", "<h1>it has a trigger</h1>")
    Prompter().inform(None, "Done", "<b>x</b>")
    assert shown == [(Qt.TextFormat.PlainText, "<h1>it has a trigger</h1>"), (Qt.TextFormat.PlainText, "<b>x</b>")]


def test_ctrl_b_onto_a_full_disk_says_so_plainly(window, qtbot, prompter, ctx, monkeypatch):
    import sqlite3

    from fldd.store import backup_files

    def full(conn):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_files, "_integrity", full)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "backup_job", None) is None)
    kind, title, text = prompter.asked[-1]
    assert (kind, title) == ("error", "No backup was made")
    assert f"the disk holding {app_config.backup_folder().absolute()} is full" in text
    assert not list(app_config.backup_folder().iterdir())
    assert home(window).backup_bar.isVisible()
