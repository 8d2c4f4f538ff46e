"""A second process on the database while the app has it, after a file dialog dropped SQLite's own locks.

This is how work was lost: the app's file dialog showed the database's folder, which dropped the POSIX locks
SQLite held; a CLI command then believed it was alone, checkpointed and deleted the WAL under the app, and what
the app saved after that was gone when it was killed. fldd now takes a lock no descriptor can drop (store/lock.py).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fldd.store.connection import integrity_problems, open_store

HERE = Path(__file__).parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/locks; SIGKILL is POSIX")


class App:
    """The app in a child process (dialog_then_cli.py), driven line by line: no sleeping, no timing."""

    def __init__(self, db: Path) -> None:
        self.child = subprocess.Popen([sys.executable, str(HERE / "dialog_then_cli.py"), str(db)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      text=True, bufsize=1)
        self.watchdog = threading.Timer(120, self.child.kill)  # a hung child fails the test, never hangs the run
        self.watchdog.start()

    def line(self) -> str:
        return self.child.stdout.readline().strip()

    def tell(self, text: str) -> None:
        self.child.stdin.write(text + "\n")
        self.child.stdin.flush()

    def kill(self) -> None:
        self.child.send_signal(signal.SIGKILL)
        self.child.wait(timeout=30)
        self.watchdog.cancel()


def fldd(db: Path, *words: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fldd", "--db", str(db), *words], capture_output=True, text=True,
                          timeout=120)


def supplier_names(db: Path) -> set[str]:
    store = open_store(db)
    try:
        assert integrity_problems(store) == []
        return {r[0] for r in store.conn.execute("SELECT name FROM suppliers")}
    finally:
        store.close()


@pytest.fixture
def app(tmp_path):
    running = App(tmp_path / "fldd.sqlite3")
    yield running
    if running.child.poll() is None:
        running.kill()


def _after_the_dialog(app: App) -> int:
    before, after = map(int, app.line().split()[1:])
    assert before > 0 and after == 0, "the dialog and the sniffing did not drop SQLite's locks: not the lost-work case"
    word, assessment = app.line().split()
    assert word == "ready"
    return int(assessment)


def test_the_cli_is_refused_while_the_app_has_the_database_and_nothing_is_lost(app, tmp_path):
    db = tmp_path / "fldd.sqlite3"
    assessment_id = _after_the_dialog(app)

    listed = fldd(db, "suppliers", "list")  # read-only: it once deleted the WAL on closing
    added = fldd(db, "suppliers", "add", "--name", "From The Command Ltd", "--country", "MY")

    for result in (listed, added):
        assert result.returncode == 1
        assert f"{db}: this database is open in the fldd app (process {app.child.pid}" in result.stderr
        assert "nothing was changed" in result.stderr
    assert db.with_name("fldd.sqlite3-wal").exists()
    app.tell("more")
    assert app.line() == "saved"
    app.kill()  # the plug is pulled: nothing is checkpointed on the way out

    assert supplier_names(db) == {"Before The Dialog Ltd", "After The Command Ltd"}
    store = open_store(db)
    try:
        findings = store.conn.execute("SELECT severity, title FROM findings WHERE assessment_id = ?",
                                      [assessment_id]).fetchall()
    finally:
        store.close()
    assert ("priority", "Passports held by the employer") in findings


def test_the_loss_is_real_for_a_program_that_does_not_take_fldds_lock(app, tmp_path):
    """What the lock protects against, shown with a plain SQLite client (as fldd was before it took the lock):
    if this stops losing work, the scenario above no longer reproduces the loss and must be looked at again."""
    db = tmp_path / "fldd.sqlite3"
    _after_the_dialog(app)
    subprocess.run([sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                    "c.execute('SELECT count(*) FROM suppliers').fetchone(); c.close()", str(db)], check=True)
    assert not db.with_name("fldd.sqlite3-wal").exists()  # deleted under the running app
    app.tell("more")
    assert app.line() == "saved"  # the app believes it saved
    app.kill()
    assert "After The Command Ltd" not in supplier_names(db)


def test_a_command_waits_for_another_command_then_runs(tmp_path):
    db = tmp_path / "fldd.sqlite3"
    open_store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_AS_COMMAND, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        assert holder.stdout.readline().strip() == "holding"
        command = subprocess.Popen([sys.executable, "-m", "fldd", "--db", str(db), "suppliers", "add", "--name",
                                    "Waited Ltd", "--country", "MY"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        waiting = command.stderr.readline()
        assert waiting.startswith(f"fldd: waiting for the command `fldd import-everything` (process {holder.pid}")
        holder.stdin.write("done\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
        out, err = command.communicate(timeout=120)
        assert command.returncode == 0, err
    finally:
        if holder.poll() is None:
            holder.kill()
    assert supplier_names(db) == {"Waited Ltd"}


HOLD_AS_COMMAND = """
import sys
from fldd.store.connection import open_store
store = open_store(sys.argv[1], what="the command `fldd import-everything`")
print("holding", flush=True)
sys.stdin.readline()
store.close()
"""
