"""`fldd workbook log`: the import log on the command line, newest first, filtered, as text or JSON."""

from __future__ import annotations

import json

import pytest

from fldd.cli import main
from fldd.cli_import_log import OUTCOME_CHOICES
from fldd.exchange.outcome import OUTCOMES
from tests.exchange.import_log_story import a_month_of_imports, local_zone


@pytest.fixture
def month(ctx, monkeypatch, tmp_path):
    """The story's database (its file, for the command line) with local time in UTC."""
    with local_zone("UTC"):
        story = a_month_of_imports(ctx, monkeypatch, tmp_path / "mail")
        yield ctx.store.path, story


def log(db, *args) -> int:
    return main(["--db", str(db), "workbook", "log", *map(str, args)])


def test_the_log_as_json_gives_every_entry_whole(month, capsys):
    db, story = month
    assert log(db, "--json") == 0

    data = json.loads(capsys.readouterr().out)
    assert (data["total"], data["shown"]) == (7, 7)
    entries = data["entries"]
    assert [e["file"] for e in entries][:3] == ["scanned letter.xlsx", "Klang Valley Gloves.xlsx",
                                               "Penang Latex v3.xlsx"]
    assert set(entries[0]) == {"id", "file", "imported_at", "outcome", "supplier", "questionnaire", "assessment_id",
                               "revision", "export_id", "saved_at", "kind", "sha256", "note", "problems", "changes",
                               "missing", "corrections"}
    v3 = entries[2]
    assert (v3["outcome"], v3["supplier"], v3["imported_at"]) == ("rejected", "Penang Latex Sdn Bhd",
                                                                  "2026-11-06T09:00:00Z")
    assert v3["problems"][0] == {"text": "sheet 'Site profile', cell D2, question 1.1 (pr_workers_total): 'many' is "
                                         "not a number", "message": "'many' is not a number",
                                 "sheet": "Site profile", "cell": "D2", "question": "1.1 (pr_workers_total)"}
    revision = next(e for e in entries if e["revision"] == 2)
    assert revision["assessment_id"] == story.penang_assessment and revision["saved_at"] == "2026-11-02T10:00:00Z"
    assert {"question": "pr_workers_total", "number": "1.1", "what": "answer", "old": "120", "new": "130"} in \
        revision["changes"]
    assert revision["missing"][0]["cell"] and revision["missing"][0]["sheet"]


def test_the_log_filters_by_outcome_supplier_and_day(month, capsys):
    db, _ = month
    assert log(db, "--outcome", "rejected", "--json") == 0
    assert [e["file"] for e in json.loads(capsys.readouterr().out)["entries"]] == ["scanned letter.xlsx",
                                                                                  "Penang Latex v3.xlsx"]
    assert log(db, "--supplier", "penang", "--since", "2026-11-04", "--until", "2026-11-05", "--json") == 0
    assert [(e["file"], e["outcome"]) for e in json.loads(capsys.readouterr().out)["entries"]] == [
        ("Penang Latex old.xlsx", "superseded"), ("Penang Latex v2.xlsx", "unchanged")]


def test_the_log_as_text_says_why_each_file_was_rejected(month, capsys):
    db, _ = month
    assert log(db, "--outcome", "rejected", "--supplier", "Penang") == 0

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2026-11-06 09:00  rejected") and "Penang Latex v3.xlsx  ·  Penang Latex Sdn Bhd" in out[0]
    assert out[1:3] == [
        "      sheet 'Site profile', cell D2, question 1.1 (pr_workers_total): 'many' is not a number",
        "      sheet 'Policy and management', cell D2, question 2.1 (gov_policy_exists): 'perhaps' is not one of "
        "the answers: 'Yes', 'No', 'Don't know'"]
    assert out[-1] == "1 import(s), newest first"


def test_the_log_as_text_is_limited_and_says_how_to_see_more(month, capsys):
    db, story = month
    assert log(db, "--limit", "2") == 0

    out = capsys.readouterr().out.splitlines()
    assert "scanned letter.xlsx  ·  (supplier not known)" in out[0] and "zip" in out[1]
    assert "Klang Valley Gloves.xlsx" in out[2] and out[3] == f"      Created assessment {story.klang_assessment}; " \
        f"{len(story.reports[5].missing)} required answers missing"
    assert out[-1] == "2 of 7 import(s), newest first; --limit 7 shows them all"


@pytest.mark.parametrize("args", [("--since", "2026-11-31"), ("--outcome", "lost"), ("--limit", "0")])
def test_bad_filters_are_usage_errors(month, capsys, args):
    db, _ = month
    with pytest.raises(SystemExit) as exit_:
        log(db, *args)
    assert exit_.value.code == 2 and args[0] in capsys.readouterr().err


def test_a_range_that_ends_before_it_begins_is_refused(month, capsys):
    db, _ = month
    assert log(db, "--since", "2026-11-06", "--until", "2026-11-05") == 1
    assert "ends (2026-11-05) before it begins (2026-11-06)" in capsys.readouterr().err


def test_the_outcomes_offered_are_the_imports_outcomes():
    assert OUTCOME_CHOICES == OUTCOMES
