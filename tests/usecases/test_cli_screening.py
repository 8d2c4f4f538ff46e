"""`fldd suppliers screening` and `fldd suppliers screen`: the buyer sees a possible entity-list match on the
command line, and confirms or dismisses it with a reason (exit 1, nothing changed, without one)."""

from __future__ import annotations

import json

from fldd.cli import main
from fldd.usecases.context import open_context
from fldd.usecases.screening import screening_matches
from fldd.usecases.suppliers import add_supplier
from tests.screening_lists import LISTED, with_entities


def run(capsys, *words) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def statuses(path: str) -> list[str]:
    ctx = open_context(path)
    try:
        return [m["status"] for m in screening_matches(ctx)]
    finally:
        ctx.close()


def test_a_supplier_named_as_a_listed_alias_is_listed_for_confirmation(ctx, monkeypatch, capsys):
    with_entities(monkeypatch)
    add_supplier(ctx, "Brightway Textiles Kashgar Ltd", "CN")  # added before the list was in force
    add_supplier(ctx, "Andaman Seafood", "TH")
    path = str(ctx.store.path)
    ctx.close()
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening")
    assert code == 0 and out.strip() == "0 pending possible entity-list match(es)"
    with_entities(monkeypatch, LISTED)
    code, out, _ = run(capsys, "--db", path, "suppliers", "screen")
    assert code == 0 and out.startswith("1 new possible match(es); 1 pending")
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening")
    assert "Brightway Textiles Kashgar Ltd (supplier 1) may be Kashgar Brightway Textile Co., Ltd. on " \
           "Test Entity List 2026-05" in out
    assert "'Brightway Textiles Kashgar Ltd' ~ 'Brightway Textiles Kashgar': same name" in out
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening", "--json")
    [match] = json.loads(out)
    assert (match["status"], match["matched_to"]) == ("pending", "Brightway Textiles Kashgar")


def test_confirm_and_dismiss_need_a_reason_and_say_who_decided(ctx, monkeypatch, capsys):
    with_entities(monkeypatch, LISTED)
    add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    path = str(ctx.store.path)
    ctx.close()
    code, _, err = run(capsys, "--db", path, "suppliers", "screening", "confirm", "1", "--reason", " ")
    assert code == 1 and "reason" in err
    assert statuses(path) == ["pending"]
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening", "dismiss", "1", "--reason",
                       "Other licence number")
    assert code == 0 and "dismissed by" in out and "Other licence number" in out
    assert statuses(path) == ["dismissed"]
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening", "--status", "dismissed")
    assert "Kashgar Brightway Textile" in out and out.strip().endswith("1 dismissed possible entity-list match(es)")
    code, _, err = run(capsys, "--db", path, "suppliers", "screening", "confirm", "7", "--reason", "x")
    assert code == 1 and "no screening match 7" in err


def test_the_help_says_what_a_possible_match_does_and_does_not_do(capsys):
    """The buyer reading the help before a match appears must not be told it 'changes nothing': it changes
    neither inherent risk nor rating, and it does put the supplier in the queue as a to-do."""
    import pytest

    with pytest.raises(SystemExit):
        main(["suppliers", "screening", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "changes nothing" not in said
    assert ("A possible match changes neither the supplier's inherent risk nor its rating until a buyer confirms "
            "it; meanwhile it puts the supplier in Next steps as \"Enhanced due diligence: confirm or dismiss the "
            "possible match\", a to-do, not a verdict.") in said


def test_a_confirmed_entity_no_longer_listed_is_listed_as_delisted_with_its_last_edition(ctx, monkeypatch, capsys):
    import dataclasses

    from fldd.usecases.screening import decide_match, screen_suppliers
    from tests.screening_lists import EDITION

    with_entities(monkeypatch, LISTED)
    add_supplier(ctx, "Kashgar Brightway Textile", "CN")
    [match] = screening_matches(ctx)
    decide_match(ctx, match["id"], confirmed=True, reason="Same licence")
    with_entities(monkeypatch, edition=dataclasses.replace(EDITION, edition="2026-09"))  # the next one leaves it out
    screen_suppliers(ctx)
    path = str(ctx.store.path)
    ctx.close()
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening", "--status", "delisted")
    assert code == 0
    assert ("delisted   Kashgar Brightway Textile (supplier 1) was confirmed as Kashgar Brightway Textile Co., Ltd., "
            "last listed on Test Entity List 2026-05") in out
    assert f"confirmed by {ctx.user} on " in out and ": Same licence" in out
    assert ": not on the edition in force (2026-09)" in out
    code, out, _ = run(capsys, "--db", path, "suppliers", "screening", "--status", "confirmed")
    assert out.strip() == "0 confirmed possible entity-list match(es)"
