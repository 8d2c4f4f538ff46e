"""User stories of the action's trail in the window: the supplier that marks its action done must say what it did
or show a file; the buyer that rejects it must say why; both steps stay in the panel's history for anyone to read."""

from __future__ import annotations

import hashlib
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel

from fldd.usecases.action_trail import action_history
from fldd.usecases.findings import get_action, list_evidence, set_action_status
from tests.ui.findings.conftest import OFFSCREEN_LIMITS
from tests.ui.findings.test_finding_story import hours_row

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)

PHOTO = b"\x89PNG\r\n\x1a\n the rota on the notice board"


def history_shown(panel) -> str:
    """The history section as the person reads it (its rich text rendered to plain text)."""
    document = QTextDocument()
    document.setHtml(panel.history.text.text())
    return document.toPlainText()


def shown_action(qtbot, ctx, make_page):
    action_id = hours_row(ctx)["action_id"]
    page = make_page()
    page.select_action(action_id)
    qtbot.waitUntil(lambda: page.panel.action_id == action_id)
    return page, action_id


def open_step(qtbot, panel, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.step_dialog is not None and panel.step_dialog.isVisible())
    return panel.step_dialog


def test_mark_done_waits_for_a_note_or_a_file_and_keeps_both_in_the_history(qtbot, ctx, session, prompter,
                                                                             make_page, tmp_path):
    ctx.user = "Siti (HR)"
    page, action_id = shown_action(qtbot, ctx, make_page)
    panel = page.panel
    dialog = open_step(qtbot, panel, panel.done_button)
    assert dialog.windowTitle() == "Mark done" and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.note, "   ")
    assert not dialog.ok_button.isEnabled(), "blank space is not a note"
    qtbot.keyClicks(dialog.note, "Rota capped at 60 hours")
    assert dialog.ok_button.isEnabled()
    dialog.note.selectAll()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Delete)
    assert not dialog.ok_button.isEnabled()

    photo = tmp_path / "rota.png"
    photo.write_bytes(PHOTO)
    prompter.files.append(str(photo))
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.ok_button.isEnabled)
    assert "rota.png" in dialog.file_label.text()
    qtbot.keyClicks(dialog.note, "Rota capped at 60 hours, posted 1 Dec")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "done")

    entry = action_history(ctx, action_id)["entries"][-1]
    assert (entry["by"], entry["note"]) == ("Siti (HR)", "Rota capped at 60 hours, posted 1 Dec")
    assert entry["evidence"]["sha256"] == hashlib.sha256(PHOTO).hexdigest()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: "Marked done by Siti (HR)" in history_shown(panel))
    shown = history_shown(panel)
    assert "Rota capped at 60 hours, posted 1 Dec" in shown and "rota.png" in shown
    assert shown.index("Marked done") < shown.index("Created"), "newest first"
    assert panel.evidence.count() == 1 and "rota.png" in panel.evidence.item(0).text()


def test_cancelling_the_dialog_takes_no_step(qtbot, ctx, session, make_page):
    page, action_id = shown_action(qtbot, ctx, make_page)
    dialog = open_step(qtbot, page.panel, page.panel.done_button)
    qtbot.keyClicks(dialog.note, "Fixed")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert get_action(ctx, action_id)["status"] == "open"
    assert len(action_history(ctx, action_id)["entries"]) == 1


def test_the_buyer_who_reopens_a_done_action_must_say_why_and_it_shows(qtbot, ctx, session, prompter, make_page,
                                                                      tmp_path):
    action_id = hours_row(ctx)["action_id"]
    set_action_status(ctx, action_id, "done", note="Fixed")
    ctx.user, ctx.role = "Tom (buyer)", "buyer"
    page, _ = shown_action(qtbot, ctx, make_page)
    panel = page.panel
    assert panel.verify_button.isEnabled()
    dialog = open_step(qtbot, panel, panel.reopen_button)
    assert dialog.windowTitle() == "Reopen" and not dialog.ok_button.isEnabled()
    screenshot = tmp_path / "last-years-rota.png"
    screenshot.write_bytes(b"old rota")
    prompter.files.append(str(screenshot))
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "last-years-rota.png" in dialog.file_label.text())
    assert not dialog.ok_button.isEnabled(), "a file alone does not say why"
    qtbot.keyClicks(dialog.note, "The photo shows last year's rota; send December's time records")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "in_progress")

    entry = action_history(ctx, action_id)["entries"][-1]
    assert (entry["from"], entry["to"], entry["by"]) == ("done", "in_progress", "Tom (buyer)")
    assert entry["evidence"]["file_name"] == "last-years-rota.png"
    assert [e["file_name"] for e in list_evidence(ctx, action_id)] == ["last-years-rota.png"]
    qtbot.waitUntil(lambda: "Reopened by Tom (buyer)" in history_shown(panel))
    assert "send December's time records" in history_shown(panel)
    assert panel.status_badge.text() == "In progress"


def test_verify_asks_what_was_checked(qtbot, ctx, session, make_page):
    action_id = hours_row(ctx)["action_id"]
    set_action_status(ctx, action_id, "done", note="Fixed")
    ctx.role = "auditor"
    page, _ = shown_action(qtbot, ctx, make_page)
    dialog = open_step(qtbot, page.panel, page.panel.verify_button)
    assert dialog.windowTitle() == "Verify" and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.note, "Checked December's time records: no week over 60 hours")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "verified")
    qtbot.waitUntil(lambda: "Verified by tester" in history_shown(page.panel))


def test_starting_work_takes_no_dialog(qtbot, ctx, session, make_page):
    page, action_id = shown_action(qtbot, ctx, make_page)
    qtbot.mouseClick(page.panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["status"] == "in_progress")
    assert page.panel.step_dialog is None
    assert "Started by tester" in history_shown(page.panel)


def test_a_moved_due_date_shows_in_the_history_with_both_dates(qtbot, ctx, session, make_page):
    ctx.user = "Tom (buyer)"
    page, action_id = shown_action(qtbot, ctx, make_page)
    panel = page.panel
    panel.due.setFocus()
    qtbot.keyClick(panel.due, Qt.Key.Key_Up)  # the year section: one year later
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["due_date"] == "2027-12-07")
    qtbot.waitUntil(lambda: "Changed by Tom (buyer)" in history_shown(panel))
    assert "Due date: 2026-12-07 → 2027-12-07" in history_shown(panel)


@pytest.mark.parametrize("step", ["done", "in_progress"])
def test_every_mnemonic_of_the_step_dialog_is_unique(qtbot, ctx, session, make_page, step):
    action_id = hours_row(ctx)["action_id"]
    if step == "in_progress":
        set_action_status(ctx, action_id, "done", note="Fixed")
    page, _ = shown_action(qtbot, ctx, make_page)
    dialog = open_step(qtbot, page.panel, page.panel.done_button if step == "done" else page.panel.reopen_button)
    keys = [found.group(1).lower() for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)
            if (found := re.search(r"&([^&])", widget.text().replace("&&", "")))]
    assert len(keys) == len(set(keys)) >= 4, sorted(keys)


def test_a_file_attached_later_shows_in_the_history(qtbot, ctx, session, prompter, make_page, tmp_path):
    page, action_id = shown_action(qtbot, ctx, make_page)
    records = tmp_path / "time-records.pdf"
    records.write_bytes(b"%PDF-1.4 December")
    prompter.files.append(str(records))
    qtbot.mouseClick(page.panel.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "File added by tester" in history_shown(page.panel))
    assert "time-records.pdf" in history_shown(page.panel)
    assert action_history(ctx, action_id)["entries"][-1]["kind"] == "evidence"


def test_a_note_of_invisible_characters_keeps_ok_disabled(qtbot, ctx, session, make_page):
    page, action_id = shown_action(qtbot, ctx, make_page)
    dialog = open_step(qtbot, page.panel, page.panel.done_button)
    dialog.note.insertPlainText("\u200b\u200c\u2060\ufeff\u3164")  # pasted: no key types these
    assert dialog.note.toPlainText() and not dialog.ok_button.isEnabled(), "nothing visible is not a note"
    qtbot.keyClicks(dialog.note, "Rota capped")
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    assert get_action(ctx, action_id)["status"] == "open"


def test_the_closure_date_is_shown_beside_the_plan_and_a_moved_one_is_kept(qtbot, ctx, session, make_page):
    ctx.user = "Tom (buyer)"
    page, action_id = shown_action(qtbot, ctx, make_page)
    panel = page.panel
    before = get_action(ctx, action_id)
    assert before["closure_date"] and before["closure_date"] > before["due_date"]
    assert panel.form.isRowVisible(panel.closure)
    assert panel.closure.date().toString("yyyy-MM-dd") == before["closure_date"]
    panel.closure.setFocus()
    qtbot.keyClick(panel.closure, Qt.Key.Key_Up)  # the year section: one year later
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    later = f"{int(before['closure_date'][:4]) + 1}{before['closure_date'][4:]}"
    qtbot.waitUntil(lambda: get_action(ctx, action_id)["closure_date"] == later)
    assert get_action(ctx, action_id)["due_date"] == before["due_date"], "the plan's date did not move"
    qtbot.waitUntil(lambda: f"Closure date: {before['closure_date']} → {later}" in history_shown(panel))
