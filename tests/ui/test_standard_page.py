"""The Standard page lists both tiers, their modules and questions, and explains each with its basis."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.standard_page import StandardPage
from fldd.usecases.context import open_context


def test_standard_page_shows_questions_with_their_basis(qtbot, tmp_path):
    ctx = open_context(tmp_path / "s.sqlite3")
    page = StandardPage(ctx, ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    tops = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert any("fldd-desktop" in t for t in tops) and any("fldd-onsite" in t for t in tops)
    assert any(t.startswith("Glossary (") for t in tops)
    desktop = page.tree.topLevelItem(0)
    fees = next(desktop.child(i) for i in range(desktop.childCount()) if "fees" in desktop.child(i).text(0).lower())
    question = fees.child(0)
    page.tree.scrollToItem(question)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualItemRect(question).center())
    qtbot.waitUntil(lambda: "Basis" in page.detail.toPlainText())
    assert "ILO indicators:" in page.detail.toPlainText()
    ctx.close()


def test_the_questionnaire_names_the_earlier_versions_still_read(qtbot, tmp_path):
    ctx = open_context(tmp_path / "s.sqlite3")
    page = StandardPage(ctx, ScriptedPrompter())
    qtbot.addWidget(page)
    page.show()
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    qtbot.waitUntil(lambda: "Earlier versions this fldd still reads: 1.0.0." in page.detail.toPlainText())
    ctx.close()
