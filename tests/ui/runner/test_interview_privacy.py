"""The worker-privacy reviewer: the interview form asks each worker's facts in the singular, keeps only
non-identifying context (language, interpreter, where), tells the auditor to write no names, refuses contact
details, and nothing of the form but the counts ever reaches the assessment."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from fldd.standard.model import pick
from fldd.store import assessments as store_assessments
from fldd.ui.runner.module_nav import INTERVIEWS
from fldd.usecases.assessments import assessment_json
from fldd.usecases.interview_records import list_interviews
from tests.ui.runner.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

NOTE = "Paid the agent in the home village; worked 70 hours in the peak week"


def open_form(page):
    page.nav.select(INTERVIEWS)
    return page.interviews


def choose(panel, qid, value):
    next(b for b in panel.groups[qid].buttons() if b.property("value") == value).click()


def test_each_fact_is_asked_of_one_worker_and_can_be_read_whole(qtbot, onsite, open_page):
    page = open_page(onsite)
    panel = open_form(page)
    questions = {q.id: q for q in panel.facts}
    assert panel.labels["wi_paid_fees"].text() == "Did you pay anything, to anyone, to get this job?"
    for qid, label in panel.labels.items():
        question = questions[qid]
        assert label.text() == pick(question.ask, "en") != pick(question.text, "en")
        assert not label.text().startswith("How many"), qid
        assert label.wordWrap()
        qtbot.waitUntil(lambda label=label: label.height() >= label.heightForWidth(label.width()))
        assert label.toolTip() == pick(question.text, "en")  # the count it feeds, for the auditor


def test_context_is_kept_with_the_record_and_never_reaches_the_answers(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    panel = open_form(page)
    choose(panel, "wi_paid_fees", "yes")
    qtbot.keyClicks(panel.context.language, "Nepali")
    panel.context.interpreter["yes"].click()
    panel.context.location.setCurrentIndex(panel.context.location.findData("off_site"))
    assert "no names" in panel.context.hint.text().lower()
    qtbot.keyClicks(panel.context.note, NOTE)
    assert not panel.context.warning.isVisible()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert not panel.error.isVisible(), panel.error.text()

    [record] = list_interviews(page.session)
    assert record["context"] == {"language": "Nepali", "interpreter": "yes", "location": "off_site", "note": NOTE}
    answers = store_assessments.answers(ctx.store, onsite)
    assert (answers["wi_interviewed"].value, answers["wi_paid_fees"].value) == (1, 1)

    # everything that can leave the machine carries counts only
    data = assessment_json(ctx, onsite)
    shown = json.dumps(data, ensure_ascii=False)
    history = json.dumps(store_assessments.revisions(ctx.store, onsite), ensure_ascii=False)
    for secret in ("Nepali", "home village", "W-001"):
        assert secret not in shown and secret not in history, secret
    held = data["sampling"]["interviews"]  # how the interviews were held, as counts
    assert held == {"records": 1, "held": {"on_site": 0, "off_site": 1, "phone": 0, "not_noted": 0},
                    "interpreter": {"yes": 1, "no": 0, "not_noted": 0}}

    panel.table.selectRow(0)  # reopened, the record shows its context again
    assert panel.context.language.text() == "Nepali" and panel.context.note.toPlainText() == NOTE
    assert panel.context.location.currentData() == "off_site" and panel.context.interpreter["yes"].isChecked()


def test_a_phone_number_in_the_note_is_refused_and_nothing_is_saved(qtbot, ctx, onsite, open_page):
    page = open_page(onsite)
    panel = open_form(page)
    qtbot.keyClicks(panel.context.note, "Call back on +60 12-345 6789 after the shift")
    assert panel.context.warning.isVisible() and "phone" in panel.context.warning.text()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "phone" in panel.error.text()
    assert list_interviews(page.session) == []
    assert "wi_interviewed" not in store_assessments.answers(ctx.store, onsite)


def test_a_note_that_looks_like_it_names_someone_is_flagged_before_saving(qtbot, onsite, open_page):
    page = open_page(onsite)
    panel = open_form(page)
    qtbot.keyClicks(panel.context.note, "Her name is Sita, line 4")
    assert panel.context.warning.isVisible() and "name" in panel.context.warning.text()
    panel.context.note.clear()
    qtbot.keyClicks(panel.context.note, "Sewing line, night shift")
    assert not panel.context.warning.isVisible()
