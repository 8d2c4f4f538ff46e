"""One finding per fact: the thresholds that establish the same fact from different sources (records,
observation, management, workers, the supplier's own declaration) raise one finding between them, as severe as
the most severe of them, with each of them listed as its evidence. Without this, one fact found on site raised
up to five findings and read as five problems."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from fldd.standard.model import SEVERITIES, Questionnaire, pick
from fldd.standard.result import Evidence, Trigger


def merge_findings(q: Questionnaire, fired: list[Trigger], lang: str) -> tuple[Trigger, ...]:
    """The fired triggers with every group of findings about one fact made into one, at the place of the
    group's first member; escalations and findings without a fact pass through unchanged."""
    groups: dict[str, list[Trigger]] = {}
    for t in fired:
        if t.action == "finding" and t.fact:
            groups.setdefault(t.fact, []).append(t)
    out: list[Trigger] = []
    for t in fired:
        if t.action != "finding" or not t.fact:
            out.append(t)
        elif groups[t.fact][0] is t:
            out.append(_one(q, t.fact, groups[t.fact], lang))
    return tuple(out)


def _one(q: Questionnaire, fact: str, members: list[Trigger], lang: str) -> Trigger:
    """The single finding of a fact: the most severe member's severity, dates and remedy; every member's
    answers; the fact's title when several sources established it, else the one source's own title (which
    says how it is known: "One worker said ...: to investigate" must not read as the established fact)."""
    lead = min(members, key=lambda t: SEVERITIES.index(t.severity) if t.severity in SEVERITIES else len(SEVERITIES))
    because: list[str] = []
    values: dict = {}
    for t in members:
        because += [name for name in t.because if name not in because]
        values.update(t.values)
    declared = q.facts.get(fact)
    return replace(
        lead, id=fact, title=pick(declared.title, lang) if declared and len(members) > 1 else lead.title,
        because=tuple(because),
        values=values, sources=tuple(Evidence(t.id, t.title, t.severity, t.module, t.rule, t.because)
                                     for t in members))


def with_dates(trigger: Trigger, as_of: dt.date | None) -> Trigger:
    """The trigger with its plan and closure dates counted from the assessment date."""
    if as_of is None:
        return trigger
    plan = as_of + dt.timedelta(days=trigger.plan_days) if trigger.plan_days else None
    closure = as_of + dt.timedelta(days=trigger.closure_days) if trigger.closure_days else None
    return replace(trigger, plan_due=plan, closure_due=closure)
