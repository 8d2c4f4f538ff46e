"""User story: a supplier with fldd opens the workbook its buyer mailed (File > Open), answers it in the runner with
a comment and evidence, writes the same workbook back beside it; the buyer's fldd imports it and holds the same
answers, with the buyer's own signature. Every step is checked in the databases and on the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from fldd.exchange.metadata import verify
from fldd.exchange.workbook_check import read_metadata
from fldd.exchange.workbook_read import open_workbook
from fldd.store import received as store_received
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import assessment_json, list_assessments
from fldd.usecases.context import open_context
from fldd.usecases.evidence import list_evidence
from fldd.usecases.exchange import export_workbook, import_paths, workbook_secret
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import TODAY, StandardContext, every_standard  # noqa: F401 - a fixture
from tests.ui.runner.conftest import OFFSCREEN_LIMITS, Ui

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def _context(path, user, role, standard):
    base = open_context(path, user=user, role=role)
    ctx = StandardContext(base.store, base.user, base.role, custom=standard)
    ctx.today = lambda: TODAY
    return ctx


@pytest.fixture
def buyer(tmp_path, every_standard):  # noqa: F811 - the fixture imported above
    ctx = _context(tmp_path / "buyer.sqlite3", "amina", "buyer", every_standard)
    yield ctx
    ctx.close()


@pytest.fixture
def supplier(tmp_path, every_standard):  # noqa: F811
    ctx = _context(tmp_path / "supplier.sqlite3", "siti", "supplier", every_standard)
    yield ctx
    ctx.close()


@pytest.fixture
def sent(buyer, tmp_path):
    supplier_id = add_supplier(buyer, "Shenzhen Bright Electronics", "CN", goods=["Electronics"])
    return export_workbook(buyer, supplier_id, "xchg-every", tmp_path / "mail" / "Bright.xlsx").path


@pytest.fixture
def window(qtbot, supplier, sent):
    main_window = MainWindow(supplier, ScriptedPrompter(files=[str(sent)]))
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def test_a_supplier_answers_its_buyers_workbook_in_fldd_and_the_buyer_imports_it(
        qtbot, window, buyer, supplier, sent, tmp_path):
    prompter = window.prompter

    # File > Open (Ctrl+O): the workbook is checked and opens in the runner, as a new draft.
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.runner is not None and window.stack.currentWidget() is window.runner)
    page = window.runner
    assert prompter.asked[0][:2] == ("open_file", "Open a workbook from a buyer")
    assert page.header.supplier.text() == "Shenzhen Bright Electronics"
    assert page.header.status.text() == "Draft"
    assert page.received.isVisible() and "Bright.xlsx" in page.received.label.text()
    assert "amina" in page.received.label.text()
    assert page.header.message.text().startswith("Opened the buyer's workbook: 0 answers")
    assessment_id = page.session.id

    # Answers typed from the keyboard and given with the editors, as in any assessment.
    workers = Ui.card(page, "workers")
    Ui.type_into(qtbot, workers.editor.line, "250")
    hours = Ui.card(page, "hours")
    Ui.type_into(qtbot, hours.editor.line, "58")
    Ui.card(page, "migrants").editor.set_value("yes")
    Ui.card(page, "migrants").editor.committed.emit()
    holder = Ui.card(page, "holder")
    qtbot.waitUntil(lambda: not holder.isHidden())
    holder.editor.set_value("company")
    holder.editor.committed.emit()
    Ui.answer_with_editor(page, "topics")
    Ui.answer_with_editor(page, "wage")
    Ui.answer_with_editor(page, "fee")
    audit = Ui.card(page, "audit_date").editor
    audit.date.setDate(QDate(2026, 3, 31))
    audit.finish()
    Ui.type_into(qtbot, Ui.card(page, "languages").editor.text, "Mandarin, =Cantonese")

    # A comment and an evidence file on the hours question.
    Ui.card(page, "hours")
    qtbot.mouseClick(hours.comment_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(hours.comment_edit, "Peak season in March")
    qtbot.keyClick(hours.comment_edit, Qt.Key.Key_Tab)
    records = tmp_path / "time-records.pdf"
    records.write_bytes(b"%PDF-1.4 time records")
    prompter.files.append(str(records))
    qtbot.mouseClick(hours.evidence_button, Qt.MouseButton.LeftButton)
    assert hours.evidence_count.text() == "1 file"
    assert not page.session.result.completeness.missing

    # Write back: beside the received file, proposed by the save dialog; the message says what went out.
    target = sent.with_name("Bright - answered.xlsx")
    prompter.files.append(str(target))
    qtbot.mouseClick(page.received.write_button, Qt.MouseButton.LeftButton)
    assert prompter.asked[-1] == ("save_file", "Write back the workbook", str(target))
    qtbot.waitUntil(lambda: target.exists())
    message = page.header.message.text()
    assert message.startswith("Wrote Bright - answered.xlsx: 9 answers and 1 comment. Send it back to amina.")
    assert "1 evidence file cannot travel in a workbook" in message
    [written] = store_received.returns(supplier.store, assessment_id)
    assert written["file_name"] == target.name and written["written_by"] == "siti"

    # The buyer's fldd imports it as that export's return: accepted, the same answers, its own signature.
    held = assessment_json(supplier, assessment_id)
    [report] = import_paths(buyer, [target])
    assert report.outcome == "accepted", [str(e) for e in report.errors]
    imported = assessment_json(buyer, report.assessment_id)
    assert imported["answers"] == held["answers"]
    assert imported["answers"]["languages"] == "Mandarin, =Cantonese"
    assert imported["comments"] == {"hours": "Peak season in March"}
    book = open_workbook(target)
    assert verify(read_metadata(book), workbook_secret(buyer))
    book.close()
    assert workbook_secret(supplier) is None

    # The evidence follows in an answer pack, the second button.
    pack = tmp_path / "mail" / "Bright - answers with evidence.zip"
    prompter.files.append(str(pack))
    qtbot.mouseClick(page.received.pack_button, Qt.MouseButton.LeftButton)
    assert page.header.message.text() == f"Wrote {pack.name}: the answers, comments and 1 evidence file."
    [with_files] = import_paths(buyer, [pack])
    assert (with_files.outcome, with_files.assessment_id) == ("accepted", report.assessment_id)
    [row] = list_evidence(buyer, report.assessment_id, "hours")
    assert row["file_name"] == "time-records.pdf"


def test_a_tampered_workbook_is_refused_with_its_reasons_and_nothing_opens(qtbot, window, supplier, sent):
    import openpyxl

    from tests.exchange.conftest import sheet_of

    wb = openpyxl.load_workbook(sent)
    ws, row = sheet_of(wb, "workers")
    ws.cell(row=row, column=3).value = "How many workers, roughly?"
    wb.save(sent)

    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)

    kind, title, text = window.prompter.asked[-1]
    assert (kind, title) == ("error", "The workbook was not opened")
    assert f"Bright.xlsx: sheet '{ws.title}', cell C{row}" in text
    assert window.runner is None
    assert list_assessments(supplier) == []
    assert window.stack.currentWidget() is window.page(0)  # still on Home


def test_writing_over_the_received_file_asks_first(qtbot, window, sent):
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.runner is not None and window.runner.isVisible())
    page = window.runner
    original = sent.read_bytes()
    window.prompter.answer = False
    window.prompter.files.append(str(sent))

    qtbot.mouseClick(page.received.write_button, Qt.MouseButton.LeftButton)

    kind, title, text = window.prompter.asked[-1]
    assert (kind, title) == ("confirm", "Replace the file?") and "as the buyer sent it" in text
    assert sent.read_bytes() == original
    assert store_received.returns(window.ctx.store, page.session.id) == []
    assert not page.header.message.text().startswith("Wrote")
