"""The shipped content meets the standard's coverage rules, checked from `questionnaires show --json`."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from fldd.cli import main

QUESTION_FIELDS = {"id", "module", "tier", "type", "text", "options", "required", "show_if", "indicators", "basis"}
UNGP_31 = [f"ungp-31{c}" for c in "abcdefgh"]


def show(capsys, qid: str) -> dict:
    assert main(["questionnaires", "show", qid, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def desktop(capsys):
    return show(capsys, "fldd-desktop")


@pytest.fixture
def onsite(capsys):
    return show(capsys, "fldd-onsite")


def test_show_json_carries_the_fields_design_names(desktop, onsite):
    for data in (desktop, onsite):
        assert data["content_hash"] and data["version"]
        for q in data["questions"]:
            assert QUESTION_FIELDS <= set(q), q["id"]
            assert q["text"] and q["basis"], q["id"]
            assert all(b["citation"] for b in q["basis"]), q["id"]
            for opt in q["options"]:
                assert {"value", "label", "risk"} <= set(opt) and opt["label"], (q["id"], opt)
        for t in data["thresholds"]:
            assert {"id", "condition", "action"} <= set(t)
            if t["action"] == "finding":
                assert t["severity"] in ("priority", "major", "minor") and t["plan_days"], t["id"]


@pytest.mark.parametrize("tier, minimum", [("desktop", 2), ("onsite", 3)])
def test_every_ilo_indicator_has_enough_data_points_in_each_tier(capsys, tier, minimum):
    data = show(capsys, f"fldd-{tier}")
    counts = Counter(n for q in data["questions"] for n in q["indicators"])
    short = {n: counts[n] for n in range(1, 12) if counts[n] < minimum}
    assert short == {}, f"{tier}: indicators with fewer than {minimum} data points: {short}"


def test_desktop_tier_is_sized_for_about_an_hour(desktop):
    assert 60 <= len(desktop["questions"]) <= 120
    assert desktop["estimated_minutes"] <= 75


def test_grievance_module_assesses_all_eight_ungp_31_criteria(desktop):
    grievance = [q for q in desktop["questions"] if q["module"] == "grievance"]
    cited = {b["key"] for q in grievance for b in q["basis"]}
    assert [c for c in UNGP_31 if c not in cited] == []


def test_fee_grid_grades_share_of_wage_against_share_of_workers(desktop):
    grid = desktop["tables"]["fee_severity"]
    assert len(grid["rows"]) == 4 and len(grid["columns"]) == 4
    cells = grid["cells"]
    assert set(c for row in cells for c in row) <= {"minor", "major", "priority"}
    assert cells[3] == ["priority"] * 4  # fees of 1.5 months' wages or more are always Priority
    order = {"minor": 0, "major": 1, "priority": 2}
    for r in range(4):
        for c in range(4):  # never less severe for more money or more workers
            assert order[cells[r][c]] >= order[cells[max(r - 1, 0)][c]]
            assert order[cells[r][c]] >= order[cells[r][max(c - 1, 0)]]
    fee_findings = [t for t in desktop["thresholds"] if "fee_grade" in t["condition"] and t["action"] == "finding"]
    severities = {t["severity"] for t in fee_findings}
    assert severities == {"minor", "major", "priority"}
    priority = [t for t in fee_findings if t["severity"] == "priority"]
    assert priority and all(t["plan_days"] <= 7 for t in priority)


def test_recruitment_fee_module_computes_share_of_wage_and_share_of_workers(desktop):
    derived = {d["id"]: d["expr"] for d in desktop["derived"]}
    assert "pr_monthly_base_wage" in derived["fee_wage_pct"]
    assert "pr_workers_total" in derived["fee_affected_pct"]


def test_on_site_tier_verifies_desktop_declarations(onsite, desktop):
    desktop_ids = {q["id"] for q in desktop["questions"]}
    pairs = [q for q in onsite["questions"] if q["verifies"]]
    assert len(pairs) >= 6
    assert all(q["verifies"]["question"] in desktop_ids for q in pairs)
    assert any("mismatch" in t["condition"] for t in onsite["thresholds"])


def test_escalation_enhanced_dd_and_findings_are_all_present(desktop, onsite):
    actions = Counter(t["action"] for t in desktop["thresholds"])
    assert actions["escalate_onsite"] >= 3 and actions["enhanced_dd"] >= 2 and actions["finding"] >= 10
    assert Counter(t["severity"] for t in desktop["thresholds"] + onsite["thresholds"])["priority"] >= 5
    assert desktop["validity_months"] == 12 and onsite["validity_months"] == 24


def test_worker_interviews_are_pseudonymous_counts(onsite):
    interviews = [q for q in onsite["questions"] if q["module"] == "worker_interviews"]
    assert len(interviews) >= 10
    assert all(q["type"] in ("count", "number", "percent", "yesno", "single", "date") for q in interviews), \
        "worker interviews are recorded as aggregates: no free text that could carry a name"
    assert not [q["id"] for q in onsite["questions"] if "name" in q["id"].split("_")]


def test_every_term_used_is_in_the_glossary_and_every_question_cites_a_basis(desktop, onsite):
    from fldd.usecases.questionnaires import standard

    glossary = standard().glossary
    for data in (desktop, onsite):
        for q in data["questions"]:
            assert all(t in glossary for t in q["terms"]), q["id"]
