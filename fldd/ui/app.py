"""Starts the Qt application and the main window; falls back to offscreen where there is no display."""

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd import __version__
from fldd.ui.main_window import MainWindow


def use_offscreen_without_display(env: MutableMapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Pick Qt's offscreen platform on a Linux without display, where Qt would abort (exit 134); True if it did."""
    if not platform.startswith("linux"):
        return False
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return False
    env["QT_QPA_PLATFORM"] = "offscreen"
    return True


def run_app(db_path: Path) -> int:
    """Show the main window on db_path and run the event loop; returns the exit code."""
    if use_offscreen_without_display():
        print("fldd: no display (DISPLAY and WAYLAND_DISPLAY unset): running offscreen, nothing will be shown",
              file=sys.stderr)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("fldd")
    app.setOrganizationName("fldd")
    app.setApplicationVersion(__version__)
    window = MainWindow(db_path)
    window.show()
    return app.exec()
