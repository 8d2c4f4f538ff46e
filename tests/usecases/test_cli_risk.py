"""`fldd risk editions|load|withdraw`: the same use cases as the app, exit 1 with every message on refusal."""

from __future__ import annotations

import json

from fldd.cli import main

DOL_2025 = "Country,Good,Forced Labor\nItaly,Tomatoes,X\n"


def test_load_then_editions_shows_the_newer_edition_and_the_replaced_ones(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    path = tmp_path / "dol-2025.csv"
    path.write_text(DOL_2025, encoding="utf-8")
    assert main(["--db", db, "risk", "load", "dol_goods", str(path), "--fewer-rows", "--published", "2025-09-04", "--json"]) == 0
    loaded = json.loads(capsys.readouterr().out)
    assert (loaded["edition"]["edition"], loaded["edition"]["rows"], loaded["replaced"]["shown"]) == (
        "2025", 1, "2024 edition (partial reconstruction)")
    assert main(["--db", db, "risk", "editions", "--all", "--json"]) == 0
    shown = [(e["kind"], e["edition"], e["in_force"]) for e in json.loads(capsys.readouterr().out)]
    assert shown == [("dol_goods", "2025", True), ("dol_countries", "2022", True), ("tip_tiers", "2025", True),
                     ("dol_goods", "2024", False), ("dol_goods", "2022", False)]
    assert main(["--db", db, "risk", "editions"]) == 0
    text = capsys.readouterr().out
    assert "2025 edition, published 2025-09-04: 1 row, loaded " in text and "shipped with fldd" in text and "Replaced" not in text


def test_a_refused_file_exits_1_with_each_message(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    path = tmp_path / "dol-2025.csv"
    path.write_text(DOL_2025 + "Atlantis,Pearls,X\nItaly,Olives,maybe\n", encoding="utf-8")
    assert main(["--db", db, "risk", "load", "dol_goods", str(path), "--fewer-rows"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("error: dol-2025.csv: row 3, column 'Country': 'Atlantis'")
    assert err[1].startswith("error: dol-2025.csv: row 4, column 'Forced Labor': 'maybe'")
    assert main(["--db", db, "risk", "editions", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["shown"] == "2024 edition (partial reconstruction)"


def test_an_own_list_is_withdrawn_and_the_dol_list_cannot_be(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    path = tmp_path / "watch-2026.csv"
    path.write_text("Country,Good\nIN,Garments\n", encoding="utf-8")
    assert main(["--db", db, "risk", "load", "own_list", str(path), "--list", "Watch"]) == 0
    assert main(["--db", db, "risk", "withdraw", "own_list", "Watch", "--reason", "replaced by the group list"]) == 0
    assert main(["--db", db, "risk", "withdraw", "own_list", "Watch"]) == 1
    assert "no own high-risk list named 'Watch' is in force" in capsys.readouterr().err


def test_editions_name_the_countries_whose_shipped_dol_rows_were_not_checked(tmp_path, capsys):
    db = str(tmp_path / "cli.sqlite3")
    assert main(["--db", db, "risk", "editions"]) == 0
    text = capsys.readouterr().out
    assert ("Afghanistan, Belize, Honduras, Iran, Lebanon, Liberia, Madagascar, Malaysia, North Korea, Russia, "
            "Sudan, Taiwan, Tajikistan, Turkmenistan, Türkiye, Venezuela, Vietnam: rows carried over from the 2022 "
            "edition, not checked against 2024") in " ".join(text.split())
    assert "Belarus, Netherlands: listed by the publisher, no rows in this edition" in " ".join(text.split())
    path = tmp_path / "dol-2025.csv"
    path.write_text(DOL_2025, encoding="utf-8")
    assert main(["--db", db, "risk", "load", "dol_goods", str(path), "--fewer-rows"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "risk", "editions"]) == 0
    assert "not checked" not in capsys.readouterr().out  # the loaded list is taken as the publisher's own


def test_editions_give_the_caveat_of_a_whole_table_too(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "cli.sqlite3"), "risk", "editions"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Lists only the 25 countries on the Tier 2 Watch List and the 20 on Tier 3" in text
