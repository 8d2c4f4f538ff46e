"""What an auditor's finding can point at: a question of its assessment, an ILO indicator, files taken on site.
A finding tied to the question it concerns can be checked against the answer; a photo keeps what was seen."""

from __future__ import annotations

from fldd.standard.model import INDICATORS, Questionnaire, pick
from fldd.store import assessments as store_assessments
from fldd.store import evidence as store_evidence
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected


def link_choices(ctx: AppContext, assessment_id: int) -> dict:
    """The questions of the assessment's questionnaire (id, text, module, indicators) in their order, and the
    eleven ILO indicators as (number, label), for the person to pick from."""
    try:
        record = store_assessments.get(ctx.store, assessment_id)
    except NotFound:
        raise Rejected([f"assessment {assessment_id} does not exist"]) from None
    q = ctx.standard.get(record.ref)
    lang = record.language or "en"
    questions = []
    if q is not None:
        for module in q.modules:
            for question in module.questions:
                questions.append({"id": question.id, "text": pick(question.text, lang),
                                  "module": pick(module.title, lang), "indicators": list(question.indicators)})
    return {"questions": questions,
            "indicators": [(n, ctx.standard.label("indicators", n, lang)) for n in INDICATORS]}


def link_problems(q: Questionnaire | None, ref: str, question_id: str | None, indicator: int | None) -> list[str]:
    """What is wrong with the question and indicator a finding names (empty when nothing is)."""
    problems = []
    if question_id is not None and (q is None or q.question(question_id) is None):
        problems.append(f"question: '{question_id}' is not a question of {ref.partition('@')[0]}")
    if indicator is not None and indicator not in INDICATORS:
        problems.append(f"ILO indicator: {indicator} is not one of the 11 indicators (1 to 11)")
    return problems


def finding_evidence(ctx: AppContext, finding_id: int) -> list[dict]:
    """Files kept with a finding (name, sha256, size, who and when; no bytes)."""
    return store_evidence.list_for(ctx.store, finding_id=finding_id)


def link_text(ctx: AppContext, row: dict) -> str:
    """What a finding row names, in words: 'Question: ...' and 'ILO indicator 8: ...' on lines of their own."""
    lang = row.get("language") or "en"
    lines = []
    if row.get("question_id"):
        q = ctx.standard.get(f"{row.get('questionnaire_id')}@{row.get('questionnaire_version')}")
        question = q.question(row["question_id"]) if q is not None else None
        lines.append(f"Question: {pick(question.text, lang) if question else row['question_id']}")
    if row.get("indicator"):
        lines.append(f"ILO indicator {row['indicator']}: {ctx.standard.label('indicators', row['indicator'], lang)}")
    return "\n".join(lines)
