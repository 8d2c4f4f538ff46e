"""One finding per fact, rating floors that read the findings, red flags counted per fact, and a finding's two
deadlines: the cases an auditor would bring against a result that contradicts itself."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.standard.answers import coerce_all
from fldd.standard.engine import score
from fldd.standard.loader import load
from tests.standard.conftest import write_standard

QUESTIONNAIRE = """\
questionnaire:
  id: fact-site
  version: 2.0.0
  tier: desktop
  title: Facts
  languages: [en]
  validity_months: 12
modules: [m.yaml]
scoring:
  bands:
    - {rating: low, min_score: 85}
    - {rating: medium, min_score: 70}
    - {rating: high, min_score: 50}
    - {rating: severe, min_score: 0}
  floors:
    - {if: "red_flags >= 1", rating: high, reason: A red flag}
    - {if: "red_flags >= 3", rating: severe, reason: Three red flags}
    - {if: "priority_findings >= 1", rating: high, reason: A Priority finding}
    - {if: "major_findings >= 1", rating: medium, reason: A Major finding}
    - {if: "finding('deposits_held')", rating: medium, reason: Deposits are held}
severities:
  priority: {plan_days: 7, closure_days: 30}
  major: {plan_days: 14, closure_days: 60}
  minor: {plan_days: 30, closure_days: 90}
facts:
  - {id: documents_held, title: Workers' documents are held by the employer}
  - {id: deposits_held, title: Workers pay deposits}
"""

MODULE = """\
module: {id: mod, title: Mod}
questions:
  - {id: held_records, type: yesno, text: Records show documents held?, basis: [ilo-indicators],
     risk: {yes: 3, no: 0}, red_flag: ['yes'], fact: documents_held, required: false}
  - {id: held_workers, type: count, text: Workers who said their documents are held, basis: [ilo-indicators],
     risk_rules: [{if: "answer > 0", risk: 3}], red_flag_if: "answer > 0", fact: documents_held, required: false}
  - {id: held_declared, type: yesno, text: Declared documents held?, basis: [ilo-indicators],
     risk: {yes: 3, no: 0}, required: false}
  - {id: deposit, type: yesno, text: Deposits taken?, basis: [ilo-indicators], risk: {yes: 1, no: 0},
     required: false}
  - {id: violence, type: yesno, text: Violence seen?, basis: [ilo-indicators], risk: {yes: 3, no: 0},
     red_flag: ['yes'], required: false}
  - {id: overtime, type: yesno, text: Overtime forced?, basis: [ilo-indicators], risk: {yes: 1, no: 0},
     required: false}
  - {id: chairs, type: yesno, text: Chairs?, basis: [ilo-indicators], risk: {yes: 0, no: 1}, required: false}
  - {id: filler, type: count, text: Filler, basis: [ilo-indicators], risk_rules: [{if: "answer > 100", risk: 3}],
     weight: 10, required: false}
thresholds:
  - id: thr_records
    fact: documents_held
    title: Records show documents held
    if: "held_records = 'yes'"
    action: finding
    severity: major
    remedy: Return them.
  - id: thr_workers
    fact: documents_held
    title: Workers said their documents are held
    if: "held_workers > 0"
    action: finding
    severity: priority
    closure_days: 2
    remedy: Return them today.
  - id: thr_declared
    fact: documents_held
    title: Declared no documents held, records show otherwise
    if: "held_declared = 'no' and held_records = 'yes'"
    action: finding
    severity: minor
    remedy: Correct the declaration.
  - id: thr_deposit
    fact: deposits_held
    title: Deposits taken
    if: "deposit = 'yes'"
    action: finding
    severity: minor
    remedy: Repay.
  - id: thr_chairs
    title: No chairs
    if: "chairs = 'no'"
    action: finding
    severity: minor
    remedy: Chairs.
  - id: thr_overtime
    title: Overtime is not voluntary
    if: "overtime = 'yes'"
    action: finding
    severity: major
    remedy: Make it voluntary.
  - id: thr_onsite
    title: Go on site
    if: "held_records = 'yes'"
    action: escalate_onsite
    remedy: Go.
"""

AS_OF = dt.date(2026, 3, 2)


@pytest.fixture
def site(tmp_path):
    loaded = load(paths=[write_standard(tmp_path, QUESTIONNAIRE, MODULE)])
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded.standard.questionnaires["fact-site"]


def run(q, raw, as_of=AS_OF):
    values, errors = coerce_all(q, {"filler": 0, **raw})
    assert not errors
    return score(q, values, as_of=as_of)


def findings(result):
    return {t.id: t for t in result.triggers if t.action == "finding"}


def test_one_fact_seen_by_three_sources_is_one_finding_listing_each(site):
    result = run(site, {"held_records": "yes", "held_workers": 4, "held_declared": "no"})
    found = findings(result)
    assert list(found) == ["documents_held"]
    one = found["documents_held"]
    assert one.title == "Workers' documents are held by the employer"
    assert one.severity == "priority"  # the most severe source's
    assert [s.threshold for s in one.sources] == ["thr_records", "thr_workers", "thr_declared"]
    assert [s.severity for s in one.sources] == ["major", "priority", "minor"]
    assert set(one.because) == {"held_records", "held_workers", "held_declared"}
    assert one.remedy == "Return them today."  # the lead source's remedy and dates
    assert (one.plan_due, one.closure_due) == (AS_OF + dt.timedelta(days=7), AS_OF + dt.timedelta(days=2))
    assert [t.id for t in result.triggers if t.action != "finding"] == ["thr_onsite"]  # escalations untouched


def test_a_fact_from_one_source_reads_as_that_source_says_it_with_its_own_severity(site):
    found = findings(run(site, {"held_records": "yes"}))
    assert list(found) == ["documents_held"] and found["documents_held"].severity == "major"
    assert found["documents_held"].title == "Records show documents held"  # how it is known, not yet more
    assert [s.threshold for s in found["documents_held"].sources] == ["thr_records"]


def test_a_finding_without_a_fact_stays_its_own_with_itself_as_source(site):
    found = findings(run(site, {"chairs": "no"}))
    assert list(found) == ["thr_chairs"] and [s.threshold for s in found["thr_chairs"].sources] == ["thr_chairs"]


def test_plan_and_closure_come_from_the_severity_unless_the_threshold_says(site):
    minor = findings(run(site, {"chairs": "no"}))["thr_chairs"]
    assert (minor.plan_days, minor.closure_days) == (30, 90)
    assert (minor.plan_due, minor.closure_due) == (dt.date(2026, 4, 1), dt.date(2026, 5, 31))
    undated = findings(run(site, {"chairs": "no"}, as_of=None))["thr_chairs"]
    assert undated.plan_due is None and undated.closure_due is None and undated.plan_days == 30


def test_a_priority_finding_never_sits_beside_a_low_rating(site):
    result = run(site, {"held_workers": 1, "held_records": "no"})
    assert result.score >= 85  # the score alone would say low
    assert result.rating == "high"
    assert "A Priority finding: Workers said their documents are held." in result.rating_reasons


def test_a_major_finding_lifts_low_to_medium_and_names_it(site):
    result = run(site, {"overtime": "yes"})
    assert result.score >= 85
    assert result.rating == "medium"
    assert result.rating_reasons == ("A Major finding: Overtime is not voluntary.",)
    just_missed = run(site, {"overtime": "no"})
    assert just_missed.rating == "low" and just_missed.rating_reasons == ()


def test_a_red_flag_raises_to_high_over_a_major_finding_of_the_same_fact(site):
    result = run(site, {"held_records": "yes", "held_workers": 0})
    assert result.score >= 85 and result.rating == "high"
    assert result.rating_reasons == ("A red flag",)


def test_deposits_held_is_never_low_even_as_a_minor_finding(site):
    result = run(site, {"deposit": "yes"})
    assert result.score >= 85 and result.rating == "medium"
    assert set(result.rating_reasons) == {"Deposits are held: Deposits taken."}


def test_a_floor_that_just_misses_leaves_the_scores_band(site):
    result = run(site, {"deposit": "no", "chairs": "yes", "held_records": "no"})
    assert result.rating == "low" and result.rating_reasons == ()


def test_a_floor_never_improves_a_worse_band(site):
    result = run(site, {"filler": 101, "deposit": "yes"})
    assert result.rating == "severe" and result.rating_reasons == ()


def test_red_flags_from_one_fact_count_once(site):
    two_sources = run(site, {"held_records": "yes", "held_workers": 3})
    assert len(two_sources.red_flags) == 2  # both answers are listed...
    assert two_sources.rating == "high"  # ...but count as one red flag, not toward 'three or more'
    three_facts = run(site, {"held_records": "yes", "held_workers": 3, "violence": "yes"})
    assert three_facts.rating == "high"  # two facts: still under three


def test_finding_counts_are_not_readable_by_thresholds(tmp_path):
    broken = MODULE.replace('if: "chairs = \'no\'"', 'if: "priority_findings >= 1"')
    loaded = load(paths=[write_standard(tmp_path, QUESTIONNAIRE, broken)])
    assert any("known only after the thresholds" in p.message for p in loaded.errors)


def test_finding_must_name_a_fact_or_a_finding_threshold(tmp_path):
    broken = QUESTIONNAIRE.replace("finding('deposits_held')", "finding('deposit_held')")
    loaded = load(paths=[write_standard(tmp_path, broken, MODULE)])
    assert any("neither a fact nor a finding threshold" in p.message for p in loaded.errors)


def test_a_threshold_naming_an_undeclared_fact_is_an_error(tmp_path):
    broken = MODULE.replace("fact: deposits_held", "fact: deposit_taken")
    loaded = load(paths=[write_standard(tmp_path, QUESTIONNAIRE, broken)])
    assert any("fact 'deposit_taken' is not declared" in p.message for p in loaded.errors)


def test_result_json_carries_both_dates_the_fact_and_its_sources(site):
    data = run(site, {"held_records": "yes", "held_workers": 2}).to_json()
    (trig,) = [t for t in data["triggers"] if t["action"] == "finding"]
    assert trig["id"] == "documents_held" and trig["fact"] == "documents_held"
    assert trig["plan_due"] == "2026-03-09" and trig["closure_due"] == "2026-03-04"
    assert [s["threshold"] for s in trig["sources"]] == ["thr_records", "thr_workers"]
    assert {f["fact"] for f in data["red_flags"]} == {"documents_held"}
