"""The export dialog: a workbook for a supplier in the language they read, prefilled when re-sending; an
assessment as an answer pack; a refused export says why and keeps the dialog open."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from fldd.exchange.answer_pack import loads
from fldd.ui.exchange.export_dialog import ExportDialog, suggested_name
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.sent_workbooks import sent_workbooks
from fldd.usecases.suppliers import add_supplier
from tests.ui.exchange.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()


@pytest.fixture
def supplier(ctx):
    add_supplier(ctx, "Bangkok Garment Group", "TH")
    return add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])


def open_dialog(qtbot, ctx, prompter, supplier_id=None) -> ExportDialog:
    dialog = ExportDialog(ctx, prompter, supplier_id=supplier_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_workbook_is_exported_for_the_supplier_in_the_chosen_language(qtbot, ctx, supplier, tmp_path):
    target = tmp_path / "out" / "klang.xlsx"
    prompter = ScriptedPrompter(files=[str(target)])
    dialog = open_dialog(qtbot, ctx, prompter, supplier)
    assert dialog.supplier.currentText() == "Klang Valley Gloves (MY)"

    qtbot.keyClicks(dialog.language, "Esp")
    with qtbot.waitSignal(dialog.exported) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    assert exported.args == [str(target)] and dialog.result() == QDialog.DialogCode.Accepted
    assert ("save_file", "Save the workbook", "Klang Valley Gloves - fldd-desktop - es.xlsx") in prompter.asked
    assert any(kind == "inform" and str(target) in text for kind, _, text in prompter.asked)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[:2] == ["Instrucciones", "Proveedor"]
    meta = {row[0]: row[1] for row in wb["_fldd"].iter_rows(values_only=True)}
    assert (meta["supplier_name"], meta["language"], meta["questionnaire"]) == (
        "Klang Valley Gloves", "es", "fldd-desktop")


def test_the_workbook_is_logged_as_sent_and_the_window_told(qtbot, ctx, supplier, tmp_path):
    dialog = open_dialog(qtbot, ctx, ScriptedPrompter(files=[str(tmp_path / "klang.xlsx")]), supplier)

    with qtbot.waitSignal(dialog.data_changed):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    [row] = sent_workbooks(ctx)
    assert (row["supplier"], row["file_name"], row["status"], row["sent_by"]) == (
        "Klang Valley Gloves", "klang.xlsx", "awaiting", "amina")


def test_re_sending_an_assessment_prefills_its_answers(qtbot, ctx, supplier, tmp_path):
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    session.answer("pr_workers_total", 120, "from the payroll")
    target = tmp_path / "again.xlsx"
    dialog = open_dialog(qtbot, ctx, ScriptedPrompter(files=[str(target)]), supplier)

    dialog.prefill.setCurrentIndex(dialog.prefill.findData(session.id))
    assert "new revision" in dialog.hint.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    wb = openpyxl.load_workbook(target)
    cells = [(row[3].value, row[4].value) for ws in wb.worksheets for row in ws.iter_rows(min_row=2)
             if row and row[0].value == "pr_workers_total"]
    assert cells == [(120, "from the payroll")]
    meta = {row[0]: row[1] for row in wb["_fldd"].iter_rows(values_only=True)}
    assert meta["export_id"] == session.record.uid


def test_an_answer_pack_needs_an_assessment_and_is_written_sealed(qtbot, ctx, supplier, tmp_path):
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    session.answer("pr_workers_total", 120)
    prompter = ScriptedPrompter(files=[str(tmp_path / "klang")])
    dialog = open_dialog(qtbot, ctx, prompter, supplier)

    dialog.kind.setCurrentIndex(dialog.kind.findData("json"))
    assert not dialog.export_button.isEnabled() and "choose one under Prefill from" in dialog.hint.text()
    dialog.prefill.setCurrentIndex(dialog.prefill.findData(session.id))
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    written = tmp_path / "klang.json"  # the suffix is added when the person leaves it out
    pack = loads(written.read_bytes())
    assert pack["answers"] == {"pr_workers_total": 120} and pack["assessment"]["uid"] == session.record.uid
    assert json.loads(written.read_text(encoding="utf-8"))["supplier"]["name"] == "Klang Valley Gloves"


def test_a_refused_export_says_why_and_stays_open(qtbot, ctx, supplier, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    dialog = open_dialog(qtbot, ctx, ScriptedPrompter(files=[str(blocker / "inside.xlsx")]), supplier)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "cannot write" in dialog.error.text()


def test_cancelling_the_save_dialog_writes_nothing(qtbot, ctx, supplier, tmp_path):
    prompter = ScriptedPrompter(files=[])
    dialog = open_dialog(qtbot, ctx, prompter, supplier)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.path is None and list(tmp_path.glob("*.xlsx")) == []


def test_suggested_file_names_are_safe_everywhere():
    assert suggested_name('A/B: "C" <D>?', "fldd-desktop", "en", "xlsx") == "A B C D - fldd-desktop - en.xlsx"


def test_the_language_chosen_in_settings_is_offered_first(qtbot, ctx, supplier):
    from fldd.usecases.preferences import save_preferences

    save_preferences(ctx, language="es")
    dialog = open_dialog(qtbot, ctx, ScriptedPrompter(), supplier)
    assert dialog.language.currentData() == "es"
