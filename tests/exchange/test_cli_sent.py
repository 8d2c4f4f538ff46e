"""`fldd workbook export` for several suppliers or --all (a folder, each file or refusal listed), and
`fldd workbook sent [--awaiting] [--json]`: which workbooks came back and which to chase."""

from __future__ import annotations

import json

import openpyxl

from fldd.cli import main
from fldd.usecases.questionnaires import standard
from tests.exchange.conftest import fill

DAY = "2026-11-23"  # the clock of the machine the tests run on is not fixed: names are checked by their start


def _fldd(db, *args):
    return main(["--db", str(db), *map(str, args)])


def _register(db, *names):
    for name, country in names:
        assert _fldd(db, "suppliers", "add", "--name", name, "--country", country) == 0


def _names(folder):
    return sorted(p.name.rsplit(" - ", 1)[0] for p in folder.iterdir())


def test_several_suppliers_get_a_workbook_each_in_a_folder_and_a_refusal_is_listed(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    _register(db, ("Saigon Stitch Co.", "VN"), ("Dhaka Denim Works", "BD"), ("Porto Shoe Makers", "PT"))
    capsys.readouterr()
    folder = tmp_path / "round 1"

    code = _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "saigon stitch co.",
                 "--supplier", "Nobody Ltd", "--supplier", "2", "-o", folder, "--lang", "es")

    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert _names(folder) == ["Dhaka Denim Works - fldd-desktop - es", "Saigon Stitch Co. - fldd-desktop - es"]
    assert out[0] == "refused Nobody Ltd: no supplier with the id or name 'Nobody Ltd' (see `fldd suppliers list`)"
    assert out[1].startswith(f"wrote {folder / 'Saigon Stitch Co. - fldd-desktop - es - '}")
    assert out[2].startswith(f"wrote {folder / 'Dhaka Denim Works - fldd-desktop - es - '}")
    assert out[3] == f"2 workbooks written to {folder}, 1 supplier refused"


def test_all_sends_to_every_supplier_and_the_json_names_each_file(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    _register(db, ("Saigon Stitch Co.", "VN"), ("Dhaka Denim Works", "BD"))
    capsys.readouterr()

    assert _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--all", "-o", tmp_path / "out",
                 "--json") == 0

    data = json.loads(capsys.readouterr().out)
    assert (data["written"], data["refused"]) == (2, 0)
    assert [(s["supplier"], s["written"], s["refused"]) for s in data["suppliers"]] == [
        ("Dhaka Denim Works", True, []), ("Saigon Stitch Co.", True, [])]  # in the register's order, by name
    for entry in data["suppliers"]:
        meta = {r[0]: r[1] for r in openpyxl.load_workbook(entry["path"])["_fldd"].iter_rows(values_only=True)}
        assert (meta["supplier_name"], meta["export_id"]) == (entry["supplier"], entry["export_id"])


def test_what_cannot_go_to_several_suppliers_is_refused(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    export = ("workbook", "export", "--questionnaire", "fldd-desktop")
    assert _fldd(db, *export, "--all", "-o", tmp_path / "out") == 1
    assert "the register has no supplier yet" in capsys.readouterr().err
    _register(db, ("Saigon Stitch Co.", "VN"), ("Dhaka Denim Works", "BD"))
    assert _fldd(db, *export, "--all", "-o", tmp_path / "all.xlsx") == 1
    assert "with several suppliers -o names a folder" in capsys.readouterr().err
    assert _fldd(db, *export, "--supplier", "1", "--supplier", "2", "--assessment", "1", "-o", tmp_path / "o") == 1
    assert "--assessment re-sends one supplier's assessment" in capsys.readouterr().err
    assert not (tmp_path / "all.xlsx").exists() and not (tmp_path / "o").exists()


def test_sent_lists_what_came_back_and_awaiting_whom_to_chase(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    _register(db, ("Saigon Stitch Co.", "VN"), ("Dhaka Denim Works", "BD"))
    capsys.readouterr()
    assert _fldd(db, "workbook", "sent") == 0
    assert capsys.readouterr().out == "no workbook sent yet (see `fldd workbook export`)\n"
    _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--all", "-o", tmp_path / "out")
    _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "Saigon Stitch Co.",
          "-o", tmp_path / "again.xlsx")  # sent again: the first one is replaced
    returned = next((tmp_path / "out").glob("Dhaka*"))
    fill(returned, {"pr_workers_total": 80})
    assert _fldd(db, "workbook", "import", returned) == 0
    capsys.readouterr()

    assert _fldd(db, "workbook", "sent") == 0
    lines = capsys.readouterr().out.splitlines()
    sent = f"fldd-desktop {standard().get('fldd-desktop').version} (en)"  # new exports: the current version
    assert [line.split("  ")[1:] for line in lines[:3]] == [
        ["Dhaka Denim Works", sent, lines[0].split("  ")[-1]],
        ["Saigon Stitch Co.", sent, lines[1].split("  ")[-1]],
        ["Saigon Stitch Co.", sent, "waiting 0 days"]]
    assert lines[0].split("  ")[-1].startswith("returned ") and lines[1].endswith("  replaced by the workbook sent "
                                                                                  + lines[2][:10])
    assert lines[3] == "3 workbooks sent: 1 returned, 1 awaiting, 1 replaced by a newer one"

    assert _fldd(db, "workbook", "sent", "--awaiting", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [(w["supplier"], w["status"], w["file_name"]) for w in data["workbooks"]] == [
        ("Saigon Stitch Co.", "awaiting", "again.xlsx")]
    assert data["counts"] == {"sent": 3, "returned": 1, "awaiting": 1, "overdue": 0, "replaced": 1, "not_chased": 0}
