"""Screens of File > Settings (each tab, the Backups tab after a backup, the Database tab after a move) and Help > About fldd (top and
scrolled to the end) on the demo portfolio, each alone and drawn over the main window on a 1366x768 screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/settings_screens.py /tmp/settings-shots
(not a test: it only writes PNGs to look at). The data folder is a temporary one, never the user's.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication

SCREEN = (1366, 738)  # 1366x768 minus a task bar


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def over_window(window, dialog, path: Path) -> None:
    """The dialog drawn centred over the window, as the person sees it."""
    shot = window.grab()
    painter = QPainter(shot)
    inner = dialog.grab()
    painter.drawPixmap(QPoint((shot.width() - inner.width()) // 2, (shot.height() - inner.height()) // 2), inner)
    painter.end()
    shot.save(str(path))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FLDD_DATA_DIR"] = str(Path(tmp) / "data")
        from fldd.ui.main_window import MainWindow
        from fldd.ui.prompter import ScriptedPrompter
        from fldd.ui.settings.settings_dialog import TABS
        from fldd.usecases import backup
        from fldd.usecases.context import open_context
        from fldd.usecases.demo import build_demo

        app = QApplication.instance() or QApplication([])
        ctx = open_context(Path(tmp) / "work" / "fldd.sqlite3", user="amina", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        moved_to = Path(tmp) / "Documents" / "Compliance" / "fldd"
        moved_to.mkdir(parents=True)
        prompter = ScriptedPrompter(files=[str(moved_to)])
        window = MainWindow(ctx, prompter)
        window.resize(*SCREEN)
        window.show()
        settle(app)

        window.open_settings()
        dialog = window.dialog
        settle(app)
        for index, name in enumerate(TABS):
            dialog.tabs.setCurrentIndex(index)
            settle(app)
            slug = name.lower().replace(" ", "-")
            dialog.grab().save(str(out / f"settings-{index}-{slug}.png"))
            over_window(window, dialog, out / f"screen-settings-{index}-{slug}.png")
        backup.back_up(window.ctx)  # what the Backups tab shows once a backup is made
        dialog.backups.show_status()
        settle(app)
        dialog.grab().save(str(out / "settings-3-backups-after-a-backup.png"))
        dialog.tabs.setCurrentIndex(TABS.index("Database"))
        dialog.database.move_button.click()  # a real move of the demo database
        settle(app)
        dialog.grab().save(str(out / "settings-2-database-moved.png"))
        dialog.close()
        settle(app)

        window.open_about()
        about = window.dialog
        settle(app)
        about.grab().save(str(out / "about-top.png"))
        over_window(window, about, out / "screen-about.png")
        about.scroll.verticalScrollBar().setValue(about.scroll.verticalScrollBar().maximum())
        settle(app)
        about.grab().save(str(out / "about-end.png"))
        about.close()
        window.close()
        window.ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/settings-shots"))
