"""Screenshots of the supplier panel with corrections the supplier suggested, in the main window at two screen
sizes: as the demo has them, with the register changed since the export, and after one was applied.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/corrections_screens.py [OUT_DIR]
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.suppliers import update_supplier

SIZES = {"1366x768": (1366, 738), "1920x1080": (1920, 1050)}  # screen minus a task bar, as main_window_screens
SUPPLIER = "Klang Valley Gloves Sdn Bhd"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main(out: Path) -> None:
    """Write corrections-*.png into out."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "demo.sqlite3", user="screens", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        page = None
        for size_name, (width, height) in SIZES.items():
            window = MainWindow(ctx, ScriptedPrompter())
            window.resize(width, height)
            window.show()
            settle(app)
            page = window.page(1)
            supplier_id = next(r["id"] for r in page.model.rows if r["name"] == SUPPLIER)
            window.open_supplier(supplier_id)
            settle(app)
            window.grab().save(str(out / f"corrections-{size_name}-window.png"))
            page.panel.grab().save(str(out / f"corrections-{size_name}-panel.png"))
            window.close()
        update_supplier(ctx, supplier_id, address="7 Jalan Kapar, Klang")  # changed after the export
        window = MainWindow(ctx, ScriptedPrompter())
        window.resize(*SIZES["1366x768"])
        window.show()
        window.open_supplier(supplier_id)
        settle(app)
        page = window.page(1)
        page.panel.grab().save(str(out / "corrections-changed-since-panel.png"))
        page.panel.corrections.cards[0].apply_button.click()
        settle(app)
        window.grab().save(str(out / "corrections-after-apply-window.png"))
        window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
