"""The shipped content meets the standard's coverage rules, checked from `questionnaires show --json`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from fldd.cli import main

QUESTION_FIELDS = {"id", "module", "tier", "type", "text", "options", "required", "show_if", "indicators", "basis"}
UNGP_31 = [f"ungp-31{c}" for c in "abcdefgh"]
ANSWER_SETS = Path(__file__).parent / "answer_sets"
# Every module and the prefix its data-point ids start with (questionnaires/README.md, "Data-point ids"): a new
# module adds its row here.
PREFIXES = {
    "profile": "pr_", "governance": "gov_", "recruitment": "rec_", "fees": "fee_", "wages": "wag_",
    "documents": "doc_", "hours": "hrs_", "conditions": "con_", "grievance": "grv_", "young_workers": "yw_",
    "subcontracting": "sub_", "document_review": "dr_", "observation": "ob_", "management": "mi_",
    "worker_interviews": "wi_",
}


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


def _visible(answer_set: str) -> int:
    """How many questions the site of a shipped answer set is shown."""
    from fldd.standard.answers import coerce_all
    from fldd.standard.engine import score
    from fldd.usecases.questionnaires import standard

    data = yaml.safe_load((ANSWER_SETS / answer_set).read_text(encoding="utf-8"))["score_input"]
    q = standard().get(data["questionnaire"])
    values, errors = coerce_all(q, data["answers"])
    assert not errors
    return len(score(q, values, inputs=data.get("inputs") or {}).visible)


def test_desktop_tier_is_sized_for_about_an_hour_and_a_quarter(desktop):
    # The slots (recruitment routes, products, raw materials) and the branches make the whole file long; what
    # matters is what one site is shown: a small local site about 110 questions, a migrant workforce with
    # housing, recruiters abroad and two routes under 140.
    assert 60 <= len(desktop["questions"]) <= 180
    assert desktop["estimated_minutes"] <= 75
    assert 60 <= _visible("desktop_clean_sme.yaml") <= 115
    assert _visible("desktop_bank_cards_held.yaml") <= 140


def test_grievance_module_assesses_all_eight_ungp_31_criteria(desktop):
    grievance = [q for q in desktop["questions"] if q["module"] == "grievance"]
    cited = {b["key"] for q in grievance for b in q["basis"]}
    assert [c for c in UNGP_31 if c not in cited] == []


def test_fees_are_graded_on_two_grids_of_share_of_wage_against_share_of_workers(desktop):
    # RBA VAP 8.0.2: a grid for fees not repaid and a lower one for fees repaid within 90 days
    order = {"minor": 0, "major": 1, "priority": 2}
    for name in ("fee_unrepaid", "fee_repaid"):
        grid = desktop["tables"][name]
        assert len(grid["rows"]) == 4 and len(grid["columns"]) == 5  # 3 workers or fewer, then 4 shares
        cells = grid["cells"]
        assert set(c for row in cells for c in row) <= set(order)
        for r in range(4):
            for c in range(5):  # never less severe for more money or more workers
                assert order[cells[r][c]] >= order[cells[max(r - 1, 0)][c]]
                assert order[cells[r][c]] >= order[cells[r][max(c - 1, 0)]]
    assert desktop["tables"]["fee_unrepaid"]["cells"][3] == ["priority"] * 5  # 1.5 months' wages unrepaid
    fee_findings = [t for t in desktop["thresholds"] if "fee_grade" in t["condition"] and t["action"] == "finding"]
    severities = {t["severity"] for t in fee_findings}
    assert severities == {"minor", "major", "priority"}
    priority = [t for t in fee_findings if t["severity"] == "priority"]
    assert priority and all(t["plan_days"] <= 7 for t in priority)


def test_recruitment_fee_module_computes_share_of_wage_and_share_of_the_channel(desktop):
    derived = {d["id"]: d["expr"] for d in desktop["derived"]}
    assert "pr_monthly_base_wage" in derived["fee_wage_pct"]
    assert "fee_workers_recruited" in derived["fee_affected_pct"]  # the workers of the channel, not the site
    assert "pr_workers_total" not in derived["fee_affected_pct"]


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


def test_crosswalk_names_a_cited_scheme_and_its_own_references(desktop, onsite):
    mapped = [q for data in (desktop, onsite) for q in data["questions"] if q.get("crosswalk")]
    assert len(mapped) >= 20
    for q in mapped:
        for entry in q["crosswalk"]:
            assert entry["refs"] and entry["citation"], (q["id"], entry)
    hours = next(q for q in onsite["questions"] if q["id"] == "dr_max_weekly_hours")
    schemes = {e["scheme"]: e for e in hours["crosswalk"]}
    assert schemes["xw-rba-code"]["refs"] == ["A3"] and schemes["xw-rba-code"]["check"] is False
    assert schemes["xw-slcp-caf"]["check"] is True  # category names only, not verified against SLCP's own text
    assert "crosswalk" not in next(q for q in onsite["questions"] if q["id"] == "dr_files_sampled")


def test_every_data_point_id_starts_with_its_modules_prefix(desktop, onsite):
    for data in (desktop, onsite):
        assert {m["id"] for m in data["modules"]} <= set(PREFIXES), "a new module needs its prefix in PREFIXES"
        wrong = [q["id"] for q in data["questions"] if not q["id"].startswith(PREFIXES[q["module"]])]
        assert wrong == []


# --- issue 9: child labour, young workers and student workers, in both tiers --------------------------------

def test_young_workers_module_asks_age_hazards_hours_students_and_remediation(desktop):
    young = {q["id"]: q for q in desktop["questions"] if q["module"] == "young_workers"}
    assert {"yw_legal_min_age", "yw_youngest_age", "yw_age_check", "yw_under18_hazardous", "yw_under18_night",
            "yw_under18_overtime", "yw_students_agreement", "yw_students_hours", "yw_students_pay",
            "yw_students_free_leave", "yw_children_found", "yw_children_remedy", "yw_remediation_income"} <= set(young)
    cited = {b["key"] for q in young.values() for b in q["basis"]}
    assert {"ilo-c138", "ilo-c182", "ilo-r190", "ilo-ioe-child-labour", "ca-s211-remediation"} <= cited
    remedy = {o["value"] for o in young["yw_children_remedy"]["options"]}
    assert {"schooling", "income"} <= remedy, "remediation pays schooling and the family's lost income (S-211)"
    rules = {t["id"]: t for t in desktop["thresholds"]}
    assert rules["thr_yw_child_labour"]["severity"] == "priority"
    assert rules["thr_yw_hazardous"]["severity"] == "priority"
    assert rules["thr_yw_students_cannot_leave"]["severity"] == "priority"


def test_on_site_tier_checks_ages_young_workers_and_students_in_every_kind_of_evidence(onsite):
    checks = {q["verifies"]["question"]: q for q in onsite["questions"]
              if q["verifies"] and q["verifies"]["question"].startswith("yw_")}
    assert {q["module"] for q in checks.values()} == {"document_review", "observation", "management",
                                                      "worker_interviews"}
    assert {"yw_age_check", "yw_youngest_age", "yw_students_free_leave", "yw_under18_hazardous"} <= set(checks)


# --- issue 9: red flags that were not collected --------------------------------------------------------------

RED_FLAG_TOPICS = {
    "minimum wage": "wag_min_wage_all", "falsified or double records": "hrs_second_records",
    "forced return of wages": "wag_pay_returned", "housing the worker must take": "con_housing_compulsory",
    "housing deductions": "con_housing_charge", "bank cards held": "wag_bank_cards_held",
    "absconding reports": "doc_absconding_reports", "irregular status caused by the employer": "doc_status_lapsed",
    "prison and state-imposed labour at the site": "rec_state_labour",
    "prison and state-imposed labour in inputs": "sub_inputs_state_labour",
}


@pytest.mark.parametrize("topic", sorted(RED_FLAG_TOPICS))
def test_each_red_flag_topic_has_a_risky_answer_and_a_rule_that_reads_it(desktop, topic):
    qid = RED_FLAG_TOPICS[topic]
    question = next(q for q in desktop["questions"] if q["id"] == qid)
    risks = [o["risk"] for o in question["options"]] + [r["risk"] for r in question.get("risk_rules", [])]
    assert max(risks) >= 2, f"{topic}: no answer carries risk"
    assert any(qid in t["condition"] for t in desktop["thresholds"]), f"{topic}: no threshold reads {qid}"


def test_bank_cards_and_returned_pay_are_checked_in_worker_interviews(onsite):
    verified = {q["verifies"]["question"] for q in onsite["questions"] if q["verifies"]}
    assert {"wag_bank_cards_held", "wag_pay_returned"} <= verified


# --- issue 9: recruitment routes, products and raw-material origins as data -----------------------------------

def test_recruitment_routes_and_raw_material_origins_are_countries_not_free_text(desktop):
    questions = {q["id"]: q for q in desktop["questions"]}
    for slot in (1, 2, 3):
        for qid in (f"rec_corridor{slot}_country", f"sub_material{slot}_country"):
            values = {o["value"] for o in questions[qid]["options"]}
            assert {"npl", "bgd", "mmr", "chn", "nam", "nor"} <= values and len(values) >= 249, qid
        assert questions[f"rec_corridor{slot}_recruiter"]["type"] == "text"
        assert questions[f"rec_corridor{slot}_licence"]["type"] == "text"
        assert questions[f"sub_product{slot}_hs"]["type"] == "text"
    assert "pr_recruitment_countries" not in questions


def test_the_free_text_countries_question_is_retired_not_deleted():
    from fldd.usecases.questionnaires import standard

    profile = next(m for m in standard().get("fldd-desktop").modules if m.id == "profile")
    assert "pr_recruitment_countries" in profile.retired


# --- issue 9: indicators -------------------------------------------------------------------------------------

def test_grievance_questions_feed_no_forced_labour_indicator(desktop):
    assert [q["id"] for q in desktop["questions"] if q["module"] == "grievance" and q["indicators"]] == []


def test_deductions_and_abuse_reports_carry_the_indicators_their_options_mean(desktop):
    questions = {q["id"]: q for q in desktop["questions"]}
    assert questions["wag_deduction_types"]["indicators"] == [8]  # money kept from earned pay
    assert questions["con_abuse_types"]["indicators"] == [5, 6]  # violence, threats


def _highest_risk(q: dict) -> int:
    return max([o["risk"] or 0 for o in q["options"]] + [r["risk"] for r in q.get("risk_rules", [])] + [0])


@pytest.mark.parametrize("tier", ["desktop", "onsite"])
def test_one_fact_can_make_at_most_two_indicators_high(capsys, tier):
    """The 'three or more indicators' enhanced due diligence must never rest on one fact."""
    from fldd.usecases.questionnaires import standard

    data = show(capsys, f"fldd-{tier}")
    wide = [q["id"] for q in data["questions"] if _highest_risk(q) == 3 and len(q["indicators"]) > 2]
    assert wide == []
    by_fact: dict[str, set[int]] = {}
    for question in standard().get(f"fldd-{tier}").questions:
        if question.fact:
            by_fact.setdefault(question.fact, set()).update(question.indicators)
    assert {fact: n for fact, n in by_fact.items() if len(n) > 2} == {}


# --- issue 9: facts brought up to date ------------------------------------------------------------------------

def test_sources_carry_the_current_facts():
    from fldd.usecases.questionnaires import standard

    sources = standard().sources
    assert "Prohibition of Forced Labor" in sources["rba-a1"].citation
    assert "freely chosen" not in sources["rba-a1"].citation.lower()
    assert "8.0.2" in sources["rba-vap"].citation
    assert "5,000" in sources["eu-csddd"].citation and "1.5 billion" in sources["eu-csddd"].citation
    assert "2029" in sources["eu-csddd"].citation
    assert "204 goods" in sources["us-dol-tvpra-2024"].citation and "82 countries" in sources["us-dol-tvpra-2024"].citation
    assert "below 60 treated as high risk" not in sources["rba-saq"].citation
    assert sources["de-lksg-2025"].check


def test_every_question_naming_the_dol_list_cites_its_2024_edition(desktop):
    naming = [q for q in desktop["questions"]
              if any(name in f"{q['text']} {q['guidance']}" for name in ("Department of Labor", "US DOL"))]
    assert len(naming) >= 3
    assert [q["id"] for q in naming if "us-dol-tvpra-2024" not in {b["key"] for b in q["basis"]}] == []
