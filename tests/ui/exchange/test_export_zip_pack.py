"""The export dialog writes an answer pack with its evidence files (.zip) for an assessment that has evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile

import pytest
from PySide6.QtCore import Qt

from fldd.ui.exchange.export_dialog import ExportDialog
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.evidence import attach_evidence
from fldd.usecases.suppliers import add_supplier


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "fldd.sqlite3", user="siti", role="supplier")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()


def test_an_answer_pack_with_evidence_carries_every_file_with_its_sha256(qtbot, ctx, tmp_path):
    supplier = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    session.answer("pr_workers_total", 120)
    scan = tmp_path / "payroll.pdf"
    scan.write_bytes(b"%PDF-1.4 payroll of March")
    attach_evidence(ctx, session.id, "pr_workers_total", scan)
    prompter = ScriptedPrompter(files=[str(tmp_path / "klang")])
    dialog = ExportDialog(ctx, prompter, supplier_id=supplier)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    dialog.kind.setCurrentIndex(dialog.kind.findData("zip"))
    dialog.prefill.setCurrentIndex(dialog.prefill.findData(session.id))
    assert "answers, comments and evidence files" in dialog.hint.text()
    assert not dialog.language.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    assert prompter.asked[0][:2] == ("save_file", "Save the answer pack")
    written = tmp_path / "klang.zip"  # the suffix is added when the person leaves it out
    with zipfile.ZipFile(written) as zf:
        digest = hashlib.sha256(scan.read_bytes()).hexdigest()
        assert sorted(zf.namelist()) == [f"evidence/{digest}", "pack.json"]
        assert zf.read(f"evidence/{digest}") == scan.read_bytes()
    assert prompter.asked[-1][:2] == ("inform", "Saved the answer pack")
