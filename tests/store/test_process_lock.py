"""The process lock: one fldd process per database, shared within the process, dropped by nothing but the end."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from fldd.store import lock as process_lock
from fldd.store.connection import open_store
from fldd.store.errors import DatabaseReadOnly, StoreError
from fldd.store.lock import DatabaseInUse

HOLD = """
import sys
from fldd.store.connection import open_store
store = open_store(sys.argv[1], holder=sys.argv[2], what=sys.argv[3])
print("holding", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def other_process(tmp_path):
    """Start another process holding a database as the app or a command; it ends at the test's end."""
    children = []

    def start(db, holder=process_lock.COMMAND, what="the command `fldd workbook import returns/`"):
        child = subprocess.Popen([sys.executable, "-c", HOLD, str(db), holder, what], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, bufsize=1)
        children.append(child)
        assert child.stdout.readline().strip() == "holding"
        return child

    yield start
    for child in children:
        child.kill()
        child.wait(timeout=30)


def test_connections_of_one_process_share_its_lock(tmp_path):
    db = tmp_path / "fldd.sqlite3"
    first, second = open_store(db), open_store(db)
    second.close()
    first.conn.execute("CREATE TABLE still_mine (x)")  # the first connection works on, under the same lock
    first.close()
    again = open_store(db, wait_seconds=0)  # the last close let go: the lock can be taken again
    again.close()
    assert (tmp_path / "fldd.sqlite3.lock").exists()  # kept: deleting it would let two processes lock two files


def test_threads_opening_at_once_all_get_the_database(tmp_path):
    db = tmp_path / "fldd.sqlite3"
    open_store(db).close()
    opened, errors = [], []
    all_open = threading.Barrier(8, timeout=60)

    def opener():
        try:
            store = open_store(db, wait_seconds=0)
        except Exception as exc:  # noqa: BLE001 - any failure is the test's finding
            errors.append(exc)
            all_open.abort()
            return
        opened.append(store.path)
        try:
            all_open.wait()  # all eight hold the database at once
        finally:
            store.close()

    threads = [threading.Thread(target=opener) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(opened) == 8


def test_the_app_in_another_process_refuses_at_once_naming_it(tmp_path, other_process):
    db = tmp_path / "fldd.sqlite3"
    app = other_process(db, process_lock.APP, "the fldd app")
    with pytest.raises(DatabaseInUse) as caught:
        open_store(db, wait_seconds=300)  # waiting would not help: no wait at all
    assert str(caught.value) == (f"{db}: this database is open in the fldd app (process {app.pid}, since "
                                 f"{caught.value.message.split('since ')[1][:5]}). Close the app and try again, "
                                 "or do this from the app's window; nothing was changed.")


def test_another_command_is_waited_for_then_named(tmp_path, other_process):
    db = tmp_path / "fldd.sqlite3"
    command = other_process(db)
    told = []
    with pytest.raises(DatabaseInUse) as caught:
        open_store(db, wait_seconds=0.3, on_wait=told.append)
    assert [h.pid for h in told] == [command.pid]
    assert "in use by the command `fldd workbook import returns/`" in str(caught.value)
    assert "after waiting 0.3 s. Try again when it has finished; nothing was changed." in str(caught.value)


def test_closing_other_descriptors_of_the_files_does_not_drop_the_lock(tmp_path):
    """The very thing that drops SQLite's POSIX locks (open and close another descriptor) leaves this one."""
    db = tmp_path / "fldd.sqlite3"
    store = open_store(db)
    try:
        for path in process_lock.database_files(db):
            if path.exists():
                with open(path, "rb") as handle:
                    handle.read(1)
        probe = subprocess.run([sys.executable, "-c", "import sys; from fldd.store.connection import open_store; "
                                "open_store(sys.argv[1], wait_seconds=0)", str(db)], capture_output=True, text=True)
        assert probe.returncode != 0 and "DatabaseInUse" in probe.stderr
    finally:
        store.close()


def test_a_killed_holder_leaves_no_stale_lock(tmp_path, other_process):
    db = tmp_path / "fldd.sqlite3"
    holder = other_process(db, process_lock.APP, "the fldd app")
    holder.kill()  # a pulled plug: the kernel lets go of the lock with the process
    holder.wait(timeout=30)
    open_store(db, wait_seconds=0).close()


def test_a_lock_file_that_cannot_be_opened_is_a_clear_message_and_nothing_is_opened(tmp_path):
    db = tmp_path / "fldd.sqlite3"
    (tmp_path / "fldd.sqlite3.lock").mkdir()  # as a read-only folder would, for root too: the file cannot be made
    with pytest.raises(DatabaseReadOnly, match="cannot create the lock file fldd.sqlite3.lock beside the database"):
        open_store(db)
    assert not db.exists()


def test_the_live_database_files_are_known_while_open(tmp_path):
    db = tmp_path / "fldd.sqlite3"
    store = open_store(db)
    try:
        for name in ("fldd.sqlite3", "fldd.sqlite3-wal", "fldd.sqlite3-shm", "fldd.sqlite3.lock"):
            assert process_lock.is_live_database_file(tmp_path / "sub" / ".." / name), name
        assert not process_lock.is_live_database_file(tmp_path / "fldd.sqlite3.xlsx")
    finally:
        store.close()
    assert not process_lock.is_live_database_file(db)


def test_another_spelling_of_the_path_meets_the_same_lock(tmp_path, other_process):
    db = tmp_path / "fldd.sqlite3"
    open_store(db).close()
    (tmp_path / "link.sqlite3").symlink_to(db)
    (tmp_path / "folder-link").symlink_to(tmp_path)
    app = other_process(db, process_lock.APP, "the fldd app")
    for spelling in (tmp_path / "link.sqlite3", tmp_path / "folder-link" / "fldd.sqlite3",
                     tmp_path / "sub" / ".." / "fldd.sqlite3"):
        with pytest.raises(DatabaseInUse, match=f"open in the fldd app \\(process {app.pid}"):
            open_store(spelling, wait_seconds=0)
    assert not (tmp_path / "link.sqlite3.lock").exists()


def test_a_database_with_a_second_name_is_refused(tmp_path):
    db = tmp_path / "fldd.sqlite3"
    open_store(db).close()
    (tmp_path / "other-name.sqlite3").hardlink_to(db)
    for name in ("fldd.sqlite3", "other-name.sqlite3"):
        with pytest.raises(StoreError, match="the database file has 2 names \\(hard links\\)"):
            open_store(tmp_path / name)


def test_the_live_files_are_known_by_their_real_names_when_opened_through_a_link(tmp_path):
    real = tmp_path / "real.sqlite3"
    (tmp_path / "link.sqlite3").symlink_to(real)
    store = open_store(tmp_path / "link.sqlite3")
    try:
        assert process_lock.is_live_database_file(tmp_path / "real.sqlite3-wal")
        assert process_lock.is_live_database_file(tmp_path / "real.sqlite3.lock")
    finally:
        store.close()


def test_a_read_only_lock_file_still_locks(tmp_path, monkeypatch):
    db = tmp_path / "fldd.sqlite3"
    open_store(db).close()
    real_open = os.open

    def read_only_lock_file(path, flags, *mode):  # as an unwritable lock file (for root too)
        if str(path).endswith(".lock") and flags & os.O_RDWR:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *mode)

    monkeypatch.setattr(os, "open", read_only_lock_file)
    store = open_store(db, wait_seconds=0)
    try:
        probe = subprocess.run([sys.executable, "-c", "import sys; from fldd.store.connection import open_store; "
                                "open_store(sys.argv[1], wait_seconds=0)", str(db)], capture_output=True, text=True)
        assert probe.returncode != 0 and "DatabaseInUse" in probe.stderr
    finally:
        store.close()
