"""Fixtures for the standard's tests: a tiny questionnaire written to a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from fldd.standard.loader import load

MINI_QUESTIONNAIRE = """\
questionnaire:
  id: mini-desktop
  version: 1.0.0
  tier: desktop
  title: Mini
  languages: [en]
  validity_months: 12
modules: [m.yaml]
inputs:
  - {id: inherent.tip_tier, type: text, label: TIP tier}
scoring:
  bands:
    - {rating: low, min_score: 85}
    - {rating: medium, min_score: 70}
    - {rating: high, min_score: 50}
    - {rating: severe, min_score: 0}
  floors:
    - {if: "red_flags >= 1", rating: high, reason: A red flag}
severities:
  priority: {plan_days: 7, closure_days: 30}
  major: {plan_days: 14, closure_days: 60}
  minor: {plan_days: 30, closure_days: 90}
thresholds:
  - id: thr_tip
    title: Tier 3 country
    if: "inherent.tip_tier = 'Tier 3'"
    action: escalate_onsite
"""

MINI_MODULE = """\
module: {id: mod, title: M}
questions:
  - id: has_migrants
    type: yesno
    text: Any migrant workers?
    basis: [ilo-ind-1]
    indicators: [1]
    weight: 3
    risk: {"yes": 1, "no": 0}
  - id: passports
    type: single
    text: Who holds passports?
    basis: [ilo-ind-7]
    indicators: [7]
    show_if: "has_migrants = 'yes'"
    unknown: true
    options:
      - {value: worker, label: The worker, risk: 0}
      - {value: company, label: The company, risk: 3, red_flag: true}
  - id: hours
    type: number
    text: Most hours in a week?
    basis: [ilo-ind-11]
    indicators: [11]
    unknown: true
    risk_rules:
      - {if: "answer > 60", risk: 3}
      - {if: "answer > 48", risk: 1}
    red_flag_if: "answer > 72"
  - id: wage
    type: money
    text: Monthly wage?
    basis: [ilo-ind-8]
    required: false
  - id: fee
    type: money
    text: Fee paid?
    basis: [ilo-ind-9]
    required: false
  - id: note
    type: text
    text: Anything else?
    basis: [ilo-ind-1]
    required: false
derived:
  - {id: fee_pct, expr: "percent(fee, wage)"}
thresholds:
  - id: thr_hours
    title: Over 60 hours
    if: "hours > 60"
    action: finding
    severity: major
    remedy: Cut hours.
  - id: thr_fee
    title: Fee over a month
    if: "fee_pct >= 100"
    action: finding
    severity: priority
    closure_days: 90
    remedy: Repay.
"""


def write_standard(folder: Path, questionnaire: str = MINI_QUESTIONNAIRE, module: str = MINI_MODULE) -> Path:
    """Write a questionnaire and its module; return the questionnaire file."""
    tier = folder / "tier"
    tier.mkdir(parents=True, exist_ok=True)
    (tier / "q.yaml").write_text(textwrap.dedent(questionnaire), encoding="utf-8")
    (tier / "m.yaml").write_text(textwrap.dedent(module), encoding="utf-8")
    return tier / "q.yaml"


@pytest.fixture
def mini(tmp_path):
    """The mini questionnaire, loaded against the shipped sources and glossary."""
    loaded = load(paths=[write_standard(tmp_path)])
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded.standard.questionnaires["mini-desktop"]
