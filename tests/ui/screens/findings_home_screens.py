"""Renders the Home, Findings and Assessments pages with the demo portfolio at two screen sizes, to look at.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/findings_home_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.assessments.assessments_page import AssessmentsPage
from fldd.ui.findings.findings_page import FindingsPage
from fldd.ui.home.home_page import HomePage
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.findings import list_findings

SIZES = ((1366, 768), (1920, 1080))


def _settle(app) -> None:
    """Let layouts with word-wrapped labels take their final heights (they need a few passes)."""
    for _ in range(3):
        app.processEvents()


def _show(app, page, width: int, height: int):
    page.resize(width - 170, height - 90)  # what the main window leaves for a page
    page.show()
    _settle(app)
    return page


def main(out: Path) -> None:
    """Write home-*, findings-* and assessments-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        _show(app, HomePage(ctx, ScriptedPrompter()), *SIZES[0]).grab().save(str(out / "home-empty.png"))
        build_demo(ctx)
        done = next(r for r in list_findings(ctx) if r["status"] == "done")
        for width, height in SIZES:
            for role in ("supplier", "auditor", "buyer"):
                ctx.role = role
                page = _show(app, HomePage(ctx, ScriptedPrompter()), width, height)
                page.grab().save(str(out / f"home-{width}-{role}.png"))
                page.close()
            page = _show(app, FindingsPage(ctx, ScriptedPrompter()), width, height)
            page.table.selectRow(0)
            _settle(app)
            page.grab().save(str(out / f"findings-{width}-overdue.png"))
            page.show_findings("to_verify", done["action_id"])
            _settle(app)
            page.grab().save(str(out / f"findings-{width}-to-verify.png"))
            ctx.role = "auditor"
            page.refresh()
            page.add_finding()
            _settle(app)
            page.add_dialog.grab().save(str(out / f"findings-{width}-add-dialog.png"))
            page.add_dialog.reject()
            page.close()
            ctx.role = "buyer"
            page = _show(app, AssessmentsPage(ctx, ScriptedPrompter()), width, height)
            page.grab().save(str(out / f"assessments-{width}.png"))
            page.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
