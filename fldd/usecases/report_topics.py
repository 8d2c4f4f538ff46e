"""Which questions and findings of the standard are about a topic the portfolio report counts (grievance
mechanisms, child labour and young workers), read from the questionnaires: a topic is its module(s) and the
questions tagged with its glossary terms, and its findings are those of the finding rules in those modules or
reading those questions (directly or through derived values), in every version fldd can score."""

from __future__ import annotations

from dataclasses import dataclass

from fldd.standard.model import Questionnaire, Standard

# The one place these topics are named (tests check the ids exist in the shipped questionnaires and glossary).
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "grievance": {"modules": ("grievance",), "terms": ("grievance_mechanism",)},
    "young_workers": {"modules": ("young_workers",), "terms": ("child_labour", "young_worker")},
}


@dataclass(frozen=True)
class TopicScope:
    questions: frozenset[str]  # question ids
    findings: frozenset[str]  # what a finding's threshold_id holds: a threshold id, or the fact it establishes


def topic_scope(standard: Standard, topic: str) -> TopicScope:
    """The questions and finding keys of a topic across every questionnaire version the standard holds."""
    spec = TOPICS[topic]
    questions: set[str] = set()
    findings: set[str] = set()
    for q in _every_version(standard):
        asked, raised = _scope(q, set(spec["modules"]), set(spec["terms"]))
        questions |= asked
        findings |= raised
    return TopicScope(frozenset(questions), frozenset(findings))


def _every_version(standard: Standard):
    yield from standard.questionnaires.values()
    for versions in standard.releases.values():
        yield from versions.values()


def _scope(q: Questionnaire, modules: set[str], terms: set[str]) -> tuple[set[str], set[str]]:
    asked = {x.id for x in q.questions if x.module in modules or terms & set(x.terms)}
    reads = set(asked)
    derived = {d.id: d.expr.expr.names() for d in q.derived}
    grown = True
    while grown:  # derived values computed from the topic's questions, or from such derived values
        grown = False
        for name, names in derived.items():
            if name not in reads and names & reads:
                reads.add(name)
                grown = True
    raised = set()
    for t in q.thresholds:
        if t.action == "finding" and (t.module in modules or t.condition.expr.names() & reads):
            raised.add(t.id)
            if t.fact:
                raised.add(t.fact)
    return asked, raised
