"""An assessment's data as the dossier hands it on: `assessments show --json`, with every worker-interview
figure worded as the reports word it, so that the file a customer or an authority receives singles out no
worker where the PDF beside it would not.

The figures sit in many places of that JSON (answers, the values behind each trigger and finding, red flags,
corrections, derived values such as the share of workers who paid a fee, and rules such as
'wi_no_own_passport = 1' that tell the count they fired on). Each is found by the question or derived value it
belongs to, never by where it sits: a figure is worded through report_privacy's rule, a derived value computed
from one is not shown, a rule that reads one is left out, and the auditor's comments on interview questions are
dropped (one may describe one worker).
"""

from __future__ import annotations

import re
from typing import Any

from fldd.standard.model import Questionnaire
from fldd.usecases.context import AppContext

_NAME = re.compile(r"\b[a-z][a-z0-9_]*\b")
_VALUES = ("value", "declared", "was", "answer", "verified", "new_value", "old_value", "declared_value")
_RULES = ("rule", "detail")
_KEEP = object()


def discreet_assessment_json(ctx: AppContext, assessment_id: int) -> dict[str, Any]:
    """assessment_json with the worker-interview figures worded, their comments dropped, the rules and derived
    values that would tell them left out."""
    from fldd.reports.labels import words
    from fldd.usecases.assessments import AssessmentSession, assessment_json
    from fldd.usecases.report_privacy import SMALL, InterviewCounts

    data = assessment_json(ctx, assessment_id)
    session = AssessmentSession(ctx, assessment_id)
    labels = words(data["language"] or "en")
    counts = InterviewCounts(session.questionnaire, data["answers"], labels)  # as the report reads them
    private = _private(session.questionnaire, counts)
    if not private:
        return data

    def worded(qid: str, value: Any) -> Any:
        if qid == counts.total_id:
            told = counts.total_label()
            return value if told == str(value) else told
        if qid not in counts.counts:
            return labels["not_shown"] if qid in private else value  # a value derived from interview figures
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return value  # no figure: "don't know", or the desktop answer a mismatch sets beside it
        told = counts.label(qid, value, _KEEP)
        return value if told is _KEEP else told

    data = _walk(data, private, worded)
    if counts.total is not None and 0 < counts.total < SMALL:  # "2 of 15 workers interviewed" beside "fewer than 3"
        done = {rule.id: rule.done for rule in session.questionnaire.sampling}
        for check in data["sampling"]["checks"]:
            if done.get(check["rule"]) == counts.total_id:
                check.update(done=counts.total_label(), text="")
    return data


def _private(q: Questionnaire, counts) -> set[str]:
    """The interview questions (their figures and tallies) and every derived value computed from them."""
    names = {x.id for x in q.questions if counts.covers(x.id) or x.tally is not None}
    grew = True
    while grew:  # a derived value may be computed from another (the fee grade from the fee share)
        grew = False
        for d in q.derived:
            if d.id not in names and names & set(_NAME.findall(d.expr.text)):
                names.add(d.id)
                grew = True
    return names


def _walk(node: Any, private: set[str], worded) -> Any:
    if isinstance(node, list):
        return [_walk(item, private, worded) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    about = node.get("question") if isinstance(node.get("question"), str) else None
    for key, value in node.items():
        if key == "comments" and isinstance(value, dict):
            out[key] = {k: v for k, v in value.items() if k not in private}
        elif key in _RULES and isinstance(value, str) and private & set(_NAME.findall(value)):
            out[key] = ""
        elif about in private and key in _VALUES:
            out[key] = worded(about, value)
        elif key in private and isinstance(value, dict):
            out[key] = {k: worded(key, v) if k in _VALUES else v for k, v in value.items()}
        elif key in private and not isinstance(value, list):
            out[key] = worded(key, value)
        else:
            out[key] = _walk(value, private, worded)
    return out
