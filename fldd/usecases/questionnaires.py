"""Use cases over the shipped standard: list, validate and show questionnaires."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from fldd.standard.model import Questionnaire, Standard
from fldd.usecases.errors import Rejected

if TYPE_CHECKING:
    from fldd.standard.loader import Loaded


@lru_cache(maxsize=1)
def standard() -> Standard:
    """The shipped standard, read once per process (from the compiled cache when its files are unchanged)."""
    from fldd.usecases.standard_cache import cached_standard

    return cached_standard()


def list_questionnaires() -> list[dict]:
    """One summary row per shipped questionnaire."""
    rows = []
    for q in standard().questionnaires.values():
        rows.append({"id": q.id, "version": q.version, "tier": q.tier, "title": q.title[q.languages[0]],
                     "languages": list(q.languages), "modules": len(q.modules), "questions": len(q.questions),
                     "thresholds": len(q.thresholds), "validity_months": q.validity_months,
                     "content_hash": q.content_hash})
    return sorted(rows, key=lambda r: (r["tier"] != "desktop", r["id"]))


def validate(paths: list[Path] | None = None) -> Loaded:
    """Check questionnaire files (default: every shipped one); problems carry file, line and id."""
    from fldd.standard.loader import load

    return load(paths=paths or None)


def get(ref: str) -> Questionnaire:
    """A shipped questionnaire by `id` or `id@version`."""
    found = standard().get(ref)
    if found is None:
        known = ", ".join(sorted(standard().questionnaires))
        raise Rejected([f"no questionnaire '{ref}' (known: {known})"])
    return found


def show(ref: str, lang: str = "en") -> dict:
    """The whole questionnaire, normalised, with citations spelled out."""
    from fldd.standard.normalise import questionnaire_json

    q = get(ref)
    if lang not in q.languages:
        raise Rejected([f"{q.id} has no language '{lang}' (it has: {', '.join(q.languages)})"])
    return questionnaire_json(q, lang, standard())


def update_lock(root: Path | None = None) -> tuple[Path, list[str]]:
    """Record every data point of the (valid) standard in datapoints.lock.json; returns the new ids.

    Entries are only ever added: once published, an id stays reserved for its meaning and type.
    """
    import json

    from fldd.paths import questionnaires_dir
    from fldd.standard.checks import LOCK_FILE

    from fldd.standard.loader import load

    root = root or questionnaires_dir()
    loaded = load(root)
    if loaded.errors:
        raise Rejected([str(p) for p in loaded.errors])
    path = root / LOCK_FILE
    lock = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    points = lock.setdefault("datapoints", {})
    added = []
    for q in loaded.standard.questionnaires.values():
        for qu in q.questions:
            if qu.id not in points:
                points[qu.id] = {"type": qu.type, "questionnaire": q.id, "since": q.version}
                added.append(qu.id)
    lock["about"] = ("Every data-point id ever published, with its type. Never remove an entry: retire the "
                     "question instead (retired: in its module). Updated by `fldd questionnaires lock`.")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(dict(sorted(lock.items())), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path, added
