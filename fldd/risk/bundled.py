"""The editions of the risk tables fldd ships, as resources/risk/editions.yaml names them: which file is which
edition, from whom, and whether it is complete. Of one kind, the newest edition is in force."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from fldd.risk.data import KINDS, Edition, RiskDataError

_KEYS = ("file", "kind", "name", "edition", "published", "source", "complete", "note", "countries")
MISSING = "missing"  # the basis of the countries an edition lacks


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
                             rows=_count_rows(path.parent / entry["file"]),
                             **_countries(path, number, entry.get("countries"))))
    return tuple(sorted(found, key=lambda e: (KINDS.index(e.kind), _newest_first(e.edition))))


def _countries(path: Path, number: int, raw) -> dict:
    """The caveats and missing countries of an edition's `countries:` list (how a partial edition got each
    country's rows); RiskDataError naming the edition when a code is unknown, given twice or words are absent."""
    from fldd.risk.data import load_countries

    if not raw:
        return {}
    known = load_countries(path.parent)
    where = f"{path}: edition {number}"
    caveats: dict[str, str] = {}
    missing: list[str] = []
    for item in raw if isinstance(raw, list) else [raw]:
        if not isinstance(item, dict) or not item.get("basis") or not isinstance(item.get("iso2"), list):
            raise RiskDataError(f"{where}: each of 'countries' gives basis, iso2 (a list) and words")
        words = " ".join(str(item.get("words") or "").split())
        if item["basis"] != MISSING and "{country}" not in words:
            raise RiskDataError(f"{where}: the words of basis '{item['basis']}' must name {{country}}")
        for code in item["iso2"]:
            if str(code) not in known:
                raise RiskDataError(f"{where}: unknown country code '{code}'")
            if code in caveats or code in missing:
                raise RiskDataError(f"{where}: country {code} is given twice in 'countries'")
            if item["basis"] == MISSING:
                missing.append(code)
            else:
                caveats[code] = words
    return {"caveats": tuple(sorted(caveats.items())), "missing": tuple(missing)}


def _newest_first(edition: str) -> tuple:
    return tuple(-int(part) if part.isdigit() else 0 for part in edition.replace("-", ".").split("."))


def _count_rows(path: Path) -> int:
    """Data rows of a bundled CSV (its lines but the heading; the files hold no line breaks inside values)."""
    with path.open(encoding="utf-8") as handle:
        return max(0, sum(1 for line in handle if line.strip()) - 1)
