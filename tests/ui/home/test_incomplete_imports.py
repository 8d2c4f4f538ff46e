"""A workbook that came back with required answers missing is imported as a draft: the buyer sees it on Home,
under its own heading, and one click opens it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill
from tests.ui.home.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def test_an_import_that_became_an_incomplete_draft_shows_on_the_buyers_home(qtbot, ctx, tmp_path):
    supplier = add_supplier(ctx, "Penang Latex", "MY", goods=["Rubber Gloves"])
    sent = export_workbook(ctx, supplier, "fldd-desktop", tmp_path / "sent.xlsx").path
    returned = fill(sent, {"gov_policy_exists": "Yes"}, out=tmp_path / "Penang Latex.xlsx")
    [report] = import_paths(ctx, [returned])
    [row] = store_assessments.list_rows(ctx.store, supplier)
    assert report.outcome != "rejected" and row["status"] == "draft"  # accepted, incomplete

    window = MainWindow(ctx, ScriptedPrompter())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    home = window.page(0)
    card = home.cards["incomplete_imports"]
    assert card.isVisible() and card.heading.text() == "Imports that came back incomplete"
    assert card.count.text() == "1"
    item = card.entries.item(0)
    assert item.text().startswith("Penang Latex — Desktop, ") and " so far (" in item.text() and " answered), imported 2026-" in item.text()

    rect = card.entries.visualItemRect(item)
    qtbot.mouseClick(card.entries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.runner)
    assert window.runner.session.id == row["id"]
    assert window.runner.session.record.status == "draft"
