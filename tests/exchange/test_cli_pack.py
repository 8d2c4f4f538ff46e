"""`fldd workbook export -o FILE.json` writes an answer pack of one assessment; `import` takes it back."""

from __future__ import annotations

import json

from fldd.cli import main
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier


def test_pack_export_names_its_assessment_and_imports_back(tmp_path, capsys):
    db = tmp_path / "buyer.sqlite3"
    ctx = open_context(db, user="buyer")
    supplier_id = add_supplier(ctx, "Saigon Stitch", "VN", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier_id, "fldd-desktop")
    ctx.close()
    pack = tmp_path / "pack.json"
    assert main(["--db", str(db), "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier",
                 str(supplier_id), "-o", str(pack)]) == 1
    assert "name it with --assessment ID" in capsys.readouterr().err and not pack.exists()
    assert main(["--db", str(db), "workbook", "export", "--questionnaire", "fldd-desktop", "--supplier",
                 str(supplier_id), "--assessment", str(assessment_id), "-o", str(pack)]) == 0
    assert json.loads(pack.read_text(encoding="utf-8"))["format"] == "fldd-answer-pack"
    capsys.readouterr()
    assert main(["--db", str(db), "workbook", "import", str(pack), "--json"]) == 0
    (report,) = json.loads(capsys.readouterr().out)["files"]
    assert report["path"].endswith("pack.json") and report["outcome"] == "unchanged"  # nothing new: the pack holds what the database holds
