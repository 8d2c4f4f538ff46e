"""A main window on a fresh database with one supplier (so Home shows its lists), the data folder in tmp_path;
last_backup makes the backup status whatever a test needs to show."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import settings
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases import backup
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("FLDD_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def last_backup(monkeypatch):
    """What backup_status answers; a test changes it to say a backup was made."""
    status = {"now": backup.BackupStatus(None, None, None, None)}
    monkeypatch.setattr(backup, "backup_status", lambda ctx: status["now"])
    return status


@pytest.fixture
def ctx(tmp_path, data_dir, monkeypatch):
    # backups are dated by a clock that agrees with the workspace's today (a date ahead of it reads as a wrong clock)
    monkeypatch.setattr(backup, "_now", lambda: dt.datetime(2026, 11, 23, 14, 2).astimezone())
    context = open_context(tmp_path / "work" / "fldd.sqlite3", user="tester", role="buyer")
    context.today = lambda: TODAY
    settings.put(context.store, "role", "buyer")
    add_supplier(context, "Sunrise Garments", "BD", goods=["Garments"])
    yield context
    context.close()


@pytest.fixture
def prompter():
    return ScriptedPrompter()


@pytest.fixture
def window(qtbot, ctx, prompter):
    main_window = MainWindow(ctx, prompter)
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    qtbot.waitExposed(main_window)
    yield main_window
    if main_window.ctx is not ctx:  # a test moved the database: the window's context is the test's to close
        main_window.ctx.close()
