"""Screenshots of sending workbooks to many suppliers and following them, with the demo portfolio, at two screen
sizes: the export dialog for the suppliers selected in the register (before, during and after the export, one
supplier refused) and for those a search leaves, Home with the card of workbooks awaiting return, and the supplier panel's sent workbooks.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/sent_screens.py [OUT_DIR]
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

import fldd.exchange.workbook_write as writer
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

SIZES = {"1366x768": (1366, 738), "1920x1080": (1920, 1050)}  # screen minus a task bar, as main_window_screens
SELECTED_ROWS = range(3, 12)
REFUSED = "Bangalore Garment Exports"  # its file cannot be written: the dialog lists it with the reason
PANELS = ("Phnom Penh Apparel", "Saigon Stitch Co.")


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # no event loop runs here to delete them


def wait(app: QApplication, done) -> None:
    while not done():
        app.processEvents()


def refuse_one(real):
    def write(handle, lay, content):
        if content.meta["supplier_name"] == REFUSED:
            raise OSError(28, "No space left on device")
        return real(handle, lay, content)
    return write


def export_shots(app: QApplication, window: MainWindow, prompter: ScriptedPrompter, out: Path, size: str,
                 folder: Path) -> None:
    """The dialog for the selected rows: before, held after two workbooks, and at the end."""
    page = window.page(1)
    window.nav.setCurrentRow(1)
    selection = page.table.selectionModel()
    for row in SELECTED_ROWS:
        selection.select(page.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    selection.setCurrentIndex(page.proxy.index(SELECTED_ROWS[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    settle(app)
    window.grab().save(str(out / f"sent-{size}-register-selected.png"))
    window.open_export()
    dialog = window.dialog
    settle(app)
    dialog.grab().save(str(out / f"sent-{size}-export-before.png"))
    held, go_on = threading.Event(), threading.Event()

    def hold(done: int, total: int) -> None:  # in the worker thread
        if done == 2:
            held.set()
            go_on.wait(30)

    dialog.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    finished = []
    dialog.bulk_done.connect(lambda outcomes: finished.append(outcomes))
    prompter.files.append(str(folder))
    dialog.export_button.click()
    wait(app, held.is_set)
    settle(app)
    dialog.grab().save(str(out / f"sent-{size}-export-during.png"))
    go_on.set()
    wait(app, lambda: bool(finished))
    settle(app)
    dialog.grab().save(str(out / f"sent-{size}-export-after.png"))
    dialog.close()
    settle(app)
    page.search.setText("Garment")  # one row selected, a search on: the dialog offers the suppliers shown
    page.proxy.flush()
    page.table.selectRow(0)
    settle(app)
    window.open_export()
    settle(app)
    window.dialog.grab().save(str(out / f"sent-{size}-export-shown.png"))
    window.dialog.close()
    page.search.clear()
    page.proxy.flush()
    settle(app)


def main(out: Path) -> None:
    """Write sent-*.png into out."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    writer.write_workbook = refuse_one(writer.write_workbook)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "demo.sqlite3", user="screens", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        for size, (width, height) in SIZES.items():
            prompter = ScriptedPrompter()
            window = MainWindow(ctx, prompter)
            window.resize(width, height)
            window.show()
            settle(app)
            window.grab().save(str(out / f"sent-{size}-home.png"))
            home = window.page(0)
            home.scroll.verticalScrollBar().setValue(home.scroll.verticalScrollBar().maximum())
            settle(app)
            window.grab().save(str(out / f"sent-{size}-home-scrolled.png"))
            export_shots(app, window, prompter, out, size, Path(tmp) / f"out-{size}")
            for name in PANELS:
                supplier_id = next(r["id"] for r in window.page(1).model.rows if r["name"] == name)
                window.open_supplier(supplier_id)
                settle(app)
                slug = name.split()[0].lower()
                window.grab().save(str(out / f"sent-{size}-panel-{slug}-window.png"))
                window.page(1).panel.grab().save(str(out / f"sent-{size}-panel-{slug}.png"))
            window.nav.setCurrentRow(0)
            settle(app)
            window.grab().save(str(out / f"sent-{size}-home-after.png"))
            window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
