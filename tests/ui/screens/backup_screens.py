"""Screens of backups on the demo portfolio at 1366x768: the main window with Home's reminder bar, the message
after File > Back up now, and the restore confirmation (the question a QMessageBox asks, as the app asks it).
Run: QT_QPA_PLATFORM=offscreen python tests/ui/screens/backup_screens.py OUT_FOLDER."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from findings_home_screens import _settle  # run as a script: this folder is on the path
from PySide6.QtWidgets import QApplication, QMessageBox

from fldd import app_config
from fldd.ui.backup.backup_actions import confirmation_text
from fldd.ui.backup.backup_done_dialog import BackupDoneDialog
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.backup import back_up, workspace_counts
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.suppliers import add_supplier


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FLDD_DATA_DIR"] = folder  # backups go to the temporary folder, never the user's
        ctx = open_context(Path(folder) / "shots.sqlite3", user="amina", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        window = MainWindow(ctx, ScriptedPrompter())
        window.resize(1366, 768)
        window.show()
        _settle(app)
        window.grab().save(str(out / "backup-home-reminder-never.png"))
        facts = back_up(ctx)
        made = dt.date.fromisoformat(facts.made_at[:10])
        ctx.today = lambda: made + dt.timedelta(days=45)
        window.page(0).refresh()
        _settle(app)
        window.grab().save(str(out / "backup-home-reminder-45-days.png"))
        dialog = BackupDoneDialog(facts, window.prompter, window)
        dialog.show()
        _settle(app)
        dialog.grab().save(str(out / "backup-done.png"))
        dialog.close()
        add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
        box = QMessageBox(QMessageBox.Icon.Question, "Restore from a backup",
                          confirmation_text(facts, workspace_counts(ctx), ctx.store.path, app_config.backup_folder()),
                          QMessageBox.StandardButton.NoButton, window)
        box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.show()
        _settle(app)
        box.grab().save(str(out / "backup-restore-confirm.png"))
        box.close()
        window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/backup-screens"))
