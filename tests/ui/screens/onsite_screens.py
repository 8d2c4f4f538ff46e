"""Renders the on-site screens: the interview form (singular questions, context, a note flagged), the document
and observation checklists, the sample shortfall under the questions and the reason asked before Submit, and
the reason shown once submitted, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/onsite_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.checklist_panel import checklist_key
from fldd.ui.runner.module_nav import INTERVIEWS
from fldd.ui.runner.runner_page import RunnerPage
from fldd.ui.runner.sample_reason_dialog import SampleReasonDialog
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.checklist import mark_item
from fldd.usecases.context import open_context
from fldd.usecases.interviews import record_interview
from fldd.usecases.suppliers import add_supplier

SIZES = ((1366, 768), (1920, 1080))
REASON = "Management allowed two hours on site; the other interviews are booked off site for next week."


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def _audit(ctx) -> int:
    """A 450-worker site with 12 interviews recorded and part of the document checklist ticked."""
    supplier = add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-onsite"))
    session.answer("wi_workforce_on_site", 450)
    session.answer("dr_files_sampled", 20)
    for number in range(1, 13):
        record_interview(session, f"W-{number:03d}", {"wi_paid_fees": "yes" if number % 3 == 0 else "no",
                                                      "wi_no_own_passport": "no"},
                         context={"language": "Nepali" if number % 2 else "Malay", "interpreter": "yes",
                                  "location": "off_site" if number > 8 else "on_site",
                                  "note": "Paid the agent at home; about a month's wage" if number % 3 == 0 else ""})
    for qid in ("dr_files_sampled", "dr_contracts_language_gap", "dr_contracts_after_departure",
                "dr_contracts_substituted", "dr_wages_paid_late"):
        mark_item(session, qid, "seen")
    mark_item(session, "dr_recruiter_licensed", "not_available")
    session.comment("dr_recruiter_licensed", "Office said the licences are at head office")
    mark_item(session, "dr_housing_inspection", "not_applicable")
    return session.id


def main(out: Path) -> None:
    """Write onsite-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="amina", role="auditor")
        ctx.today = lambda: dt.date(2026, 11, 23)
        audit = _audit(ctx)
        for width, height in SIZES:
            page = RunnerPage(ctx, ScriptedPrompter())
            page.resize(width - 170, height - 90)  # what the main window leaves for a page
            page.show()
            page.load(audit)
            page.nav.select(INTERVIEWS)
            page.interviews.table.selectRow(2)
            page.interviews.context.note.setPlainText("Her name is Sita, line 4")
            _settle(app)
            page.grab().save(str(out / f"onsite-{width}-interview-form.png"))
            page.interviews.scroll.verticalScrollBar().setValue(page.interviews.scroll.verticalScrollBar().maximum())
            _settle(app)
            page.grab().save(str(out / f"onsite-{width}-interview-form-end.png"))
            for module in ("document_review", "observation"):
                page.nav.select(checklist_key(module))
                _settle(app)
                page.grab().save(str(out / f"onsite-{width}-checklist-{module}.png"))
            page.nav.select("worker_interviews")
            _settle(app)
            page.grab().save(str(out / f"onsite-{width}-sample-short.png"))
            dialog = SampleReasonDialog(page, "Sample below the minimum",
                                        "The protocol asks for a larger sample at a site of this size:\n"
                                        "• 12 of 20 workers interviewed for a site of 450 workers\n\nSubmit anyway "
                                        "only with the reason (it is kept with your name and the time, and shown "
                                        "with the assessment), or cancel and sample more.")
            dialog.reason.setPlainText(REASON)
            dialog.show()
            _settle(app)
            dialog.grab().save(str(out / f"onsite-{width}-reason-dialog.png"))
            dialog.close()
            page.close()
        session = AssessmentSession(ctx, audit)
        for _ in range(6):  # answers open follow-up questions
            for qid in list(session.result.completeness.missing):
                question = session.questionnaire.question(qid)
                if question.options:
                    session.answer(qid, min((o for o in question.options if o.value not in ("unknown", "na")),
                                            key=lambda o: o.risk or 0).value)
                else:
                    session.answer(qid, int(question.minimum or 0))
        session.move_to("submitted", sample_reason=REASON)
        for width, height in SIZES:
            page = RunnerPage(ctx, ScriptedPrompter())
            page.resize(width - 170, height - 90)
            page.show()
            page.load(audit)
            _settle(app)
            page.grab().save(str(out / f"onsite-{width}-submitted.png"))
            page.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
