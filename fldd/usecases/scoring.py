"""Use case: score an answers file (the JSON that `fldd score` reads)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from fldd.standard.answers import coerce_all
from fldd.standard.engine import score
from fldd.standard.model import Questionnaire
from fldd.standard.result import Result
from fldd.usecases import questionnaires
from fldd.usecases.errors import Rejected

ANSWERS_KEYS = {"questionnaire", "version", "as_of", "language", "inputs", "declared", "answers"}


def read_answers_file(path: Path) -> dict[str, Any]:
    """Parse the JSON answers file; refuse anything that is not the documented shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Rejected([f"{path}: no such file"]) from None
    except UnicodeDecodeError:
        raise Rejected([f"{path}: not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise Rejected([f"{path}:{exc.lineno}: not valid JSON ({exc.msg})"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise Rejected([f"{path}: expected a JSON object with an \"answers\" object"])
    unknown = sorted(set(data) - ANSWERS_KEYS)
    if unknown:
        raise Rejected([f"{path}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(ANSWERS_KEYS))}"])
    for key in ("inputs", "declared"):
        if key in data and not isinstance(data[key], dict):
            raise Rejected([f"{path}: \"{key}\" must be an object"])
    return data


def score_file(path: Path, ref: str | None = None) -> tuple[Questionnaire, Result]:
    """Score the answers in `path` against questionnaire `ref` (or the one the file names)."""
    data = read_answers_file(path)
    named = data.get("questionnaire")
    ref = ref or named
    if not ref:
        raise Rejected([f"{path}: name the questionnaire with --questionnaire or a \"questionnaire\" field"])
    if data.get("version") and "@" not in ref:
        known = questionnaires.standard().versions(ref)
        if known and data["version"] not in known:
            raise Rejected([f"{path}: answers are for version {data['version']} of {ref}, which this fldd does not "
                            f"read (it reads {', '.join(known)})"])
        ref = f"{ref}@{data['version']}"  # answers to an older version are scored by that version's rules
    q = questionnaires.get(ref)
    if named and named.partition("@")[0] != q.id:
        raise Rejected([f"{path}: the file is for '{named}', not '{q.id}'"])
    if data.get("version") and data["version"] != q.version:
        raise Rejected([f"{path}: answers are for version {data['version']}, the questionnaire is {q.version}"])
    values, errors = coerce_all(q, data["answers"])
    messages = [f"{path}: answers.{e.question}: {e.message}" for e in errors]
    declared: dict[str, Any] = {}
    if data.get("declared"):
        target = questionnaires.get(q.verifies) if q.verifies else None
        if target is None:
            messages.append(f"{path}: \"declared\" answers apply only to a questionnaire that verifies another")
        else:
            declared, errs = coerce_all(target, data["declared"])
            messages += [f"{path}: declared.{e.question}: {e.message}" for e in errs]
    inputs = data.get("inputs", {})
    known_inputs = {i.id for i in q.inputs}
    messages += [f"{path}: inputs.{k}: not an input of {q.id} (known: {', '.join(sorted(known_inputs)) or 'none'})"
                 for k in inputs if k not in known_inputs]
    as_of = None
    if data.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(str(data["as_of"]))
        except ValueError:
            messages.append(f"{path}: as_of: '{data['as_of']}' is not a date in the form YYYY-MM-DD")
    lang = data.get("language", q.languages[0])
    if lang not in q.languages:
        messages.append(f"{path}: language '{lang}' is not one of {', '.join(q.languages)}")
    if messages:
        raise Rejected(messages)
    return q, score(q, values, inputs=inputs, declared=declared, as_of=as_of, lang=lang)
