"""Fixtures of the report tests: the demo portfolio once per module, and an empty database per test."""

from __future__ import annotations

import pytest

from fldd.usecases.context import open_context
from tests.reports.report_builders import TODAY, demo_context


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory):
    """The demo portfolio, built once per test module."""
    ctx = demo_context(tmp_path_factory.mktemp("demo"))
    yield ctx
    ctx.close()


@pytest.fixture
def ctx(tmp_path):
    """An empty database, an auditor at work, 'today' fixed."""
    context = open_context(tmp_path / "fldd.sqlite3", user="rosa", role="auditor")
    context.today = lambda: TODAY
    yield context
    context.close()
