"""The buyer's Home lists the suppliers with possible entity-list matches to decide; choosing one opens the
supplier, where the decision is taken. Other roles do not see the card. The list is fictional."""

from __future__ import annotations

import pytest

from fldd.usecases.screening import decide_match, screening_matches
from fldd.usecases.suppliers import add_supplier
from tests.screening_lists import LIST, LISTED, OTHER, with_entities
from tests.ui.home.conftest import OFFSCREEN_LIMITS
from tests.ui.home.test_home_page import click_entry, shown_cards

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


@pytest.fixture
def listed(ctx, monkeypatch):
    monkeypatch.setattr("fldd.usecases.inherent.refresh_inherent", lambda ctx, ids=None: 0)
    with_entities(monkeypatch, LISTED, OTHER)
    add_supplier(ctx, "Andaman Seafood", "TH")
    return add_supplier(ctx, "Brightway Textiles Kashgar", "CN", goods=["Cotton"])


def test_the_buyer_sees_suppliers_with_matches_to_decide_and_opens_one(qtbot, ctx, listed, make_page):
    page = make_page()
    card = page.cards["screening"]
    assert "screening" in shown_cards(page)
    assert card.heading.text() == "Possible entity-list matches to decide"
    assert card.count.text() == "1"
    assert card.entries.item(0).text() == f"Brightway Textiles Kashgar (CN) — on {LIST}: 1 possible match"
    with qtbot.waitSignal(page.open_supplier) as opened:
        click_entry(qtbot, card)
    assert opened.args == [listed]


def test_a_decided_match_leaves_the_card_and_other_roles_never_see_it(qtbot, ctx, listed, make_page):
    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=False, reason="Another company")
    page = make_page()
    assert page.cards["screening"].count.text() == "0"
    ctx.role = "auditor"
    page.refresh()
    assert "screening" not in shown_cards(page)


def test_a_confirmed_entity_no_longer_listed_comes_back_to_the_card_to_review(qtbot, ctx, monkeypatch, listed,
                                                                             make_page):
    """The buyer whose confirmed supplier left the list must be told, not find it out by chance."""
    import dataclasses

    from fldd.usecases.screening import screen_suppliers
    from tests.screening_lists import EDITION

    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=True, reason="Same licence")
    with_entities(monkeypatch, OTHER, edition=dataclasses.replace(EDITION, edition="2026-09"))
    screen_suppliers(ctx)
    page = make_page()
    card = page.cards["screening"]
    assert card.count.text() == "1"
    assert card.entries.item(0).text() == (f"Brightway Textiles Kashgar (CN) — on {LIST}: 1 confirmed listing no "
                                           "longer in force, to review")
    with qtbot.waitSignal(page.open_supplier) as opened:
        click_entry(qtbot, card)
    assert opened.args == [listed]
