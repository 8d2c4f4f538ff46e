"""Assessments the report tests render: the demo portfolio (built once per test module) and small on-site
assessments made through the use cases, with the worker counts a privacy test needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fldd.usecases import demo
from fldd.usecases.assessments import AssessmentSession, start_assessment, sync_findings
from fldd.usecases.context import AppContext, open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 12, 7)


def demo_context(folder: Path) -> AppContext:
    """A context on a fresh demo portfolio, 'today' fixed."""
    ctx = open_context(folder / "demo.sqlite3", user="demo-reader", role="auditor")
    ctx.today = lambda: TODAY
    demo.build_demo(ctx)
    return ctx


def onsite_with_counts(ctx: AppContext, counts: dict[str, int], *, name: str = "Delta Sewing Ltd",
                       comment: str | None = None) -> int:
    """A draft on-site assessment whose interview answers are `counts`, its findings raised."""
    supplier_id = add_supplier(ctx, name, "BD", goods=["Garments"], address="12 Canal Road")
    assessment_id = start_assessment(ctx, supplier_id, "fldd-onsite", assessor="Rosa Auditor")
    session = AssessmentSession(ctx, assessment_id)
    for qid, value in counts.items():
        session.answer(qid, value, comment if qid == "wi_paid_fees" else None)
    session.save_result()
    sync_findings(ctx, session)
    return assessment_id

