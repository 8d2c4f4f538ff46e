"""Renders the supplier register with the demo portfolio at two screen sizes, for a person to look at.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/register_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.register_page import RegisterPage
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

SIZES = ((1366, 768), (1920, 1080))


def main(out: Path) -> None:
    """Write register-*.png (table, details, dialog) into out."""
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
            app.processEvents()
            page.grab().save(str(out / f"register-{width}-table.png"))
            page.table.selectRow(7)
            page.table.activated.emit(page.table.currentIndex())
            app.processEvents()
            page.grab().save(str(out / f"register-{width}-details.png"))
            page.edit_supplier(page.selected_id())
            page.dialog.os_id.setText("MY2019303BQ3FZX")
            app.processEvents()
            page.dialog.grab().save(str(out / f"register-{width}-dialog.png"))
            page.dialog.reject()
            page.close()
        ctx.close()
        empty = open_context(Path(folder) / "empty.sqlite3", user="shots", role="buyer")
        page = RegisterPage(empty, ScriptedPrompter())
        page.resize(1366 - 170, 768 - 90)
        page.show()
        page.add_supplier()
        page.dialog.goods.setText("Cotton, Garments")
        page.dialog.contact["email"].setText("hr@example.com")
        page.dialog.save()
        app.processEvents()
        page.grab().save(str(out / "register-empty.png"))
        page.dialog.grab().save(str(out / "register-dialog-refused.png"))
        page.dialog.reject()
        page.close()
        empty.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
