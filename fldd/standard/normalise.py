"""The normalised form of a questionnaire: what `questionnaires show --json` prints and what is hashed."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from fldd.standard.model import Question, Questionnaire, Standard, Text, pick


def _t(text: Text, lang: str | None) -> Any:
    """One language's text, or every language when `lang` is None (for hashing)."""
    if lang is None:
        return dict(sorted(text.items()))
    return pick(text, lang) if text else None


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _value(value: str | Decimal | None) -> str | int | float | None:
    return value if value is None or isinstance(value, str) else _num(value)


def question_json(q: Questionnaire, qu: Question, lang: str | None, standard: Standard | None = None) -> dict:
    """One question with every field a consumer needs."""
    basis: list[Any] = list(qu.basis)
    if standard is not None:
        basis = [{"key": k, "citation": standard.sources[k].citation if k in standard.sources else None}
                 for k in qu.basis]
    out = {
        "id": qu.id, "module": qu.module, "tier": q.tier, "type": qu.type,
        "text": _t(qu.text, lang), "guidance": _t(qu.guidance, lang), "evidence": _t(qu.evidence, lang),
        "options": [{"value": o.value, "label": _t(o.label, lang), "risk": o.risk, "red_flag": o.red_flag,
                     "exclusive": o.exclusive} for o in qu.options],
        "special_answers": [{"value": o.value, "label": _t(o.label, lang), "risk": o.risk} for o in qu.specials],
        "required": qu.required, "show_if": qu.show_if.text if qu.show_if else None,
        "indicators": list(qu.indicators), "basis": basis, "terms": list(qu.terms),
        "weight": _num(qu.weight), "unit": _t(qu.unit, lang), "min": _num(qu.minimum), "max": _num(qu.maximum),
        "risk_rules": [{"if": r.condition.text, "risk": r.risk} for r in qu.risk_rules],
        "red_flag_if": qu.red_flag_if.text if qu.red_flag_if else None,
        "tally": qu.tally, "tally_of": qu.tally_of,
        "verifies": ({"question": qu.verifies.question,
                      "disagree_if": qu.verifies.disagree_if.text if qu.verifies.disagree_if else None}
                     if qu.verifies else None),
    }
    # on-site presentation fields, present only where declared (so the other tiers' content hash holds)
    if qu.ask:
        out["ask"] = _t(qu.ask, lang)
    if qu.check:
        out["check"] = {"item": _t(qu.check.item, lang), "not_available": _value(qu.check.not_available)}
    if qu.fact:
        out["fact"] = qu.fact
    return out


def questionnaire_json(q: Questionnaire, lang: str | None = "en", standard: Standard | None = None) -> dict:
    """The whole questionnaire, normalised: built-in options filled in, every module's rules gathered."""
    out = {
        "id": q.id, "version": q.version, "tier": q.tier, "title": _t(q.title, lang),
        "description": _t(q.description, lang), "languages": list(q.languages),
        "validity_months": q.validity_months, "estimated_minutes": q.estimated_minutes,
        "verifies": q.verifies,
        "modules": [{"id": m.id, "title": _t(m.title, lang), "intro": _t(m.intro, lang),
                     "show_if": m.show_if.text if m.show_if else None,
                     "questions": [qu.id for qu in m.questions]} for m in q.modules],
        "questions": [question_json(q, qu, lang, standard) for qu in q.questions],
        "inputs": [{"id": i.id, "type": i.type, "label": _t(i.label, lang)} for i in q.inputs],
        "derived": [{"id": d.id, "label": _t(d.label, lang), "unit": _t(d.unit, lang), "expr": d.expr.text}
                    for d in q.derived],
        "tables": {t.id: {"rows": list(t.rows), "columns": list(t.columns),
                          "cells": [[c if isinstance(c, str) else _num(c) for c in row] for row in t.cells]}
                   for t in sorted(q.tables.values(), key=lambda t: t.id)},
        "scoring": {"bands": [{"rating": b.rating, "min_score": _num(b.min_score)} for b in q.bands],
                    "floors": [{"if": c.condition.text, "rating": c.rating, "reason": _t(c.reason, lang)}
                               for c in q.floors]},
        "severities": {k: {"plan_days": v, "closure_days": q.severity_closure_days.get(k)}
                       for k, v in q.severity_plan_days.items()},
        "facts": [{"id": f.id, "title": _t(f.title, lang)} for f in q.facts.values()],
        "thresholds": [{"id": t.id, "title": _t(t.title, lang), "condition": t.condition.text,
                        "action": t.action, "severity": t.severity, "fact": t.fact,
                        "plan_days": q.plan_days(t), "closure_days": q.closure_days(t),
                        "remedy": _t(t.remedy, lang), "basis": list(t.basis), "module": t.module}
                       for t in q.thresholds],
    }
    if q.sampling:
        out["sampling"] = [{"id": r.id, "done": r.done, "minimum": r.minimum, "of": r.of,
                            "label": _t(r.label, lang), "basis": list(r.basis)} for r in q.sampling]
    if lang is not None:
        out["language"] = lang
        out["content_hash"] = q.content_hash
    return out


def content_hash(q: Questionnaire) -> str:
    """sha256 of the canonical JSON of everything in the questionnaire, all languages included."""
    canonical = json.dumps(questionnaire_json(q, None), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
