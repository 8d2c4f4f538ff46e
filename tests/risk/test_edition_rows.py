"""The pure reading of a loaded risk list, as the buyer whose file came from DOL, the State Department, DHS or
its own spreadsheet: lenient about headings and marks, strict about what cannot be read, every problem named."""

from __future__ import annotations

from fldd.risk.edition_rows import MAX_PROBLEMS, parse
from fldd.risk.in_force import combine
from fldd.risk.data import Edition, risk_data


def sheet(*lines, name=None):
    """A sheet of text rows numbered from 1, as the exchange reader gives them."""
    return [(name, [(number, list(cells)) for number, cells in enumerate(lines, start=1)])]


def test_headings_are_matched_without_case_spaces_underscores_or_labour_spelling():
    parsed = parse("dol_goods", sheet(["COUNTRY NAME", "product", "Sector", "child_labour (X)", "Forced_Labour",
                                       "Forced Child Labor"],
                                      ["Burma", "Garments", "Manufacturing", "x", "X", ""]))
    assert parsed.problems == []
    assert parsed.rows == [{"good": "Garments", "sector": "Manufacturing", "iso2": "MM", "child_labor": True,
                            "forced_labor": True, "forced_child_labor": False, "derived": False, "derived_iso2": ""}]


def test_dols_data_set_layout_with_iso_codes_exploitation_words_and_year_ranges():
    parsed = parse("dol_goods", sheet(
        ["Country", "Country_ISOCode", "Region", "Sector", "Good", "All_Exploitations", "CL", "FL", "FCL"],
        ["China", "CN", "Asia", "Mining", "Polysilicon", "Forced Labor", "", "2020-", ""],
        ["Thailand", "TH", "Asia", "Agriculture", "Shrimp", "Forced Labor", "2009-2024", "2009-", ""],
        ["Ghana", "GH", "Africa", "Agriculture", "Cocoa", "Child Labor, Forced Child Labor", "", "", ""]))
    assert parsed.problems == []
    flags = [(r["iso2"], r["good"], r["child_labor"], r["forced_labor"], r["forced_child_labor"]) for r in parsed.rows]
    assert flags == [("CN", "Polysilicon", False, True, False), ("TH", "Shrimp", False, True, False),
                     ("GH", "Cocoa", True, False, True)]


def test_countries_by_the_names_dol_and_the_state_department_use():
    names = ["Burma", "Côte d'Ivoire", "Cote d'Ivoire", "Democratic Republic of the Congo",
             "Congo, Democratic Republic of the", "Kyrgyz Republic", "Türkiye", "Turkey", "Gambia, The",
             "The Gambia", "Korea, South", "West Bank and Gaza", "Laos", "vn", " my "]
    parsed = parse("tip_tiers", sheet(["Country", "Tier"], *[[n, "Tier 3"] for n in names]))
    assert parsed.problems == []
    assert [r["iso2"] for r in parsed.rows] == ["MM", "CI", "CD", "KG", "TR", "GM", "KR", "PS", "LA", "VN", "MY"]
    assert parsed.combined == 4  # the same country under a second name


def test_every_tier_word_is_kept_and_the_rules_read_only_watch_list_and_tier_3():
    parsed = parse("tip_tiers", sheet(["ISO", "Tier Placement"], ["DE", "Tier 1"], ["MX", "tier 2"],
                                      ["DZ", "Tier 2 Watch List"], ["KP", "Tier 3"], ["LY", "Special Case"],
                                      ["BB", "Tier 2WL"]))
    assert parsed.problems == []
    assert [r["tier"] for r in parsed.rows] == ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case",
                                               "Tier 2 Watch List"]
    tip = Edition("tip_tiers", "TIP", "2026", loaded_at="2026-07-01T00:00:00Z")
    data = combine(risk_data(), [(tip, parsed.rows)])
    assert data.tip == {"DZ": "Tier 2 Watch List", "KP": "Tier 3", "BB": "Tier 2 Watch List"}
    assert data.tip_edition == 2026 and data.editions[2] is tip


def test_entity_aliases_split_on_semicolons_bars_and_line_breaks_and_repeats_combine():
    parsed = parse("entity_list", sheet(["Entity Name", "Also known as", "Country", "Federal Register notice"],
                                        ["Acme Cotton Co.", "Acme; ACC | Acme Textiles\nAcme", "China", "89 FR 1"],
                                        ["Acme Cotton Co.", "Acme Group", "CN", "90 FR 2"],
                                        ["Orphan Ltd", "", "", ""]))
    assert parsed.problems == []
    assert parsed.rows == [
        {"name": "Acme Cotton Co.", "aliases": ["Acme", "ACC", "Acme Textiles", "Acme Group"], "iso2": "CN",
         "address": "", "reference": "89 FR 1; 90 FR 2"},
        {"name": "Orphan Ltd", "aliases": [], "iso2": None, "address": "", "reference": ""}]


def test_dol_rows_for_one_good_and_country_join_their_marks():
    parsed = parse("dol_goods", sheet(["Country", "Good", "Exploitation"], ["India", "Bricks", "Child Labor"],
                                      ["India", "bricks", "Forced Labor"], ["India", "Bricks", "Forced Child Labor"]))
    assert parsed.problems == [] and parsed.combined == 2
    assert [(r["child_labor"], r["forced_labor"], r["forced_child_labor"]) for r in parsed.rows] == [
        (True, True, True)]


def test_a_derived_good_whose_inputs_country_is_not_named_still_loads_as_derived():
    parsed = parse("dol_goods", sheet(["good", "iso2", "child_labor", "forced_labor", "forced_child_labor", "derived",
                                       "derived_iso2"],
                                      ["Cigarettes (tobacco)", "UA", "No", "No", "No", "Yes", ""],
                                      ["Indium", "KR", "No", "No", "No", "Yes", "Bolivia"]))
    assert parsed.problems == []
    assert [(r["derived"], r["derived_iso2"]) for r in parsed.rows] == [(True, ""), (True, "BO")]
    ua = [g for g in risk_data().goods if g.iso2 == "UA" and g.good == "Cigarettes (tobacco)"]
    assert [(g.derived, g.derived_from) for g in ua] == [(True, None)]  # the shipped file's own such row


def test_a_title_above_the_headings_and_a_sheet_of_notes_before_the_list_are_passed_over():
    notes = sheet(["About this file"], ["Published by DOL"], name="Notes")
    goods = sheet(["List of Goods 2025"], ["Country", "Good", "Forced Labor"], ["Malaysia", "Palm Fruit", "X"],
                  name="Goods")
    parsed = parse("dol_goods", notes + goods)
    assert (parsed.sheet, parsed.heading_row, len(parsed.rows)) == ("Goods", 2, 1)


def test_problems_name_sheet_row_and_column_and_all_of_them_are_given():
    parsed = parse("own_list", sheet(["Country", "ISO", "Good", "Level"], ["Narnia", "", "Tea", "high"],
                                     ["India", "CN", "Tea", "high"], ["Kenya", "", "Tea", "extreme"],
                                     ["", "", "Tea", ""], name="Watch"))
    assert [(p.sheet, p.row, p.column, p.message) for p in parsed.problems] == [
        ("Watch", 2, "Country", "'Narnia' is not a country fldd knows: use its two-letter ISO code (e.g. CN) or its "
                                "English name"),
        ("Watch", 3, "ISO", "the ISO code CN and the country 'India' disagree"),
        ("Watch", 4, "Level", "'extreme' is not a level (write high or medium, or leave it blank for high)"),
        ("Watch", 5, "Country", "no country given")]
    assert parsed.rows == []


def test_problems_stop_being_listed_after_fifty():
    parsed = parse("dol_goods", sheet(["Country", "Good", "Forced Labor"], *[["Atlantis", "Pearls", "X"]] * 80))
    assert len(parsed.problems) == MAX_PROBLEMS + 1
    assert parsed.problems[-1].message.startswith(f"more problems not listed: the first {MAX_PROBLEMS}")


def test_two_tiers_for_one_country_are_refused():
    parsed = parse("tip_tiers", sheet(["Country", "Tier"], ["Burma", "Tier 3"], ["MM", "Tier 2"]))
    assert [(p.row, p.message) for p in parsed.problems] == [
        (3, "MM is given twice with a different tier ('Tier 3' above, 'Tier 2' here): keep one row per country")]


def test_empty_files_headings_only_missing_columns_and_the_wrong_kind():
    assert [p.message for p in parse("dol_goods", [(None, [])]).problems] == ["the file is empty: it has no rows"]
    only = parse("dol_goods", sheet(["Country", "Good", "Forced Labor"]))
    assert [(p.row, p.message) for p in only.problems] == [(1, "the file has headings but no rows below them")]
    missing = parse("dol_goods", sheet(["Country", "Good", "Notes"], ["Burma", "Jade", "?"]))
    assert missing.problems[0].message.startswith("no column for child labour ('Child Labor') or forced labour "
                                                  "('Forced Labor') or forced child labour ('Forced Child Labor')")
    wrong = parse("dol_goods", sheet(["Country", "Tier"], ["Burma", "Tier 3"]))
    assert wrong.problems[0].message == (
        "this file's headings fit the layout of tip_tiers (TIP report tiers), not of dol_goods (DOL List of Goods): "
        "load it as tip_tiers, or choose the right file")
    unmarked = parse("dol_goods", sheet(["Country", "Good", "Forced Labor", "Child Labor"], ["Burma", "Jade", "", "No"]))
    assert unmarked.problems[0].message.startswith("no kind of labour is marked")


def test_fifty_thousand_rows_are_read():
    rows = [[f"Company {i}", f"Alias {i}", "CN"] for i in range(50_000)]
    parsed = parse("entity_list", sheet(["Name", "Aliases", "Country"], *rows))
    assert parsed.problems == [] and len(parsed.rows) == 50_000
