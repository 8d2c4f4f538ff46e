"""Every file fldd writes for the user (workbooks, answer packs, reports, copies of evidence) goes through here:
written beside its target, flushed to disk, then put in place, so a crash never leaves half a file; and never
over the database this process has open or the files SQLite keeps beside it, whatever name the user gave.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fldd.store.lock import is_live_database_file
from fldd.usecases.errors import Rejected


_CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def refuse_live_database(path: Path, doing: str) -> None:
    """Rejected when path is fldd's own open database or one of its companion files (-wal, -shm, .lock)."""
    if is_live_database_file(path):
        raise Rejected([f"{path}: this is fldd's own database (or a file SQLite keeps beside it), which is open; "
                        f"{doing} it would damage the database. Choose another name or folder; nothing was written."])


def refuse_unwritable(target: Path) -> None:
    """Rejected now, before the work whose result goes to target, when write_atomically could not put a file
    there (fldd's own database, a folder, a file where a folder should be, a folder that refuses new files)."""
    refuse_live_database(target, "writing over")
    if target.is_dir():
        raise Rejected([f"{target}: this is a folder; give the name of a file to write"])
    folder = target.parent
    while not folder.exists() and folder != folder.parent:  # write_atomically creates missing folders
        if folder.name == "..":  # "missing/.." would be made, then stepped out of: name the folder meant
            raise Rejected([f"{target}: cannot write there (a folder before '..' does not exist)"])
        folder = folder.parent
    if not folder.is_dir():
        raise Rejected([f"{target}: cannot write there ({folder} is a file, not a folder)"])
    probe = folder / f".{target.name}.{secrets.token_hex(4)}.probe"
    try:
        os.close(os.open(probe, _CREATE_NEW, 0o666))
    except OSError as exc:
        raise Rejected([f"{target}: cannot write there ({exc.strerror or exc})"]) from None
    _drop(probe)


def write_bytes_atomically(target: Path, data: bytes, *, overwrite: bool = True) -> None:
    """write_atomically for bytes already in memory."""
    write_atomically(target, lambda handle: handle.write(data), overwrite=overwrite)


def write_atomically(target: Path, write: Callable[[Any], None], *, overwrite: bool = True) -> None:
    """Write to a temporary file beside the target, flush it to disk, then put it in place.

    With overwrite False the target's name is claimed first with an empty file (FileExistsError when the name is
    taken, by a file or a folder): no other file is ever replaced, even one that appears while this is written.
    """
    refuse_live_database(target, "writing over")
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Rejected([f"{target}: cannot write there ({exc.strerror or exc})"]) from None
    claimed = False
    try:
        if not overwrite:
            os.close(os.open(target, _CREATE_NEW, 0o666))
            claimed = True
        # os.open with 0o666: the finished file gets the user's usual permissions (tempfile would make it 0600)
        handle = os.fdopen(os.open(temp, _CREATE_NEW, 0o666), "wb")
    except FileExistsError:
        if not overwrite and not claimed:
            raise
        _drop(target if claimed else None)
        raise Rejected([f"{target}: cannot write there (a temporary file is in the way)"]) from None
    except OSError as exc:
        _drop(target if claimed else None)
        raise Rejected([f"{target}: cannot write there ({exc.strerror or exc})"]) from None
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        _drop(temp, target if claimed else None)
        raise Rejected([f"{target}: cannot write the file ({exc.strerror or exc})"]) from None
    except BaseException:
        _drop(temp, target if claimed else None)
        raise


def _drop(*paths: Path | None) -> None:
    """Remove what a failed write left (a temporary file, a claimed name), quietly."""
    for path in paths:
        if path is not None:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
