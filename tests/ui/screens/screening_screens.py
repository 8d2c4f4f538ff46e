"""Screenshots of entity-list screening in the main window at two screen sizes: the supplier panel with a
possible match to decide, one dismissed, and the buyer's Home with its card. The demo portfolio with a
fictional entity list put in force (fldd ships no entity list; the buyer loads one).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/screening_screens.py [OUT_DIR]
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

import fldd.usecases.risk_data as risk_data_module
from fldd.risk.data import Edition, Entity, risk_data
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.screening import decide_match, screen_suppliers, screening_matches

SIZES = {"1366x768": (1366, 738), "1920x1080": (1920, 1050)}  # screen minus a task bar, as main_window_screens
LIST = "Example Entity List (fictional)"
ENTITIES = (
    Entity(LIST, "Jiangsu Sunlight Solar Materials Group Co., Ltd.",
           ("Jiangsu Solar Materials Co., Ltd.", "Sunlight Solar Materials", "江苏阳光太阳能材料集团有限公司"), "CN"),
    Entity(LIST, "Shenzhen Brigth Electronics Co., Ltd.", ("Brigth Electronics Shenzhen",), "CN"),
)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main(out: Path) -> None:
    """Write screening-*.png into out."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    data = dataclasses.replace(risk_data(), entities=ENTITIES,
                               editions=(Edition("entity_list", LIST, "2026-05", "2026-05-12"),))
    risk_data_module.current_risk_data = lambda ctx: data
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "demo.sqlite3", user="screens", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        screen_suppliers(ctx)
        matches = {m["supplier"]: m for m in screening_matches(ctx)}
        bright = matches["Shenzhen Bright Electronics"]
        decide_match(ctx, bright["id"], confirmed=False, reason="Another company: different registration number "
                     "and address in Bao'an district, checked against the business licence")
        for size_name, (width, height) in SIZES.items():
            window = MainWindow(ctx, ScriptedPrompter())
            window.resize(width, height)
            window.show()
            settle(app)
            window.grab().save(str(out / f"screening-{size_name}-home.png"))
            home = window.page(0)
            home.scroll.ensureWidgetVisible(home.cards["screening"])
            settle(app)
            window.grab().save(str(out / f"screening-{size_name}-home-card.png"))
            for supplier, slug in ((matches["Jiangsu Solar Materials"], "pending"), (bright, "dismissed")):
                window.open_supplier(supplier["supplier_id"])
                settle(app)
                window.grab().save(str(out / f"screening-{size_name}-{slug}-window.png"))
            window.close()
        window = MainWindow(ctx, ScriptedPrompter())
        window.resize(*SIZES["1366x768"])
        window.show()
        window.open_supplier(matches["Jiangsu Solar Materials"]["supplier_id"])
        settle(app)
        box = window.page(1).panel.screening
        dialog = box.ask(box.matches[0], "confirm")
        dialog.reason.setPlainText("Same registered address and licence as the listing")
        settle(app)
        window.grab().save(str(out / "screening-1366x768-dialog.png"))
        dialog.grab().save(str(out / "screening-dialog.png"))
        window.close()
        _delisted(app, ctx, out, matches["Jiangsu Solar Materials"])
        ctx.close()


def _delisted(app: QApplication, ctx, out: Path, match: dict) -> None:
    """A confirmed match whose entity a newer edition leaves out: the panel, Home's card and Next steps."""
    from fldd.usecases.inherent import refresh_inherent

    decide_match(ctx, match["id"], confirmed=True, reason="Same registered address and licence as the listing")
    data = dataclasses.replace(risk_data(), entities=ENTITIES[1:],
                               editions=(Edition("entity_list", LIST, "2026-09", "2026-09-02"),))
    risk_data_module.current_risk_data = lambda ctx: data
    screen_suppliers(ctx)
    refresh_inherent(ctx)
    for size_name, (width, height) in SIZES.items():
        window = MainWindow(ctx, ScriptedPrompter())
        window.resize(width, height)
        window.show()
        home = window.page(0)
        home.scroll.ensureWidgetVisible(home.cards["screening"])
        settle(app)
        window.grab().save(str(out / f"screening-{size_name}-delisted-home-card.png"))
        window.open_supplier(match["supplier_id"])
        settle(app)
        window.grab().save(str(out / f"screening-{size_name}-delisted-window.png"))
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
