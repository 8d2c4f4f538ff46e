"""Use cases over the shipped standard: list, validate and show questionnaires."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fldd.standard.loader import Loaded, load, load_shipped
from fldd.standard.model import Questionnaire, Standard
from fldd.standard.normalise import questionnaire_json
from fldd.usecases.errors import Rejected


@lru_cache(maxsize=1)
def standard() -> Standard:
    """The shipped standard, read once per process."""
    return load_shipped()


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
    q = get(ref)
    if lang not in q.languages:
        raise Rejected([f"{q.id} has no language '{lang}' (it has: {', '.join(q.languages)})"])
    return questionnaire_json(q, lang, standard())
