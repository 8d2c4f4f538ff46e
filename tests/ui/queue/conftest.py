"""A fresh database per test, with a fixed 'today'."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.usecases.context import open_context


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "queue.sqlite3", user="amina", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()
