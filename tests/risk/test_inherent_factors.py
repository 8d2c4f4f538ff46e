"""The inherent-risk factors as a disputing buyer or supplier would check them: which fact counted, how many
points, from which edition of which table, and what the rules file says when it is wrong."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from fldd.risk.data import AreaListing, Edition, risk_data
from fldd.risk.inherent import edition_label, inherent_risk
from fldd.risk.inherent_rules import FILE_NAME, read, shipped_rules
from fldd.standard.engine import score
from fldd.standard.problems import Problems
from fldd.usecases.questionnaires import standard

DOL_2024 = Edition("dol_goods", "US DOL List of Goods", "2024", "2024-09-05", complete=False)
OWN = Edition("own_list", "Buyer high-risk list", "2026-03")
EU = Edition("eu_flr", "EU FLR database", "2027-01")


def _data(**changes):
    """The shipped tables with some changed, as a loaded edition would change them."""
    return dataclasses.replace(risk_data(), **changes)


def _factor(risk, fid):
    return next(f for f in risk.factors if f.id == fid)


def test_garments_from_a_country_listed_for_forced_labour_are_high_and_the_factor_names_its_edition():
    data = _data(editions=(DOL_2024,))
    risk = inherent_risk("BD", ["Garments"], data)  # DOL lists Bangladeshi garments for forced labour
    assert risk.level == "high" and risk.inputs()["inherent.dol_forced_labour"] == "yes"
    dol = _factor(risk, "goods.forced_labour")
    assert dol.points == 4 and dol.source == "us-dol-tvpra-2024"
    assert dol.edition == "US DOL List of Goods, 2024 edition (partial reconstruction)"
    assert "Garments from Bangladesh for child labour and forced labour" in dol.words
    assert "List of Goods Produced by Child Labor or Forced Labor" in dol.source_title
    assert dol.words in risk.reasons  # older callers still read the words


def test_a_corridor_from_a_tier_3_country_adds_its_factor_and_recruiting_abroad_its_own():
    plain = inherent_risk("DE", ["Machinery"])
    risk = inherent_risk("DE", ["Machinery"], corridors=["MM"])  # Burma: Tier 3 in the 2025 TIP report
    assert [f.id for f in risk.factors if f.group == "corridors"] == ["corridor.cross_border", "corridor.tier_3"]
    tier3 = _factor(risk, "corridor.tier_3")
    assert tier3.points == 2 and tier3.edition == edition_label(risk_data(), "tip_tiers")
    assert "2025 edition" in tier3.edition
    assert "Myanmar" in tier3.words and "Tier 3" in tier3.words
    assert _factor(risk, "corridor.cross_border").source == "ilo-fr-gp"
    assert risk.score == plain.score + 3 and (plain.level, risk.level) == ("low", "medium")


def test_workers_from_the_sites_own_country_are_no_corridor():
    assert not [f for f in inherent_risk("MY", [], corridors=["MY"]).factors if f.group == "corridors"]


def test_cotton_from_a_listed_origin_adds_its_factor_and_makes_the_site_high():
    plain = inherent_risk("DE", ["Garments"])
    risk = inherent_risk("DE", ["Garments"], materials=[{"material": "cotton", "country": "CN"}])
    factor = _factor(risk, "material.forced_labour")
    assert "cotton from China" in factor.words and "Cotton from China" in factor.words
    assert factor.lifts_to == "high" and (plain.level, risk.level) == ("low", "high")
    # the desktop input stays about the site's own goods: the material lifts the level, not that input
    assert risk.inputs()["inherent.dol_forced_labour"] == "no"


def test_a_material_from_a_country_that_does_not_list_it_adds_nothing():
    risk = inherent_risk("DE", ["Garments"], materials=[{"material": "cotton", "country": "US"}])
    assert not [f for f in risk.factors if f.group == "materials"] and risk.level == "low"


def test_an_own_list_area_row_applies_to_its_country_and_good_only():
    row = AreaListing("own_list", "Buyer high-risk list", "DE", good="Garments", reason="audit history")
    data = _data(areas=(row,), editions=(OWN,))
    risk = inherent_risk("DE", ["garment"], data)
    factor = _factor(risk, "area.own_list_high")
    assert factor.edition == "Buyer high-risk list, 2026-03 edition" and factor.source == "buyer-own-list"
    assert "audit history" in factor.words and risk.level == "high"
    assert not [f for f in inherent_risk("DE", ["Machinery"], data).factors if f.group == "areas"]
    assert not [f for f in inherent_risk("FR", ["Garments"], data).factors if f.group == "areas"]


def test_a_region_row_needs_the_region_in_the_address():
    row = AreaListing("eu_flr", "EU FLR database", "CN", region="Xinjiang Uyghur Autonomous Region",
                      good="Tomatoes", level="medium", reason="state-imposed labour")
    data = _data(areas=(row,), editions=(EU,))
    far = inherent_risk("CN", ["Tomatoes"], data, address="Guangzhou, Guangdong")
    near = inherent_risk("CN", ["Tomatoes"], data, address="Urumqi, Xinjiang")
    assert not [f for f in far.factors if f.group == "areas"]
    assert _factor(near, "area.eu_flr_medium").edition == "EU FLR database, 2027-01 edition"


def test_an_own_list_country_row_counts_for_a_corridor_from_it():
    row = AreaListing("own_list", "Buyer high-risk list", "NP", reason="recruitment-fee cases")
    risk = inherent_risk("MY", [], _data(areas=(row,), editions=(OWN,)), corridors=["NP"])
    assert "recruitment-fee cases" in _factor(risk, "corridor.own_list").words


def test_a_confirmed_entity_match_sets_the_uflpa_input_and_the_desktop_threshold_fires():
    match = {"list_name": "UFLPA Entity List", "edition": "2025-01", "entity": "Example Textile Co.",
             "matched_on": "Example Textiles"}
    risk = inherent_risk("DE", [], matches=[match])
    assert risk.level == "high" and risk.inputs()["inherent.uflpa_link"] == "yes"
    assert _factor(risk, "entity.confirmed").edition == "UFLPA Entity List, 2025-01 edition"
    result = score(standard().get("fldd-desktop"), {}, inputs=risk.inputs())
    assert "thr_uflpa_enhanced" in {t.id for t in result.triggers}
    plain = score(standard().get("fldd-desktop"), {}, inputs=inherent_risk("DE", []).inputs())
    assert "thr_uflpa_enhanced" not in {t.id for t in plain.triggers}


def test_a_capped_group_says_what_it_leaves_out():
    risk = inherent_risk("MY", [], corridors=["MM", "KP", "NP"])
    assert risk.group_points["corridors"] == 3
    assert "at most 3" in _factor(risk, "corridor.watch_list").note


def _rules_with(tmp_path: Path, old: str, new: str) -> Problems:
    shipped = Path(__file__).resolve().parents[2] / "questionnaires" / FILE_NAME
    text = shipped.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / FILE_NAME
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = Problems()
    read(path, source_titles={k: s.citation for k, s in standard().sources.items()}, problems=problems)
    return problems


@pytest.mark.parametrize("old, new, said", [
    ("source: us-tip-2025", "source: us-tip-2099", "factor tip.tier_3: source 'us-tip-2099' is not in sources.yaml"),
    ('words: "{country} is on Tier 3', 'words: "{nation} is on Tier 3', "factor tip.tier_3: {nation} is not filled in"),
    ("when: {tier: Tier 3}", "when: {tier: Tier 4}", "factor tip.tier_3: 'tier: Tier 4' is not a tip_tier condition"),
    ("points: 6\n", "points: -1\n", "factor tip.tier_3: 'points' must be a whole number"),
    ("id: tip.watch_list", "id: tip.tier_3", "factor tip.tier_3: the id is used twice"),
])
def test_a_wrong_rule_is_refused_naming_the_factor_and_line(tmp_path, old, new, said):
    problems = _rules_with(tmp_path, old, new)
    assert any(said in p.message and p.line > 1 for p in problems.errors), [str(p) for p in problems.errors]


def test_the_shipped_rules_are_valid_and_checked_by_questionnaires_validate(tmp_path, monkeypatch):
    from fldd.risk import inherent_rules
    from fldd.usecases.questionnaires import check_inherent_rules, validate

    assert shipped_rules().rules and not check_inherent_rules(standard()).errors
    assert not [p for p in validate().problems if p.level == "error"]
    broken = tmp_path / FILE_NAME
    broken.write_text("edition: x\nfactors: []\n", encoding="utf-8")
    monkeypatch.setattr(inherent_rules, "FILE_NAME", str(broken))  # an absolute name: questionnaires_dir() / it
    said = [p.message for p in validate().problems if p.level == "error" and p.path == str(broken)]
    assert any("'levels' must give each of low, medium, high" in m for m in said), said
