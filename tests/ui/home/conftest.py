"""A fresh database per test, a small hand-made portfolio, and the home page built on it."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import assessments as store_assessments
from fldd.store import findings as store_findings
from fldd.ui.home.home_page import HomePage
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


def day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def assessment(ctx, supplier_id, *, tier="desktop", status="draft", valid_until=None, rating=None,
               completeness=None) -> int:
    """An assessment put straight into the store in the given state, with a stored result (submitted ones
    complete, drafts 40% answered, unless told)."""
    if completeness is None:
        completeness = 40.0 if status == "draft" else 100.0
    aid = store_assessments.create(ctx.store, supplier_id, f"fldd-{tier}", "1.0.0", tier)
    for step in {"draft": (), "submitted": ("submitted",), "closed": ("submitted", "under_review", "closed")}[status]:
        store_assessments.set_status(ctx.store, aid, step)
    store_assessments.save_result(ctx.store, aid, {
        "rating": rating, "score": 50.0, "expires": valid_until,
        "completeness": {"percent": completeness, "required": 40, "answered_required": round(40 * completeness / 100)},
        "as_of": None if status == "draft" else day(-300)})
    return aid


def action(ctx, assessment_id, *, due: int, status="open", severity="major", title="Hours over 60") -> int:
    """A finding with one corrective action due `due` days from today."""
    with ctx.store.write() as db:
        fid = store_findings.add_finding(db, assessment_id, severity=severity, title=title, due_days=14,
                                         source="auditor")
        aid = store_findings.add_action(db, fid, description=f"Fix: {title}", due_date=day(due))
    if status != "open":
        store_findings.set_action_status(ctx.store, aid, status)
    return aid


@pytest.fixture
def ctx(tmp_path):
    """An empty database; the person works as a buyer."""
    context = open_context(tmp_path / "t.sqlite3", user="tester", role="buyer")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def portfolio(ctx):
    """Three suppliers: a closed result with actions overdue, due soon and done; a submitted one; a draft."""
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    chairs = add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    shoes = add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    ids = {"gloves": gloves, "chairs": chairs, "shoes": shoes}
    ids["gloves_closed"] = assessment(ctx, gloves, status="closed", valid_until=day(30), rating="high")
    ids["chairs_submitted"] = assessment(ctx, chairs, status="submitted", valid_until=day(300), rating="low")
    ids["shoes_draft"] = assessment(ctx, shoes, completeness=75.0, rating="low")
    ids["overdue"] = action(ctx, ids["gloves_closed"], due=-9, severity="priority", title="Passports held")
    ids["soon"] = action(ctx, ids["gloves_closed"], due=3, title="No payslips")
    ids["done"] = action(ctx, ids["gloves_closed"], due=-2, status="done", severity="minor", title="No policy")
    return ids


@pytest.fixture
def make_page(qtbot, ctx):
    """Build and show the home page (after the test prepared its data)."""
    def make() -> HomePage:
        page = HomePage(ctx, ScriptedPrompter())
        qtbot.addWidget(page)
        page.resize(1280, 700)
        page.show()
        qtbot.waitExposed(page)
        return page
    return make
