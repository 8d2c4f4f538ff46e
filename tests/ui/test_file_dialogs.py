"""The app's file dialogs list the database's folder without opening the files in it, so SQLite keeps its locks."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from fldd.store.connection import open_store
from fldd.ui.file_dialogs import build

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/locks")


def sqlite_locks() -> int:
    """POSIX (fcntl) locks this process holds: SQLite's; fldd's own lock is a FLOCK and not counted."""
    me = str(os.getpid())
    return sum(1 for line in Path("/proc/locks").read_text().splitlines()
               if line.split()[1] == "POSIX" and line.split()[4] == me)


def list_folder(qtbot, dialog: QFileDialog, folder: Path) -> QFileSystemModel:
    """Show the dialog on folder in the detail view (icons and Type column) until it has listed it all."""
    qtbot.addWidget(dialog)
    model = dialog.findChild(QFileSystemModel)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    with qtbot.waitSignal(model.directoryLoaded, timeout=10_000):
        dialog.show()
    root = model.index(str(folder))
    qtbot.waitUntil(lambda: model.rowCount(root) >= 4)
    for row in range(model.rowCount(root)):  # ask for what the view paints: icon and type of every file
        model.data(model.index(row, 0, root), 1)
        model.data(model.index(row, 2, root))
    return model


@pytest.fixture
def live_database(tmp_path):
    store = open_store(tmp_path / "fldd.sqlite3")
    store.conn.execute("CREATE TABLE t (x)")
    store.conn.execute("INSERT INTO t VALUES (1)")
    store.conn.commit()
    yield tmp_path
    store.close()


def test_listing_the_database_folder_keeps_sqlites_locks(qtbot, live_database):
    held = sqlite_locks()
    assert held >= 1
    dialog = build(None, "Import workbooks", QFileDialog.FileMode.ExistingFiles, suggested=str(live_database))
    model = list_folder(qtbot, dialog, live_database)
    assert sqlite_locks() == held
    wal = model.index(str(live_database / "fldd.sqlite3-wal"))
    assert model.data(wal.siblingAtColumn(2)) == "File"  # told by name, not by reading it
    dialog.reject()


def test_qts_plain_dialog_drops_them(qtbot, live_database):
    """Why the above matters: the same folder in a dialog left to guess types from content drops SQLite's locks."""
    held = sqlite_locks()
    dialog = QFileDialog(None, "Import workbooks", str(live_database))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    list_folder(qtbot, dialog, live_database)
    assert sqlite_locks() < held  # at once: the type look-ups above read the files
    dialog.reject()
