"""Released questionnaire versions, frozen as JSON snapshots, so that an assessment keeps being read and scored
against the version it was answered on after the YAML files have moved on.

A snapshot (questionnaires/releases/<id>/<version>.json) holds the normalised questionnaire with every language
(normalise.questionnaire_json(q, None)) and its content_hash; content_hash is the sha256 of that very body, so
a snapshot is checked by hashing its body again. The model is rebuilt from the body, conditions parsed, and keeps
the recorded hash: workbooks and answer packs exported under that version still match it.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from fldd.standard import conditions
from fldd.standard.model import (
    Band, Check, Condition, Derived, Fact, Floor, Input, Module, Option, Question, Questionnaire, RiskRule,
    SampleRule, Source, Table, Term, Threshold, Verification, Where,
)
from fldd.standard.problems import Problems

FOLDER = "releases"
FORMAT = 1
ABOUT = ("A released version of an fldd questionnaire, frozen: assessments answered on it are read and scored "
         "against this file. Never edit it; `fldd questionnaires validate` re-hashes the body against content_hash. "
         "Written by `fldd questionnaires release ID`.")


def body_hash(body: dict) -> str:
    """sha256 of the canonical JSON of a normalised questionnaire (what normalise.content_hash hashes)."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def snapshot(q: Questionnaire) -> dict:
    """The release file's content for questionnaire `q` as loaded from its YAML files."""
    from fldd.standard.normalise import questionnaire_json

    body = questionnaire_json(q, None)
    return {"about": ABOUT, "format": FORMAT, "id": q.id, "version": q.version, "content_hash": body_hash(body),
            "questionnaire": body}


def release_path(root: Path, qid: str, version: str) -> Path:
    """Where the snapshot of `qid` at `version` is kept."""
    return root / FOLDER / qid / f"{version}.json"


def version_key(version: str) -> tuple[int, ...]:
    """A semantic version as numbers, for ordering ('10.0.0' after '9.1.0'); unparsable parts count as 0."""
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def read_releases(root: Path, sources: dict[str, Source], glossary: dict[str, Term],
                  problems: Problems) -> dict[str, dict[str, Questionnaire]]:
    """Every snapshot under root/releases, checked and built: questionnaire id -> version -> questionnaire.
    A snapshot with any error is reported and left out."""
    folder = root / FOLDER
    found: dict[str, dict[str, Questionnaire]] = {}
    for path in sorted(folder.glob("*/*.json")) if folder.is_dir() else []:
        q = read_release(path, sources, glossary, problems)
        if q is not None:
            found.setdefault(q.id, {})[q.version] = q
    return found


def read_release(path: Path, sources: dict[str, Source], glossary: dict[str, Term],
                 problems: Problems) -> Questionnaire | None:
    """One snapshot: its integrity, its name, the citations and terms it needs, then the model."""
    before = len(problems.errors)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.error(path, 1, f"not a readable release snapshot: {exc}")
        return None
    body = data.get("questionnaire") if isinstance(data, dict) else None
    if not isinstance(body, dict) or not isinstance(data.get("content_hash"), str):
        problems.error(path, 1, "a release snapshot needs 'questionnaire' (the normalised body) and 'content_hash'")
        return None
    if data.get("format") != FORMAT:
        problems.error(path, 1, f"release format {data.get('format')!r} is not {FORMAT}: this fldd cannot read it")
        return None
    if body_hash(body) != data["content_hash"]:
        problems.error(path, 1, "the snapshot's content does not match its content_hash: a released version is "
                       "never edited (restore the file from version control, or release a new version)")
        return None
    qid, version = body.get("id"), body.get("version")
    if (data.get("id"), data.get("version")) != (qid, version) or (path.parent.name, path.stem) != (qid, version):
        problems.error(path, 1, f"the snapshot of {qid}@{version} must be {FOLDER}/{qid}/{version}.json and say so "
                       "in its 'id' and 'version'")
        return None
    _check_references(body, path, sources, glossary, problems)
    try:
        q = build(body, data["content_hash"], path)
    except (KeyError, TypeError, ValueError, conditions.ConditionSyntaxError) as exc:
        problems.error(path, 1, f"the snapshot cannot be read as a questionnaire: {exc!r}")
        return None
    return q if len(problems.errors) == before else None


def _check_references(body: dict, path: Path, sources: dict[str, Source], glossary: dict[str, Term],
                      problems: Problems) -> None:
    """Sources and glossary terms a release cites must stay in sources.yaml and glossary.yaml."""
    cited = [(k, qu["id"]) for qu in body.get("questions", []) for k in qu.get("basis", [])]
    cited += [(k, t["id"]) for t in body.get("thresholds", []) for k in t.get("basis", [])]
    cited += [(k, r["id"]) for r in body.get("sampling", []) for k in r.get("basis", [])]
    for key, item in cited:
        if key not in sources:
            problems.error(path, 1, f"released {body.get('id')}@{body.get('version')} cites '{key}', which is no "
                           "longer in sources.yaml: keep the source", item)
    for qu in body.get("questions", []):
        for term in qu.get("terms", []):
            if term not in glossary:
                problems.error(path, 1, f"released {body.get('id')}@{body.get('version')} uses the term '{term}', "
                               "which is no longer in glossary.yaml: keep the term", qu["id"])


def check_against(current: dict[str, Questionnaire], releases: dict[str, dict[str, Questionnaire]],
                  lock: dict[str, dict], root: Path, problems: Problems) -> None:
    """Releases and the YAML files agree: a released version's content never changes under the same version
    number, the files are never older than a release, and a data point only a release still has stays in the lock
    with its type."""
    for qid, versions in sorted(releases.items()):
        q = current.get(qid)
        for version, frozen in sorted(versions.items(), key=lambda kv: version_key(kv[0])):
            path = release_path(root, qid, version)
            if q is None:
                problems.error(path, 1, f"released questionnaire '{qid}' has no questionnaire file any more")
            elif version == q.version and frozen.content_hash != q.content_hash:
                problems.error(q.where.path, 1, f"{qid}@{version} is released and its content has changed since: "
                               "raise the version (a released version never changes)")
            elif version_key(version) > version_key(q.version):
                problems.error(q.where.path, 1, f"{qid} is at version {q.version}, older than its release {version}")
            present = {qu.id for other in current.values() for qu in other.questions}
            for qu in frozen.questions:
                if qu.id in present:
                    continue  # the lock check covers the current files' data points
                entry = lock.get(qu.id)
                if entry is None:
                    problems.error(path, 1, "released data point is not in datapoints.lock.json", qu.id)
                elif entry.get("type") != qu.type:
                    problems.error(path, 1, f"released as {qu.type}, locked as {entry.get('type')}", qu.id)


# -- the model from a snapshot's body ---------------------------------------------------------------------------
def build(body: dict, recorded_hash: str, path: Path) -> Questionnaire:
    """The questionnaire a snapshot describes, in the model the engine reads; content_hash is the recorded one.

    A snapshot written before rating floors and plan dates (1.0.0) reads in today's terms with its meaning kept:
    its caps ("no better than") are floors ("at least"), which say the same; a severity's or threshold's due_days
    was the corrective-action deadline, now the plan's (there was no closure date); it has no facts, so each
    finding stays its own, and its red flags are counted as it counted them, one per red-flag answer."""
    where = Where(str(path), 1)
    by_id = {qu["id"]: qu for qu in body["questions"]}
    modules = tuple(
        Module(m["id"], _text(m["title"]), _text(m["intro"]), _cond(m["show_if"], where),
               tuple(_question(by_id[qid], where) for qid in m["questions"]), (), where)
        for m in body["modules"])
    scoring = body["scoring"]
    return Questionnaire(
        id=body["id"], version=body["version"], tier=body["tier"], title=_text(body["title"]),
        description=_text(body["description"]), languages=tuple(body["languages"]),
        validity_months=body["validity_months"], estimated_minutes=body["estimated_minutes"],
        verifies=body["verifies"], modules=modules,
        inputs=tuple(Input(i["id"], i["type"], _text(i["label"])) for i in body["inputs"]),
        bands=tuple(Band(b["rating"], _dec(b["min_score"])) for b in scoring["bands"]),
        floors=tuple(Floor(_cond(c["if"], where), c["rating"], _text(c["reason"]))
                     for c in scoring.get("floors", scoring.get("caps", []))),
        severity_plan_days={k: v.get("plan_days", v.get("due_days")) for k, v in body["severities"].items()},
        severity_closure_days={k: v["closure_days"] for k, v in body["severities"].items()
                               if v.get("closure_days") is not None},
        derived=tuple(Derived(d["id"], _text(d["label"]), _text(d["unit"]), _cond(d["expr"], where), where)
                      for d in body["derived"]),
        tables={tid: Table(tid, tuple(t["rows"]), tuple(t["columns"]),
                           tuple(tuple(c if isinstance(c, str) else _dec(c) for c in row) for row in t["cells"]),
                           where) for tid, t in body["tables"].items()},
        thresholds=tuple(Threshold(t["id"], _text(t["title"]), _cond(t["condition"], where), t["action"],
                                   t["severity"], _text(t["remedy"]), tuple(t["basis"]), t["module"], where,
                                   t.get("fact"), t.get("plan_days", t.get("due_days")), t.get("closure_days"))
                         for t in body["thresholds"]),
        where=where,
        sampling=tuple(SampleRule(r["id"], r["done"], r["minimum"], r["of"], _text(r["label"]), tuple(r["basis"]))
                       for r in body.get("sampling", [])),
        facts={f["id"]: Fact(f["id"], _text(f["title"]), where) for f in body.get("facts", [])},
        red_flags_count="fact" if "facts" in body else "answer",
        content_hash=recorded_hash,
    )


def _question(data: dict, where: Where) -> Question:
    verifies = data["verifies"]
    check = data.get("check")
    return Question(
        id=data["id"], module=data["module"], type=data["type"], text=_text(data["text"]),
        guidance=_text(data["guidance"]), evidence=_text(data["evidence"]), required=data["required"],
        show_if=_cond(data["show_if"], where), indicators=tuple(data["indicators"]), basis=tuple(data["basis"]),
        terms=tuple(data["terms"]),
        options=tuple(Option(o["value"], _text(o["label"]), o["risk"], o["red_flag"], o["exclusive"])
                      for o in data["options"]),
        weight=_dec(data["weight"]), unit=_text(data["unit"]), minimum=_dec(data["min"]), maximum=_dec(data["max"]),
        risk_rules=tuple(RiskRule(_cond(r["if"], where), r["risk"]) for r in data["risk_rules"]),
        red_flag_if=_cond(data["red_flag_if"], where),
        verifies=Verification(verifies["question"], _cond(verifies["disagree_if"], where)) if verifies else None,
        where=where,
        specials=tuple(Option(o["value"], _text(o["label"]), o["risk"]) for o in data["special_answers"]),
        tally=data["tally"], tally_of=data["tally_of"], ask=_text(data.get("ask")),
        check=Check(_text(check["item"]), check["not_available"] if isinstance(check["not_available"], str | None)
                    else _dec(check["not_available"])) if check else None,
        fact=data.get("fact"),
    )


def _text(value: Any) -> dict[str, str]:
    """A snapshot's text (every language) as model Text; absent text is empty."""
    return dict(value) if value else {}


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _cond(text: str | None, where: Where) -> Condition | None:
    return None if text is None else Condition(text, conditions.parse(text), where)
