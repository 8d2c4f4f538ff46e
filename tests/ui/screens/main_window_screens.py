"""Screenshots of every page of the main window with the demo portfolio, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/main_window_screens.py /tmp/shots
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.main_window import PAGES, MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

SIZES = {"1366x768": (1366, 738), "1920x1080": (1920, 1050)}  # screen minus a task bar


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "demo.sqlite3", user="screens", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        for size_name, (width, height) in SIZES.items():
            window = MainWindow(ctx, ScriptedPrompter())
            window.resize(width, height)
            window.show()
            settle(app)
            for row, (label, _, _) in enumerate(PAGES):
                window.nav.setCurrentRow(row)
                settle(app)
                window.grab().save(str(out / f"{size_name}-{row}-{label.lower()}.png"))
            for assessment_id in (1, 11):
                window.open_assessment(assessment_id)
                settle(app)
                window.grab().save(str(out / f"{size_name}-runner-{assessment_id}.png"))
            window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
