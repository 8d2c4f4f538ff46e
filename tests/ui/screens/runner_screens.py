"""Renders the assessment runner on demo assessments (desktop draft, closed, on-site) at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/runner_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.module_nav import INTERVIEWS
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases.assessments import list_assessments
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.interviews import record_interview

SIZES = ((1366, 768), (1920, 1080))


def _settle(app) -> None:
    """Let layouts with word-wrapped labels take their final heights (they need a few passes)."""
    for _ in range(3):
        app.processEvents()


def _page(app, ctx, assessment_id: int, width: int, height: int) -> RunnerPage:
    page = RunnerPage(ctx, ScriptedPrompter())
    page.resize(width - 170, height - 90)  # what the main window leaves for a page
    page.show()
    page.load(assessment_id)
    _settle(app)
    return page


def main(out: Path) -> None:
    """Write runner-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="auditor")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        rows = list_assessments(ctx)
        draft = next(r["id"] for r in rows if r["tier"] == "desktop" and r["status"] == "draft")
        closed = next(r["id"] for r in rows if r["tier"] == "desktop" and r["status"] == "closed")
        onsite = next(r["id"] for r in rows if r["tier"] == "onsite" and r["status"] != "closed")
        for width, height in SIZES:
            page = _page(app, ctx, draft, width, height)
            page.grab().save(str(out / f"runner-{width}-desktop-draft.png"))
            page.go_to_question("hrs_peak_weekly_max")
            card = page.views["hours"].cards["hrs_peak_weekly_max"]
            card.guidance.click()
            card.open_comment()
            card.set_error("200 is above the maximum of 168")
            _settle(app)
            page.grab().save(str(out / f"runner-{width}-desktop-hours.png"))
            page.close()
            page = _page(app, ctx, closed, width, height)
            page.grab().save(str(out / f"runner-{width}-closed.png"))
            page.close()
            page = _page(app, ctx, onsite, width, height)
            if width == SIZES[0][0]:
                for code in ("W-001", "W-002", "W-003"):
                    record_interview(page.session, code, {"wi_paid_fees": "yes", "wi_fee_typical_months": 2})
            page.load(onsite)
            page.nav.select("worker_interviews")
            _settle(app)
            page.grab().save(str(out / f"runner-{width}-onsite.png"))
            page.nav.select(INTERVIEWS)
            page.interviews.table.selectRow(0)
            _settle(app)
            page.grab().save(str(out / f"runner-{width}-interviews.png"))
            page.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
