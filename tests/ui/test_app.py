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


def test_run_app_shows_the_main_window_until_quit(qapp, tmp_path):
    shown = []

    def quit_once_shown():
        shown.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for widget in shown:
            widget.close()
        QApplication.quit()

    QTimer.singleShot(0, quit_once_shown)
    assert run_app(tmp_path / "app.sqlite3") == 0
    assert len(shown) == 1
    assert QApplication.applicationName() == "fldd"
    assert QApplication.organizationName() == "fldd"
