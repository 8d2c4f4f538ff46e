"""A fresh database per test: empty, or a copy of the demo portfolio built once per session."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.register_page import RegisterPage
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo

TODAY = dt.date(2026, 11, 23)
OFFSCREEN_LIMITS = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


def _open(path):
    ctx = open_context(path, user="tester", role="buyer")
    ctx.today = lambda: TODAY
    return ctx


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo portfolio, built once (it takes seconds) and copied for each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    ctx = _open(path)
    build_demo(ctx)
    ctx.close()
    return path


@pytest.fixture
def ctx(tmp_path):
    """An empty database."""
    context = _open(tmp_path / "t.sqlite3")
    yield context
    context.close()


@pytest.fixture
def demo_ctx(tmp_path, demo_file):
    """This test's own copy of the demo portfolio."""
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    context = _open(path)
    yield context
    context.close()


def make_page(qtbot, context) -> RegisterPage:
    """A shown register page with filtering on every keystroke."""
    page = RegisterPage(context, ScriptedPrompter())
    qtbot.addWidget(page)
    page.proxy.debounce_ms = 0
    page.resize(1196, 678)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, ctx):
    return make_page(qtbot, ctx)


@pytest.fixture
def demo_page(qtbot, demo_ctx):
    return make_page(qtbot, demo_ctx)


@pytest.fixture
def qtbot_page_factory(qtbot):
    """Make a register page on a context the test prepared itself."""
    return lambda context: make_page(qtbot, context)
