"""A fresh database and context per test, with a fixed 'today'."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.usecases.context import open_context

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer")
    context.today = lambda: TODAY
    yield context
    context.close()
