"""Screens of File > Risk data editions… on the demo portfolio: as shipped, after a newer DOL list was loaded,
and after a malformed file was refused. Run: QT_QPA_PLATFORM=offscreen python tests/ui/screens/risk_data_screens.py
OUT_FOLDER."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from findings_home_screens import SIZES, _settle  # run as a script: this folder is on the path
from PySide6.QtWidgets import QApplication

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.riskdata.editions_dialog import RiskDataDialog
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

DOL_2025 = ("Country,Good,Sector,Child Labor,Forced Labor,Forced Child Labor\nItaly,Tomatoes,Agriculture,,X,\n"
            "Burma,Garments,Manufacturing,X,X,\nCôte d'Ivoire,Cocoa,Agriculture,X,,X\n")
BAD = DOL_2025 + "Atlantis,Pearls,Mining,X,,\nItaly,Olives,Agriculture,maybe,X,\n"


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="amina", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        good, bad = Path(folder) / "dol-goods-2025.csv", Path(folder) / "dol-goods-2026.csv"
        good.write_text(DOL_2025, encoding="utf-8")
        bad.write_text(BAD, encoding="utf-8")
        for stage, files in (("shipped", []), ("loaded", [str(good)]), ("refused", [str(bad)])):
            for width, height in SIZES:
                prompter = ScriptedPrompter(files=list(files))
                dialog = RiskDataDialog(ctx, prompter)
                dialog.resize(min(width - 120, 1400), min(height - 100, 900))
                dialog.show()
                _settle(app)
                if files and (stage != "loaded" or width == SIZES[0][0]):
                    dialog.load_button.click()
                    _settle(app)
                dialog.grab().save(str(out / f"riskdata-{stage}-{width}.png"))
                dialog.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/riskdata"))
