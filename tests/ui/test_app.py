"""run_app starts the event loop with the main window, and never lets Qt abort for want of a display."""

import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from fldd.store import settings
from fldd.ui.app import run_app, set_up_if_new, use_offscreen_without_display
from fldd.ui.firstrun.wizard import FirstRunChoices, FirstRunWizard
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.preferences import Preferences, preferences
from fldd.usecases.suppliers import add_supplier


@pytest.mark.parametrize(
    ("env", "platform", "chosen", "qpa"),
    [
        ({}, "linux", True, "offscreen"),
        ({"DISPLAY": ":0"}, "linux", False, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False, None),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False, "xcb"),
        ({}, "win32", False, None),
        ({}, "darwin", False, None),
    ],
)
def test_offscreen_is_chosen_only_on_a_linux_without_display(env, platform, chosen, qpa):
    assert use_offscreen_without_display(env, platform) is chosen
    assert env.get("QT_QPA_PLATFORM") == qpa


SHOW_AND_QUIT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from fldd.ui.app import run_app
from fldd.ui.main_window import MainWindow

app = QApplication([])

def quit_once_shown():
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    print(len(shown), QApplication.applicationName(), QApplication.organizationName(), flush=True)
    for widget in shown:
        widget.close()
    QApplication.quit()

QTimer.singleShot(0, quit_once_shown)
if len(sys.argv) > 2:  # a workspace set up before: the main window comes straight away
    from fldd.usecases.context import open_context
    from fldd.usecases.preferences import mark_set_up

    ctx = open_context(sys.argv[1])
    mark_set_up(ctx)
    ctx.close()
sys.exit(run_app(sys.argv[1]))
"""


def test_run_app_shows_the_main_window_until_quit(tmp_path):
    """In a process of its own: an event loop that has quit leaves Qt's application shut down for what follows
    (file dialogs stop listing folders), so the test process's own application must never run it."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SHOW_AND_QUIT, str(tmp_path / "app.sqlite3"), "set-up"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FLDD_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "fldd", "fldd"]


FIRST_RUN_THEN_WINDOW = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from fldd.ui.app import run_app
from fldd.ui.firstrun.tour import TourOverlay
from fldd.ui.firstrun.wizard import FirstRunWizard
from fldd.ui.main_window import MainWindow

app = QApplication([])
seen = []

def answer_then_report():
    wizard = QApplication.activeModalWidget()
    if isinstance(wizard, FirstRunWizard) and "wizard" not in seen:
        seen.append("wizard")
        QTest.keyClick(wizard, Qt.Key.Key_Return)
        wizard.role_page.buttons["supplier"].click()
        for _ in range(3):
            QTest.keyClick(wizard, Qt.Key.Key_Return)
        QTest.keyClick(wizard, Qt.Key.Key_Return)  # Finish: empty workspace, with the tour
        return
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
             and w.open_later is None]  # Home is open (it follows the window's first paint)
    if shown:
        timer.stop()
        window = shown[0]
        print(*seen, window.db_label.text().split()[-1], len(window.findChildren(TourOverlay)), flush=True)
        window.close()
        QApplication.quit()

timer = QTimer(interval=20, timeout=answer_then_report)
timer.start()
sys.exit(run_app(sys.argv[1]))
"""


def test_a_new_workspace_meets_the_first_run_then_the_main_window_and_its_tour(tmp_path):
    """run_app on a database that does not exist yet: the first run, answered as a supplier; then the window
    opens working as one, with the tour running on it."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FIRST_RUN_THEN_WINDOW, str(tmp_path / "app.sqlite3")],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FLDD_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["wizard", "(supplier)", "1"]


RESTORE_IN_FIRST_RUN = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from fldd.store import lock
from fldd.ui.app import run_app
from fldd.ui.firstrun.wizard import FirstRunWizard
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter

app = QApplication([])
seen = []

def restore_then_report():
    wizard = QApplication.activeModalWidget()
    if isinstance(wizard, FirstRunWizard) and "wizard" not in seen:
        if not wizard.isActiveWindow():  # keyboard shortcuts need the active window
            wizard.activateWindow()
            return
        seen.append("wizard")
        QTest.keyClick(wizard, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Restore from a backup
        return
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if shown:
        timer.stop()
        window = shown[0]
        print(*seen, window.db_label.text().split()[-1], window.ctx.store.path == db, flush=True)
        window.close()
        QApplication.quit()

timer = QTimer(interval=20, timeout=restore_then_report)
timer.start()
db = Path(sys.argv[1])
code = run_app(db, prompter=ScriptedPrompter(files=[sys.argv[2]]))
print("holds", lock.holds(sys.argv[1]), flush=True)
sys.exit(code)
"""


def test_a_backup_restored_in_the_first_run_opens_in_the_main_window_and_is_closed_at_the_end(tmp_path):
    """run_app on a new computer: the first run's Restore from a backup; the main window works on the restored
    workspace, which keeps its own role and language, and when the app ends no connection to it is left open."""
    import subprocess
    import sys

    from fldd.usecases.backup import back_up
    from fldd.usecases.preferences import mark_set_up, save_preferences

    old = open_context(tmp_path / "old.sqlite3")
    save_preferences(old, role="supplier", language="es")
    add_supplier(old, "Porto Shoes", "PT", goods=["Footwear"])
    mark_set_up(old)
    backup = back_up(old, tmp_path / "from the old laptop.fldd-backup").path
    old.close()
    db = tmp_path / "new" / "fldd.sqlite3"
    done = subprocess.run([sys.executable, "-c", RESTORE_IN_FIRST_RUN, str(db), str(backup)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "FLDD_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["wizard", "(supplier)", "True", "holds", "0"]
    again = open_context(db)
    try:
        assert preferences(again) == Preferences("supplier", "es", 30, True)
    finally:
        again.close()


def walk_later(qtbot, answer) -> list:
    """Answer the first run once its window is up (exec() holds the test until it closes)."""
    seen = []

    def act():
        wizard = QApplication.activeModalWidget()
        if isinstance(wizard, FirstRunWizard):
            seen.append(wizard)
            answer(qtbot, wizard)
        else:
            QTimer.singleShot(10, act)
    QTimer.singleShot(0, act)
    return seen


def cancel(qtbot, wizard) -> None:
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)


def answer_auditor(qtbot, wizard) -> None:
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    wizard.role_page.buttons["auditor"].click()
    for _ in range(2):
        qtbot.keyClick(wizard, Qt.Key.Key_Return)
    wizard.start_page.empty.click()
    for _ in range(2):
        qtbot.keyClick(wizard, Qt.Key.Key_Return)


def test_a_new_workspace_asks_until_the_first_run_is_finished(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QLocale

    from fldd.ui.firstrun import pages

    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(pages.QLocale, "system", staticmethod(lambda: QLocale("en_GB")))  # English offered first
    ctx = open_context(tmp_path / "new.sqlite3")
    try:
        seen = walk_later(qtbot, cancel)
        assert set_up_if_new(ctx, ScriptedPrompter()) == (False, None, ctx)
        assert len(seen) == 1 and not preferences(ctx).setup_done
        seen = walk_later(qtbot, answer_auditor)  # the next start: asked again
        go_on, choices, same = set_up_if_new(ctx, ScriptedPrompter())
        assert len(seen) == 1 and go_on and choices == FirstRunChoices("auditor", "en", False, True)
        assert same is ctx and preferences(ctx) == Preferences("auditor", "en", 30, True)
        assert set_up_if_new(ctx, ScriptedPrompter()) == (True, None, ctx)  # and never again
    finally:
        ctx.close()


def test_a_workspace_with_suppliers_from_before_the_first_run_never_meets_it(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path))
    ctx = open_context(tmp_path / "old.sqlite3")
    try:
        add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
        assert settings.get(ctx.store, "setup_done") == ""
        monkeypatch.setattr(FirstRunWizard, "exec", lambda self: pytest.fail("the first run was shown"))
        assert set_up_if_new(ctx, ScriptedPrompter()) == (True, None, ctx)
        assert preferences(ctx).setup_done
    finally:
        ctx.close()


def test_a_second_app_on_the_same_database_says_who_has_it_and_opens_nothing(qapp, tmp_path):
    import subprocess
    import sys

    from fldd.ui.prompter import ScriptedPrompter

    db = tmp_path / "app.sqlite3"
    first = subprocess.Popen([sys.executable, "-c", "import sys; from fldd.store.connection import open_store; "
                              "s = open_store(sys.argv[1], holder='app', what='the fldd app'); print('open', flush=True); "
                              "sys.stdin.readline()", str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "open"
        prompter = ScriptedPrompter()
        assert run_app(db, prompter=prompter) == 1
    finally:
        first.kill()
        first.wait(timeout=30)
    ((kind, title, text),) = prompter.asked
    assert (kind, title) == ("error", "fldd cannot open its database")
    assert f"fldd is already open on this database: the fldd app (process {first.pid}" in text
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_a_moved_database_that_is_not_there_is_said_and_no_empty_one_is_made(qapp, tmp_path, monkeypatch):
    from fldd import app_config
    from fldd.ui.prompter import ScriptedPrompter

    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    gone = tmp_path / "usb-stick" / "fldd.sqlite3"  # the drive it was moved to is not connected
    app_config.save(app_config.AppConfig(database=str(gone)))
    prompter = ScriptedPrompter()
    assert run_app(None, prompter=prompter) == 1
    ((kind, title, text),) = prompter.asked
    assert kind == "error" and str(gone) in text and "--db" not in text and "connect" in text.lower()
    assert not gone.parent.exists() and not app_config.paths.default_db_path().exists()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
