"""run_app starts the event loop with the main window, and never lets Qt abort for want of a display."""

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fldd.ui.app import run_app, use_offscreen_without_display
from fldd.ui.main_window import MainWindow


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
sys.exit(run_app(sys.argv[1]))
"""


def test_run_app_shows_the_main_window_until_quit(tmp_path):
    """In a process of its own: an event loop that has quit leaves Qt's application shut down for what follows
    (file dialogs stop listing folders), so the test process's own application must never run it."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", SHOW_AND_QUIT, str(tmp_path / "app.sqlite3")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "fldd", "fldd"]


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
