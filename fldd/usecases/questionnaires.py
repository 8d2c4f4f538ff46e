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
    """One summary row per shipped questionnaire (its current version), with the earlier versions it still reads."""
    rows = []
    for q in standard().questionnaires.values():
        rows.append({"id": q.id, "version": q.version, "tier": q.tier, "title": q.title[q.languages[0]],
                     "languages": list(q.languages), "modules": len(q.modules), "questions": len(q.questions),
                     "thresholds": len(q.thresholds), "validity_months": q.validity_months,
                     "content_hash": q.content_hash, "earlier_versions": standard().versions(q.id)[:-1]})
    return sorted(rows, key=lambda r: (r["tier"] != "desktop", r["id"]))


def validate(paths: list[Path] | None = None) -> Loaded:
    """Check questionnaire files (default: every shipped one, the reporting-law map, the inherent-risk rules and
    the next-step rules);
    problems carry file, line and id."""
    from fldd.standard.loader import load
    from fldd.usecases.queue import check_rules
    from fldd.usecases.reporting_laws import check_law_map

    loaded = load(paths=paths or None)
    if not paths:  # the law map names the shipped questionnaires' data points: checked with them
        loaded.problems.extend(check_law_map(loaded.standard)[1].items)
        loaded.problems.extend(check_inherent_rules(loaded.standard).items)
        loaded.problems.extend(check_rules(set(loaded.standard.sources))[1].items)  # the next-step rules
    return loaded


def check_inherent_rules(standard: Standard, path: Path | None = None):
    """Every problem of the inherent-risk rules (questionnaires/inherent_risk.yaml), their sources checked
    against the standard's sources.yaml."""
    from fldd.paths import questionnaires_dir
    from fldd.risk import inherent_rules
    from fldd.standard.problems import Problems

    problems = Problems()
    titles = {key: source.citation for key, source in standard.sources.items()}
    inherent_rules.read(path or questionnaires_dir() / inherent_rules.FILE_NAME, source_titles=titles,
                        problems=problems)
    return problems


def get(ref: str) -> Questionnaire:
    """A shipped questionnaire by `id` or `id@version`."""
    found = standard().get(ref)
    if found is None:
        known = ", ".join(f"{qid}@{v}" for qid in sorted(standard().questionnaires)
                          for v in standard().versions(qid))
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


def release(qid: str, root: Path | None = None) -> tuple[Path, bool]:
    """Freeze the current content of questionnaire `qid` as its release snapshot (releases/<id>/<version>.json):
    assessments answered on this version are read and scored against it after the files move on. Returns the path
    and whether it was written (False: that version was already released with this very content). Refused while
    the standard has errors, and when the version was released with other content (raise the version instead)."""
    import json

    from fldd.paths import questionnaires_dir
    from fldd.standard import releases
    from fldd.standard.loader import load

    root = root or questionnaires_dir()
    loaded = load(root)
    if loaded.errors:
        raise Rejected([str(p) for p in loaded.errors])
    q = loaded.standard.questionnaires.get(qid.partition("@")[0])
    if q is None:
        raise Rejected([f"no questionnaire '{qid}' (known: {', '.join(sorted(loaded.standard.questionnaires))})"])
    if "@" in qid and qid.partition("@")[2] != q.version:
        raise Rejected([f"{q.id} is at version {q.version} in its file; only the current version can be released"])
    data = releases.snapshot(q)
    path = releases.release_path(root, q.id, q.version)
    if path.is_file():  # same version already released: with the same content, nothing to do (validated above)
        return path, False
    _check_round_trip(q, data, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path, True


def _check_round_trip(q: Questionnaire, data: dict, path: Path) -> None:
    """A snapshot must give back exactly the questionnaire it froze; a field the normalised form does not carry
    would be lost on the way, so the release is refused rather than frozen wrong."""
    from fldd.standard import releases
    from fldd.standard.normalise import questionnaire_json

    rebuilt = releases.build(data["questionnaire"], data["content_hash"], path)
    if questionnaire_json(rebuilt, None) != data["questionnaire"]:
        raise Rejected([f"{q.ref}: the snapshot would not give back the same questionnaire (a field the normalised "
                        "form does not carry?); fix fldd/standard/releases.py before releasing"])
