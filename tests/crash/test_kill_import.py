"""Killing a bulk import with SIGKILL leaves whole files imported and nothing of the file in hand: every
assessment in the database holds exactly the answers of the file that created it, logged as applied."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import fldd
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.store.connection import backup, integrity_problems, open_store
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.demo import _fill  # the demo's believable answers
from fldd.usecases.exchange import export_workbook, workbook_secret
from fldd.usecases.suppliers import add_supplier

HERE = Path(__file__).parent
ROOT = Path(fldd.__file__).resolve().parents[1]  # the child imports the fldd under test, not an installed one
FILES = 10
KILL_AFTER = 3


@pytest.fixture
def returned(tmp_path):
    """A database of suppliers that has answered nothing yet, and a folder of their completed workbooks."""
    ctx = open_context(tmp_path / "work.sqlite3", user="buyer")
    rng = random.Random(11)
    with ctx.store.write():
        ids = [add_supplier(ctx, f"Killed Import Supplier {n:02d}", "BD", goods=["Garments"]) for n in range(FILES)]
    workbook_secret(ctx, create=True)
    db = backup(ctx.store, tmp_path / "import.sqlite3")
    folder = tmp_path / "returned"
    answers = {}
    for n, supplier_id in enumerate(ids):
        with ctx.store.write():
            assessment_id = start_assessment(ctx, supplier_id, "fldd-desktop")
            _fill(ctx, assessment_id, rng.randrange(4), rng)
        exported = export_workbook(ctx, supplier_id, "fldd-desktop", folder / f"s{n:02d}.xlsx",
                                   assessment_id=assessment_id)
        answers[exported.export_id] = len(store_assessments.answers(ctx.store, assessment_id))
    ctx.close()
    return db, folder, answers


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_a_bulk_import_leaves_only_whole_files_imported(returned):
    db, folder, answers = returned
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    child = subprocess.Popen([sys.executable, str(HERE / "import_folder.py"), str(db), str(folder)],
                             stdout=subprocess.PIPE, text=True, bufsize=1, env=env)  # this checkout's fldd
    watchdog = threading.Timer(120, child.kill)  # a hung child fails the test instead of hanging the run
    watchdog.start()
    try:
        reported = 0
        for line in child.stdout:  # blocks until the child reports: no sleeping, no timing
            if line.startswith("imported "):
                reported = int(line.split()[1])
                if reported >= KILL_AFTER:
                    child.send_signal(signal.SIGKILL)
                    break
        child.wait(timeout=30)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
    assert reported >= KILL_AFTER and child.returncode == -signal.SIGKILL

    store = open_store(db)
    try:
        assert integrity_problems(store) == []
        applied = [row for row in store_exchange.imports(store, limit=1000)
                   if row["outcome"] in ("accepted", "accepted_incomplete")]
        assert KILL_AFTER <= len(applied) < FILES
        held = {uid: id_ for id_, uid in store.conn.execute("SELECT id, uid FROM assessments")}
        assert sorted(held) == sorted(row["export_id"] for row in applied)  # no assessment without its file
        for row in applied:
            assessment_id = held[row["export_id"]]
            assert row["assessment_id"] == assessment_id
            assert len(store_assessments.answers(store, assessment_id)) == answers[row["export_id"]]
            complete = row["outcome"] == "accepted"
            assert store_assessments.get(store, assessment_id).status == ("submitted" if complete else "draft")
    finally:
        store.close()
