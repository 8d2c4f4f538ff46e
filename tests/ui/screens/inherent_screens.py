"""Renders the supplier panel's inherent-risk factors and the supplier form's corridor, material and other-name
fields with the demo portfolio at two screen sizes, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python tests/ui/screens/inherent_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QScrollArea

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.register_page import RegisterPage
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

SIZES = ((1366, 768), (1920, 1080))
SHOWN = "Klang Valley Gloves"  # a demo supplier with recruitment corridors and another name


def main(out: Path) -> None:
    """Write inherent-*.png (panel at the top, panel scrolled to the factors, form) into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        for width, height in SIZES:
            page = RegisterPage(ctx, ScriptedPrompter())
            page.resize(width - 170, height - 90)  # what the main window leaves for a page
            page.show()
            page.search.setText(SHOWN)
            while page.proxy.rowCount() != 1:  # the search applies after a short pause in typing
                app.processEvents()
            page.table.setCurrentIndex(page.proxy.index(0, 0))
            page.table.activated.emit(page.proxy.index(0, 0))
            app.processEvents()
            page.grab().save(str(out / f"inherent-{width}-panel.png"))
            scroll = page.panel.findChild(QScrollArea)
            app.processEvents()
            scroll.verticalScrollBar().setValue(page.panel.risk_heading.y() - 200)  # the facts and the factors
            app.processEvents()
            page.grab().save(str(out / f"inherent-{width}-factors.png"))
            page.edit_supplier(page.selected_id())
            app.processEvents()
            page.dialog.grab().save(str(out / f"inherent-{width}-dialog.png"))
            page.dialog.reject()
            page.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
