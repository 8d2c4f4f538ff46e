"""Opening an assessment: fast, one module's cards at a time, in its language, read-only once closed; the
result panel and the module list follow every answer."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from fldd.ui.runner.module_nav import ModuleNav
from fldd.ui.runner.question_card import QuestionCard
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.evidence import attach_evidence, list_evidence
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def completed(ctx, assessment_id, ui):
    """Answer every required question of an assessment through the use case (the lowest-risk answer)."""
    session = AssessmentSession(ctx, assessment_id)
    for _ in range(6):
        for qid in session.result.completeness.missing:
            question = session.questionnaire.question(qid)
            value = ui.lowest_risk(question)
            session.answer(qid, "1500 MYR" if question.type == "money" else
                           list(value) if isinstance(value, tuple) else value)
    return session


def test_opening_a_complete_assessment_is_quick_and_builds_one_module(qtbot, ctx, desktop, open_page, ui):
    session = completed(ctx, desktop, ui)
    assert len(session.values) > 60
    page = open_page(desktop)  # warm up the standard and Qt's style
    started = time.perf_counter()
    page.load(desktop)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.6, f"opening took {elapsed:.2f} s"  # about 0.1 s on a laptop
    assert list(page.views) == ["profile"]
    assert len(page.findChildren(QuestionCard)) == len(session.questionnaire.modules[0].questions)


def test_a_module_seen_before_is_reused(qtbot, desktop, open_page):
    page = open_page(desktop)
    profile = page.views["profile"]
    page.nav.select("hours")
    page.nav.select("profile")
    assert page.views["profile"] is profile and page.stack.currentWidget() is profile
    assert set(page.views) == {"profile", "hours"}


def test_a_closed_assessment_opens_read_only(qtbot, ctx, desktop, open_page, ui):
    session = completed(ctx, desktop, ui)
    session.move_to("submitted")
    ctx.role = "buyer"  # the supplier submits; the buyer reviews and closes
    for status in ("under_review", "closed"):
        session.move_to(status)
    page = open_page(desktop)
    assert page.header.status.text() == "Closed"
    assert page.header.banner.isVisible() and page.header.banner.text().startswith("Closed on ")
    assert all(not card.editor.isEnabled() for card in page.views["profile"].cards.values())
    assert not page.actions.submit.isVisible() and not page.actions.close_button.isVisible()
    assert page.actions.missing_label.text() == ""


def test_a_spanish_assessment_is_shown_in_spanish(qtbot, ctx, supplier, open_page):
    assessment = start_assessment(ctx, supplier, "fldd-desktop", language="es")
    page = open_page(assessment)
    card = page.views["profile"].cards["pr_uses_recruiters"]
    assert [b.text() for b in card.editor.buttons.values()] == ["Sí", "No"]
    assert page.header.language.text() == "Language: Spanish (Español)"
    assert page.nav.items["profile"].text() == "1. Perfil del centro de trabajo"
    assert card.text.text().startswith("En los últimos 12 meses, ¿utilizó su empresa")


def test_stored_comments_and_evidence_show_when_the_module_opens(qtbot, ctx, desktop, open_page, tmp_path):
    session = AssessmentSession(ctx, desktop)
    session.answer("pr_workers_total", 120, comment="From the payroll of 1 March.")
    permit = tmp_path / "permit.jpg"
    permit.write_bytes(b"\xff\xd8 a permit")
    attach_evidence(ctx, desktop, "pr_workers_total", permit)
    page = open_page(desktop)
    card = page.views["profile"].cards["pr_workers_total"]
    assert card.comment_edit.isVisible() and card.comment_edit.toPlainText() == "From the payroll of 1 March."
    assert card.evidence_count.text() == "1 file"
    assert card.editor.line.text() == "120"


def test_evidence_is_removed_after_asking(qtbot, ctx, desktop, open_page, prompter, tmp_path):
    permit = tmp_path / "permit.jpg"
    permit.write_bytes(b"\xff\xd8 a permit")
    attach_evidence(ctx, desktop, "pr_workers_total", permit)
    page = open_page(desktop)
    card = page.views["profile"].cards["pr_workers_total"]
    prompter.answer = False
    qtbot.mouseClick(card.evidence_remove_button, Qt.MouseButton.LeftButton)
    assert len(list_evidence(ctx, desktop)) == 1
    prompter.answer = True
    card.evidence_list.setFocus()
    qtbot.keyClick(card.evidence_list, Qt.Key.Key_Delete)
    assert list_evidence(ctx, desktop) == [] and card.evidence_count.text() == ""
    assert not card.evidence_list.isVisible()


def test_a_file_that_cannot_be_read_is_reported_under_the_question(qtbot, ctx, desktop, open_page, prompter,
                                                                    tmp_path):
    page = open_page(desktop)
    card = page.views["profile"].cards["pr_workers_total"]
    prompter.files.append(str(tmp_path / "gone.pdf"))
    qtbot.mouseClick(card.evidence_button, Qt.MouseButton.LeftButton)
    assert card.error.isVisible() and "gone.pdf: cannot read the file" in card.error.text()
    assert list_evidence(ctx, desktop) == []


def test_the_result_and_progress_follow_each_answer(qtbot, desktop, open_page, ui):
    page = open_page(desktop)
    rows = dict(page.results.indicator_rows)
    assert page.results.completeness.text().startswith("Complete: 0%")
    ui.type_into(qtbot, ui.card(page, "hrs_regular_weekly").editor.line, "66")
    assert page.results.indicator_rows == rows  # the same rows, updated in place
    assert rows[11].text(1) == "High"
    assert page.results.module_rows["hours"].text(1) == "High"
    assert page.nav.detail("hours") == "1 / 8"
    assert page.results.completeness.text().startswith("Complete: 1% (1 of 74 required answers)")
    assert page.results.indicator_rows[11].text(0) == "11. Excessive overtime"


def test_a_declaration_the_auditor_contradicts_shows_as_a_mismatch(qtbot, ctx, supplier, desktop, open_page, ui):
    AssessmentSession(ctx, desktop).answer("fee_any_paid", "no")
    onsite = start_assessment(ctx, supplier, "fldd-onsite")
    page = open_page(onsite)
    ui.type_into(qtbot, ui.card(page, "wi_interviewed").editor.line, "10")
    qtbot.waitUntil(lambda: not ui.card(page, "wi_paid_fees").isHidden())
    ui.type_into(qtbot, ui.card(page, "wi_paid_fees").editor.line, "3")
    section = page.results.sections["mismatches"]
    assert not section.isHidden() and section.childCount() == 1
    assert section.child(0).text(0).startswith("Mismatch:")
    assert section.child(0).text(0).endswith("found 3 workers, declared No")


def test_a_card_shows_its_basis_indicators_and_terms(qtbot, ctx, desktop, open_page):
    page = open_page(desktop)
    card = page.views["profile"].cards["pr_workers_migrant"]
    assert card.number.text().startswith("<b>1.2</b>") and card.number.toolTip() == "Required"
    assert card.text.toolTip().startswith("Based on:\n• ")
    assert ctx.standard.sources["ilo-ind-1"].citation in card.text.toolTip()
    assert [t.text() for t in card.tags] == ["ILO 1"]
    assert card.tags[0].toolTip() == "ILO forced-labour indicator 1: Abuse of vulnerability"
    assert ">Migrant worker</a>" in card.terms.text()


def test_module_list_greys_a_skipped_module(qtbot):
    nav = ModuleNav([("profile", "1. Site profile"), ("fees", "4. Fees")])
    nav.set_progress("profile", 7, 12, False)
    nav.set_progress("fees", 0, 0, True)
    assert nav.detail("profile") == "7 / 12" and nav.detail("fees") == "skipped"
    assert nav.items["fees"].toolTip().startswith("Skipped")


def test_leaving_the_page_saves_what_is_being_typed(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    line = ui.card(page, "pr_workers_total").editor.line
    line.setFocus()
    qtbot.keyClicks(line, "120")  # no Tab, no Return: the person switches page or closes the window
    page.hide()
    assert AssessmentSession(ctx, desktop).values["pr_workers_total"] == 120


def test_a_comment_is_saved_after_a_pause_in_typing(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    card = ui.card(page, "pr_workers_total")
    qtbot.mouseClick(card.comment_button, Qt.MouseButton.LeftButton)
    assert card.comment_pause.interval() == 0  # the tests' setting; 800 ms in the app
    qtbot.keyClicks(card.comment_edit, "Payroll of 1 March")
    qtbot.waitUntil(lambda: AssessmentSession(ctx, desktop).comments.get("pr_workers_total") == "Payroll of 1 March")
    assert card.comment_edit.hasFocus()


def test_refresh_shows_answers_changed_elsewhere_and_keeps_the_module(qtbot, ctx, desktop, open_page, ui):
    page = open_page(desktop)
    page.nav.select("hours")
    view = page.views["hours"]
    page.refresh()
    assert page.views["hours"] is view  # nothing changed: nothing rebuilt
    AssessmentSession(ctx, desktop).answer("hrs_regular_weekly", 48)  # e.g. a workbook import
    page.refresh()
    assert page.nav.current_key() == "hours"
    assert page.views["hours"].cards["hrs_regular_weekly"].editor.line.text() == "48"
