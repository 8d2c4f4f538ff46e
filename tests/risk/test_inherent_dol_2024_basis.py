"""The shipped 2024 DOL list as an auditor checking it against DOL's published list would dispute it: a factor
resting on rows this reconstruction carried over from 2022 unchecked, or on a country it has no rows for, must
say so; a list the buyer loads (DOL's own spreadsheet) replaces it with no such words."""

from __future__ import annotations

import csv
import dataclasses

import pytest

from fldd.risk.bundled import bundled_editions
from fldd.risk.data import Edition, RiskDataError, risk_data, risk_folder
from fldd.risk.inherent import inherent_risk

CARRIED = {"AF", "BZ", "HN", "IR", "LB", "LR", "MG", "MY", "KP", "RU", "SD", "TW", "TJ", "TR", "TM", "VE", "VN"}
WITH_PRESS = {"CN"}  # the 2022 rows plus goods the trade press reported as added in 2024
OLD_PAGE = {"ID"}  # DOL's 2022 country page (palm fruit also for forced labour) plus nickel from the press
MISSING = {"BY", "NL"}  # listed by DOL in 2024, no rows here
NOT_CHECKED = "Malaysia's rows carried over from the 2022 edition, not checked against 2024"
DOL_OWN = Edition("dol_goods", "US DOL List of Goods", "2024", "2024-09-05")  # as if the buyer loaded DOL's file


def _factor(risk, group):
    return [f for f in risk.factors if f.group == group]


def _rows(name):
    with (risk_folder() / name).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle)]


def _edition(year):
    return next(e for e in bundled_editions(risk_folder()) if e.kind == "dol_goods" and e.edition == year)


def test_the_shipped_2024_edition_says_how_each_countrys_rows_were_obtained():
    dol = _edition("2024")
    assert {code for code, _ in dol.caveats} == CARRIED | WITH_PRESS | OLD_PAGE
    assert set(dol.missing) == MISSING
    assert dol.caveat("MY") == NOT_CHECKED.replace("Malaysia", "{country}")
    assert all("press" in dol.caveat(c) and "not checked" in dol.caveat(c) for c in WITH_PRESS | OLD_PAGE)
    assert dol.caveat("BD") == ""  # Bangladesh: taken from DOL's 2024 country page
    assert not _edition("2022").caveats and not _edition("2022").missing


def test_the_rows_said_to_be_carried_over_are_the_2022_rows_unchanged_and_the_missing_countries_have_none():
    def by_country(rows):
        found: dict[str, set] = {}
        for row in rows:
            found.setdefault(row["iso2"], set()).add(tuple(row[k] for k in row if k != "sector"))
        return found

    old, new = by_country(_rows("dol-goods-2022.csv")), by_country(_rows("dol-goods-2024.csv"))
    for code in CARRIED:
        assert new[code] == old[code], code  # the claim the words make is true of the file
    for code in WITH_PRESS:
        assert old[code] < new[code], code  # the 2022 rows, plus some
    assert {("Nickel", "ID")} < {(row["good"], row["iso2"]) for row in _rows("dol-goods-2024.csv")}
    assert not MISSING & set(new)


def test_a_malaysian_suppliers_listed_good_says_its_row_was_not_checked_against_2024():
    risk = inherent_risk("MY", ["Rubber Gloves"])
    (goods,) = _factor(risk, "goods")
    assert goods.id == "goods.forced_labour" and goods.points == 4
    assert goods.words == f"The 2024 DOL list names Rubber Gloves from Malaysia for forced labour ({NOT_CHECKED})"
    assert goods.words in risk.reasons


def test_a_malaysian_supplier_of_an_unlisted_good_is_not_told_the_2024_list_clears_it():
    (goods,) = _factor(inherent_risk("MY", ["Furniture"]), "goods")
    assert goods.id == "goods.not_listed" and goods.words.endswith(f"({NOT_CHECKED})")


def test_a_chinese_suppliers_factor_says_its_rows_rest_on_press_reports_not_dols_list():
    (goods,) = _factor(inherent_risk("CN", ["Squid"]), "goods")
    assert goods.words.startswith("The 2024 DOL list names Squid from China for forced labour (")
    assert "press" in goods.words and "not checked" in goods.words


def test_a_good_checked_against_dols_2024_page_carries_no_caveat():
    (goods,) = _factor(inherent_risk("BD", ["Garments"]), "goods")
    assert goods.words == "The 2024 DOL list names Garments from Bangladesh for child labour and forced labour"


@pytest.mark.parametrize("code, name", [("BY", "Belarus"), ("NL", "Netherlands")])
def test_a_country_dol_lists_but_this_reconstruction_lacks_is_not_called_clear(code, name):
    risk = inherent_risk(code, ["Potash"])
    (goods,) = _factor(risk, "goods")
    assert goods.id == "goods.country_missing" and goods.points == 0
    assert "None of the goods" not in goods.words
    assert goods.words == (f"This reconstruction of the 2024 DOL list has no rows for {name}, which DOL lists: the "
                           "goods (Potash) could not be checked")


def test_a_raw_material_from_a_missing_country_says_it_could_not_be_checked():
    risk = inherent_risk("DE", ["Fertiliser"], materials=[{"material": "Potash", "country": "BY"}])
    (material,) = _factor(risk, "materials")
    assert material.id == "material.country_missing" and material.points == 0
    assert "Potash from Belarus" in material.words and "has no rows for Belarus" in material.words


def test_a_raw_material_from_a_carried_over_country_says_so():
    risk = inherent_risk("DE", ["Gloves"], materials=[{"material": "Rubber Gloves", "country": "MY"}])
    (material,) = _factor(risk, "materials")
    assert material.id == "material.forced_labour" and material.words.endswith(f"({NOT_CHECKED})")


def test_dols_own_list_loaded_by_the_buyer_carries_no_reconstruction_words():
    data = dataclasses.replace(risk_data(), editions=(DOL_OWN,))
    (goods,) = _factor(inherent_risk("MY", ["Rubber Gloves"], data), "goods")
    assert goods.words == "The 2024 DOL list names Rubber Gloves from Malaysia for forced labour"
    (goods,) = _factor(inherent_risk("BY", ["Potash"], data), "goods")
    assert goods.id == "goods.not_listed"  # the buyer's file is DOL's own: no row is no listing


def test_cigarettes_from_ukraine_count_as_derived_and_say_the_inputs_country_is_not_given():
    listing = next(g for g in risk_data().goods if g.iso2 == "UA" and g.good.startswith("Cigarettes"))
    assert listing.derived and listing.derived_from is None
    risk = inherent_risk("UA", ["Cigarettes"])
    (goods,) = _factor(risk, "goods")
    assert goods.id == "goods.derived_unnamed" and goods.points == 2
    assert "Cigarettes (tobacco) from Ukraine" in goods.words
    assert "does not say which country" in goods.words and "from None" not in goods.words
    assert [g.derived for g in risk.listed_goods] == [True]


def test_a_basis_naming_an_unknown_country_is_refused_naming_the_file(tmp_path):
    for path in risk_folder().iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "editions.yaml").read_text(encoding="utf-8")
    (tmp_path / "editions.yaml").write_text(text.replace("[BY, NL]", "[BY, ZZ]"), encoding="utf-8")
    with pytest.raises(RiskDataError, match=r"editions.yaml: edition 1: unknown country code 'ZZ'"):
        bundled_editions(tmp_path)
