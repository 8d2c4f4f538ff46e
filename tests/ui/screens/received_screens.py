"""Renders the runner on an assessment that answers a buyer's workbook: just opened (File > Open), and after the
workbook was written back with an evidence file that cannot travel in it, at two screen sizes; and the export
dialog writing that assessment as an answer pack with its evidence files (.zip), and the File menu.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/received_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.exchange.export_dialog import ZIP, ExportDialog
from fldd.ui.exchange.open_received import opened_message
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.context import open_context
from fldd.usecases.evidence import attach_evidence
from fldd.usecases.exchange import export_workbook
from fldd.usecases.received_workbook import open_received
from fldd.usecases.suppliers import add_supplier

SIZES = ((1366, 768), (1920, 1080))
TODAY = dt.date(2026, 11, 23)


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def main(out: Path) -> None:
    """Write received-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        buyer = open_context(root / "buyer.sqlite3", user="Amina Rahman (Compliance, Northwind Retail)", role="buyer")
        supplier_id = add_supplier(buyer, "Shenzhen Bright Electronics Manufacturing Co., Ltd.", "CN",
                                   goods=["Electronics"])
        sent = export_workbook(buyer, supplier_id, "fldd-desktop",
                               root / "mail" / "Shenzhen Bright Electronics - fldd-desktop - 2026-11-20.xlsx").path
        buyer.close()
        ctx = open_context(root / "supplier.sqlite3", user="siti", role="supplier")
        ctx.today = lambda: TODAY
        opened = open_received(ctx, sent)
        session = AssessmentSession(ctx, opened.assessment_id)
        session.answer("pr_workers_total", 240)
        session.answer("pr_workers_migrant", 40)
        proof = root / "payroll-march.pdf"
        proof.write_bytes(b"%PDF-1.4 payroll")
        attach_evidence(ctx, opened.assessment_id, "pr_workers_total", proof)
        for width, height in SIZES:
            prompter = ScriptedPrompter(files=[str(root / "mail" / f"answered-{width}.xlsx")])
            page = RunnerPage(ctx, prompter)
            page.resize(width - 170, height - 90)  # what the main window leaves for a page
            page.show()
            page.load(opened.assessment_id)
            page.header.say(opened_message(opened))
            _settle(app)
            page.grab().save(str(out / f"received-{width}-opened.png"))
            page.received.write_button.click()
            _settle(app)
            page.grab().save(str(out / f"received-{width}-written.png"))
            page.close()
        dialog = ExportDialog(ctx, ScriptedPrompter(), supplier_id=opened.supplier_id)
        dialog.show()
        dialog.prefill.setCurrentIndex(dialog.prefill.findData(opened.assessment_id))
        dialog.kind.setCurrentIndex(dialog.kind.findData(ZIP))
        _settle(app)
        dialog.grab().save(str(out / "received-export-zip.png"))
        dialog.close()
        window = MainWindow(ctx, ScriptedPrompter())
        window.resize(*SIZES[0])
        window.show()
        menu = window.menuBar().actions()[0].menu()
        menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
        _settle(app)
        menu.grab().save(str(out / "received-file-menu.png"))
        menu.hide()
        window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screens"))
