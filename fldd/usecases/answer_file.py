"""Answer an assessment from a JSON file (`fldd workbook answer`): a script fills in what the runner would, every
answer checked first, then all saved in one transaction with their history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fldd.standard.answers import coerce_all
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

KEYS = {"questionnaire", "version", "answers", "comments"}


@dataclass(frozen=True)
class Answered:
    """What a file of answers did: answers and comments it set, and what is still missing."""

    answers: int
    comments: int
    missing: tuple[str, ...]


def answer_from_file(ctx: AppContext, assessment_id: int, path: Path | str) -> Answered:
    """Set the answers and comments of an answers file ({"answers": {...}, "comments": {...}}, values as
    `fldd score` reads them); any bad value refuses the whole file, naming it and the question."""
    from fldd.usecases.assessments import AssessmentSession

    path = Path(path)
    data = _read(path)
    try:
        session = AssessmentSession(ctx, assessment_id)
    except NotFound:
        raise Rejected([f"no assessment {assessment_id}"]) from None
    q = session.questionnaire
    if data.get("questionnaire", q.id).partition("@")[0] != q.id or data.get("version", q.version) != q.version:
        raise Rejected([f"{path.name}: the answers are for {data.get('questionnaire')} {data.get('version', '')}, "
                        f"assessment {assessment_id} is on {q.ref}"])
    values, errors = coerce_all(q, data.get("answers", {}))
    problems = [f"{path.name}: answers.{e.question}: {e.message}" for e in errors]
    comments = data.get("comments", {})
    for qid, text in comments.items():
        if q.question(qid) is None:
            problems.append(f"{path.name}: comments.{qid}: no such question in {q.ref}")
        elif not isinstance(text, str):
            problems.append(f"{path.name}: comments.{qid}: a comment is text")
    if problems:
        raise Rejected(problems)
    with ctx.store.write():  # one transaction: a failure half-way leaves every answer as it was
        for qid in values:
            session.answer(qid, data["answers"][qid], comments.get(qid))
        for qid, text in comments.items():
            if qid not in values:
                session.comment(qid, text)
        session.save_result()
    return Answered(len(values), len(comments), tuple(session.result.completeness.missing))


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise Rejected([f"{path}: cannot read the file ({exc.strerror or exc})"]) from None
    except UnicodeDecodeError:
        raise Rejected([f"{path.name}: not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise Rejected([f"{path.name}:{exc.lineno}: not valid JSON ({exc.msg})"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers", {}), dict) \
            or not isinstance(data.get("comments", {}), dict):
        raise Rejected([f"{path.name}: expected a JSON object with \"answers\" and \"comments\" objects"])
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise Rejected([f"{path.name}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(KEYS))}"])
    return data
