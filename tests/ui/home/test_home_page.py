"""The home page shows what needs doing next for the current role; each entry opens what it names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.store import corrections as store_corrections
from fldd.store import exports as store_exports
from fldd.store import settings
from fldd.ui.home.todo_card import ENTRY_ROLE
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.home import ROLE_SECTIONS, todo
from tests.ui.home.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def shown_cards(page) -> list[str]:
    return [name for name, card in page.cards.items() if card.isVisible()]


def click_entry(qtbot, card, row: int = 0) -> None:
    rect = card.entries.visualItemRect(card.entries.item(row))
    qtbot.mouseClick(card.entries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_supplier_sees_its_drafts_and_no_assessments_to_review(qtbot, ctx, portfolio, make_page):
    ctx.role = "supplier"
    page = make_page()
    assert shown_cards(page) == ["drafts", "overdue_actions", "due_soon"]
    drafts = page.cards["drafts"]
    assert drafts.count.text() == "1"
    # a half-done draft never reads as a final "Low risk"
    assert drafts.entries.item(0).text().startswith("Porto Shoes — Desktop, Low risk so far (30 of 40 answered), "
                                                    "last change ")
    assert page.legend.isVisible() and page.legend.text().startswith("Score 0-100: 100 = no risk found")
    with qtbot.waitSignal(page.open_assessment) as opened:
        click_entry(qtbot, drafts)
    assert opened.args == [portfolio["shoes_draft"]]


def test_a_buyer_sees_assessments_to_review_and_opens_one_with_a_click(qtbot, ctx, portfolio, make_page):
    page = make_page()
    assert shown_cards(page) == ["to_review", "incomplete_imports", "to_verify", "overdue_actions", "due_soon",
                                 "reassess", "awaiting", "corrections", "screening"]
    review = page.cards["to_review"]
    assert review.entries.item(0).text() == "Lodz Chairs — Desktop, Submitted 2026-01-27, Low risk"
    with qtbot.waitSignal(page.open_assessment) as opened:
        click_entry(qtbot, review)
    assert opened.args == [portfolio["chairs_submitted"]]


def test_enter_on_an_overdue_action_opens_it_in_the_findings(qtbot, ctx, portfolio, make_page):
    page = make_page()
    overdue = page.cards["overdue_actions"]
    item = overdue.entries.item(0)
    assert item.text() == "Overdue by 9 days · Priority · Klang Valley Gloves: Passports held"
    assert item.foreground().color().name() == OVERDUE_COLOUR
    overdue.entries.setFocus()
    overdue.entries.setCurrentRow(0)
    with qtbot.waitSignal(page.open_findings) as opened:
        qtbot.keyClick(overdue.entries, Qt.Key.Key_Return)
    assert opened.args == ["overdue", portfolio["overdue"]]


def test_due_soon_and_to_verify_entries_name_the_action(qtbot, ctx, portfolio, make_page):
    page = make_page()
    assert page.cards["due_soon"].entries.item(0).text() == "Due in 3 days · Major · Klang Valley Gloves: No payslips"
    verify = page.cards["to_verify"]
    assert verify.entries.item(0).data(ENTRY_ROLE) == ("action", portfolio["done"], "to_verify")
    with qtbot.waitSignal(page.open_findings) as opened:
        click_entry(qtbot, verify)
    assert opened.args == ["to_verify", portfolio["done"]]


def test_a_supplier_to_reassess_opens_in_the_register(qtbot, ctx, portfolio, make_page):
    page = make_page()
    reassess = page.cards["reassess"]
    texts = [reassess.entries.item(i).text() for i in range(reassess.entries.count())]
    assert texts[0] == ("Klang Valley Gloves (MY) — On-site assessment: The latest result, desktop self-assessment of "
                        "2026-01-27, rated high: verify the answers on site (+3 more)")
    with qtbot.waitSignal(page.open_supplier) as opened:
        click_entry(qtbot, reassess)
    assert opened.args == [portfolio["gloves"]]


def test_the_next_steps_to_decide_open_in_the_queue(qtbot, ctx, portfolio, make_page):
    page = make_page()
    with qtbot.waitSignal(page.open_queue) as opened:
        qtbot.mouseClick(page.cards["reassess"].more, Qt.MouseButton.LeftButton)
    assert opened.args == ["", "undecided"]
    assert page.next_steps.undecided.text() == f"Needs a decision: {page.cards['reassess'].count.text()}"


def test_a_supplier_that_suggested_corrections_opens_in_the_register(qtbot, ctx, portfolio, make_page):
    for field, value in (("address", "Rua das Flores 12, Porto"), ("id:os_id", "PT2024001ABCDEX")):
        store_corrections.suggest(ctx.store, supplier_id=portfolio["shoes"], field=field, on_file="",
                                  suggested=value)
    page = make_page()
    card = page.cards["corrections"]
    assert card.count.text() == "1"
    assert card.entries.item(0).text() == "Porto Shoes — 2 suggested: Address, Open Supply Hub OS ID"
    with qtbot.waitSignal(page.open_supplier) as opened:
        click_entry(qtbot, card)
    assert opened.args == [portfolio["shoes"]]


def test_workbooks_awaiting_return_are_listed_oldest_first_and_open_their_supplier(qtbot, ctx, portfolio, make_page):
    for supplier, export_id, day in (("chairs", "c-1", "2026-11-20"), ("shoes", "s-1", "2026-10-01"),
                                     ("gloves", "g-1", "2026-11-01"), ("gloves", "g-2", "2026-11-10")):
        store_exports.record(ctx.store, export_id=export_id, supplier_id=portfolio[supplier],
                             questionnaire_id="fldd-desktop", version="1.0.0", tier="desktop", language="en",
                             file_name=f"{export_id}.xlsx", exported_by="tester", exported_at=f"{day}T09:00:00Z")
    page = make_page()
    card = page.cards["awaiting"]

    assert card.heading.text() == "Workbooks awaiting return" and card.count.text() == "3"  # g-1 was sent again
    assert [card.entries.item(i).text() for i in range(3)] == [
        "Porto Shoes — Desktop, sent 2026-10-01, waiting 53 days",
        "Klang Valley Gloves — Desktop, sent 2026-11-10, waiting 13 days",
        "Lodz Chairs — Desktop, sent 2026-11-20, waiting 3 days"]
    assert card.entries.item(0).foreground().color().name() == OVERDUE_COLOUR  # over 30 days: chase it
    assert card.entries.item(1).foreground().color().name() != OVERDUE_COLOUR
    with qtbot.waitSignal(page.open_supplier) as opened:
        click_entry(qtbot, card, 1)
    assert opened.args == [portfolio["gloves"]]


@pytest.mark.parametrize("width, columns", [(1100, 2), (1600, 3)])
def test_a_last_card_alone_on_its_row_spans_it(qtbot, ctx, portfolio, make_page, width, columns, monkeypatch):
    monkeypatch.setitem(ROLE_SECTIONS, "buyer", ROLE_SECTIONS["buyer"][:7])  # 7 cards: one alone in 2 or 3 columns
    page = make_page()
    page.resize(width, 700)
    qtbot.waitUntil(lambda: page.columns == columns)
    last = page.cards[page.data["sections"][-1]]
    index = page.grid.indexOf(last)
    row, column, _, span = page.grid.getItemPosition(index)
    assert (column, span) == (0, columns) and page.grid.rowStretch(row) == 0
    assert last.width() > page.cards["to_review"].width() * (columns - 0.5)
    assert page.grid.rowStretch(0) == 1


def test_show_all_opens_the_findings_with_the_cards_filter(qtbot, ctx, portfolio, make_page):
    page = make_page()
    with qtbot.waitSignal(page.open_findings) as opened:
        qtbot.mouseClick(page.cards["overdue_actions"].more, Qt.MouseButton.LeftButton)
    assert opened.args == ["overdue", 0]


def test_the_portfolio_strip_counts_suppliers_by_rating_findings_and_overdue(qtbot, ctx, portfolio, make_page):
    page = make_page()
    strip = page.strip
    assert strip.suppliers.text() == "<b>3</b> suppliers:"
    assert [strip.ratings[r].text() for r in ("low", "medium", "high", "severe", None)] == [
        "Low risk  1", "Medium risk  0", "High risk  1", "Severe risk  0", "Not rated  1"]
    assert [strip.severities[s].text() for s in ("priority", "major", "minor")] == [
        "Priority  1", "Major  1", "Minor  1"]
    assert strip.overdue.text() == "1 overdue action"
    with qtbot.waitSignal(page.open_findings) as opened:
        qtbot.mouseClick(strip.overdue, Qt.MouseButton.LeftButton)
    assert opened.args == ["overdue", 0]


def test_the_role_switch_saves_the_role_and_shows_its_work(qtbot, ctx, portfolio, make_page):
    page = make_page()
    assert page.role.currentData() == "buyer"
    page.role.setFocus()
    with qtbot.waitSignal(page.role_changed) as changed:
        qtbot.keyClick(page.role, Qt.Key.Key_Up)  # Field auditor
    assert changed.args == ["auditor"] and ctx.role == "auditor"
    assert settings.get(ctx.store, "role") == "auditor"
    assert shown_cards(page) == ["drafts", "to_review", "to_verify", "overdue_actions", "due_soon"]
    assert page.cards["drafts"].entries.item(0).flags() == Qt.ItemFlag.NoItemFlags  # on-site drafts: none
    assert page.cards["drafts"].count.text() == "0"


def test_an_empty_database_offers_the_demo_portfolio_and_loading_it_fills_the_page(qtbot, ctx, make_page):
    page = make_page()
    assert page.stack.currentWidget() is page.empty
    assert page.demo_button.isVisible() and "add your first supplier" in page.welcome_text.text()
    with qtbot.waitSignal(page.data_changed, timeout=120_000):
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.loader is None, timeout=10_000)
    assert page.stack.currentWidget() is page.content
    assert page.strip.suppliers.text() == "<b>40</b> suppliers:"
    assert todo(ctx)["portfolio"]["suppliers"] == 40
    assert page.cards["to_review"].entries.count() > 0


def test_the_matches_card_says_a_possible_match_is_a_to_do_not_a_verdict(ctx, make_page):
    blurb = make_page().cards["screening"].blurb.text()
    assert "A possible match changes neither the supplier's inherent risk nor its rating until a buyer confirms it" \
        in blurb
    assert "\"Enhanced due diligence: confirm or dismiss the possible match\"" in blurb


def test_an_unexpected_error_while_the_demo_loads_is_said_and_the_button_comes_back(qtbot, ctx, make_page,
                                                                                    monkeypatch):
    from fldd.error_log import log_path

    def broken(context):
        raise ValueError("an unexpected bug while building the demo")

    monkeypatch.setattr("fldd.ui.home.demo_loader.load_demo_portfolio", broken)
    page = make_page()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.loader is None)
    assert "was not loaded" in page.demo_status.text()
    assert "an unexpected bug while building the demo" in page.demo_status.text()
    assert str(log_path()) in page.demo_status.text()
    assert page.demo_button.isEnabled() and not page.progress.isVisible()
