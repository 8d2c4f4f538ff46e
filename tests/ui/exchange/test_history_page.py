"""The import history as a buyer uses it a month after the imports: opened from the File menu with Ctrl+H, a
supplier typed in the search box, an outcome picked, a file read in the details pane, its assessment opened,
the list saved as a spreadsheet. On a month of imports (tests/exchange/import_log_story.py)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt

from fldd.store import exchange as store_exchange
from fldd.ui.exchange.history_model import HEADERS
from fldd.ui.exchange.history_page import ImportHistoryPage
from fldd.ui.exchange.report_model import OUTCOME_COLOURS
from fldd.ui.main_window import ROW_ASSESSMENTS, MainWindow
from fldd.usecases.questionnaires import standard
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.assessments import assessment_json
from fldd.usecases.context import open_context
from tests.exchange.import_log_story import a_month_of_imports, local_zone
from tests.ui.exchange.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer")
    context.today = lambda: dt.date(2026, 11, 23)
    yield context
    context.close()


@pytest.fixture
def story(ctx, monkeypatch, tmp_path):
    with local_zone("UTC"):
        yield a_month_of_imports(ctx, monkeypatch, tmp_path / "mail")


@pytest.fixture
def prompter():
    return ScriptedPrompter()


@pytest.fixture
def window(qtbot, ctx, story, prompter):
    main_window = MainWindow(ctx, prompter)
    qtbot.addWidget(main_window)
    main_window.resize(1280, 700)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def shown(page: ImportHistoryPage) -> list[dict[str, str]]:
    """What the table shows, row by row, as the person reads it."""
    model = page.table.model()
    return [{HEADERS[c]: model.index(r, c).data() or "" for c in range(model.columnCount())}
            for r in range(model.rowCount())]


def open_history(qtbot, window) -> ImportHistoryPage:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.history is not None and window.stack.currentWidget() is window.history)
    return window.history


def click_row(qtbot, page: ImportHistoryPage, row: int) -> None:
    rect = page.table.visualRect(page.table.model().index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def pick_outcome(qtbot, page: ImportHistoryPage, key: str | None) -> None:
    """With the keyboard, as a person without the mouse: Alt+U to the outcome box, arrows to the outcome."""
    qtbot.keyClick(page, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.outcome.hasFocus)
    qtbot.keyClick(page.outcome, Qt.Key.Key_Home)
    for _ in range(page.outcome.count()):
        if page.outcome.currentData() == key:
            return
        qtbot.keyClick(page.outcome, Qt.Key.Key_Down)
    assert page.outcome.currentData() == key


def test_ctrl_h_opens_the_history_newest_first_with_outcomes_in_words_and_colour(qtbot, window, story):
    page = open_history(qtbot, window)

    assert window.nav.selectedItems() == [] and page.search.hasFocus()  # no page of the navigation is shown
    rows = shown(page)
    assert [r["File"] for r in rows] == ["scanned letter.xlsx", "Klang Valley Gloves.xlsx", "Penang Latex v3.xlsx",
                                         "Penang Latex old.xlsx", "Penang Latex v2.xlsx", "Penang Latex v2.xlsx",
                                         "Penang Latex.xlsx"]
    assert [r["Outcome"] for r in rows] == ["Rejected", "Accepted, incomplete", "Rejected", "Superseded (older file)",
                                            "Unchanged", "Accepted, incomplete", "Accepted, incomplete"]
    assert rows[0]["Imported"] == "2026-11-08 09:00" and rows[0]["Supplier"] == "(not known)"
    assert (rows[5]["Supplier"], rows[5]["Questionnaire"], rows[5]["Assessment"], rows[5]["Revision"]) == (
        "Penang Latex Sdn Bhd", standard().get("fldd-desktop").ref, str(story.penang_assessment), "2")
    assert rows[2]["Details"].startswith("sheet 'Site profile', cell D2, question 1.1 (pr_workers_total)")
    colour = page.table.model().index(0, HEADERS.index("Outcome")).data(Qt.ItemDataRole.BackgroundRole)
    assert colour.color().name() == OUTCOME_COLOURS["rejected"]
    assert page.count.text() == "7 files" and not page.more_button.isVisible()

    home = window.nav.visualItemRect(window.nav.item(0))  # the entry that was current before
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=home.center())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page(0))
    assert window.nav.currentRow() == 0 and window.nav.item(0).isSelected()


def test_a_supplier_typed_and_rejected_picked_leave_the_files_to_write_back_about(qtbot, window, story):
    page = open_history(qtbot, window)

    qtbot.keyClicks(page.search, "penang")
    qtbot.waitUntil(lambda: len(shown(page)) == 5)
    pick_outcome(qtbot, page, "rejected")

    qtbot.waitUntil(lambda: [r["File"] for r in shown(page)] == ["Penang Latex v3.xlsx"])
    assert page.count.text() == "1 file"
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.details.entry is not None)
    text = page.details.text.toPlainText()
    assert "Problems (2):" in text
    assert "• sheet 'Site profile', cell D2, question 1.1 (pr_workers_total): 'many' is not a number" in text
    assert "question 2.1 (gov_policy_exists): 'perhaps' is not one of the answers" in text
    assert "Supplier: Penang Latex Sdn Bhd" in text and "Assessment: none (nothing was written)" in text
    assert page.details.outcome.text() == "Rejected" and not page.details.open_button.isEnabled()

    qtbot.keyClicks(page.search, "zzz")
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert page.empty.text() == "No file matches these filters." and page.details.entry is None


def test_the_period_counts_back_from_today(qtbot, window, ctx):
    ctx.today = lambda: dt.date(2026, 11, 9)  # the day after the last import of the story
    page = open_history(qtbot, window)

    qtbot.keyClick(page, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.period.hasFocus)
    qtbot.keyClick(page.period, Qt.Key.Key_Down)  # Today
    qtbot.waitUntil(lambda: page.empty.isVisible())
    assert page.period.currentText() == "Today" and page.count.text() == "0 files"
    qtbot.keyClick(page.period, Qt.Key.Key_Down)  # Last 7 days: from Nov 3

    qtbot.waitUntil(lambda: len(shown(page)) == 6)
    assert page.period.currentText() == "Last 7 days" and shown(page)[-1]["Imported"] == "2026-11-03 09:00"


def test_a_file_name_finds_a_file_whose_supplier_is_not_known(qtbot, window):
    page = open_history(qtbot, window)
    qtbot.keyClicks(page.search, "LETTER")
    qtbot.waitUntil(lambda: [r["File"] for r in shown(page)] == ["scanned letter.xlsx"])


def test_a_revision_is_read_with_the_keyboard_and_its_assessment_opened(qtbot, window, story, ctx):
    page = open_history(qtbot, window)
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.details.entry is not None and page.details.entry.file_name == "scanned letter.xlsx")
    page.table.setFocus()
    for _ in range(5):  # down to the v2 file that made revision 2
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.details.entry.revision == 2)

    text = page.details.text.toPlainText()
    assert f"Assessment: {story.penang_assessment} (revision 2)" in text
    assert "File saved: 2026-11-02 10:00" in text and "Imported: 2026-11-03 09:00" in text
    assert "Changes (3):" in text and "• 1.1 pr_workers_total answer: 120 -> 130" in text
    assert "• 1.1 pr_workers_total comment: (empty) -> ten more since October" in text
    assert f"Missing before it can be submitted ({len(story.reports[1].missing)}):" in text
    assert page.details.open_button.isEnabled()
    assert page.details.open_button.text() == f"&Open assessment {story.penang_assessment}"

    qtbot.mouseClick(page.details.open_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.runner is not None and window.stack.currentWidget() is window.runner)
    assert window.runner.session.id == story.penang_assessment and window.nav.currentRow() == ROW_ASSESSMENTS
    assert assessment_json(ctx, story.penang_assessment)["answers"]["pr_workers_total"] == 130  # what v2 made it
    assert window.runner.history.isVisible()
    assert window.runner.history.latest.text().startswith("Revision 2 from 'Penang Latex v2.xlsx' (saved 2026-11-02)")


def test_enter_on_a_file_opens_its_assessment_and_ctrl_h_comes_back_to_it(qtbot, window, story):
    page = open_history(qtbot, window)
    qtbot.keyClicks(page.search, "klang")
    qtbot.waitUntil(lambda: len(shown(page)) == 1)
    click_row(qtbot, page, 0)
    qtbot.waitUntil(lambda: page.details.entry is not None)

    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.runner)
    assert window.runner.session.id == story.klang_assessment
    again = open_history(qtbot, window)
    assert again is page and page.search.text() == "klang" and page.details.entry.file_name == \
        "Klang Valley Gloves.xlsx"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.nav.currentRow() == 0 and window.stack.currentWidget() is window.page(0))


def test_a_file_imported_while_the_history_is_open_appears_at_the_top(qtbot, window, story, ctx, tmp_path, prompter):
    from tests.exchange.conftest import fill

    page = open_history(qtbot, window)
    sent = next((tmp_path / "mail").glob("sent-klang.xlsx"))
    again = fill(sent, {"pr_workers_total": 77}, out=tmp_path / "Klang again.xlsx")
    prompter.files.append([str(again)])
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    dialog = window.dialog
    with qtbot.waitSignal(dialog.preview_done, timeout=30_000):
        qtbot.mouseClick(dialog.add_files_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.import_done, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.close()

    qtbot.waitUntil(lambda: shown(page)[0]["File"] == "Klang again.xlsx")
    assert shown(page)[0]["Outcome"] == "Accepted, incomplete" and shown(page)[0]["Revision"] == "2"
    assert store_exchange.imports(ctx.store)[0]["file_name"] == "Klang again.xlsx"


def test_the_list_as_filtered_is_saved_as_a_spreadsheet(qtbot, window, tmp_path, prompter):
    page = open_history(qtbot, window)
    pick_outcome(qtbot, page, "rejected")
    qtbot.waitUntil(lambda: len(shown(page)) == 2)
    target = tmp_path / "rejected files"
    prompter.files.append(str(target))

    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)

    qtbot.waitUntil(lambda: any(kind == "inform" for kind, _, _ in prompter.asked))
    assert prompter.asked[-1] == ("inform", "Import history saved", f"2 files saved to {target}.xlsx.")
    rows = list(openpyxl.load_workbook(f"{target}.xlsx")["Files"].iter_rows(values_only=True))
    assert [(r[1], r[2]) for r in rows[1:]] == [("scanned letter.xlsx", "rejected"),
                                                ("Penang Latex v3.xlsx", "rejected")]


def test_the_history_pages_through_a_long_log(qtbot, window, monkeypatch):
    from fldd.ui.exchange import history_page

    monkeypatch.setattr(history_page, "PAGE_SIZE", 3)
    page = open_history(qtbot, window)
    page.refresh()
    assert len(shown(page)) == 3 and page.count.text() == "3 of 7 files" and page.more_button.isVisible()

    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert len(shown(page)) == 6 and page.count.text() == "6 of 7 files"
    qtbot.keyClick(page, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(shown(page)) == 7)
    assert page.count.text() == "7 files" and not page.more_button.isVisible()

    home = window.nav.visualItemRect(window.nav.item(0))  # the entry that was current before
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=home.center())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page(0))
    assert window.nav.currentRow() == 0 and window.nav.item(0).isSelected()
    assert shown(page)[-1]["File"] == "Penang Latex.xlsx"


def test_an_empty_log_says_how_files_get_there(qtbot, tmp_path):
    fresh = open_context(tmp_path / "empty.sqlite3", user="amina", role="buyer")
    try:
        window = MainWindow(fresh, ScriptedPrompter())
        qtbot.addWidget(window)
        window.show()
        window.open_import_history()
        page = window.history
        assert page.empty.isVisible() and "Ctrl+I" in page.empty.text()
        assert not page.splitter.isVisible() and not page.save_button.isEnabled()
    finally:
        fresh.close()
