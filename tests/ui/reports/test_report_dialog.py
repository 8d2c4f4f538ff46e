"""The report actions behave alike wherever they sit: the file is asked first, the report is written in the
background with progress, Cancel leaves no file, a refusal is shown, and the finished file is opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.ui.assessments.assessments_page import AssessmentsPage
from fldd.ui.home.home_page import HomePage
from fldd.ui.register.register_page import RegisterPage
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases.errors import Rejected
from fldd.usecases.report_jobs import ASSESSMENT_PDF, ASSESSMENT_XLSX, CLOSING_PDF, DOSSIER, PORTFOLIO
from tests.ui.reports.conftest import OFFSCREEN_LIMITS, TODAY

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def _runner(qtbot, ctx, prompter, assessment_id) -> RunnerPage:
    page = RunnerPage(ctx, prompter)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.load(assessment_id)
    return page


def test_runner_writes_the_pdf_in_the_background_and_opens_it(qtbot, ctx, prompter, desktop, gated, tmp_path):
    target = tmp_path / "out" / "report.pdf"
    prompter.files = [str(target)]
    page = _runner(qtbot, ctx, prompter, desktop)
    assert page.report.isEnabled()
    assert not page.report.actions_by_kind[CLOSING_PDF].isVisible()  # a desktop assessment has no site visit

    page.report.actions_by_kind[ASSESSMENT_PDF].trigger()
    dialog = page.report.dialog
    assert prompter.asked[0][0] == "save_file"
    assert prompter.asked[0][2] == "深圳市华强电子有限公司 - Assessment report - 2026-11-23.pdf"
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 3 and dialog.progress.value() == 2)
    assert "part 2" in dialog.status.text()
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isVisible()
    gated.gate.set()
    qtbot.waitUntil(lambda: dialog.written is not None)
    qtbot.waitUntil(lambda: not dialog.running())

    assert target.read_bytes().startswith(b"%PDF")
    request = gated.requests[0]
    assert (request.kind, request.subject, request.target) == (ASSESSMENT_PDF, desktop, target)
    assert ("show_file", str(target), "open") in prompter.asked
    assert dialog.status.text() == f"Written: {target}"
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible() and dialog.close_button.isVisible()
    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert prompter.asked[-1] == ("show_file", str(target), "folder")


def test_a_closing_summary_is_offered_for_an_onsite_assessment(qtbot, ctx, prompter, onsite, gated, tmp_path):
    prompter.files = [str(tmp_path / "closing")]  # typed without a suffix: .pdf is added
    gated.gate.set()
    page = _runner(qtbot, ctx, prompter, onsite)
    assert page.report.actions_by_kind[CLOSING_PDF].isVisible()
    page.report.actions_by_kind[CLOSING_PDF].trigger()
    qtbot.waitUntil(lambda: page.report.dialog.written is not None)
    assert gated.requests[0].kind == CLOSING_PDF
    assert gated.requests[0].target == tmp_path / "closing.pdf"


def test_cancel_leaves_no_file_and_says_so(qtbot, ctx, prompter, desktop, gated, tmp_path):
    target = tmp_path / "report.pdf"
    prompter.files = [str(target)]
    page = _runner(qtbot, ctx, prompter, desktop)
    page.report.actions_by_kind[ASSESSMENT_PDF].trigger()
    dialog = page.report.dialog
    qtbot.waitUntil(lambda: dialog.progress.value() == 2)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Cancelling…"
    gated.gate.set()
    qtbot.waitUntil(lambda: not dialog.running())
    assert dialog.status.text() == "Cancelled: no file was written."
    assert not target.exists()
    assert dialog.written is None and not dialog.open_button.isVisible()
    assert not [a for a in prompter.asked if a[0] == "show_file"]


def test_a_refused_report_says_why_and_opens_nothing(qtbot, ctx, prompter, desktop, gated, tmp_path):
    gated.fail_with = Rejected([f"{tmp_path}: this is a folder; give the name of a file to write"])
    prompter.files = [str(tmp_path / "r.pdf")]
    page = _runner(qtbot, ctx, prompter, desktop)
    page.report.actions_by_kind[ASSESSMENT_PDF].trigger()
    dialog = page.report.dialog
    qtbot.waitUntil(lambda: not dialog.running())
    assert dialog.status.text() == "The report was not written."
    assert dialog.error.isVisible() and "this is a folder" in dialog.error.text()
    assert not [a for a in prompter.asked if a[0] == "show_file"]


def test_choosing_no_file_writes_nothing(qtbot, ctx, prompter, desktop, gated):
    page = _runner(qtbot, ctx, prompter, desktop)
    assert page.report.write(ASSESSMENT_XLSX) is None
    assert gated.requests == []


def test_the_assessments_list_reports_on_the_selected_row(qtbot, ctx, prompter, desktop, onsite, gated, tmp_path):
    gated.gate.set()
    page = AssessmentsPage(ctx, prompter)
    qtbot.addWidget(page)
    page.show()
    assert not page.report.isEnabled()  # nothing selected yet
    assert page.select_assessment(onsite)
    assert page.report.isEnabled() and page.report.actions_by_kind[CLOSING_PDF].isVisible()
    assert page.select_assessment(desktop)
    assert not page.report.actions_by_kind[CLOSING_PDF].isVisible()
    prompter.files = [str(tmp_path / "answers.xlsx")]
    page.report.actions_by_kind[ASSESSMENT_XLSX].trigger()
    qtbot.waitUntil(lambda: page.report.dialog.written is not None)
    assert (gated.requests[0].kind, gated.requests[0].subject) == (ASSESSMENT_XLSX, desktop)
    assert prompter.asked[0][2].endswith("Assessment report (Excel) - 2026-11-23.xlsx")


def test_the_supplier_panel_writes_the_dossier(qtbot, ctx, prompter, supplier, desktop, gated, tmp_path):
    gated.gate.set()
    page = RegisterPage(ctx, prompter)
    qtbot.addWidget(page)
    page.show()
    page.panel.show_supplier(supplier)
    assert page.panel.dossier_button.isEnabled()
    prompter.files = [str(tmp_path / "dossier.zip")]
    qtbot.mouseClick(page.panel.dossier_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report_dialog.written is not None)
    assert (gated.requests[0].kind, gated.requests[0].subject) == (DOSSIER, supplier)
    assert prompter.asked[0][2] == "深圳市华强电子有限公司 - Due-diligence dossier - 2026-11-23.zip"


def test_home_writes_the_portfolio_for_the_period_chosen(qtbot, ctx, prompter, desktop, gated, tmp_path):
    gated.gate.set()
    page = HomePage(ctx, prompter)
    qtbot.addWidget(page)
    page.show()
    assert page.report_button.isVisible()
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialog = page.report_dialog
    assert dialog.period() == (TODAY.replace(year=2025, day=24), TODAY)  # the twelve months to today
    dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
    dialog.until.setDate(dialog.since.date().addDays(-1))  # before the start: refused, nothing asked
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert "starts after it ends" in dialog.error.text() and gated.requests == [] and not prompter.asked
    dialog.until.setDate(dialog.until.date().addYears(2))  # held at today: no report on days to come
    assert dialog.period()[1] == TODAY
    dialog.since.setDate(dialog.since.date().addMonths(6))
    prompter.files = [str(tmp_path / "board paper")]
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None)
    request = gated.requests[0]
    assert (request.kind, request.target) == (PORTFOLIO, tmp_path / "board paper.xlsx")
    assert (request.since.isoformat(), request.until.isoformat()) == ("2026-05-24", "2026-11-23")
    assert not dialog.error.isVisible()


def test_the_portfolio_dates_stop_at_today_and_at_the_earliest_day(qtbot, ctx, prompter):
    from fldd.ui.reports.portfolio_dialog import PortfolioReportDialog
    from fldd.usecases.portfolio_figures import EARLIEST

    dialog = PortfolioReportDialog(ctx, prompter)
    qtbot.addWidget(dialog)
    for edit in (dialog.since, dialog.until):
        assert edit.maximumDate().toPython() == TODAY
        assert edit.minimumDate().toPython() == EARLIEST
        edit.setDate(edit.date().addYears(5))
        assert edit.date().toPython() == TODAY
        edit.setDate(edit.date().addYears(-500))
        assert edit.date().toPython() == EARLIEST


def test_a_supplier_sees_no_portfolio_or_dossier_action(qtbot, ctx, prompter, supplier):
    ctx.role = "supplier"
    home = HomePage(ctx, prompter)
    qtbot.addWidget(home)
    home.show()
    assert not home.report_button.isVisible()
    register = RegisterPage(ctx, prompter)
    qtbot.addWidget(register)
    register.panel.show_supplier(supplier)
    assert not register.panel.dossier_button.isEnabled()
