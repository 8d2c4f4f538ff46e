"""The editions of the risk tables fldd ships, as resources/risk/editions.yaml names them: which file is which
edition, from whom, and whether it is complete. Of one kind, the newest edition is in force."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from fldd.risk.data import KINDS, Edition, RiskDataError

_KEYS = ("file", "kind", "name", "edition", "published", "source", "complete", "note")


def bundled_editions(folder: Path) -> list[Edition]:
    """Every edition listed in folder/editions.yaml, newest first within a kind; [] when there is no such file."""
    return list(_read(folder / "editions.yaml"))


@lru_cache(maxsize=4)
def _read(path: Path) -> tuple[Edition, ...]:
    import yaml

    if not path.exists():
        return ()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RiskDataError(f"{path}: cannot read ({exc})") from None
    found = []
    for number, entry in enumerate(doc.get("editions") or [], start=1):
        if not isinstance(entry, dict) or set(entry) - set(_KEYS) or not all(entry.get(k) for k in
                                                                           ("file", "kind", "name", "edition")):
            raise RiskDataError(f"{path}: edition {number} must have file, kind, name and edition "
                                f"(and only the keys {', '.join(_KEYS)})")
        if entry["kind"] not in KINDS:
            raise RiskDataError(f"{path}: edition {number}: unknown kind '{entry['kind']}'")
        if not (path.parent / entry["file"]).exists():
            raise RiskDataError(f"{path}: edition {number}: no file {entry['file']} beside it")
        published = entry.get("published")
        if isinstance(published, dt.date):
            published = published.isoformat()
        found.append(Edition(kind=entry["kind"], name=str(entry["name"]), edition=str(entry["edition"]),
                             published=published or None, source=" ".join(str(entry.get("source") or "").split()),
                             complete=bool(entry.get("complete", True)),
                             note=" ".join(str(entry.get("note") or "").split()), file_name=entry["file"],
                             rows=_count_rows(path.parent / entry["file"])))
    return tuple(sorted(found, key=lambda e: (KINDS.index(e.kind), _newest_first(e.edition))))


def _newest_first(edition: str) -> tuple:
    return tuple(-int(part) if part.isdigit() else 0 for part in edition.replace("-", ".").split("."))


def _count_rows(path: Path) -> int:
    """Data rows of a bundled CSV (its lines but the heading; the files hold no line breaks inside values)."""
    with path.open(encoding="utf-8") as handle:
        return max(0, sum(1 for line in handle if line.strip()) - 1)
