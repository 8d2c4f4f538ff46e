"""Renders the Risk map page with the demo portfolio (or a database given) at two screen sizes, for a person to
look at: inherent and assessed, a cell chosen, the region rows.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/risk_map_screens.py [OUT_DIR] [--db FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.riskmap.risk_map_page import RiskMapPage
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

SIZES = ((1366, 768), (1920, 1080))


def shoot(ctx, out: Path, name: str) -> None:
    """Write risk-map-NAME-*.png into out."""
    app = QApplication.instance() or QApplication([])
    for width, height in SIZES:
        page = RiskMapPage(ctx, ScriptedPrompter())
        page.resize(width - 170, height - 90)  # what the main window leaves for a page
        page.show()
        app.processEvents()
        page.grab().save(str(out / f"risk-map-{name}-{width}-inherent.png"))
        page.view.setFocus()
        page.view.setCurrentIndex(page.model.index(1, 0))
        app.processEvents()
        page.set_measure("assessed")
        app.processEvents()
        page.grab().save(str(out / f"risk-map-{name}-{width}-assessed.png"))
        page.rows_by.setCurrentIndex(1)
        app.processEvents()
        page.grab().save(str(out / f"risk-map-{name}-{width}-regions.png"))
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/risk-map-screens")
    parser.add_argument("--db")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    QApplication.instance() or QApplication([])
    if args.db:
        ctx = open_context(args.db, user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        shoot(ctx, out, Path(args.db).stem)
        ctx.close()
        return
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        shoot(ctx, out, "demo")
        ctx.close()


if __name__ == "__main__":
    main()
