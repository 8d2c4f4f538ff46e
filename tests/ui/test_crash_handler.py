"""An unexpected error in the app is logged and told once; the person is told saved work is safe."""

from __future__ import annotations

import sys

from fldd.error_log import MAX_BYTES, log_path
from fldd.ui.crash_handler import TITLE, CrashHandler
from fldd.ui.prompter import ScriptedPrompter


def _raise(error: BaseException):
    try:
        raise error
    except BaseException as exc:  # noqa: BLE001 - the test needs the traceback
        return type(exc), exc, exc.__traceback__


def test_an_unexpected_error_is_written_to_the_log_and_shown_with_where_it_is(monkeypatch):
    prompter = ScriptedPrompter()
    handler = CrashHandler(prompter)
    handler.previous = lambda *a: None  # keep the test output clean
    handler.handle(*_raise(ValueError("cannot read the supplier's country")))
    text = log_path().read_text(encoding="utf-8")
    assert "ValueError: cannot read the supplier's country" in text and "Traceback" in text and "fldd 0." in text
    kind, title, words = prompter.asked[-1]
    assert (kind, title) == ("error", TITLE)
    assert "cannot read the supplier's country" in words and str(log_path()) in words and "safe" in words


def test_with_no_console_the_error_still_reaches_the_log(monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)  # the windowed bundle on Windows
    handler = CrashHandler(ScriptedPrompter())
    handler.handle(*_raise(RuntimeError("boom")))
    assert "RuntimeError: boom" in log_path().read_text(encoding="utf-8")


def test_an_error_repeating_while_its_message_is_open_is_logged_not_shown_again():
    shown = []

    class Nested(ScriptedPrompter):
        def error(self, parent, title, text):
            shown.append(text)
            if len(shown) == 1:  # the paint that failed fails again while the box is open
                handler.handle(*_raise(KeyError("again")))

    handler = CrashHandler(Nested())
    handler.previous = lambda *a: None
    handler.handle(*_raise(KeyError("first")))
    assert len(shown) == 1
    assert log_path().read_text(encoding="utf-8").count("KeyError") == 2


def test_the_log_is_kept_small(monkeypatch):
    log_path().parent.mkdir(parents=True, exist_ok=True)
    log_path().write_text("x" * (MAX_BYTES + 10), encoding="utf-8")
    handler = CrashHandler(ScriptedPrompter())
    handler.previous = lambda *a: None
    handler.handle(*_raise(OSError("disk")))
    assert log_path().stat().st_size < 10_000
    assert log_path().with_name(log_path().name + ".1").stat().st_size > MAX_BYTES


def test_an_unwritable_log_does_not_raise_a_second_error(tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "afile"))
    (tmp_path / "afile").write_text("not a folder")
    prompter = ScriptedPrompter()
    handler = CrashHandler(prompter)
    handler.previous = lambda *a: None
    handler.handle(*_raise(ValueError("x")))
    assert "could not be written" in prompter.asked[-1][2]


def test_the_hooks_are_put_back_when_the_app_ends():
    import threading

    before = (sys.excepthook, threading.excepthook)
    handler = CrashHandler(ScriptedPrompter())
    handler.install()
    assert sys.excepthook == handler.handle
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


class ThreadNoting(ScriptedPrompter):
    """Records on which thread each message was shown: a window made on a worker thread freezes the app."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def error(self, parent, title, text):  # noqa: D102
        import threading

        self.threads.append("GUI" if threading.current_thread() is threading.main_thread() else "worker")
        super().error(parent, title, text)


def test_an_error_escaping_a_worker_thread_is_logged_and_shown_on_the_gui_thread(qtbot):
    from PySide6.QtCore import QThread

    class Broken(QThread):
        def run(self):
            raise ValueError("boom in a worker")

    prompter = ThreadNoting()
    handler = CrashHandler(prompter)
    handler.previous = lambda *a: None
    handler.install()
    try:
        worker = Broken()
        with qtbot.waitSignal(worker.finished):
            worker.start()
        qtbot.waitUntil(lambda: bool(prompter.asked))
    finally:
        handler.uninstall()
    assert prompter.threads == ["GUI"]
    assert "boom in a worker" in prompter.asked[0][2]
    assert "ValueError: boom in a worker" in log_path().read_text(encoding="utf-8")


def test_an_error_escaping_a_python_thread_is_told_too(qtbot):
    import threading

    prompter = ThreadNoting()
    handler = CrashHandler(prompter)
    handler.previous = lambda *a: None
    handler.install()
    try:
        def broken():
            raise KeyError("no such column")

        thread = threading.Thread(target=broken)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(prompter.asked))
    finally:
        handler.uninstall()
    assert prompter.threads == ["GUI"] and "no such column" in prompter.asked[0][2]
    assert "KeyError: 'no such column'" in log_path().read_text(encoding="utf-8")


class Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("this error cannot say what it is")


def test_an_error_that_cannot_say_what_it_is_is_still_told_by_its_kind():
    prompter = ScriptedPrompter()
    handler = CrashHandler(prompter)
    handler.previous = lambda *a: None
    handler.handle(*_raise(Unprintable()))
    kind, title, words = prompter.asked[-1]
    assert (kind, title) == ("error", TITLE) and "(Unprintable)" in words and "safe" in words
    assert "Unprintable" in log_path().read_text(encoding="utf-8")
