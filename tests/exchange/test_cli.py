"""`fldd workbook export` and `fldd workbook import`: output, --json, --dry-run, --report, exit codes."""

from __future__ import annotations

import json

import openpyxl

from fldd.cli import main
from fldd.usecases.questionnaires import standard
from tests.exchange.conftest import fill


def _fldd(db, *args):
    return main(["--db", str(db), *map(str, args)])


def test_export_then_import_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    assert _fldd(db, "suppliers", "add", "--name", "Saigon Stitch Co.", "--country", "VN") == 0
    out = tmp_path / "saigon.xlsx"
    assert _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "saigon stitch co.",
                 "-o", out, "--lang", "es") == 0
    assert f"{len(standard().questionnaires['fldd-desktop'].questions)} questions" in capsys.readouterr().out
    fill(out, {"pr_workers_total": 80, "gov_policy_exists": "Sí"})

    assert _fldd(db, "workbook", "import", out, "--dry-run") == 0
    dry = capsys.readouterr().out
    assert "saigon.xlsx: accepted incomplete -> a new assessment revision 1, Saigon Stitch Co., 2 answers" in dry
    assert "required, not answered: 1.2 (pr_workers_migrant)" in dry and "dry run: nothing written" in dry

    report = tmp_path / "report.xlsx"
    assert _fldd(db, "workbook", "import", out, "--json", "--report", report) == 0
    data = json.loads(capsys.readouterr().out)
    [file] = data["files"]
    assert (file["outcome"], file["assessment_id"], file["answered"]) == ("accepted_incomplete", 1, 2)
    assert openpyxl.load_workbook(report)["Files"]["B2"].value == "accepted_incomplete"

    assert _fldd(db, "workbook", "import", out) == 0
    assert "saigon.xlsx: unchanged (the same file was imported on" in capsys.readouterr().out


def test_import_exits_1_when_a_file_is_rejected_and_names_the_problem(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    _fldd(db, "suppliers", "add", "--name", "Acme", "--country", "MY")
    good = tmp_path / "good.xlsx"
    _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "1", "-o", good)
    fill(good, {"pr_workers_total": "many"})
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    capsys.readouterr()

    assert _fldd(db, "workbook", "import", good, text) == 1

    out = capsys.readouterr().out
    assert ("  error: sheet 'Site profile', cell D2, question 1.1 (pr_workers_total): 'many' is not a number"
            in out)
    assert "notes.xlsx: rejected (1 problem)" in out and "2 file(s): 2 rejected" in out


def test_export_to_an_unknown_supplier_exits_1_with_a_clear_message(tmp_path, capsys):
    db = tmp_path / "fldd.sqlite3"
    code = _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "Nobody Ltd",
                 "-o", tmp_path / "x.xlsx")
    assert code == 1
    assert "error: no supplier with the id or name 'Nobody Ltd'" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def _returned_workbook(tmp_path, capsys):
    """A database with one supplier and its filled-in workbook, ready to import."""
    db = tmp_path / "fldd.sqlite3"
    _fldd(db, "suppliers", "add", "--name", "Acme", "--country", "MY")
    sent = tmp_path / "acme.xlsx"
    _fldd(db, "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier", "1", "-o", sent)
    fill(sent, {"pr_workers_total": 80})
    capsys.readouterr()
    return db, sent


def test_a_report_path_that_cannot_be_written_is_refused_before_anything_is_imported(tmp_path, capsys):
    db, sent = _returned_workbook(tmp_path, capsys)
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    for report in (f"{db}-wal", tmp_path / "notes.txt" / "report.xlsx", tmp_path):
        assert _fldd(db, "workbook", "import", sent, "--report", report) == 1
        captured = capsys.readouterr()
        assert str(report) in captured.err and "nothing was imported" in captured.err, captured.err
        assert "accepted" not in captured.out
    assert _fldd(db, "workbook", "import", sent) == 0  # it was not imported by any of the refused runs
    assert "acme.xlsx: accepted incomplete -> assessment 1 revision 1" in capsys.readouterr().out


def test_a_report_that_fails_after_the_import_says_the_files_were_imported(tmp_path, capsys, monkeypatch):
    db, sent = _returned_workbook(tmp_path, capsys)

    def disk_full(handle, reports):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("fldd.exchange.report_xlsx.write_report", disk_full)
    assert _fldd(db, "workbook", "import", sent, "--report", tmp_path / "report.xlsx") == 1
    captured = capsys.readouterr()
    assert "acme.xlsx: accepted incomplete -> assessment 1 revision 1" in captured.out
    assert "1 file(s): 1 accepted incomplete" in captured.out
    assert "the files were imported as listed; the report could not be written" in captured.err
    assert "No space left on device" in captured.err and "nothing was written" not in captured.err
    assert not (tmp_path / "report.xlsx").exists()
    assert _fldd(db, "workbook", "import", sent) == 0
    assert "acme.xlsx: unchanged (the same file was imported on" in capsys.readouterr().out
