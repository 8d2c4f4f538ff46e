"""What scoring one assessment produces: every figure with the rule and answers behind it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fldd.standard.answers import to_json


@dataclass(frozen=True)
class RiskSummary:
    """Risk of one ILO indicator or one module: the highest question risk, and the questions behind it."""

    key: str
    risk: int | None  # 0-3; None when nothing that counts was answered
    answered: int  # questions that count and were answered
    visible: int  # questions shown
    top: tuple[str, ...]  # the questions carrying the highest risk
    score: Decimal | None = None


@dataclass(frozen=True)
class RedFlag:
    """An answer that is on its own a strong forced-labour indicator; flags of one fact count once."""

    question: str
    value: Any
    reason: str
    fact: str | None = None

    @property
    def key(self) -> str:
        """What the rating counts: the fact, or the question when it names none."""
        return self.fact or self.question


@dataclass(frozen=True)
class Mismatch:
    """An on-site data point that contradicts the supplier's declaration."""

    question: str
    verifies: str
    answer: Any
    declared: Any


@dataclass(frozen=True)
class Evidence:
    """One source that established a finding's fact: the threshold that fired and what it read."""

    threshold: str
    title: str
    severity: str | None
    module: str | None
    rule: str
    because: tuple[str, ...]


@dataclass(frozen=True)
class Trigger:
    """A threshold that fired, with the rule and the answers that made it fire. A finding about a fact is one
    trigger for all the thresholds that established it: `id` is then the fact's id, `severity` the most severe
    of theirs, and `sources` lists each of them."""

    id: str
    action: str
    severity: str | None
    plan_days: int | None
    plan_due: dt.date | None
    title: str
    remedy: str
    rule: str
    because: tuple[str, ...]
    values: dict[str, Any]
    module: str | None
    closure_days: int | None = None
    closure_due: dt.date | None = None
    fact: str | None = None
    sources: tuple[Evidence, ...] = ()

    @property
    def due_days(self) -> int | None:
        """The first deadline: the corrective-action plan's."""
        return self.plan_days

    @property
    def due_date(self) -> dt.date | None:
        return self.plan_due


@dataclass(frozen=True)
class Completeness:
    """How much of what is required has been answered."""

    required: int
    answered_required: int
    visible: int
    answered: int
    missing: tuple[str, ...]

    @property
    def percent(self) -> Decimal:
        """Required questions answered, 0-100 (100 when nothing is required)."""
        if self.required == 0:
            return Decimal(100)
        return (Decimal(self.answered_required) * 100 / Decimal(self.required)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Result:
    """The outcome of scoring a questionnaire's answers."""

    questionnaire: str
    version: str
    as_of: dt.date | None
    score: Decimal | None
    rating: str | None
    rating_reasons: tuple[str, ...]
    completeness: Completeness
    indicators: dict[int, RiskSummary]
    modules: dict[str, RiskSummary]
    question_risk: dict[str, int]
    visible: frozenset[str]
    red_flags: tuple[RedFlag, ...]
    unknowns: tuple[str, ...]
    mismatches: tuple[Mismatch, ...]
    triggers: tuple[Trigger, ...]
    derived: dict[str, Any]
    expires: dt.date | None
    notes: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Plain JSON, as `fldd score --json` and `assessments show --json` print it."""
        def summary(s: RiskSummary) -> dict[str, Any]:
            out = {"risk": s.risk, "answered": s.answered, "visible": s.visible, "top": list(s.top)}
            if s.score is not None:
                out["score"] = float(s.score)
            return out

        return {
            "questionnaire": self.questionnaire, "version": self.version,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "score": float(self.score) if self.score is not None else None,
            "rating": self.rating, "rating_reasons": list(self.rating_reasons),
            "completeness": {"percent": float(self.completeness.percent), "required": self.completeness.required,
                             "answered_required": self.completeness.answered_required,
                             "visible": self.completeness.visible, "answered": self.completeness.answered,
                             "missing": list(self.completeness.missing)},
            "indicators": {str(k): summary(v) for k, v in self.indicators.items()},
            "modules": {k: summary(v) for k, v in self.modules.items()},
            "red_flags": [{"question": f.question, "value": to_json(f.value), "reason": f.reason, "fact": f.fact}
                          for f in self.red_flags],
            "unknowns": list(self.unknowns),
            "mismatches": [{"question": m.question, "verifies": m.verifies, "answer": to_json(m.answer),
                            "declared": to_json(m.declared)} for m in self.mismatches],
            "triggers": [_trigger_json(t) for t in self.triggers],
            "derived": {k: to_json(v) for k, v in self.derived.items()},
            "expires": self.expires.isoformat() if self.expires else None,
            "notes": list(self.notes),
        }


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _trigger_json(t: Trigger) -> dict[str, Any]:
    return {"id": t.id, "action": t.action, "severity": t.severity, "fact": t.fact,
            "plan_days": t.plan_days, "plan_due": _day(t.plan_due),
            "closure_days": t.closure_days, "closure_due": _day(t.closure_due),
            "title": t.title, "remedy": t.remedy, "rule": t.rule, "because": list(t.because),
            "values": {k: to_json(v) for k, v in t.values.items()}, "module": t.module,
            "sources": [{"threshold": e.threshold, "title": e.title, "severity": e.severity, "module": e.module,
                         "rule": e.rule, "because": list(e.because)} for e in t.sources]}
