"""Every background job ends in done or failed, whatever goes wrong in it: a window waiting for a job that died
would wait for ever (Cancel and Close held while it runs)."""

from __future__ import annotations

import pytest

from fldd.error_log import log_path
from fldd.ui.job_worker import JobWorker
from fldd.usecases.errors import Rejected


class Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no words")


def run(qtbot, job) -> tuple[list, list]:
    worker = JobWorker(job)
    done, failed = [], []
    worker.done.connect(done.append)
    worker.failed.connect(failed.append)
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        worker.start()
    qtbot.waitUntil(lambda: bool(done or failed))
    worker.wait()
    return done, failed


def test_a_result_is_done(qtbot):
    assert run(qtbot, lambda progress, cancelled: 42) == ([42], [])


def test_a_refusal_is_said_as_it_is_and_not_logged(qtbot):
    def job(progress, cancelled):
        raise Rejected(["the file is locked by another program"])

    assert run(qtbot, job) == ([], ["the file is locked by another program"])
    assert not log_path().exists()


@pytest.mark.parametrize(("error", "said"), [
    (ValueError("an unexpected bug"), "an unexpected bug"),
    (Unprintable(), "Unprintable"),
    (RuntimeError(), "RuntimeError"),
    (SystemExit(3), "unexpected problem"),  # not an Exception: it must not escape the thread either
])
def test_an_unexpected_error_fails_in_plain_words_naming_the_error_log(qtbot, error, said):
    def job(progress, cancelled):
        raise error

    done, (message,) = run(qtbot, job)
    assert done == []
    assert said in message and "unexpected problem" in message and str(log_path()) in message
    assert "internal error" not in message and "(" + repr(error) not in message
    assert type(error).__name__ in log_path().read_text(encoding="utf-8")


def test_every_worker_thread_in_the_app_is_a_job_worker():
    """A thread of its own making would again leave its errors to the crash handler on that thread."""
    import ast
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "fldd" / "ui"
    own_threads = []
    for path in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name != "JobWorker":
                bases = {getattr(base, "id", getattr(base, "attr", "")) for base in node.bases}
                if bases & {"QThread", "Thread", "QRunnable"}:
                    own_threads.append(f"{path.relative_to(ui)}: {node.name}")
    assert own_threads == []


def test_without_a_console_the_unexpected_error_still_reaches_the_log(qtbot, monkeypatch):
    import sys

    monkeypatch.setattr(sys, "stderr", None)  # the windowed bundle on Windows

    def job(progress, cancelled):
        raise ValueError("no console here")

    _, (message,) = run(qtbot, job)
    assert "no console here" in message and "ValueError: no console here" in log_path().read_text(encoding="utf-8")
