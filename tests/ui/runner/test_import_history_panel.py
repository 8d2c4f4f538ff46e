"""An assessment that came from workbooks shows its import history under the runner's header: the latest
revision in one line, every file unfolded on demand, each revision unfolded to what it changed, a change
leading to its question. On a month of imports (tests/exchange/import_log_story.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.usecases.exchange import import_paths
from tests.exchange.conftest import fill
from tests.exchange.import_log_story import a_month_of_imports, local_zone
from tests.ui.runner.conftest import OFFSCREEN_LIMITS, Ui

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def story(ctx, monkeypatch, tmp_path):
    with local_zone("UTC"):
        yield a_month_of_imports(ctx, monkeypatch, tmp_path / "mail")


def rows(panel) -> list[str]:
    return [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]


def test_the_latest_revision_is_told_in_one_line_and_every_file_unfolds(qtbot, open_page, story):
    page = open_page(story.penang_assessment)
    panel = page.history
    missing = len(story.reports[1].missing)

    assert panel.isVisible() and not panel.tree.isVisible()
    assert panel.latest.text() == (f"Revision 2 from 'Penang Latex v2.xlsx' (saved 2026-11-02), imported "
                                   f"2026-11-03: 2 answers and 1 comment changed; {missing} required answers still "
                                   "missing")
    assert panel.toggle.text() == "Import &history (5 files)"

    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)

    assert panel.tree.isVisible() and panel.toggle.text() == "Hide import &history"
    listed = rows(panel)
    assert [line.split(" from ")[0].split(":")[0] for line in listed] == [
        "Rejected", "Not applied", "No change", "Revision 2", "Revision 1"]  # newest first
    assert listed[4].startswith("Revision 1 from 'Penang Latex.xlsx' (saved 2026-11-01), imported 2026-11-02: "
                                "created the assessment")
    assert panel.tree.height() >= 5 * panel.tree.sizeHintForRow(0)  # every file without scrolling


def test_a_revision_unfolds_to_its_changes_and_a_change_leads_to_its_question(qtbot, open_page, story, ctx):
    page = open_page(story.penang_assessment)
    panel = page.history
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    revision = panel.tree.topLevelItem(3)
    panel.tree.setFocus()
    panel.tree.setCurrentItem(revision)

    qtbot.keyClick(panel.tree, Qt.Key.Key_Right)  # unfold, as with the mouse on the arrow

    qtbot.waitUntil(revision.isExpanded)
    changes = [revision.child(i).text(0) for i in range(revision.childCount())]
    assert changes == ["1.1 How many workers work at this site today? — 120 → 130",
                       "1.1 How many workers work at this site today? (comment) — (empty) → ten more since October",
                       "2.1 Does your company have a written policy that forbids forced labour? — Yes → No"]
    rejected = panel.tree.topLevelItem(0)
    assert [rejected.child(i).text(0) for i in range(rejected.childCount())][0] == (
        "sheet 'Site profile', cell D2, question 1.1 (pr_workers_total): 'many' is not a number")

    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)  # onto the first change
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert panel.tree.currentItem() is revision.child(2)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: Ui.focused_card(page) is not None
                    and Ui.focused_card(page).question.id == "gov_policy_exists")
    assert page.session.values["gov_policy_exists"] == "no"  # what revision 2 set, as the store holds it


def test_files_imported_since_show_when_the_page_is_shown_again(qtbot, open_page, story, ctx, tmp_path):
    page = open_page(story.klang_assessment)
    assert page.history.toggle.text() == "Import &history (1 file)"
    returned = tmp_path / "mail" / "Klang Valley Gloves.xlsx"
    refused = fill(returned, {"pr_workers_total": "lots"}, out=tmp_path / "Klang bad.xlsx")
    with local_zone("UTC"):
        [report] = import_paths(ctx, [refused])
    assert report.outcome == "rejected"

    page.refresh()  # the answers did not change: only the history did

    assert page.history.toggle.text() == "Import &history (2 files)"
    qtbot.mouseClick(page.history.toggle, Qt.MouseButton.LeftButton)
    assert rows(page.history)[0].startswith("Rejected: 'Klang bad.xlsx'")

    again = fill(returned, {"pr_workers_total": 125}, out=tmp_path / "Klang v2.xlsx")
    with local_zone("UTC"):
        [report] = import_paths(ctx, [again])
    assert report.revision == 2
    page.refresh()
    assert page.history.latest.text().startswith("Revision 2 from 'Klang v2.xlsx'")
    assert page.history.tree.isVisible() and len(rows(page.history)) == 3  # still unfolded


def test_an_assessment_made_in_the_app_shows_no_import_history(open_page, desktop):
    page = open_page(desktop)
    assert not page.history.isVisible() and page.history.entries == []
