"""Renders the reports people will see, as PNG pages to look at: the assessment report and the closing-meeting
summary of a clean site, of a site with many findings, and of a site whose name, answers and comments are in
Chinese and Thai; the Excel report; the portfolio report of the demo portfolio; and the report dialogs.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/report_screens.py [OUT_DIR]
(needs pdftoppm from poppler-utils, and soffice for the Excel pictures).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import AssessmentSession, list_assessments, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.report_assessment import write_assessment_pdf
from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx
from fldd.usecases.report_portfolio import write_portfolio_report
from fldd.usecases.suppliers import add_supplier

ANSWER_SETS = Path(__file__).parents[2] / "standard" / "answer_sets"
TODAY = dt.date(2026, 11, 23)
MANY_FINDINGS = ("Chittagong Knit Composite", "onsite")  # the demo's site with the most findings
THAI_COMMENTS = {
    "dr_fee_workers_found": "คนงานบางคนจ่ายค่านายหน้าให้บริษัทจัดหางานในประเทศต้นทาง",
    "dr_documents_held": "นายจ้างเก็บหนังสือเดินทางไว้ในตู้นิรภัย คนงานขอคืนได้ภายในหนึ่งวัน",
}
CHINESE_COMMENTS = {"dr_max_weekly_hours": "旺季期间每周工作时间超过60小时，工人说加班是自愿的。"}


def answers_of(*names: str) -> tuple[str, dict, dict]:
    """The questionnaire, answers and declaration of answer sets merged in order (later ones win)."""
    answers, declared, questionnaire = {}, {}, None
    for name in names:
        data = yaml.safe_load((ANSWER_SETS / f"{name}.yaml").read_text(encoding="utf-8"))["score_input"]
        questionnaire = data["questionnaire"]
        answers.update(data["answers"])
        declared.update(data.get("declared") or {})
    return questionnaire, answers, declared


def lowest_risk(question):
    """The answer a well-run site gives to a question an answer set leaves open."""
    if question.options:
        best = min((o for o in question.options if o.value not in ("unknown", "na")), key=lambda o: o.risk or 0)
        return [best.value] if question.type == "multi" else best.value
    return 0 if question.type in ("number", "count", "percent", "money") else "Seen and recorded."


def assessment_with(ctx, supplier: tuple[str, str, str], sets: tuple[str, ...], comments: dict[str, str]) -> int:
    """A submitted assessment of a new supplier holding the answer sets' answers and the comments given."""
    name, country, goods = supplier
    supplier_id = add_supplier(ctx, name, country, goods=[goods], address="Lot 12, Industrial Zone")
    questionnaire, answers, _declared = answers_of(*sets)
    assessment = start_assessment(ctx, supplier_id, questionnaire)
    store_assessments.save_answers(ctx.store, assessment, {k: (v, None) for k, v in answers.items()})
    session = AssessmentSession(ctx, assessment)
    for qid, text in comments.items():
        session.comment(qid, text)
    for qid in session.result.completeness.missing:  # what the answer set leaves open, as a clean site answers
        session.answer(qid, lowest_risk(session.questionnaire.question(qid)))
    session.move_to("submitted", sample_reason="A small site: every worker present was interviewed.")
    return assessment


def render(pdf: Path, out: Path, stem: str) -> list[Path]:
    """Every page of pdf as out/stem-N.png."""
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(out / stem)], check=True)
    return sorted(out.glob(f"{stem}-*.png"))


def dialog_shots(ctx, out: Path) -> None:
    """The portfolio dialog as it opens, and a report dialog once its file is written."""
    from PySide6.QtWidgets import QApplication

    from fldd.ui.prompter import ScriptedPrompter
    from fldd.ui.reports.portfolio_dialog import PortfolioReportDialog
    from fldd.ui.reports.report_dialog import ReportDialog
    from fldd.usecases.report_jobs import DOSSIER, ReportRequest

    app = QApplication.instance() or QApplication([])
    dialog = PortfolioReportDialog(ctx, ScriptedPrompter())
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "dialog-portfolio.png"))
    target = out / "Klang Valley Gloves Sdn Bhd - Due-diligence dossier - 2026-11-23.zip"
    done = ReportDialog(ctx, ScriptedPrompter(), ReportRequest(DOSSIER, target, 1))
    done.show()
    done._on_done(target)
    done._on_finished()
    app.processEvents()
    done.grab().save(str(out / "dialog-done.png"))


def write_both(ctx, assessment: int, out: Path, name: str) -> None:
    """The assessment report and the closing-meeting summary as out/name-report-N.png, name-closing-N.png."""
    for closing in (False, True):
        stem = f"{name}-{'closing' if closing else 'report'}"
        pdf = write_assessment_pdf(ctx, assessment, out / f"{stem}.pdf", closing=closing)
        print(f"{stem}: {len(render(pdf, out, stem))} pages")


def page_shots(ctx, out: Path, assessment: int, supplier: int) -> None:
    """Where the report actions sit, at 1366x768 and 1920x1080: Home, the runner, a supplier's panel."""
    from findings_home_screens import SIZES, _settle, _show  # run as a script: this folder is on the path
    from PySide6.QtWidgets import QApplication

    from fldd.ui.home.home_page import HomePage
    from fldd.ui.prompter import ScriptedPrompter
    from fldd.ui.register.register_page import RegisterPage
    from fldd.ui.runner.runner_page import RunnerPage

    app = QApplication.instance() or QApplication([])
    for width, height in SIZES:
        _show(app, HomePage(ctx, ScriptedPrompter()), width, height).grab().save(str(out / f"app-home-{width}.png"))
        runner = _show(app, RunnerPage(ctx, ScriptedPrompter()), width, height)
        runner.load(assessment)
        _settle(app)
        runner.grab().save(str(out / f"app-runner-{width}.png"))
        register = _show(app, RegisterPage(ctx, ScriptedPrompter()), width, height)
        register.panel.show_supplier(supplier)
        register.panel.show()
        _settle(app)
        register.grab().save(str(out / f"app-register-{width}.png"))
    runner.report.menu().popup(runner.report.mapToGlobal(runner.report.rect().bottomLeft()))
    _settle(app)
    runner.report.menu().grab().save(str(out / "app-runner-menu.png"))
    runner.report.menu().hide()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "reports.sqlite3", user="A. Auditor", role="auditor")
        ctx.today = lambda: TODAY
        cases = {
            "clean": assessment_with(ctx, ("Penang Precision Electronics", "MY", "Electronics"),
                                     ("onsite_clean_site",), {}),
            "scripts": assessment_with(ctx, ("深圳市华强电子有限公司 (บริษัท หัวเฉียง)", "CN", "Electronics"),
                                       ("onsite_clean_site", "fees_single_worker_claim_onsite"),
                                       {**THAI_COMMENTS, **CHINESE_COMMENTS}),
        }
        for name, assessment in cases.items():
            write_both(ctx, assessment, out, name)
        dialog_shots(ctx, out)
        ctx.close()
        demo = open_context(Path(folder) / "demo.sqlite3", user="buyer", role="buyer")
        demo.today = lambda: TODAY
        build_demo(demo)
        many = next(r["id"] for r in list_assessments(demo) if (r["supplier"], r["tier"]) == MANY_FINDINGS)
        write_both(demo, many, out, "many")
        page_shots(demo, out, many, next(r["supplier_id"] for r in list_assessments(demo) if r["id"] == many))
        xlsx = write_assessment_xlsx(demo, many, out / "many.xlsx")
        if shutil.which("soffice"):
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
                           check=True, capture_output=True)
            render(out / "many.pdf", out, "many-xlsx")
        pdf = write_portfolio_report(demo, out / "portfolio.pdf")
        print(f"portfolio: {len(render(pdf, out, 'portfolio'))} pages")
        demo.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/fldd-report-screens"))
