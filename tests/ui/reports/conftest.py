"""A database per test with one supplier and an assessment of each tier; a report writer that tests control."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases import report_jobs
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "t.sqlite3", user="tester", role="buyer")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def supplier(ctx):
    return add_supplier(ctx, "深圳市华强电子有限公司", "CN", goods=["Electronics"])


@pytest.fixture
def desktop(ctx, supplier):
    return start_assessment(ctx, supplier, "fldd-desktop")


@pytest.fixture
def onsite(ctx, supplier):
    return start_assessment(ctx, supplier, "fldd-onsite")


@pytest.fixture
def prompter():
    return ScriptedPrompter()


class GatedWriter:
    """Stands in for the report functions: reports three steps of progress, waiting at the gate before the
    last, and checks for a cancel before writing anything, as the real ones must. `requests` records what
    the app asked for."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.requests: list[report_jobs.ReportRequest] = []
        self.fail_with: Exception | None = None

    def __call__(self, ctx, request, progress=None, cancelled=None) -> Path | None:
        self.requests.append(request)
        if self.fail_with is not None:
            raise self.fail_with
        for step in (1, 2):
            progress and progress(step, 3, f"part {step}")
        self.gate.wait(10)
        if cancelled and cancelled():
            return None
        request.target.parent.mkdir(parents=True, exist_ok=True)
        request.target.write_bytes(b"%PDF-1.4 stand-in\n")
        progress and progress(3, 3, "done")
        return request.target


@pytest.fixture
def gated(monkeypatch) -> GatedWriter:
    writer = GatedWriter()
    monkeypatch.setattr(report_jobs, "write_report", writer)
    yield writer
    writer.gate.set()  # never leave a worker thread waiting
