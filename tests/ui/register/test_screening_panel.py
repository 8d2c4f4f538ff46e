"""User story: the buyer loaded an entity list; a supplier's name is one of the listed aliases. The supplier's
panel shows the possible match (list, entry, alias, how); the buyer confirms one with a reason typed in the
dialog, dismisses another, reopens a decision, and sees who decided, when and why. The names are fictional."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fldd.usecases.screening import screening_match, screening_matches
from fldd.usecases.suppliers import add_supplier, get_supplier
from tests.screening_lists import LISTED, OTHER, with_entities
from tests.ui.register.conftest import OFFSCREEN_LIMITS

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def refreshed(monkeypatch):
    calls: list = []
    monkeypatch.setattr("fldd.usecases.inherent.refresh_inherent", lambda ctx, ids=None: calls.append(ids) or 0)
    return calls


def _show(qtbot, page, name, supplier_id):
    qtbot.keyClicks(page.search, name)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.panel.isVisible() and page.panel.supplier_id == supplier_id)
    return page.panel.screening


def _laid_out(qtbot, card) -> None:
    """Wait until a card made anew after a decision is shown with its buttons at their size."""
    qtbot.waitUntil(lambda: card.isVisible() and all(b.height() > 0 for b in (
        card.confirm_button, card.dismiss_button, card.reopen_button) if b.isVisible()))


def _answer(qtbot, box, reason: str, *, by_keyboard: bool) -> None:
    """Type the reason in the dialog the button opened and accept it, with the mouse or the keyboard."""
    dialog = box.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.submit.isEnabled()  # no reason, no decision
    qtbot.keyClicks(dialog.reason, reason)
    assert dialog.submit.isEnabled()
    if by_keyboard:
        for _ in range(3):  # Tab from the reason to the buttons
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            if dialog.focusWidget() is dialog.submit:
                break
        assert dialog.focusWidget() is dialog.submit
        qtbot.keyClick(dialog.submit, Qt.Key.Key_Space)
    else:
        qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_confirm_with_the_mouse_shows_who_when_why(qtbot, ctx, monkeypatch, refreshed, qtbot_page_factory):
    with_entities(monkeypatch, LISTED, OTHER)
    supplier_id = add_supplier(ctx, "Brightway Textiles Kashgar Ltd", "CN", goods=["Cotton"])
    level = get_supplier(ctx, supplier_id).inherent_level
    refreshed.clear()  # adding the supplier computed its inherent risk; the match alone changes nothing
    page = qtbot_page_factory(ctx)
    box = _show(qtbot, page, "Brightway", supplier_id)
    assert box.isVisible() and box.heading.text() == "Possible entity-list match (1 to decide)"
    [card] = box.cards
    assert card.entity.text() == LISTED.name
    assert card.source.text() == "Test Entity List, edition 2026-05"
    assert "“Brightway Textiles Kashgar Ltd” resembles “Brightway Textiles Kashgar”: same name" in card.matched.text()
    assert card.decision.text() == (
        "Waiting for a decision. A possible match changes neither the supplier's inherent risk nor its rating until "
        "a buyer confirms it; meanwhile it puts the supplier in Next steps as \"Enhanced due diligence: confirm or "
        "dismiss the possible match\", a to-do, not a verdict.")
    assert card.confirm_button.isVisible() and card.dismiss_button.isVisible() and not card.reopen_button.isVisible()
    assert get_supplier(ctx, supplier_id).inherent_level == level and refreshed == []

    qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    box.dialog.buttons.rejected.emit()  # Cancel: nothing recorded
    assert screening_matches(ctx)[0]["status"] == "pending"
    qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, box, "Same registered address as the listing", by_keyboard=False)

    [match] = screening_matches(ctx)
    assert (match["status"], match["decided_by"], match["reason"]) == (
        "confirmed", "tester", "Same registered address as the listing")
    assert refreshed == [[supplier_id]]
    qtbot.waitUntil(lambda: bool(page.panel.screening.cards)
                    and page.panel.screening.cards[0].match["status"] == "confirmed")
    [card] = page.panel.screening.cards
    _laid_out(qtbot, card)
    assert card.decision.text() == (f"Confirmed by tester on {match['decided_at'][:10]}: "
                                    "Same registered address as the listing")
    assert card.reopen_button.isVisible() and not card.confirm_button.isVisible()
    assert page.panel.screening.heading.text() == "Possible entity-list match"


def test_dismiss_and_reopen_by_keyboard(qtbot, ctx, monkeypatch, refreshed, qtbot_page_factory):
    with_entities(monkeypatch, LISTED)
    supplier_id = add_supplier(ctx, "Kashgar Brigthway Textile", "CN")  # one typing slip from the listed name
    page = qtbot_page_factory(ctx)
    box = _show(qtbot, page, "Brigthway", supplier_id)
    [card] = box.cards
    assert "one typing difference" in card.matched.text()
    card.dismiss_button.setFocus()
    qtbot.keyClick(card.dismiss_button, Qt.Key.Key_Space)
    _answer(qtbot, box, "Another company: different licence number", by_keyboard=True)
    [match] = screening_matches(ctx)
    assert (match["status"], match["reason"]) == ("dismissed", "Another company: different licence number")
    qtbot.waitUntil(lambda: page.panel.screening.cards[0].match["status"] == "dismissed")

    box = page.panel.screening
    [card] = box.cards
    _laid_out(qtbot, card)
    assert card.decision.text().startswith("Dismissed by tester on ")
    qtbot.mouseClick(card.reopen_button, Qt.MouseButton.LeftButton)
    _answer(qtbot, box, "New evidence from the shipping documents", by_keyboard=True)
    reopened = screening_match(ctx, match["id"])
    assert reopened["status"] == "pending"
    assert [t["decision"] for t in reopened["trail"]] == ["dismissed", "reopened"]
    qtbot.waitUntil(lambda: page.panel.screening.cards[0].match["status"] == "pending")
    card = page.panel.screening.cards[0]
    _laid_out(qtbot, card)
    assert card.decision.text().startswith("Reopened by tester on ")
    assert card.confirm_button.isVisible()


def test_a_supplier_without_matches_shows_no_screening_box_and_a_non_buyer_cannot_decide(
        qtbot, ctx, monkeypatch, refreshed, qtbot_page_factory):
    with_entities(monkeypatch, LISTED)
    plain = add_supplier(ctx, "Andaman Seafood", "TH")
    listed = add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    ctx.role = "auditor"
    page = qtbot_page_factory(ctx)
    box = _show(qtbot, page, "Andaman", plain)
    assert not box.isVisible()
    page.search.clear()
    box = _show(qtbot, page, "Kashgar", listed)
    assert box.isVisible()
    assert not box.cards[0].confirm_button.isEnabled() and not box.cards[0].dismiss_button.isEnabled()


def test_a_confirmed_entity_no_longer_listed_stays_on_the_panel_marked_delisted(qtbot, ctx, monkeypatch, refreshed,
                                                                               qtbot_page_factory):
    """The auditor asking why a supplier once confirmed as a listed company is no longer treated as one: the
    panel keeps the confirmation, says the listing is gone since when, and offers no decision on it."""
    from fldd.usecases.screening import decide_match, screen_suppliers

    with_entities(monkeypatch, LISTED, OTHER)
    supplier_id = add_supplier(ctx, "Brightway Textiles Kashgar Ltd", "CN", goods=["Cotton"])
    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=True, reason="Same registered address as the listing")
    with_entities(monkeypatch, OTHER)  # the next edition leaves the entity out
    screen_suppliers(ctx)
    page = qtbot_page_factory(ctx)
    box = _show(qtbot, page, "Brightway", supplier_id)
    [card] = box.cards
    assert card.entity.text() == LISTED.name
    assert card.source.text() == "Test Entity List, last listed in edition 2026-05"
    gone = screening_match(ctx, match["id"])["closed_at"][:10]
    decided = screening_match(ctx, match["id"])["decided_at"][:10]
    assert card.decision.text() == (
        f"Confirmed by tester on {decided}: Same registered address as the listing. No longer listed since {gone}: "
        "not on the edition in force (2026-05); it no longer counts in the inherent risk or the next step as a "
        "current listing.")
    assert f"No longer listed since {gone}" in card.decision.text()
    assert "no longer counts" in card.decision.text()
    assert not any(b.isVisible() for b in (card.confirm_button, card.dismiss_button, card.reopen_button))
    assert box.heading.text() == "Possible entity-list match (1 delisted)"
