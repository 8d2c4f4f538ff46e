"""`fldd suppliers corrections|apply-correction|dismiss-correction`: the suggested profile corrections of
returned workbooks, listed and decided from the command line (exit code 1 with the reason when refused)."""

from __future__ import annotations

import json

from fldd.cli import main
from fldd.store import settings
from fldd.store.connection import open_store
from tests.exchange.conftest import fill, suggest_corrections


def _fldd(db, *args):
    return main(["--db", str(db), *map(str, args)])


def test_list_apply_and_dismiss_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    assert _fldd(db, "suppliers", "add", "--name", "Saigon Stitch Co.", "--country", "VN", "--address", "1 Le Loi") == 0
    sent = tmp_path / "saigon.xlsx"
    assert _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "1", "-o", sent) == 0
    suggest_corrections(fill(sent, {"pr_workers_total": 80}),
                        {"address": "12 Le Loi, District 1", "country": "Narnia", "sector": "Apparel"})
    assert _fldd(db, "workbook", "import", sent) == 0
    capsys.readouterr()

    assert _fldd(db, "suppliers", "corrections", "saigon stitch co.") == 0
    listed = capsys.readouterr().out
    assert "Saigon Stitch Co.: Address: 1 Le Loi -> 12 Le Loi, District 1  (saigon.xlsx, " in listed
    assert "Saigon Stitch Co.: Sector: (empty) -> Apparel" in listed
    assert "3 suggested correction(s) waiting for a decision" in listed
    assert _fldd(db, "suppliers", "corrections", "--json") == 0
    ids = {c["field"]: c["id"] for c in json.loads(capsys.readouterr().out)}

    assert _fldd(db, "suppliers", "apply-correction", ids["address"]) == 0
    assert "applied: Saigon Stitch Co.: Address is now 12 Le Loi, District 1" in capsys.readouterr().out
    assert _fldd(db, "suppliers", "apply-correction", ids["country"]) == 1
    assert "error: Saigon Stitch Co.: the suggested Country 'Narnia' cannot be applied" in capsys.readouterr().err
    assert _fldd(db, "suppliers", "dismiss-correction", ids["sector"]) == 0
    assert f"dismissed suggested correction {ids['sector']}" in capsys.readouterr().out

    assert _fldd(db, "suppliers", "list", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["country"], row["sector"]) == ("VN", "")
    assert _fldd(db, "suppliers", "corrections") == 0
    assert "1 suggested correction(s) waiting" in capsys.readouterr().out  # the refused one still waits


def test_a_supplier_role_is_refused_with_exit_code_1(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    _fldd(db, "suppliers", "add", "--name", "Acme", "--country", "MY")
    sent = tmp_path / "acme.xlsx"
    _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "1", "-o", sent)
    suggest_corrections(fill(sent, {"pr_workers_total": 80}), {"sector": "Apparel"})
    _fldd(db, "workbook", "import", sent)
    store = open_store(db)
    settings.put(store, "role", "supplier")
    store.close()
    capsys.readouterr()

    assert _fldd(db, "suppliers", "apply-correction", 1) == 1
    assert "only a buyer or an auditor can apply" in capsys.readouterr().err
