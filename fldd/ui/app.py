"""Starts the Qt application and the main window; falls back to offscreen where there is no display."""

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from fldd import __version__, app_config
from fldd.paths import resources_dir
from fldd.store import lock as process_lock
from fldd.store.errors import StoreError
from fldd.ui.crash_handler import CrashHandler
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import Prompter
from fldd.usecases.context import open_context
from fldd.usecases.preferences import mark_set_up, needs_first_run
from fldd.usecases.risk_data import make_risk_current


def use_offscreen_without_display(env: MutableMapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Pick Qt's offscreen platform on a Linux without display, where Qt would abort (exit 134); True if it did."""
    if not platform.startswith("linux"):
        return False
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return False
    env["QT_QPA_PLATFORM"] = "offscreen"
    return True


EXIT_WHEN_SHOWN = "FLDD_EXIT_WHEN_SHOWN"  # smoke tests and the start-up benchmark: print the time shown, then quit


def _report_when_shown(app: QApplication, window: MainWindow) -> None:
    """Print the wall-clock time when the window is first painted ("shown") and when Home is filled ("home"),
    then quit."""
    import time

    window.first_painted.connect(lambda: print(f"shown {time.time():.6f}", flush=True))

    def home() -> None:
        print(f"home {time.time():.6f}", flush=True)
        app.quit()

    window.home_opened.connect(home)


def set_up_if_new(ctx, prompter: Prompter) -> tuple[bool, object, object]:
    """Whether to go on to the main window, the first run's choices (FirstRunChoices) when it was shown, and the
    context to go on with: ctx, or the restored workspace's when the first run restored a backup (ctx is closed
    then). A workspace set up before, or one with suppliers made before the first run existed, goes straight
    on; a new one meets the first run, and closing that means quit."""
    if not needs_first_run(ctx):
        return True, None, ctx
    from fldd.ui.firstrun.wizard import FirstRunWizard

    wizard = FirstRunWizard(ctx, prompter)
    accepted = bool(wizard.exec())
    choices = wizard.choices if accepted else None
    wizard.deleteLater()
    return accepted, choices, wizard.ctx


def run_app(db_path: Path | None, *, demo_if_new: bool = False, prompter: Prompter | None = None) -> int:
    """Show the main window on db_path (None: the one app_config points at) and run the event loop; returns the
    exit code.

    With demo_if_new, a database that does not exist yet is filled with the demo portfolio first. A database
    the person moved that is not there is said, and none is made in its place.
    """
    if use_offscreen_without_display():
        print("fldd: no display (DISPLAY and WAYLAND_DISPLAY unset): running offscreen, nothing will be shown",
              file=sys.stderr)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("fldd")
    app.setOrganizationName("fldd")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "fldd-256.png")))  # taskbar, title bar, Alt+Tab
    prompter = prompter or Prompter()
    if db_path is None:
        try:
            db_path = app_config.database_to_open(app_config.APP_HOW)
        except app_config.DatabaseMissing as exc:
            prompter.error(None, "fldd cannot find its database", str(exc))
            return 1
    new = not Path(db_path).exists()
    try:
        ctx = open_context(db_path, holder=process_lock.APP)
    except StoreError as exc:
        prompter.error(None, "fldd cannot open its database", str(exc))
        return 1
    crash_handler = CrashHandler(prompter)
    crash_handler.install()
    try:
        if demo_if_new and new:
            from fldd.usecases.demo import build_demo

            build_demo(ctx)
            mark_set_up(ctx)
        go_on, choices, current = set_up_if_new(ctx, prompter)
        if not go_on:
            return 0  # the first run closed before the end: nothing chosen, asked again next time
        # the risk data is made current (a refresh a crash cut short finished) after the window is on screen
        window = MainWindow(current, prompter, open_later=lambda: make_risk_current(window.ctx))
        if choices is not None and choices.tour:
            window.home_opened.connect(window.start_tour)
        if os.environ.get(EXIT_WHEN_SHOWN):
            _report_when_shown(app, window)
        window.show_on_screen()
        return app.exec()
    finally:
        crash_handler.uninstall()
        # whichever is open: the first, one the first run restored, one a restore or a move in the window made
        # (closing a context twice does nothing)
        for each in (ctx, locals().get("current"), getattr(locals().get("window"), "ctx", None)):
            if each is not None:
                each.close()
