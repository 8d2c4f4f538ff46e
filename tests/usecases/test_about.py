"""The About facts as the person who pastes them into a support email and the one who answers it would check
them: the right version, the database actually open and its real size, the folders as configured, every
questionnaire and version this copy reads, and the risk data really in force with its caveats."""

from __future__ import annotations

import json
import sys

from fldd import __version__, app_config, cli
from fldd.usecases.about import about_facts, about_text
from fldd.usecases.backup import back_up
from fldd.usecases.backup_words import when
from fldd.usecases.risk_data import load_risk_edition

DOL_2025 = "Country,Good,Sector,Child Labor,Forced Labor,Forced Child Labor\nItaly,Tomatoes,Agriculture,,X,\n"


def test_facts_name_this_copy_and_the_database_open(ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    facts = about_facts(ctx)
    assert facts["version"] == __version__
    assert facts["python"] == ".".join(map(str, sys.version_info[:3]))
    assert facts["bundle"] is False
    assert facts["database"] == str(ctx.store.path)
    on_disk = ctx.store.path.stat().st_size
    wal = ctx.store.path.with_name(ctx.store.path.name + "-wal")
    assert facts["database_size"] == on_disk + (wal.stat().st_size if wal.exists() else 0) > 0
    assert facts["data_folder"] == str(tmp_path / "data")
    assert facts["config_file"] == str(tmp_path / "data" / "fldd.json")
    assert facts["backup_folder"] == str(tmp_path / "data" / "backups")
    assert facts["error_log"] == str(tmp_path / "data" / "logs" / "fldd-errors.log")
    assert f"Error log: {facts['error_log']}" in about_text(facts)


def test_facts_follow_the_backup_folder_chosen_and_create_nothing(ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    chosen = tmp_path / "usb stick" / "fldd"
    app_config.save(app_config.AppConfig(backup_folder=str(chosen)))
    facts = about_facts(ctx)
    assert facts["backup_folder"] == str(chosen)
    assert not chosen.exists()  # showing where backups go does not make the folder


def test_the_last_backup_is_told_once_one_is_made(ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    facts = about_facts(ctx)
    assert (facts["last_backup"], facts["last_backup_path"]) == (None, None)
    assert "Last backup: none yet\n" in about_text(facts)
    made = back_up(ctx)
    facts = about_facts(ctx)
    assert facts["last_backup_path"] == str(made.path) and made.path.parent == tmp_path / "data" / "backups"
    assert facts["last_backup"] == made.made_at
    assert f"Last backup: {when(made.made_at)}, {made.path}\n" in about_text(facts)


def test_a_bundled_copy_says_so(ctx, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    facts = about_facts(ctx)
    assert facts["bundle"] is True
    assert "Running from: the installed bundle" in about_text(facts)


def test_every_shipped_questionnaire_with_its_version_languages_and_the_versions_it_still_reads(ctx):
    facts = about_facts(ctx)
    shipped = ctx.standard.questionnaires
    assert [q["id"] for q in facts["questionnaires"]] == ["fldd-desktop", "fldd-onsite"]
    for q in facts["questionnaires"]:
        current = shipped[q["id"]]
        assert (q["version"], q["tier"], q["languages"]) == (current.version, current.tier, list(current.languages))
        assert q["earlier_versions"] == ctx.standard.versions(q["id"])[:-1]
        assert q["earlier_versions"], "the releases folder keeps earlier versions readable"
    text = about_text(facts)
    for q in facts["questionnaires"]:
        assert f"{q['id']} {q['version']} ({q['tier']})" in text
        assert f"also reads {', '.join(q['earlier_versions'])}" in text
    assert "in en, es" in text


def test_the_shipped_risk_data_says_which_edition_is_partial_and_why(ctx):
    facts = about_facts(ctx)
    assert [(e["kind"], e["shown"]) for e in facts["risk_editions"]] == [
        ("dol_goods", "2024 edition (partial reconstruction)"), ("dol_countries", "2022 edition"),
        ("tip_tiers", "2025 edition")]
    dol = facts["risk_editions"][0]
    assert dol["complete"] is False and "200 goods from 80 countries" in dol["note"]
    assert any(line.startswith("Belarus, Netherlands: listed by the publisher") for line in dol["basis"])
    assert all(not e["note"] and not e["basis"] for e in facts["risk_editions"][1:])
    text = about_text(facts)
    assert ("US DOL List of Goods Produced by Child Labor or Forced Labor, 2024 edition (partial reconstruction), "
            "published 2024-09-05, shipped with fldd") in text
    assert dol["note"] in text and "publication date not known" in text  # the 2022 findings carry no date


def test_an_edition_the_buyer_loaded_replaces_the_shipped_one_and_says_who_loaded_it(ctx, tmp_path):
    path = tmp_path / "dol-2025.csv"
    path.write_text(DOL_2025, encoding="utf-8")
    load_risk_edition(ctx, "dol_goods", path, published="2025-09-04", fewer_rows=True)
    facts = about_facts(ctx)
    dol = next(e for e in facts["risk_editions"] if e["kind"] == "dol_goods")
    assert (dol["kind"], dol["shown"], dol["loaded_by"], dol["file_name"]) == ("dol_goods", "2025 edition", "amina",
                                                                              "dol-2025.csv")
    assert [e["kind"] for e in facts["risk_editions"]].count("dol_goods") == 1
    text = about_text(facts)
    assert "2025 edition, published 2025-09-04, loaded " in text and " by amina from dol-2025.csv" in text
    assert "partial reconstruction" not in text  # the replaced edition is no longer in force


def test_the_text_for_support_has_the_paths_in_full_and_the_ui_versions_when_given(ctx):
    facts = about_facts(ctx) | {"qt": "6.7.2", "pyside": "6.7.2"}
    text = about_text(facts)
    assert text.startswith(f"fldd {__version__}\n")
    assert f"Database: {ctx.store.path} (" in text
    assert f"Backup folder: {facts['backup_folder']}\n" in text
    assert "Qt: 6.7.2\nPySide6: 6.7.2\n" in text
    assert "Qt:" not in about_text(about_facts(ctx))  # the command line has no Qt to tell


def test_fldd_about_prints_the_same_facts(tmp_path, capsys):
    db = tmp_path / "shop.sqlite3"
    assert cli.main(["--db", str(db), "about", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["database"] == str(db) and facts["version"] == __version__
    assert [q["id"] for q in facts["questionnaires"]] == ["fldd-desktop", "fldd-onsite"]
    assert cli.main(["--db", str(db), "about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"fldd {__version__}\n") and f"Database: {db} (" in out and "Risk data in force:" in out
