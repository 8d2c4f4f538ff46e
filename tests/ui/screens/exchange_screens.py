"""Renders the import dialog (before, during the preview, after the import) and the export dialog with demo data.

Run: PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/exchange_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.exchange.export_dialog import ExportDialog
from fldd.ui.exchange.import_dialog import ImportDialog
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.exchange import export_workbook
from fldd.usecases.suppliers import register
from tests.exchange.conftest import fill
from tests.exchange.make_bad_files import _flip_version

SIZES = ((1366, 768), (1920, 1080))
ANSWERS = ({"gov_policy_exists": "Yes", "pr_workers_total": 120, "gov_responsible": "A named member of top management"},
           {"gov_policy_exists": "No", "pr_workers_total": 40},
           {"gov_policy_exists": "Sí", "pr_workers_total": "many"})


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def _wait(app, signal) -> None:
    done = []
    signal.connect(lambda *_: done.append(True))
    while not done:
        app.processEvents()


def returned(ctx, folder: Path) -> Path:
    """Twelve returned workbooks of demo suppliers, some good, some not, and a damaged zip."""
    mail = folder / "returned"
    mail.mkdir()
    for n, row in enumerate(register(ctx)[:10]):
        sent = export_workbook(ctx, row["id"], "fldd-desktop", folder / f"sent-{n}.xlsx").path
        fill(sent, ANSWERS[n % 3], out=mail / f"{row['name']}.xlsx")
    (mail / "Scan of the signed letter.xlsx").write_bytes(b"%PDF-1.4")
    first = sorted(mail.glob("*.xlsx"))[0]  # a damaged copy sorts first, so the report shows its long message
    (mail / "0 Damaged copy.xlsx").write_bytes(_flip_version(first.read_bytes()))
    return mail


def main(out: Path) -> None:
    """Write import-*.png and export-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        mail = returned(ctx, Path(folder))
        for width, height in SIZES:
            size = (min(1100, width - 120), min(680, height - 120)) if width < 1900 else (1400, 820)
            dialog = ImportDialog(ctx, ScriptedPrompter(files=[str(mail)]))
            dialog.resize(*size)
            dialog.show()
            _settle(app)
            dialog.grab().save(str(out / f"import-{width}-empty.png"))
            dialog.add_folder_button.click()
            _wait(app, dialog.preview_done)
            _settle(app)
            dialog.grab().save(str(out / f"import-{width}-preview.png"))
            if width == SIZES[0][0]:
                dialog.start_import()
                _wait(app, dialog.import_done)
                _settle(app)
                dialog.table.selectRow(0)
                _settle(app)
                dialog.grab().save(str(out / f"import-{width}-report.png"))
            dialog.close()
        supplier = register(ctx)[0]["id"]
        dialog = ExportDialog(ctx, ScriptedPrompter(), supplier_id=supplier)
        dialog.show()
        _settle(app)
        dialog.grab().save(str(out / "export.png"))
        dialog.prefill.setCurrentIndex(dialog.prefill.count() - 1)
        dialog.kind.setCurrentIndex(1)
        _settle(app)
        dialog.grab().save(str(out / "export-pack.png"))
        dialog.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
