"""Screenshots of the first run: every page of the set-up (as a buyer, and the pages a supplier sees worded for
them), the demo loading and a failed load, a backup restored from the welcome page (the question and the message
after), and every step of the tour of Home at 1366x768 for a buyer with the demo portfolio and for a supplier on
an empty workspace.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/first_run_screens.py /tmp/shots
(not a test: it only writes PNGs to look at; FLDD_DATA_DIR goes to a temporary folder).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

SCREEN = (1366, 738)  # a 1366x768 screen less a task bar
TODAY = dt.date(2026, 11, 23)


def settle(app: QApplication) -> None:
    for _ in range(6):
        app.processEvents()


def wizard_pages(app: QApplication, out: Path, tmp: Path) -> None:
    from fldd.ui.firstrun.wizard import FirstRunWizard
    from fldd.ui.prompter import ScriptedPrompter
    from fldd.usecases.context import open_context

    for role in ("buyer", "supplier"):
        ctx = open_context(tmp / f"wizard-{role}.sqlite3", user="screens")
        wizard = FirstRunWizard(ctx, ScriptedPrompter())
        wizard.show()
        settle(app)
        size = wizard.size()
        assert size.width() <= SCREEN[0] and size.height() <= SCREEN[1], f"the set-up is {size} on a small screen"
        for index in range(wizard.stack.count()):
            if index == 2:
                wizard.role_page.buttons[role].click()
            if index:
                wizard.next()
            settle(app)
            if role == "buyer" or index >= 3:
                wizard.grab().save(str(out / f"wizard-{role}-{index + 1}.png"))
        if role == "buyer":  # the demo loading (buttons held while it runs), and a load that failed
            wizard.loader = object()
            wizard._update_buttons()
            wizard.finish_page.progress.show()
            wizard._say("Loading the demo portfolio: 40 suppliers with their assessments and findings. This "
                        "takes a few seconds…")
            settle(app)
            wizard.grab().save(str(out / "wizard-buyer-loading.png"))
            wizard.loader = None
            wizard._update_buttons()
            wizard.finish_page.progress.hide()
            wizard._say("The demo portfolio was not loaded, and nothing of it was kept: database or disk is full. "
                        "Press Finish to try again, or go Back and choose an empty workspace.", error=True)
            settle(app)
            wizard.grab().save(str(out / "wizard-buyer-failed.png"))
        wizard.close()
        ctx.close()


def restore_on_a_new_computer(app: QApplication, out: Path, tmp: Path) -> None:
    """The welcome page's Restore from a backup, answered by a prompter that shows each message and saves a
    picture of it instead of waiting for a click."""
    from PySide6.QtWidgets import QMessageBox

    from fldd.ui.firstrun.wizard import FirstRunWizard
    from fldd.ui.prompter import ScriptedPrompter
    from fldd.usecases.backup import back_up
    from fldd.usecases.context import open_context
    from fldd.usecases.preferences import mark_set_up, save_preferences
    from fldd.usecases.suppliers import add_supplier

    old = open_context(tmp / "old-laptop.sqlite3", user="screens")
    save_preferences(old, role="auditor", language="es")
    for name, country, goods in (("Porto Shoes", "PT", "Footwear"), ("Lodz Chairs", "PL", "Furniture")):
        add_supplier(old, name, country, goods=[goods])
    mark_set_up(old)
    backup = back_up(old, tmp / "fldd 2026-11-20.fldd-backup").path
    old.close()

    class Shooting(ScriptedPrompter):
        def _shoot(self, parent, title, text, name, icon) -> None:
            box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
            box.show()
            settle(app)
            box.grab().save(str(out / f"wizard-restore-{name}.png"))
            box.close()

        def confirm(self, parent, title, text, accept=""):
            self._shoot(parent, title, text, "question", QMessageBox.Icon.Question)
            return super().confirm(parent, title, text, accept)

        def inform(self, parent, title, text):
            self._shoot(parent, title, text, "done", QMessageBox.Icon.Information)
            super().inform(parent, title, text)

    ctx = open_context(tmp / "new-computer.sqlite3", user="screens")
    wizard = FirstRunWizard(ctx, Shooting(files=[str(backup)]))
    wizard.show()
    settle(app)
    wizard.welcome.restore_button.click()
    wizard.ctx.close()


def tour_steps(app: QApplication, out: Path, tmp: Path) -> None:
    from fldd.ui.main_window import MainWindow
    from fldd.ui.prompter import ScriptedPrompter
    from fldd.usecases.context import open_context
    from fldd.usecases.demo import build_demo

    for role, demo in (("buyer", True), ("supplier", False)):
        ctx = open_context(tmp / f"tour-{role}.sqlite3", user="screens", role=role)
        ctx.today = lambda: TODAY
        if demo:
            build_demo(ctx)
        window = MainWindow(ctx, ScriptedPrompter())
        window.resize(*SCREEN)
        window.show()
        settle(app)
        window.start_tour()
        for number, step in enumerate(window.tour.steps, start=1):
            settle(app)
            window.grab().save(str(out / f"tour-{role}-{number}-{step.name}.png"))
            window.tour.next()
        window.tour.end()
        window.close()
        ctx.close()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FLDD_DATA_DIR"] = str(Path(tmp) / "data")
        wizard_pages(app, out, Path(tmp))
        restore_on_a_new_computer(app, out, Path(tmp))
        tour_steps(app, out, Path(tmp))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
