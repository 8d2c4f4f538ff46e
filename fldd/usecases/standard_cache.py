"""The shipped standard, compiled once and kept in the cache folder: reading and validating the YAML takes
about 300 ms (most of it JSON Schema), unpickling the result a few. The key covers every file of the
standard (path, size, modification time) and fldd's version, so any change rebuilds it."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from fldd import __version__, paths
from fldd.standard.model import Standard


def _key(root: Path) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def cached_standard(root: Path | None = None, cache: Path | None = None) -> Standard:
    """The standard from the cache when its files are unchanged; else read, validate and cache it."""
    root = root or paths.questionnaires_dir()
    cache = cache or paths.cache_dir()
    target = cache / f"standard-{_key(root)}.pickle"
    try:
        with target.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, Standard):
            return found
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass  # absent or stale: rebuild below
    from fldd.standard.loader import load_shipped

    standard = load_shipped() if root == paths.questionnaires_dir() else _load(root)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("standard-*.pickle"):
            old.unlink(missing_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(standard, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(target)
    except OSError:
        pass  # a read-only cache folder only costs time
    return standard


def _load(root: Path) -> Standard:
    from fldd.standard.loader import StandardError, load

    loaded = load(root)
    if loaded.errors:
        raise StandardError(loaded.errors)
    return loaded.standard
