"""Renders the import dialog on a returned on-site workbook whose interview sample is below the protocol's minimum:
the file will arrive as a draft, and its details say which sample is short and by how much, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screens.import_sample_screens [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from fldd.ui.exchange.import_dialog import ImportDialog
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.exchange import export_workbook
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill
from tests.usecases.test_onsite_sampling import fill_onsite

SIZES = ((1366, 768), (1920, 1080))


def _short_workbook(ctx, folder: Path) -> Path:
    """The auditor's workbook of a 900-worker site, returned with 4 interviews where 30 are asked for."""
    supplier = add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"])
    audit = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-onsite"))
    fill_onsite(audit, wi_workforce_on_site=900, wi_interviewed=3, dr_files_sampled=30)
    sent = export_workbook(ctx, supplier, "fldd-onsite", folder / "onsite.xlsx", assessment_id=audit.id).path
    return fill(sent, {"wi_interviewed": 4})


def main(out: Path) -> None:
    """Write import-sample-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="amina", role="auditor")
        ctx.today = lambda: dt.date(2026, 11, 23)
        returned = _short_workbook(ctx, Path(folder))
        for width, height in SIZES:
            dialog = ImportDialog(ctx, ScriptedPrompter(files=[str(returned)]))
            dialog.resize(int(width * 0.8), int(height * 0.8))
            dialog.show()
            loop = QEventLoop()
            dialog.preview_done.connect(loop.quit)
            QTimer.singleShot(60_000, loop.quit)  # a preview that never ends still leaves a picture to look at
            dialog.add_files_button.click()
            loop.exec()
            dialog.table.selectRow(0)
            app.processEvents()
            dialog.grab().save(str(out / f"import-sample-{width}-short.png"))
            dialog.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screens"))
