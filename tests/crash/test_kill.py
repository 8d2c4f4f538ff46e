"""Killing fldd with SIGKILL while answering loses at most the answer being given, and never the file."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fldd.store import assessments
from fldd.store.connection import integrity_problems, open_store

HERE = Path(__file__).parent


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("script", ["answer_loop.py", "typing_loop.py"], ids=["use-case", "typing-in-the-window"])
def test_sigkill_during_answering_keeps_every_saved_answer(tmp_path, script):
    db = tmp_path / "crash.sqlite3"
    child = subprocess.Popen([sys.executable, str(HERE / script), str(db)], stdout=subprocess.PIPE,
                             text=True, bufsize=1)
    watchdog = threading.Timer(120, child.kill)  # a hung child fails the test instead of hanging the run
    watchdog.start()
    try:
        assessment_id = int(child.stdout.readline().split()[1])
        last = 0
        for line in child.stdout:  # blocks until the child reports: no sleeping, no timing
            assert line.startswith("saved "), line
            last = int(line.split()[1])
            if last >= 200:
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
    assert last >= 200, "the child stopped before answering 200 times"
    assert child.returncode == -signal.SIGKILL
    store = open_store(db)
    try:
        assert integrity_problems(store) == []
        answer = assessments.answers(store, assessment_id)["pr_workers_total"]
        # every answer the child reported as saved is there; at most one more (the one in flight) may be
        assert answer.value in (100 + last, 100 + last + 1)
        if script == "answer_loop.py":
            assert answer.comment == f"note {answer.value - 100}"
        history = assessments.revisions(store, assessment_id, "pr_workers_total")
        assert len(history) in (last, last + 1)
    finally:
        store.close()
