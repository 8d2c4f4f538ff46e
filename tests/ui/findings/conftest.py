"""A fresh database per test with a submitted desktop assessment whose answers raised a major finding."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.ui.findings.findings_page import FindingsPage
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
# Numbers whose minimum is the risky end: the overtime rate, and the youngest worker's age (0 would be a child).
SAFE_NUMBERS = {"wag_overtime_rate_pct": 150, "yw_youngest_age": 19}


def complete(session: AssessmentSession) -> None:
    """Answer every visible required question with its lowest-risk answer."""
    for _ in range(5):
        for qid in session.result.completeness.missing:
            q = session.questionnaire.question(qid)
            if q.options:
                best = min((o for o in q.options if o.value not in ("unknown", "na")), key=lambda o: o.risk or 0)
                session.answer(qid, [best.value] if q.type == "multi" else best.value)
            elif q.type == "money":
                session.answer(qid, "1500 MYR")
            elif q.type in ("number", "count", "percent"):
                session.answer(qid, SAFE_NUMBERS.get(q.id, int(q.minimum or 0)))
            else:
                session.answer(qid, "Malay and Nepali")


def submitted_assessment(ctx, name: str = "Klang Valley Gloves", peak_hours: int = 66) -> AssessmentSession:
    """A supplier's desktop self-assessment, answered with low risk except the peak weeks (of a third of its 120
    workers: widespread, so a major finding when over 60 hours), and submitted."""
    supplier_id = add_supplier(ctx, name, "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier_id, "fldd-desktop"))
    session.answer("pr_workers_total", 120)
    session.answer("hrs_peak_weekly_max", peak_hours)
    if peak_hours > 60:
        session.answer("hrs_over_60_workers", 40)
    complete(session)
    session.move_to("submitted")
    return session


@pytest.fixture
def ctx(tmp_path):
    """An empty database; the person works as a supplier."""
    context = open_context(tmp_path / "t.sqlite3", user="tester", role="supplier")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def session(ctx):
    """The submitted assessment with its major finding on working hours."""
    return submitted_assessment(ctx)


@pytest.fixture
def prompter():
    return ScriptedPrompter()


@pytest.fixture
def make_page(qtbot, ctx, prompter):
    """Build and show the findings page (after the test prepared its data)."""
    def make() -> FindingsPage:
        page = FindingsPage(ctx, prompter)
        qtbot.addWidget(page)
        page.resize(1280, 700)
        page.show()
        qtbot.waitExposed(page)
        return page
    return make
