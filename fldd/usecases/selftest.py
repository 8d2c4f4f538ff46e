"""`fldd --selftest`: does this copy of fldd work, on this machine, from what it ships alone? Each check runs the
real use cases in a temporary database (nothing of the user's is opened) and says one line; the first failure does
not stop the others, so a support call gets the whole picture.

Issue 12 asks that it run in the installed bundle without Python or the project's environment: it reads only
what fldd ships (questionnaires, risk data, fonts) through fldd.paths.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fldd.usecases.context import AppContext

Check = Callable[[Path, dict], str]


def _database(folder: Path, state: dict) -> str:
    from fldd.store.migrations import NAMES
    from fldd.usecases.context import open_context

    ctx = open_context(folder / "selftest.sqlite3", user="selftest", role="buyer")
    state["ctx"] = ctx
    return f"a new database with {len(NAMES)} migrations applied"


def _questionnaires(folder: Path, state: dict) -> str:
    from fldd.usecases.questionnaires import validate

    loaded = validate()
    errors = [p for p in loaded.problems if p.level == "error"]
    if errors:
        raise RuntimeError(f"{len(errors)} problem(s) in the shipped standard, first: {errors[0]}")
    names = ", ".join(f"{q.id} {q.version}" for q in loaded.standard.questionnaires.values())
    return f"{len(loaded.standard.questionnaires)} loaded and valid ({names})"


def _risk_data(folder: Path, state: dict) -> str:
    from fldd.usecases.risk_data import risk_editions

    editions = risk_editions(_ctx(state))
    return "; ".join(f"{e.name}, {e.shown()}" for e in editions)


def _scoring(folder: Path, state: dict) -> str:
    from fldd.usecases.assessments import AssessmentSession, start_assessment
    from fldd.usecases.suppliers import add_supplier

    ctx = _ctx(state)
    supplier = add_supplier(ctx, "Selftest Garments Ltd", "BD", goods=["Garments"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    result = session.answer("doc_id_holder", "company")  # a red flag on its own: the rating cannot read low
    if result.rating in (None, "low", "medium"):
        raise RuntimeError(f"a declared red flag was rated {result.rating!r}, not high or severe")
    state.update(supplier=supplier, assessment=session.id)
    return f"an answer set scored: rating {result.rating}, {len(result.red_flags)} red flag(s)"


def _workbook(folder: Path, state: dict) -> str:
    """The exchange both ways, as buyer and supplier do it: the buyer's workbook opened in a supplier's own
    database, one answer written back into it, and the returned file checked by the buyer's import."""
    from fldd.exchange.outcome import REJECTED
    from fldd.usecases.assessments import AssessmentSession
    from fldd.usecases.context import open_context
    from fldd.usecases.exchange import export_workbook, import_paths
    from fldd.usecases.received_workbook import open_received
    from fldd.usecases.write_back import write_back

    ctx = _ctx(state)
    sent = export_workbook(ctx, state["supplier"], "fldd-desktop", folder / "selftest.xlsx").path
    supplier = open_context(folder / "supplier.sqlite3", user="supplier", role="supplier")
    try:
        opened = open_received(supplier, sent)
        AssessmentSession(supplier, opened.assessment_id).answer("doc_id_holder", "workers")
        returned = write_back(supplier, opened.assessment_id, overwrite=True).path
    finally:
        supplier.close()
    [report] = import_paths(ctx, [returned], dry_run=True)  # checked as the buyer's import would, nothing kept
    if report.outcome == REJECTED:
        first = report.errors[0].message if report.errors else "no reason given"
        raise RuntimeError(f"the workbook written back was refused on import: {first}")
    return (f"written ({sent.stat().st_size:,} bytes), answered in a supplier's database, written back and read "
            f"by the import ({report.outcome.replace('_', ' ')})")


def _report(folder: Path, state: dict) -> str:
    from fldd.usecases.report_assessment import write_assessment_pdf

    path = write_assessment_pdf(_ctx(state), state["assessment"], folder / "selftest.pdf")
    head = Path(path).read_bytes()[:5]
    if head != b"%PDF-":
        raise RuntimeError(f"the report written does not start as a PDF ({head!r})")
    return f"assessment report written as PDF ({Path(path).stat().st_size:,} bytes)"


CHECKS: tuple[tuple[str, Check], ...] = (
    ("database", _database), ("questionnaires", _questionnaires), ("risk data", _risk_data),
    ("scoring", _scoring), ("workbook", _workbook), ("report", _report))


def _ctx(state: dict) -> AppContext:
    if "ctx" not in state:
        raise RuntimeError("skipped: no database (see the database check)")
    return state["ctx"]


def run_selftest(say: Callable[[str], Any]) -> bool:
    """Run every check in a temporary folder, saying one line each ('ok' or 'FAIL'); True when all passed."""
    passed = True
    with tempfile.TemporaryDirectory(prefix="fldd-selftest-") as folder:
        state: dict = {}
        try:
            for name, check in CHECKS:
                start = time.perf_counter()
                try:
                    detail = check(Path(folder), state)
                except Exception as exc:  # noqa: BLE001 - a self-test reports every failure and goes on
                    passed = False
                    say(f"FAIL  {name}: {type(exc).__name__}: {exc}")
                    continue
                say(f"ok    {name}: {detail} ({(time.perf_counter() - start) * 1000:.0f} ms)")
        finally:
            if "ctx" in state:
                state["ctx"].close()
    say("fldd self-test: " + ("every check passed" if passed else "some checks FAILED"))
    return passed
