"""Realistic answer sets, written as a professional would fill the questionnaire, each with the rating and the
findings an RBA-trained auditor would defend (tests/standard/answer_sets/*.yaml). Each set is scored exactly as
`fldd score` scores a JSON answers file, so any set can be replayed from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from fldd.usecases.scoring import score_file

FOLDER = Path(__file__).parent / "answer_sets"
SETS = sorted(FOLDER.glob("*.yaml"))
KEYS = {"title", "why", "score_input", "expect"}
EXPECT_KEYS = {"rating", "findings", "triggers", "not_triggers"}


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) <= KEYS and {"title", "why", "score_input", "expect"} <= set(data), \
        f"{path.name}: needs title, why, score_input and expect"
    assert set(data["expect"]) <= EXPECT_KEYS and "rating" in data["expect"] and "findings" in data["expect"], \
        f"{path.name}: expect needs rating and findings (and may list triggers, not_triggers)"
    return data


def test_there_are_at_least_twenty_sets_across_both_tiers():
    tiers = [_load(p)["score_input"]["questionnaire"].partition("@")[0] for p in SETS]
    assert len(SETS) >= 20, f"{len(SETS)} answer sets"
    assert tiers.count("fldd-desktop") >= 5 and tiers.count("fldd-onsite") >= 5, tiers


@pytest.mark.parametrize("path", SETS, ids=[p.stem for p in SETS])
def test_answer_set_gets_the_rating_and_findings_a_professional_would_defend(path, tmp_path):
    case = _load(path)
    answers_file = tmp_path / f"{path.stem}.json"
    answers_file.write_text(json.dumps(case["score_input"], default=str), encoding="utf-8")
    _, result = score_file(answers_file)
    expect = case["expect"]
    found = {t.id: t.severity for t in result.triggers if t.action == "finding"}
    fired = {t.id for t in result.triggers if t.action != "finding"}
    why = f"{case['title']}: rating {result.rating} ({'; '.join(result.rating_reasons)}), findings {found}"
    assert found == expect["findings"], why
    assert result.rating == expect["rating"], why
    assert set(expect.get("triggers", [])) <= fired, f"{why}; escalations {sorted(fired)}"
    assert not set(expect.get("not_triggers", [])) & fired, f"{why}; escalations {sorted(fired)}"
