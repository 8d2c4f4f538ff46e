"""An auditor records a finding of their own; its due date follows the severity rule and shows before saving."""

from __future__ import annotations

import hashlib
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from fldd.ui.findings.findings_model import COL_DUE, COL_SEVERITY, COL_TITLE
from fldd.usecases.finding_links import finding_evidence
from fldd.usecases.findings import list_findings
from tests.ui.findings.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def open_dialog(qtbot, page):
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.add_dialog is not None and page.add_dialog.isVisible())
    return page.add_dialog


def test_only_an_auditor_can_add_a_finding(ctx, session, make_page):
    page = make_page()
    assert not page.add_button.isEnabled() and "auditor" in page.add_button.toolTip()
    ctx.role = "auditor"
    page.refresh()
    assert page.add_button.isEnabled()


def test_an_auditor_adds_a_priority_finding_due_in_seven_days(qtbot, ctx, session, make_page):
    ctx.role = "auditor"
    page = make_page()
    dialog = open_dialog(qtbot, page)
    assert dialog.assessment.currentData() == session.id
    assert dialog.due_label.text().startswith("2026-12-07")  # major, the default: 14 days
    dialog.severity.setFocus()
    qtbot.keyClick(dialog.severity, Qt.Key.Key_Up)  # Priority
    qtbot.waitUntil(lambda: dialog.due_label.text().startswith("2026-11-30"))
    assert "priority" in dialog.due_label.text()
    qtbot.keyClicks(dialog.title_edit, "Passports kept in the HR office")
    qtbot.keyClicks(dialog.detail, "Seen in the locked cabinet behind reception")
    qtbot.keyClicks(dialog.action, "Return every passport today; install personal lockers")
    qtbot.keyClicks(dialog.owner, "HR manager")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (row,) = [r for r in list_findings(ctx) if r["source"] == "auditor"]
    assert (row["severity"], row["due_date"], row["owner"]) == ("priority", "2026-11-30", "HR manager")
    assert row["description"] == "Return every passport today; install personal lockers"
    assert page.panel.action_id == row["action_id"]
    current = page.table.currentIndex().row()
    assert page.proxy.index(current, COL_TITLE).data() == "Passports kept in the HR office"
    assert page.proxy.index(current, COL_SEVERITY).data() == "Priority"
    assert page.proxy.index(current, COL_DUE).data() == "2026-11-30 (plan)"
    assert "Seen in the locked cabinet" in page.panel.rule.text()


def test_a_finding_without_a_title_is_refused_in_the_dialog(qtbot, ctx, session, make_page):
    ctx.role = "auditor"
    page = make_page()
    before = len(list_findings(ctx))
    dialog = open_dialog(qtbot, page)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "a finding needs a title" in dialog.error.text() and dialog.isVisible()
    assert len(list_findings(ctx)) == before
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def pick(qtbot, combo, typed: str) -> None:
    """Type into a searchable list and take the first entry it offers, as a person would."""
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), typed)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())


def test_an_auditor_links_a_finding_to_its_question_and_indicator_and_keeps_the_photo(qtbot, ctx, session, prompter,
                                                                                    make_page, tmp_path):
    ctx.role = "auditor"
    page = make_page()
    dialog = open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.title_edit, "Passports kept in the HR office")
    assert dialog.question.currentData() is None and dialog.indicator.currentData() is None
    pick(qtbot, dialog.question, "originals of workers")
    qtbot.waitUntil(lambda: dialog.question.currentData() == "doc_id_holder")
    assert dialog.question_text.text().startswith("Where are the originals of workers' identity documents")
    assert dialog.indicator.currentData() == 7, "the question's own indicator is offered"
    pick(qtbot, dialog.indicator, "debt")
    qtbot.waitUntil(lambda: dialog.indicator.currentData() == 9)
    pick(qtbot, dialog.indicator, "identity doc")
    qtbot.waitUntil(lambda: dialog.indicator.currentData() == 7)
    photo = tmp_path / "cabinet.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 the locked cabinet")
    prompter.files.append(str(photo))
    qtbot.mouseClick(dialog.photo.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.photo.label.text() == "cabinet.jpg")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (row,) = [r for r in list_findings(ctx) if r["source"] == "auditor"]
    assert (row["question_id"], row["indicator"]) == ("doc_id_holder", 7)
    (kept,) = finding_evidence(ctx, row["id"])
    assert kept["file_name"] == "cabinet.jpg" and kept["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    panel = page.panel
    assert panel.action_id == row["action_id"]
    assert "Question: Where are the originals of workers' identity documents" in panel.link.text()
    assert "ILO indicator 7: Retention of identity documents" in panel.link.text()
    assert panel.finding_files.isVisibleTo(panel) and ">cabinet.jpg</a> (" in panel.finding_files.text()
    copy = tmp_path / "copy.jpg"
    prompter.files.append(str(copy))
    panel.finding_files.linkActivated.emit(f"evidence:{kept['id']}")  # the link's click
    assert copy.read_bytes() == photo.read_bytes()


def test_text_that_names_no_question_is_refused_in_the_dialog(qtbot, ctx, session, make_page):
    ctx.role = "auditor"
    page = make_page()
    dialog = open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.title_edit, "Passports kept in the HR office")
    dialog.question.lineEdit().selectAll()
    qtbot.keyClicks(dialog.question.lineEdit(), "no such question at all")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "question: no entry reads 'no such question at all'; pick one from the list" in dialog.error.text()
    assert [r for r in list_findings(ctx) if r["source"] == "auditor"] == [] and dialog.isVisible()


def test_every_mnemonic_of_the_dialog_is_unique(qtbot, ctx, session, make_page):
    ctx.role = "auditor"
    dialog = open_dialog(qtbot, make_page())
    keys = [found.group(1).lower() for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
            if (found := re.search(r"&([^&])", widget.text().replace("&&", ""))) and widget.isVisibleTo(dialog)]
    assert len(keys) == len(set(keys)) >= 10, sorted(keys)
