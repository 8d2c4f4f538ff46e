"""Inherent risk from the shipped public data: facts, score, level, reasons and the questionnaire inputs."""

import re
from pathlib import Path

import pytest

from fldd.risk.countries import UnknownCountryError, countries, country_name, is_country
from fldd.risk.inherent import inherent_risk
from fldd.risk.data import RiskDataError, load, risk_data, risk_folder
from fldd.risk.inherent import NOT_LISTED_TIER
from fldd.risk.inherent_rules import shipped_rules
from fldd.standard.engine import score
from fldd.usecases.questionnaires import standard

ROOT = Path(__file__).resolve().parents[2]
RULES = shipped_rules()
COUNTRY_MAX, LEVELS = RULES.group("country").max, RULES.levels


def points(rule_id: str) -> int:
    """The points questionnaires/inherent_risk.yaml gives a factor."""
    return next(r.points for r in RULES.rules if r.id == rule_id)


def test_malaysia_palm_fruit_is_listed_for_forced_labour():
    risk = inherent_risk("MY", ["Palm Fruit"])
    assert risk.country == "MY" and risk.country_name == "Malaysia"
    assert risk.tip_tier is None  # not on the 2025 Watch List or Tier 3
    assert risk.dol_forced_labour and risk.dol_child_labour
    (listed,) = risk.listed_goods
    assert (listed.good, listed.supplier_good, listed.forced_labour, listed.child_labour) == \
        ("Palm Fruit", "Palm Fruit", True, True)
    assert ("The 2024 DOL list names Palm Fruit from Malaysia for child labour and forced labour (Malaysia's rows "
            "carried over from the 2022 edition, not checked against 2024)") in risk.reasons
    assert risk.level == "high"
    assert risk.inputs() == {"inherent.dol_forced_labour": "yes", "inherent.tip_tier": "Tier 1 or Tier 2",
                             "inherent.uflpa_link": None}


def test_palm_oil_is_not_a_dol_name_and_the_reasons_say_so():
    risk = inherent_risk("my", [" palm oil "])
    assert not risk.dol_forced_labour and risk.listed_goods == ()
    assert any("'palm oil' is not a good name on the 2024 DOL list" in r for r in risk.reasons)


def test_tier_1_country_with_unlisted_goods_is_low():
    risk = inherent_risk("DE", ["Garments", "Machinery"])
    assert (risk.tip_tier, risk.dol_forced_labour, risk.dol_child_labour) == (None, False, False)
    assert (risk.score, risk.level) == (1, "low")
    assert risk.reasons[0] == ("Germany is not on the Tier 2 Watch List or Tier 3 of the 2025 TIP report "
                               "(so it is Tier 1, Tier 2 or a special case)")
    assert "None of the goods (Garments, Machinery) is on the 2024 DOL list for Germany" in risk.reasons
    assert risk.reasons[-1] == "Score 1/10 = country 1 + goods 0: low inherent risk"


def test_tier_3_country_with_forced_labour_goods_is_the_maximum():
    risk = inherent_risk("CN", ["cotton", "solar modules"])
    assert risk.tip_tier == "Tier 3" and risk.dol_forced_labour
    assert (risk.score, risk.level, risk.country_points, risk.goods_points) == (10, "high", 6, 4)
    assert "China is on Tier 3 of the 2025 TIP report" in risk.reasons
    derived = [g for g in risk.listed_goods if g.derived_from]
    assert [(g.good, g.derived_from) for g in derived] == [("Solar Modules", "CN")]


def test_watch_list_alone_is_high_and_the_advancement_level_is_explained():
    risk = inherent_risk("BR", [])
    assert risk.tip_tier == "Tier 2 Watch List" and risk.level == "high"
    assert risk.advancement_level == "Moderate Advancement"
    assert "Brazil is on the Tier 2 Watch List of the 2025 TIP report" in risk.reasons
    assert "No goods given, so the DOL list of goods was not checked" in risk.reasons
    assert risk.inputs()["inherent.tip_tier"] == "Tier 2 Watch List"


def test_child_labour_listing_without_forced_labour():
    risk = inherent_risk("CO", ["bricks"])  # DOL lists "Bricks (clay)" for Colombia, child labour only
    assert risk.dol_child_labour and not risk.dol_forced_labour
    assert risk.listed_goods[0].good == "Bricks (clay)"
    assert (risk.goods_points, risk.level) == (points("goods.child_labour"), "medium")


def test_poor_child_labour_findings_raise_the_country_component():
    risk = inherent_risk("YE", [])
    assert risk.advancement_level.startswith("Minimal Advancement")
    assert risk.country_points == points("tip.other") + points("dol_country.minimal")


@pytest.mark.parametrize("code", ["ZZ", "Malaysia", "", "M"])
def test_unknown_country_is_a_clear_error(code):
    with pytest.raises(UnknownCountryError, match="country code"):
        inherent_risk(code, ["Garments"])


def test_every_country_scores_within_0_to_10_and_levels_follow_the_bands():
    for code, _ in countries():
        risk = inherent_risk(code, ["garments", "cotton", "cocoa"])
        assert 0 <= risk.score <= 10 and risk.country_points <= COUNTRY_MAX
        assert risk.score == risk.country_points + risk.goods_points
        assert risk.level == next(name for name, minimum in LEVELS if risk.score >= minimum)
        if risk.dol_forced_labour or risk.tip_tier:  # what the desktop questionnaire escalates on
            assert risk.level == "high", code


def test_inputs_are_the_ones_the_desktop_questionnaire_declares():
    desktop = standard().get("fldd-desktop")
    assert set(inherent_risk("DE", []).inputs()) == {i.id for i in desktop.inputs}


@pytest.mark.parametrize("code, goods, fires", [
    ("MY", ["Rubber Gloves"], True), ("CN", [], True), ("BR", [], True), ("DE", ["Garments"], False),
])
def test_inputs_drive_the_desktop_escalation_threshold(code, goods, fires):
    result = score(standard().get("fldd-desktop"), {}, inputs=inherent_risk(code, goods).inputs())
    assert ("thr_inherent_risk_onsite" in {t.id for t in result.triggers}) is fires


def test_the_tip_tier_input_for_unlisted_countries_is_not_an_escalating_value():
    assert NOT_LISTED_TIER not in ("Tier 3", "Tier 2 Watch List")


def test_shipped_tables_and_editions():
    data = risk_data()
    assert (data.goods_edition, data.findings_edition, data.tip_edition) == (2024, 2022, 2025)
    assert len(data.goods) == 512 and len(data.findings) == 143 and len(data.tip) == 45
    assert sorted(set(data.tip.values())) == ["Tier 2 Watch List", "Tier 3"]
    assert len({g.iso2 for g in data.goods}) == 80  # DOL's 2024 list has 82: the shipped file is partial


def test_countries():
    assert country_name("my") == "Malaysia" and country_name(" XK ") == "Kosovo"
    assert is_country("gb") and not is_country("UK") and not is_country("ZZ")
    codes = [code for code, _ in countries()]
    assert len(codes) == 250 and len(set(codes)) == 250  # ISO 3166-1 (249) + XK
    assert countries()[:2] == [("AF", "Afghanistan"), ("AX", "Åland Islands")]
    with pytest.raises(UnknownCountryError, match="unknown country code 'ZZ'"):
        country_name("ZZ")


def test_loader_names_file_and_line_of_bad_data(tmp_path):
    for path in risk_folder().glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "tip-tiers-2026.csv"
    bad.write_text("country,iso2,tier\nNowhere,ZZ,Tier 3\n", encoding="utf-8")
    with pytest.raises(RiskDataError, match=r"tip-tiers-2026.csv:2: unknown country code 'ZZ'"):
        load(tmp_path)
    bad.write_text("country,iso2,tier\nMalaysia,MY,Tier 2\n", encoding="utf-8")
    with pytest.raises(RiskDataError, match=r"tip-tiers-2026.csv:2: tier must be one of"):
        load(tmp_path)


def test_newest_edition_wins_and_is_named_in_reasons(tmp_path):
    for path in risk_folder().glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "tip-tiers-2026.csv").write_text("country,iso2,tier\nMalaysia,MY,Tier 3\n", encoding="utf-8")
    risk = inherent_risk("MY", [], data=load(tmp_path))
    assert risk.tip_tier == "Tier 3" and "Malaysia is on Tier 3 of the 2026 TIP report" in risk.reasons


def _escapes_to_shared(path: Path, text: str) -> bool:
    """True when text names the shared folder beside the checkout, absolutely or by ../ from file or checkout."""
    shared = (ROOT.parent / "shared").resolve()
    if str(shared) in text or "/work/" + "shared" in text:
        return True
    for match in re.finditer(r"(?<![\w./])((?:\.\./)+)shared\b", text):
        ups = match.group(1)
        if any((base / ups / "shared").resolve() == shared for base in (path.parent, ROOT)):
            return True
    return False


def test_nothing_reads_the_shared_folder_outside_the_project():
    files = [p for folder in ("fldd", "tests", "resources") for p in (ROOT / folder).rglob("*")
             if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".json", ".toml", ".cfg", ".txt", ".csv", ".md")]
    files += [ROOT / name for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "dev") if (ROOT / name).is_file()]
    offenders = [str(p.relative_to(ROOT)) for p in files
                 if _escapes_to_shared(p, p.read_text(encoding="utf-8", errors="replace"))]
    assert offenders == []


def test_shared_folder_check_catches_real_references():  # literals split so this file passes the check
    here = ROOT / "tests" / "risk" / "x.py"
    assert _escapes_to_shared(here, 'open("../' + 'shared/data/a.csv")')  # relative to the checkout
    assert _escapes_to_shared(here, 'Path("../../../' + 'shared/data")')  # relative to the file
    assert _escapes_to_shared(here, "/work/" + "shared/DOMAIN.md")
    assert not _escapes_to_shared(here, 'modules: [../../shared/m.yaml]')  # inside a temporary standard root
