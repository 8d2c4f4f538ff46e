"""A fresh database with one supplier, and the runner page shown on its assessment."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.module_view import ModuleView
from fldd.ui.runner.runner_page import RunnerPage
from fldd.ui.runner.question_card import QuestionCard
from fldd.ui.runner.value_editors import MoneyEditor, NumberEditor, TextEditor
from fldd.usecases.assessments import start_assessment
from tests.ui.findings.conftest import SAFE_NUMBERS
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
# Qt's offscreen platform cannot pass size hints of top-level windows on; the page is a top-level window in
# these tests only (in the app it sits inside the main window). Not a problem of the page.
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "t.sqlite3", user="tester", role="supplier")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture(autouse=True)
def _no_typing_pause(monkeypatch):
    """Text answers are saved at once instead of after a pause in typing."""
    monkeypatch.setattr(TextEditor, "DEBOUNCE_MS", 0)


@pytest.fixture
def supplier(ctx):
    return add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"])


@pytest.fixture
def desktop(ctx, supplier):
    return start_assessment(ctx, supplier, "fldd-desktop")


@pytest.fixture
def onsite(ctx, supplier):
    return start_assessment(ctx, supplier, "fldd-onsite")


@pytest.fixture
def prompter():
    return ScriptedPrompter()


@pytest.fixture
def open_page(qtbot, ctx, prompter):
    """open_page(assessment_id) -> the runner page, shown at a small laptop's size."""

    def make(assessment_id: int) -> RunnerPage:
        page = RunnerPage(ctx, prompter)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)  # keyboard focus needs the active window
        page.load(assessment_id)
        return page

    return make


class Ui:
    """Finding widgets on the page and answering through the editors, shared by the runner tests."""

    @staticmethod
    def card(page, qid: str) -> QuestionCard:
        """The card of a question, opening its module."""
        question = page.session.questionnaire.question(qid)
        if question.module not in page.views or page.nav.current_key() != question.module:
            page.nav.select(question.module)
        return page.views[question.module].cards[qid]

    @staticmethod
    def lowest_risk(question):
        """The answer a well-run site gives, as the editor takes it."""
        if question.options:
            own = [o for o in question.options if o.value not in ("unknown", "na")]
            best = min(own, key=lambda o: o.risk or 0)
            return (best.value,) if question.type == "multi" else best.value
        if question.type == "money":
            return None  # typed into the amount field by answer_with_editor
        if question.type in ("number", "count", "percent"):
            return SAFE_NUMBERS.get(question.id, int(question.minimum or 0))
        return "Malay and Nepali"

    @staticmethod
    def answer_with_editor(page, qid: str) -> None:
        """Set the lowest-risk answer through the editor's API and commit it, as a finished answer does."""
        target = Ui.card(page, qid)
        editor = target.editor
        question = target.question
        if isinstance(editor, MoneyEditor):
            editor.amount.setText("1500")
            editor.currency.setCurrentText("MYR")
        elif isinstance(editor, NumberEditor):
            editor.line.setText(str(Ui.lowest_risk(question)))
        elif isinstance(editor, TextEditor):
            editor.text.setPlainText(Ui.lowest_risk(question))
        else:
            editor.set_value(Ui.lowest_risk(question))
        editor.committed.emit()

    @staticmethod
    def answer_everything_required(page) -> None:
        """Answer every required question still open (answers open follow-up questions, so loop)."""
        for _ in range(6):
            missing = list(page.session.result.completeness.missing)
            if not missing:
                return
            for qid in missing:
                if qid in page.session.result.completeness.missing:
                    Ui.answer_with_editor(page, qid)

    @staticmethod
    def focused_card(page) -> QuestionCard | None:
        """The card holding the keyboard focus."""
        return page._focused_card()

    @staticmethod
    def type_into(qtbot, widget, text: str) -> None:
        """Scroll to a field, click into it, replace its text by typing, and leave it with Tab."""
        area = widget.parentWidget()
        while area is not None and not isinstance(area, ModuleView):
            area = area.parentWidget()
        if area is not None:
            area.reveal(widget)  # a click lands on whatever is on screen at that point  # a click lands on whatever is on screen at that point
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        assert widget.hasFocus()
        widget.selectAll()
        qtbot.keyClicks(widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)


@pytest.fixture
def ui():
    """The shared helpers."""
    return Ui
