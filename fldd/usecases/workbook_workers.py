"""Worker processes that read and check workbooks for a large import, so that it uses more than one core.

Each worker is a plain child process started with an explicit command (`python -m fldd.usecases.workbook_workers`,
or the bundled app with WORKER_FLAG), talking over its stdin and stdout in length-prefixed pickle frames: no
multiprocessing, so no re-import of the caller's main module (which makes a script without a main guard
re-run itself, or hang) and nothing forked from a process with threads. A worker that fails or dies is
dropped, and its files are read in this process instead.
"""

from __future__ import annotations

import gc
import pickle
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

WORKER_FLAG = "--fldd-read-worker"
_HEADER = struct.Struct("<Q")


def worker_command() -> list[str]:
    """How to start a worker: the bundled app with WORKER_FLAG, or this module under the same Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "fldd.usecases.workbook_workers"]


def _send(stream: IO[bytes], item: Any) -> None:
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other side closed the pipe")
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe")
    return pickle.loads(data)  # frames from our own child process, over its private pipe


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """A worker's loop: the standard, signing key and scoring means first, then a path per job, None to stop."""
    import traceback

    from fldd.usecases.workbook_reading import load

    try:
        standard, secret, scoring = _receive(stdin)
        gc.freeze()  # the standard lives as long as the worker: keep the collector from walking it again and again
        _send(stdout, ("ready", None))
        while True:
            path = _receive(stdin)
            if path is None:
                return 0
            try:
                loaded = load(path, standard, secret, scoring)
                if loaded.checked is not None:  # the caller has them: do not send the questionnaire back
                    loaded.checked = replace(loaded.checked, questionnaire=None, layout=None)
                _send(stdout, ("ok", loaded))
            except Exception:  # a bug: the caller reads the file itself, where it fails loudly
                _send(stdout, ("error", traceback.format_exc()))
    except (EOFError, BrokenPipeError):
        return 0


class Workers:
    """A few worker processes; map() gives each file's Loaded in file order."""

    def __init__(self, count: int, standard: Any, secret: str | None, scoring: Any = None, ahead: int = 4) -> None:
        self.ahead = ahead
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window from the Windows app
        self.processes: list[subprocess.Popen | None] = [
            subprocess.Popen(worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, creationflags=flags)
            for _ in range(count)]
        for index in range(count):
            self._send(index, (standard, secret, scoring))
        for index, process in enumerate(self.processes):  # a worker that cannot even start is not used
            try:
                if process is None or _receive(process.stdout)[0] != "ready":
                    self._drop(index)
            except (EOFError, OSError, pickle.UnpicklingError):
                self._drop(index)

    def _send(self, index: int, item: Any) -> bool:
        process = self.processes[index]
        if process is None:
            return False
        try:
            _send(process.stdin, item)
            return True
        except OSError:
            self._drop(index)
            return False

    def _drop(self, index: int) -> None:
        process = self.processes[index]
        self.processes[index] = None
        if process is not None:
            process.kill()
            process.wait()
            for pipe in (process.stdin, process.stdout):
                try:
                    pipe.close()
                except OSError:  # a broken pipe's buffered bytes cannot be flushed: nothing is waiting for them
                    pass

    def map(self, files: list[Path], load_here, stopped_on) -> Iterator[Any]:
        """Each file's result, in order: from the worker it was given to; stopped_on(path) for the file a
        worker died on (a file built to crash a reader must not then crash this process); load_here(path)
        for the other files of a worker that is gone, or when its reading failed with an error."""
        count = len(self.processes)
        sent: list[bool] = []

        def submit(position: int) -> None:
            sent.append(self._send(position % count, files[position]))

        for position in range(min(len(files), count * self.ahead)):
            submit(position)
        for position, path in enumerate(files):
            index = position % count
            result = None
            if sent[position] and self.processes[index] is not None:
                try:
                    status, result = _receive(self.processes[index].stdout)
                    if status != "ok":
                        result = None
                except (EOFError, OSError, pickle.UnpicklingError):
                    self._drop(index)
                    result = stopped_on(path)
            if position + count * self.ahead < len(files):
                submit(position + count * self.ahead)
            yield result if result is not None else load_here(path)

    def close(self) -> None:
        """Stop the workers: idle ones leave at once, one still busy with a file read ahead is stopped."""
        for process in self.processes:
            if process is not None:
                try:
                    _send(process.stdin, None)
                    process.stdin.close()
                except OSError:
                    pass
        for index, process in enumerate(self.processes):
            if process is not None:
                try:
                    process.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    pass
                self._drop(index)


def main() -> int:
    """Run as a worker: frames go to the real stdout; anything a library prints goes to stderr instead."""
    frames = sys.stdout.buffer
    sys.stdout = sys.stderr
    return serve(sys.stdin.buffer, frames)


if __name__ == "__main__":
    sys.exit(main())
