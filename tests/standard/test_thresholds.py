"""Every threshold in the shipped standard, with answers that trip it and answers that just miss it.

The cases live in tests/standard/cases/*.yaml, one file per module (see the content authors' brief in
the file format's README); this test refuses a shipped threshold that has no case of each kind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from fldd.standard.answers import coerce_all
from fldd.standard.engine import score
from fldd.usecases.questionnaires import standard

CASES_DIR = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 23)


def _cases() -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for tid, case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            assert tid not in found, f"{path.name}: cases for {tid} are given twice"
            found[tid] = {**case, "file": path.name}
    return found


CASES = _cases()
THRESHOLDS = [(q.id, t.id) for q in standard().questionnaires.values() for t in q.thresholds]


def _fires(qid: str, tid: str, example: dict, label: str) -> bool:
    q = standard().questionnaires[qid]
    values, errors = coerce_all(q, example.get("answers") or {})
    assert not errors, f"{label}: {[str(e) for e in errors]}"
    declared = {}
    if example.get("declared"):
        declared, errors = coerce_all(standard().questionnaires[q.verifies], example["declared"])
        assert not errors, f"{label}: declared: {[str(e) for e in errors]}"
    result = score(q, values, inputs=example.get("inputs") or {}, declared=declared, as_of=AS_OF)
    # a threshold about a fact fires as a source of that fact's one finding
    return tid in {t.id for t in result.triggers} | {e.threshold for t in result.triggers for e in t.sources}


@pytest.mark.parametrize("qid, tid", THRESHOLDS, ids=[t for _, t in THRESHOLDS])
def test_threshold_trips_and_just_misses(qid, tid):
    case = CASES.get(tid)
    assert case, f"{tid} has no test case in tests/standard/cases/"
    assert case.get("trips") and case.get("misses"), f"{tid}: needs both trips and misses"
    for i, example in enumerate(case["trips"]):
        assert _fires(qid, tid, example, f"{case['file']} {tid} trips[{i}]"), f"{tid} trips[{i}] did not fire"
    for i, example in enumerate(case["misses"]):
        assert not _fires(qid, tid, example, f"{case['file']} {tid} misses[{i}]"), f"{tid} misses[{i}] fired"


def test_every_case_belongs_to_a_shipped_threshold():
    shipped = {tid for _, tid in THRESHOLDS}
    assert sorted(set(CASES) - shipped) == []
