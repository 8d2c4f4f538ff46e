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
    """An answer that is on its own a strong forced-labour indicator."""

    question: str
    value: Any
    reason: str


@dataclass(frozen=True)
class Mismatch:
    """An on-site data point that contradicts the supplier's declaration."""

    question: str
    verifies: str
    answer: Any
    declared: Any


@dataclass(frozen=True)
class Trigger:
    """A threshold that fired, with the rule and the answers that made it fire."""

    id: str
    action: str
    severity: str | None
    due_days: int | None
    due_date: dt.date | None
    title: str
    remedy: str
    rule: str
    because: tuple[str, ...]
    values: dict[str, Any]
    module: str | None


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
            "red_flags": [{"question": f.question, "value": to_json(f.value), "reason": f.reason}
                          for f in self.red_flags],
            "unknowns": list(self.unknowns),
            "mismatches": [{"question": m.question, "verifies": m.verifies, "answer": to_json(m.answer),
                            "declared": to_json(m.declared)} for m in self.mismatches],
            "triggers": [{"id": t.id, "action": t.action, "severity": t.severity, "due_days": t.due_days,
                          "due_date": t.due_date.isoformat() if t.due_date else None, "title": t.title,
                          "remedy": t.remedy, "rule": t.rule, "because": list(t.because),
                          "values": {k: to_json(v) for k, v in t.values.items()}, "module": t.module}
                         for t in self.triggers],
            "derived": {k: to_json(v) for k, v in self.derived.items()},
            "expires": self.expires.isoformat() if self.expires else None,
            "notes": list(self.notes),
        }
