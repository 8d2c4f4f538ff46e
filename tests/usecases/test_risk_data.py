"""Loading a newer edition of the risk data, as the buyer whose supplier's risk depends on it and as the buyer
whose file is wrong: what changes, what is shown, and that a refused file changes nothing."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import Workbook

from fldd.risk.inherent import inherent_risk
from fldd.usecases import risk_data as rd
from fldd.usecases.errors import Rejected
from fldd.usecases.risk_data import (current_risk_data, load_risk_edition, load_risk_file, refresh_if_pending,
                                     risk_editions, risk_refresh_pending, withdraw_list)
from fldd.usecases.suppliers import add_supplier, get_supplier

DOL_NAME = "US DOL List of Goods Produced by Child Labor or Forced Labor"
# A newer DOL list as a buyer might save it: DOL's headings, X marks, countries by the names DOL uses.
DOL_2025 = """Country,Good,Sector,Child Labor,Forced Labor,Forced Child Labor
Italy,Tomatoes,Agriculture,,X,
Burma,Garments,Manufacturing,X,X,
Côte d'Ivoire,Cocoa,Agriculture,X,,X
Kyrgyz Republic,Cotton,Agriculture,X,,
"""


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding, newline="")
    return path


def dol_workbook(path, rows, *, formula_at=None):
    """A DOL-style Excel list: a title, a blank row, then the headings and one row per good x country."""
    book = Workbook()
    sheet = book.active
    sheet.title = "List of Goods"
    sheet.append(["List of Goods Produced by Child Labor or Forced Labor, 2025"])
    sheet.append([])
    sheet.append(["Country", "Good", "Sector", "Child Labor", "Forced Labor", "Forced Child Labor"])
    for row in rows:
        sheet.append(row)
    if formula_at:
        sheet[formula_at] = "=B4"
    book.save(path)
    return path


def shown(ctx):
    return [(e.kind, e.name, e.shown(), e.loaded_by) for e in risk_editions(ctx)]


def test_shipped_editions_say_the_dol_list_is_a_partial_reconstruction(ctx):
    editions = risk_editions(ctx)
    assert [(e.kind, e.shown()) for e in editions] == [
        ("dol_goods", "2024 edition (partial reconstruction)"), ("dol_countries", "2022 edition"),
        ("tip_tiers", "2025 edition")]
    dol = editions[0]
    assert not dol.complete and "200 goods from 80 countries" in dol.note and dol.published == "2024-09-05"
    assert dol.loaded_at is None and dol.rows == 512
    replaced = risk_editions(ctx, include_replaced=True)[3:]
    assert [(e.kind, e.edition, e.rows) for e in replaced] == [("dol_goods", "2022", 467)]


def test_a_newer_dol_list_from_csv_changes_the_risk_of_a_supplier_of_a_newly_listed_good(ctx, tmp_path):
    supplier = add_supplier(ctx, "Campania Conserve", "IT", goods=["Tomatoes"])
    assert get_supplier(ctx, supplier).inherent_level == "low"
    loaded = load_risk_edition(ctx, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025), published="2025-09-04", fewer_rows=True)
    assert loaded.summary().startswith(f"{DOL_NAME}, 2025 edition: 4 rows, replacing the 2024 edition (partial "
                                       "reconstruction), which had 512 rows (check this file holds the whole "
                                       "list); inherent risk changed for ")
    data = current_risk_data(ctx)
    risk = inherent_risk("IT", ["Tomatoes"], data)
    assert (risk.level, risk.dol_forced_labour) == ("high", True)
    assert "The 2025 DOL list names Tomatoes from Italy for forced labour" in risk.reasons
    assert data.goods_edition == 2025 and len(data.goods) == 4
    assert {g.iso2 for g in data.goods} == {"IT", "MM", "CI", "KG"}
    assert shown(ctx)[0] == ("dol_goods", DOL_NAME, "2025 edition", "amina")
    assert risk_editions(ctx)[0].published == "2025-09-04" and risk_editions(ctx)[0].file_name == "dol-2025.csv"
    assert [(e.edition, e.loaded_at is None) for e in risk_editions(ctx, include_replaced=True)
            if e.kind == "dol_goods"] == [("2025", False), ("2024", True), ("2022", True)]
    assert get_supplier(ctx, supplier).inherent_level == "high"  # stored, as the register and the queue read it
    assert loaded.suppliers_changed == 1


def test_a_newer_dol_list_from_excel_as_dol_lays_it_out(ctx, tmp_path):
    path = dol_workbook(tmp_path / "List_of_Goods_2025.xlsx", [
        ["Italy", "Tomatoes", "Agriculture", None, "X", None],
        ["Congo, Democratic Republic of the", "Cobalt Ore", "Mining", "X", "X", None],
        ["Türkiye", "Hazelnuts", "Agriculture", "Yes", "No", "No"]])
    supplier = add_supplier(ctx, "Campania Conserve", "IT", goods=["Tomatoes"])
    edition = load_risk_file(ctx, "dol_goods", path, fewer_rows=True)
    assert get_supplier(ctx, supplier).inherent_level == "high"
    assert (edition.edition, edition.rows, edition.file_name) == ("2025", 3, "List_of_Goods_2025.xlsx")
    data = current_risk_data(ctx)
    assert inherent_risk("IT", ["tomato"], data).level == "high"
    assert {(g.iso2, g.good) for g in data.goods} == {("IT", "Tomatoes"), ("CD", "Cobalt Ore"), ("TR", "Hazelnuts")}


def test_a_malformed_file_is_refused_naming_row_and_column_and_the_old_edition_stays(ctx, tmp_path):
    supplier = add_supplier(ctx, "Campania Conserve", "IT", goods=["Tomatoes"])
    before = current_risk_data(ctx)
    bad = write(tmp_path / "dol-2025.csv", DOL_2025 + "Atlantis,Pearls,Mining,X,,\nItaly,Olives,Agriculture,maybe,X,\n")
    with pytest.raises(Rejected) as refused:
        load_risk_file(ctx, "dol_goods", bad, fewer_rows=True)
    assert refused.value.messages == [
        "dol-2025.csv: row 6, column 'Country': 'Atlantis' is not a country fldd knows: use its two-letter ISO code "
        "(e.g. CN) or its English name",
        "dol-2025.csv: row 7, column 'Child Labor': 'maybe' is not a yes or no (write Yes, No, Y, N, X, True, False, "
        "1, 0 or leave it blank)"]
    assert shown(ctx)[0] == ("dol_goods", DOL_NAME, "2024 edition (partial reconstruction)", None)
    assert current_risk_data(ctx).goods == before.goods
    assert get_supplier(ctx, supplier).inherent_level == "low"
    with sqlite3.connect(ctx.store.path) as conn:
        assert conn.execute("SELECT count(*) FROM risk_editions").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM risk_rows").fetchone() == (0,)


def test_a_refused_newer_file_leaves_the_loaded_edition_in_force(ctx, tmp_path):
    load_risk_file(ctx, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025), fewer_rows=True)
    book = dol_workbook(tmp_path / "dol-2026.xlsx", [["Italy", "Tomatoes", "Agriculture", None, "X", None]],
                        formula_at="E5")
    with pytest.raises(Rejected) as refused:
        load_risk_file(ctx, "dol_goods", book, fewer_rows=True)
    assert refused.value.messages[0].startswith("dol-2026.xlsx: sheet 'List of Goods', cell E5: the cell holds a "
                                                "formula (=B4)")
    assert shown(ctx)[0][2] == "2025 edition" and current_risk_data(ctx).goods_edition == 2025


def test_the_wrong_kind_of_file_is_refused_saying_what_it_looks_like(ctx, tmp_path):
    entities = write(tmp_path / "uflpa-2025.csv", "Entity Name,Also known as,Country\nAcme Cotton Co.,Acme;ACC,China\n")
    with pytest.raises(Rejected) as refused:
        load_risk_file(ctx, "dol_goods", entities, fewer_rows=True)
    assert refused.value.messages == [
        "uflpa-2025.csv: this file's headings fit the layout of entity_list (entity list), not of dol_goods (DOL "
        "List of Goods): load it as entity_list, or choose the right file"]


def test_the_same_file_again_changes_nothing(ctx, tmp_path):
    path = write(tmp_path / "dol-2025.csv", DOL_2025)
    load_risk_file(ctx, "dol_goods", path, fewer_rows=True)
    again = load_risk_edition(ctx, "dol_goods", path, fewer_rows=True)
    assert again.unchanged and "already the edition in force" in again.summary()
    assert len([e for e in risk_editions(ctx, include_replaced=True) if e.loaded_at]) == 1


def test_an_edition_is_needed_when_the_file_name_names_no_year(ctx, tmp_path):
    path = write(tmp_path / "goods.csv", DOL_2025)
    with pytest.raises(Rejected, match="say which edition this is"):
        load_risk_file(ctx, "dol_goods", path, fewer_rows=True)
    assert load_risk_file(ctx, "dol_goods", path, edition="2025-03", fewer_rows=True).edition == "2025-03"
    assert current_risk_data(ctx).goods_edition == 2025


def test_lists_of_the_buyer_sit_beside_each_other_and_can_be_withdrawn(ctx, tmp_path):
    own = write(tmp_path / "own.csv", "Country,Region,Good,Level,Reason\nCN,Xinjiang,Cotton,high,UFLPA region\n"
                                      "India,,Garments,medium,audit findings 2025\n")
    load_risk_file(ctx, "own_list", own, list_name="Our watch list", edition="2026-01")
    uflpa = write(tmp_path / "uflpa.csv", "Name,Aliases,Country\nAcme Cotton Co.,Acme | ACC,CN\n")
    load_risk_file(ctx, "entity_list", uflpa, edition="2025-12")
    data = current_risk_data(ctx)
    assert [(a.list_name, a.iso2, a.region, a.good, a.level) for a in data.areas] == [
        ("Our watch list", "CN", "Xinjiang", "Cotton", "high"), ("Our watch list", "IN", "", "Garments", "medium")]
    assert [(e.name, e.aliases, e.iso2) for e in data.entities] == [("Acme Cotton Co.", ("Acme", "ACC"), "CN")]
    assert [e.kind for e in risk_editions(ctx)] == ["dol_goods", "dol_countries", "tip_tiers", "entity_list",
                                                    "own_list"]
    withdraw_list(ctx, "own_list", "Our watch list", reason="merged into the group list")
    assert current_risk_data(ctx).areas == ()
    gone = [e for e in risk_editions(ctx, include_replaced=True) if e.kind == "own_list"]
    assert len(gone) == 1 and "Withdrawn" in gone[0].note and "merged into the group list" in gone[0].note
    with pytest.raises(Rejected, match="load a newer edition instead"):
        withdraw_list(ctx, "dol_goods", DOL_NAME)


def test_a_crash_between_the_edition_and_the_refresh_is_noticed_and_finished(ctx, tmp_path, monkeypatch):
    calls = []

    def dies(ctx, supplier_ids=None):
        raise KeyboardInterrupt("power cut")

    refresh_if_pending(ctx)
    assert not risk_refresh_pending(ctx)
    monkeypatch.setattr("fldd.usecases.inherent.refresh_inherent", dies)
    with pytest.raises(KeyboardInterrupt):
        load_risk_file(ctx, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025), fewer_rows=True)
    assert shown(ctx)[0][2] == "2025 edition"  # the edition was committed...
    assert risk_refresh_pending(ctx)  # ...and the supplier risk is known to be stale
    monkeypatch.setattr("fldd.usecases.inherent.refresh_inherent", lambda ctx, supplier_ids=None: calls.append(1) or 0)
    assert refresh_if_pending(ctx) and calls == [1]
    assert not risk_refresh_pending(ctx) and not refresh_if_pending(ctx)


def test_the_cache_follows_a_load_by_another_connection(ctx, tmp_path):
    from fldd.usecases.context import open_context

    assert current_risk_data(ctx).goods_edition == 2024
    rd._cache.clear()
    other = open_context(ctx.store.path, user="bo")
    try:
        load_risk_file(other, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025), fewer_rows=True)
    finally:
        other.close()
    assert current_risk_data(ctx).goods_edition == 2025 and shown(ctx)[0][3] == "bo"


def test_the_publishers_own_spellings_load_and_the_iso_code_decides_when_both_are_given(ctx, tmp_path):
    """DOL writes 'Turkey (Türkiye)', the State Department "People's Republic of China": the buyer's file from
    them loads as it is, and fldd's own shipped file loads back."""
    loaded = load_risk_edition(ctx, "dol_goods", write(tmp_path / "dol-2026.csv", (
        "Country,Good,Child Labor,Forced Labor\nTurkey (Türkiye),Hazelnuts,X,\n"
        "People's Republic of China,Polysilicon,,X\nWest Bank and the Gaza Strip,Stones,X,\n")), fewer_rows=True)
    assert {g.iso2 for g in current_risk_data(ctx).goods} == {"TR", "CN", "PS"} and loaded.edition.rows == 3
    from fldd.paths import resources_dir

    again = load_risk_edition(ctx, "dol_goods", resources_dir() / "risk" / "dol-goods-2024.csv", older=True, fewer_rows=True)
    assert again.edition.rows == 512
    with pytest.raises(Rejected, match="the ISO code TR and the country 'Greece' disagree"):
        load_risk_file(ctx, "dol_goods", write(tmp_path / "dol-2027.csv",
                                               "iso2,country,good,forced_labor\nTR,Greece,Hazelnuts,Yes\n"), fewer_rows=True)


def test_a_dol_list_is_not_taken_for_an_area_list(ctx, tmp_path):
    """The EU FLR database and the buyer's own list need only a country column, which a DOL list has too."""
    supplier = add_supplier(ctx, "Izmir Hazelnut", "TR", goods=["Hazelnuts"])
    before = get_supplier(ctx, supplier).inherent_score
    for kind in ("eu_flr", "own_list"):
        with pytest.raises(Rejected, match="fit the layout of dol_goods"):
            load_risk_file(ctx, kind, write(tmp_path / "dol-2026.csv", DOL_2025))
    assert get_supplier(ctx, supplier).inherent_score == before
    assert [e.kind for e in risk_editions(ctx)] == ["dol_goods", "dol_countries", "tip_tiers"]


def test_an_older_edition_does_not_silently_replace_a_newer_one(ctx, tmp_path):
    with pytest.raises(Rejected, match="the 2019 edition is older than the 2024 edition"):
        load_risk_file(ctx, "dol_goods", write(tmp_path / "dol-2019.csv", DOL_2025), fewer_rows=True)
    assert risk_editions(ctx)[0].edition == "2024"
    assert load_risk_edition(ctx, "dol_goods", tmp_path / "dol-2019.csv", older=True, fewer_rows=True).edition.edition == "2019"


def test_a_much_shorter_dol_list_is_refused_unless_said_to_be_whole_and_formulas_are_refused(ctx, tmp_path):
    """The buyer whose export from DOL's spreadsheet was cut off: a 4-row file does not replace a 512-row list and
    lower every supplier's risk on the way; said to be the whole list, it loads and still says so."""
    supplier = add_supplier(ctx, "Chittagong Knit", "BD", goods=["Garments"])
    before = get_supplier(ctx, supplier).inherent_level
    with pytest.raises(rd.FewerRows, match="4 rows where the 2024 edition .partial reconstruction. in force has 512"):
        load_risk_edition(ctx, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025))
    assert risk_editions(ctx)[0].edition == "2024" and get_supplier(ctx, supplier).inherent_level == before
    loaded = load_risk_edition(ctx, "dol_goods", tmp_path / "dol-2025.csv", fewer_rows=True)
    assert "(partial reconstruction), which had 512 rows (check this file holds the whole list); " in loaded.summary()
    with pytest.raises(Rejected, match=r"row 3, column 'Good': '=1\+2' looks like a spreadsheet formula"):
        load_risk_file(ctx, "dol_goods", write(tmp_path / "dol-2026.csv", DOL_2025.replace("Garments", "=1+2")),
                       fewer_rows=True)
    with pytest.raises(Rejected, match="'@SUM"):
        load_risk_file(ctx, "own_list", write(tmp_path / "own-2026.csv", "country,good\nBD,@SUM(A1)\n"))


def test_the_count_of_suppliers_changed_is_those_whose_level_or_score_moved(ctx, tmp_path):
    """Every factor names the edition, so every supplier's words change with a load: the summary counts only the
    suppliers whose inherent level or score moved."""
    tomatoes = add_supplier(ctx, "Campania Conserve", "IT", goods=["Tomatoes"])
    add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    loaded = load_risk_edition(ctx, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025), fewer_rows=True)
    assert loaded.suppliers_changed == 1 and get_supplier(ctx, tomatoes).inherent_level == "high"
    assert loaded.summary().endswith("inherent risk changed for 1 supplier")


def test_opening_the_database_finishes_a_load_a_crash_cut_short(ctx, tmp_path, monkeypatch):
    """The CLI user who pulled the plug mid-load: the next command or the app opening the database rates the
    supplier with the edition in force before anything reads its risk."""
    supplier = add_supplier(ctx, "Campania Conserve", "IT", goods=["Tomatoes"])
    real = rd.refresh_after_change
    monkeypatch.setattr(rd, "refresh_after_change", lambda ctx: (_ for _ in ()).throw(KeyboardInterrupt("plug")))
    with pytest.raises(KeyboardInterrupt):
        load_risk_file(ctx, "dol_goods", write(tmp_path / "dol-2025.csv", DOL_2025), fewer_rows=True)
    monkeypatch.setattr(rd, "refresh_after_change", real)
    assert get_supplier(ctx, supplier).inherent_level == "low"  # stale: computed with the 2024 list
    rd.make_risk_current(ctx)
    assert get_supplier(ctx, supplier).inherent_level == "high" and not risk_refresh_pending(ctx)
