"""The runner on an assessment of an older questionnaire version: it says so, "Move to version ..." shows the
report and moves only when confirmed, and the answers the new version no longer asks stay readable, read-only."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from fldd.store import assessments as store_assessments
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.module_nav import ROLE_DETAIL
from fldd.ui.runner.move_dialog import MoveDialog
from fldd.ui.runner.retired_panel import RETIRED
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases import demo
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier
from tests.ui.runner.conftest import OFFSCREEN_LIMITS, TODAY
from tests.usecases.version_variant import OLD, VariantContext, with_variant

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)
V1 = Path(__file__).parents[2] / "usecases" / "v1_database" / "v1.sqlite3"


@pytest.fixture
def buyer(tmp_path):
    shutil.copy(V1, tmp_path / "fldd.sqlite3")
    context = open_context(tmp_path / "fldd.sqlite3", user="amina", role="buyer")
    context.today = lambda: TODAY
    yield context
    context.close()


def _page(qtbot, ctx, prompter, assessment_id):
    page = RunnerPage(ctx, prompter)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.load(assessment_id)
    return page


def test_the_buyer_moves_an_old_assessment_after_reading_the_report(qtbot, buyer):
    prompter = ScriptedPrompter(confirm=True)
    page = _page(qtbot, buyer, prompter, 1)
    current = buyer.standard.get("fldd-desktop").version
    assert page.version.isVisible()
    assert "on version 1.0.0 of the questionnaire; version " + current + " is current" in page.version.text.text()
    assert " 1.0.0 · " in page.header.questionnaire.text()

    qtbot.mouseClick(page.version.button, Qt.MouseButton.LeftButton)

    [(kind, title, text)] = prompter.asked
    assert kind == "review" and "answers carried: " in text and "before (1.0.0): High risk" in text
    assert store_assessments.get(buyer.store, 1).questionnaire_version == current
    assert f" {current} · " in page.header.questionnaire.text()
    assert page.header.message.text().startswith(f"Moved to version {current}: ")
    qtbot.waitUntil(lambda: "Moved from version 1.0.0 to " + current + " by amina" in page.version.text.text())
    assert not page.version.button.isVisible()


def test_cancel_changes_nothing(qtbot, buyer):
    prompter = ScriptedPrompter(confirm=False)
    page = _page(qtbot, buyer, prompter, 4)
    page.version.button.setFocus()
    qtbot.keyClick(page.version.button, Qt.Key.Key_Space)
    assert [a[0] for a in prompter.asked] == ["review"]
    assert store_assessments.get(buyer.store, 4).questionnaire_version == "1.0.0"
    assert page.session.questionnaire.version == "1.0.0" and page.version.button.isVisible()


def test_closed_and_supplier_views_offer_no_move(qtbot, buyer):
    page = _page(qtbot, buyer, ScriptedPrompter(), 3)  # closed
    assert page.version.isVisible() and not page.version.button.isVisible()
    buyer.role = "supplier"  # the supplier's own fldd: moving is the buyer's or auditor's decision
    page.load(4)
    assert page.version.isVisible() and not page.version.button.isVisible()


def test_answers_no_longer_asked_are_shown_read_only(qtbot, tmp_path):
    base = open_context(tmp_path / "v.sqlite3", user="amina", role="buyer")
    standard, changed = with_variant(base.standard)
    ctx = VariantContext(base.store, base.user, base.role, lambda: TODAY, custom=standard)
    supplier = add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"])
    aid = start_assessment(ctx, supplier, OLD)
    demo._fill(ctx, aid, 2, random.Random(5))
    AssessmentSession(ctx, aid).answer(changed["retire"], "no", "Only in the head office")
    prompter = ScriptedPrompter(confirm=True)
    page = _page(qtbot, ctx, prompter, aid)
    assert RETIRED not in page.nav.items
    qtbot.mouseClick(page.version.button, Qt.MouseButton.LeftButton)
    assert changed["retire"] in prompter.asked[0][2]

    assert RETIRED in page.nav.items
    assert page.nav.items[RETIRED].text() == "No longer asked (1.0.0)"
    assert page.nav.items[RETIRED].data(ROLE_DETAIL) == "1 kept, read-only"
    page.nav.select(RETIRED)
    assert page.stack.currentWidget() is page.retired
    block = page.retired.blocks[changed["retire"]].text()
    assert "Answer: No" in block and "Comment: Only in the head office" in block and "version 1.0.0" in block
    assert changed["retire"] not in page.session.values  # not scored
    base.close()


def test_the_move_dialog_defaults_to_cancel(qtbot):
    dialog = MoveDialog(None, "Move", "Move it?", ["answers carried: 3"], "&Move to version 2.0.0")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # keyboard shortcuts need the active window
    assert dialog.report.toPlainText() == "answers carried: 3" and dialog.report.isReadOnly()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not move anything
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)


def test_the_assessments_page_moves_them_all_after_the_report(qtbot, buyer):
    from fldd.ui.assessments.assessments_page import AssessmentsPage

    prompter = ScriptedPrompter(confirm=True)
    page = AssessmentsPage(buyer, prompter)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    assert page.move_button.isVisible()
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)

    (kind, title, text), (told, _, said) = prompter.asked
    assert (kind, told) == ("review", "inform") and "Move 3 assessments" in text
    assert "Dhaka Denim Works: fldd-desktop@1.0.0 stays: it is closed" in text
    assert said.startswith("3 assessment(s) moved")
    versions = {r["id"]: r["questionnaire_version"] for r in store_assessments.list_rows(buyer.store)}
    assert versions[3] == "1.0.0" and all(versions[i] != "1.0.0" for i in (1, 2, 4))
    assert not page.move_button.isVisible()
    shown = {page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())}
    assert any("1.0.0" in (text or "") for text in shown)
