"""`fldd workbook open / answer / write-back`: the supplier's side of the workbook, scripted end to end."""

from __future__ import annotations

import json

import openpyxl

from fldd.cli import main
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import sheet_of


def _buyer_export(tmp_path, capsys):
    buyer = tmp_path / "buyer.sqlite3"
    ctx = open_context(buyer, user="amina")
    supplier_id = add_supplier(ctx, "Saigon Stitch", "VN", goods=["Garments"], identifiers={"other": "SS-1"})
    ctx.close()
    sent = tmp_path / "mail" / "Saigon Stitch.xlsx"
    assert main(["--db", str(buyer), "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier",
                 str(supplier_id), "-o", str(sent)]) == 0
    capsys.readouterr()
    return buyer, sent


def test_open_answer_write_back_and_the_buyer_imports_it(tmp_path, capsys):
    buyer, sent = _buyer_export(tmp_path, capsys)
    supplier = tmp_path / "supplier.sqlite3"
    capsys.readouterr()

    assert main(["--db", str(supplier), "workbook", "open", str(sent), "--json"]) == 0
    opened = json.loads(capsys.readouterr().out)
    assert opened["created"] and opened["answers"] == 0
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"pr_workers_total": 120, "pr_workers_migrant": 0},
                                   "comments": {"pr_workers_total": "=two shifts"}}), encoding="utf-8")
    assert main(["--db", str(supplier), "workbook", "answer", str(opened["assessment_id"]), str(answers)]) == 0
    assert "2 answers and 1 comments saved" in capsys.readouterr().out
    assert main(["--db", str(supplier), "workbook", "write-back", str(opened["assessment_id"]), "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["path"].endswith("Saigon Stitch - answered.xlsx")

    assert main(["--db", str(buyer), "workbook", "import", written["path"], "--json"]) == 0
    [report] = json.loads(capsys.readouterr().out)["files"]
    assert report["outcome"] == "accepted_incomplete" and report["export_id"] == opened["export_id"]
    assert main(["--db", str(buyer), "assessments", "show", str(report["assessment_id"]), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["answers"] == {"pr_workers_total": 120, "pr_workers_migrant": 0}
    assert shown["comments"] == {"pr_workers_total": "=two shifts"}


def test_a_tampered_workbook_is_refused_with_exit_1_naming_the_file(tmp_path, capsys):
    _, sent = _buyer_export(tmp_path, capsys)
    wb = openpyxl.load_workbook(sent)
    ws, row = sheet_of(wb, "pr_workers_total")
    ws.insert_rows(row)  # a row slipped in above the first question: every question moves down
    wb.save(sent)
    supplier = tmp_path / "supplier.sqlite3"
    capsys.readouterr()

    assert main(["--db", str(supplier), "workbook", "open", str(sent)]) == 1

    err = capsys.readouterr().err
    assert f"{sent.name}: sheet '{ws.title}', cell A{row}" in err
    assert main(["--db", str(supplier), "assessments", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_bad_answers_file_saves_nothing(tmp_path, capsys):
    _, sent = _buyer_export(tmp_path, capsys)
    supplier = tmp_path / "supplier.sqlite3"
    assert main(["--db", str(supplier), "workbook", "open", str(sent), "--json"]) == 0
    assessment = json.loads(capsys.readouterr().out)["assessment_id"]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"pr_workers_total": 120, "pr_workers_migrant": "many"}}),
                       encoding="utf-8")

    assert main(["--db", str(supplier), "workbook", "answer", str(assessment), str(answers)]) == 1

    assert "answers.json: answers.pr_workers_migrant" in capsys.readouterr().err
    assert main(["--db", str(supplier), "assessments", "show", str(assessment), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["answers"] == {}


def test_write_back_refuses_to_replace_the_received_file_unless_asked(tmp_path, capsys):
    _, sent = _buyer_export(tmp_path, capsys)
    supplier = tmp_path / "supplier.sqlite3"
    assert main(["--db", str(supplier), "workbook", "open", str(sent), "--json"]) == 0
    assessment = str(json.loads(capsys.readouterr().out)["assessment_id"])
    before = sent.read_bytes()

    assert main(["--db", str(supplier), "workbook", "write-back", assessment, "-o", str(sent)]) == 1
    assert "as the buyer sent it" in capsys.readouterr().err and sent.read_bytes() == before
    assert main(["--db", str(supplier), "workbook", "write-back", assessment, "-o", str(sent), "--overwrite"]) == 0


def test_pack_with_evidence_from_the_command_line_reaches_the_buyer(tmp_path, capsys):
    from fldd.usecases.evidence import attach_evidence

    buyer, sent = _buyer_export(tmp_path, capsys)
    supplier = tmp_path / "supplier.sqlite3"
    assert main(["--db", str(supplier), "workbook", "open", str(sent), "--json"]) == 0
    assessment = json.loads(capsys.readouterr().out)["assessment_id"]
    proof = tmp_path / "headcount.pdf"
    proof.write_bytes(b"%PDF-1.4 headcount")
    ctx = open_context(supplier, user="siti")
    attach_evidence(ctx, assessment, "pr_workers_total", proof)
    ctx.close()
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"pr_workers_total": 120}}), encoding="utf-8")
    assert main(["--db", str(supplier), "workbook", "answer", str(assessment), str(answers)]) == 0
    pack = tmp_path / "out" / "answers.zip"

    assert main(["--db", str(supplier), "workbook", "pack", str(assessment), "-o", str(pack)]) == 0
    assert capsys.readouterr().out.endswith(f"wrote answer pack {pack} (assessment {assessment})\n")
    assert main(["--db", str(buyer), "workbook", "import", str(pack.parent), "--json"]) == 0

    [report] = json.loads(capsys.readouterr().out)["files"]
    assert report["outcome"] == "accepted_incomplete" and report["path"].endswith("answers.zip")
    assert [c["what"] for c in report["changes"]] == ["evidence"]
