"""Screenshots of the screens mended in issue 8, with the demo portfolio and one workbook that came back
incomplete: Home (the buyer's cards), the register with its panel (and a search that hides the supplier it
showed), the runner on the profile module (money in the site's currency), and the assessments list, each in a
window sized as it would open on a 1366x768 and a 1920x1080 screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/mends_screens.py [OUT_DIR]
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from fldd.ui.main_window import ROW_ASSESSMENTS, ROW_SUPPLIERS, MainWindow, opening_geometry
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import list_assessments
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill

SCREENS = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
TASK_BAR = 40


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def window_size(width: int, height: int) -> tuple[int, int]:
    """The size the window opens at on such a screen (maximised: the whole available area)."""
    available = QRect(0, 0, width, height - TASK_BAR)
    geometry = opening_geometry(available) or available
    return geometry.width(), geometry.height()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "demo.sqlite3", user="screens", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        latex = add_supplier(ctx, "Penang Latex Industries Sdn Bhd", "MY", goods=["Rubber Gloves"])
        sent = export_workbook(ctx, latex, "fldd-desktop", Path(tmp) / "sent.xlsx").path
        import_paths(ctx, [fill(sent, {"gov_policy_exists": "Yes", "pr_workers_total": 120},
                                out=Path(tmp) / "Penang Latex.xlsx")])
        for name, (width, height) in SCREENS.items():
            window = MainWindow(ctx, ScriptedPrompter())
            window.resize(*window_size(width, height))
            window.show()
            settle(app)
            window.grab().save(str(out / f"{name}-home.png"))

            window.go_to(ROW_SUPPLIERS)
            register = window.page(ROW_SUPPLIERS)
            register.select_supplier(latex)
            settle(app)
            window.grab().save(str(out / f"{name}-register-panel.png"))
            register.proxy.debounce_ms = 0
            register.search.setText("cocoa")
            register.proxy.flush()
            settle(app)
            window.grab().save(str(out / f"{name}-register-hidden.png"))
            register.clear_filters()

            window.open_assessment(list_assessments(ctx, latex)[0]["id"])
            window.runner.go_to_question("pr_monthly_base_wage")  # money, in the site's currency
            settle(app)
            window.grab().save(str(out / f"{name}-runner-profile.png"))

            window.go_to(ROW_ASSESSMENTS)
            settle(app)
            window.grab().save(str(out / f"{name}-assessments.png"))
            window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
