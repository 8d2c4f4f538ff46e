"""Renders provisional ratings with their legend (runner, assessments list, register and panel, Home) and a
reviewer's corrections (the reason dialog, a corrected card, one to re-confirm) at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/rating_correction_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from findings_home_screens import SIZES, _settle, _show  # run as a script: this folder is on the path
from PySide6.QtWidgets import QApplication

from fldd.store import assessments as store_assessments
from fldd.ui.assessments.assessments_page import AssessmentsPage
from fldd.ui.home.home_page import HomePage
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.register_page import RegisterPage
from fldd.ui.runner.module_nav import INTERVIEWS
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases.assessments import AssessmentSession, list_assessments
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo


def main(out: Path) -> None:
    """Write verdict-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="Kofi Mensah", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        rows = list_assessments(ctx)
        draft = next(r for r in rows if r["tier"] == "desktop" and r["status"] == "draft")
        submitted = next(r["id"] for r in rows if r["tier"] == "desktop" and r["status"] == "submitted")
        session = AssessmentSession(ctx, submitted)
        session.answer("hrs_peak_weekly_max", 72, reason="Time sheets for March show 72 hours in the peak week; "
                                                         "the declared figure leaves out the night shift")
        declared = session.as_declared.get("hrs_regular_weekly")
        session.answer("hrs_regular_weekly", 54, reason="Payroll shows 54 regular hours")
        store_assessments.save_answer(ctx.store, submitted, "hrs_regular_weekly", int(declared or 48) + 1, who="supplier",
                                      source="workbook")  # the supplier's next workbook puts it in question
        for width, height in SIZES:
            page = _show(app, RunnerPage(ctx, ScriptedPrompter()), width, height)
            page.load(draft["id"])
            _settle(app)
            page.grab().save(str(out / f"verdict-{width}-runner-draft.png"))
            page.load(submitted)
            page.go_to_question("hrs_peak_weekly_max")
            _settle(app)
            page.grab().save(str(out / f"verdict-{width}-runner-corrected.png"))
            card = page.views["hours"].cards["hrs_peak_weekly_max"]
            card.editor.line.setText("80")
            card.editor.finish()
            dialog = page.corrector.dialog
            dialog.reason.setPlainText("Overtime register, week 12")
            _settle(app)
            dialog.grab().save(str(out / f"verdict-{width}-reason-dialog.png"))
            dialog.reject()
            page.close()
            page = _show(app, AssessmentsPage(ctx, ScriptedPrompter()), width, height)
            page.grab().save(str(out / f"verdict-{width}-assessments.png"))
            page.close()
            page = _show(app, RegisterPage(ctx, ScriptedPrompter()), width, height)
            page.select_supplier(draft["supplier_id"])
            _settle(app)
            page.grab().save(str(out / f"verdict-{width}-register.png"))
            page.close()
            ctx.role = "supplier"
            page = _show(app, HomePage(ctx, ScriptedPrompter()), width, height)
            page.grab().save(str(out / f"verdict-{width}-home-supplier.png"))
            page.close()
            ctx.role = "buyer"
        returned_draft(app, ctx, session, out)
        interview_reason(app, ctx, out)
        ctx.close()


def returned_draft(app: QApplication, ctx, session: AssessmentSession, out: Path) -> None:
    """The corrected assessment returned to the supplier: the supplier's answers count, corrections wait."""
    session.move_to("draft")
    for width, height in SIZES:
        page = _show(app, RunnerPage(ctx, ScriptedPrompter()), width, height)
        page.load(session.id)
        page.go_to_question("hrs_peak_weekly_max")
        _settle(app)
        page.grab().save(str(out / f"verdict-{width}-runner-returned-draft.png"))
        page.close()


def interview_reason(app: QApplication, ctx, out: Path) -> None:
    """The reason a reviewer gives for adding an interview record to a submitted on-site assessment."""
    from fldd.ui.runner.sample_reason_dialog import SampleReasonDialog

    onsite = next(r["id"] for r in list_assessments(ctx) if r["tier"] == "onsite" and r["status"] != "draft")
    prompter = ScriptedPrompter()
    page = _show(app, RunnerPage(ctx, prompter), *SIZES[0])
    page.load(onsite)
    page.nav.select(INTERVIEWS)
    _settle(app)
    if page.interviews is not None and page.interviews.reviewers_reason("interview W-013 is recorded") is False:
        dialog = SampleReasonDialog(page, *prompter.asked[-1][1:], **prompter.words)
        dialog.show()
        _settle(app)
        dialog.grab().save(str(out / "verdict-interview-reason-dialog.png"))
        dialog.close()
    page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("screens"))
