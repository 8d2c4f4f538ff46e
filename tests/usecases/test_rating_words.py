"""A rating nobody misreads: provisional ('so far', with how much is answered) until the assessment is submitted
complete, worded by one function, and said so in `assessments list/show --json`."""

from __future__ import annotations

import json

import pytest

from fldd.cli import main
from fldd.usecases.assessments import AssessmentSession, list_assessments, start_assessment
from fldd.usecases.rating_words import legend, rating_text
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_assessment_flow import complete


@pytest.mark.parametrize(("rating", "status", "answered", "required", "text", "provisional"), [
    ("medium", "draft", 62, 80, "Medium risk so far (62 of 80 answered)", True),
    ("low", "draft", 80, 80, "Low risk so far (80 of 80 answered, not submitted)", True),
    ("low", "draft", None, None, "Low risk so far (not submitted)", True),
    (None, "draft", 0, 80, "Not rated yet (0 of 80 answered)", True),
    ("high", "submitted", 79, 80, "High risk so far (79 of 80 answered)", True),
    ("high", "submitted", 80, 80, "High risk", False),
    ("severe", "closed", 80, 80, "Severe risk", False),
    ("low", "under_review", 80, 80, "Low risk", False),
])
def test_a_rating_is_final_only_once_submitted_complete(rating, status, answered, required, text, provisional):
    shown = rating_text(rating, status, answered, required)
    assert (shown.text, shown.provisional) == (text, provisional)


def test_the_legend_tells_the_questionnaires_own_bands_and_caps(ctx):
    told = legend(ctx.standard.get("fldd-desktop"))
    assert "100 means no risk was found in the answers given" in told
    assert "Low risk from 85, Medium risk from 70, High risk from 50, Severe risk from 0" in told
    assert "High risk or worse when: At least one fact declared is on its own a strong forced-labour indicator." in told
    assert "Medium risk or worse when: A Major finding is open, so the risk is at least medium." in told
    assert "questions not yet answered do not count" in told


def test_a_buyer_listing_a_half_done_draft_reads_so_far_and_the_json_says_provisional(ctx, tmp_path, capsys):
    sid = add_supplier(ctx, "Half Done Ltd", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    session.answer("pr_workers_total", 120)
    session.answer("hrs_peak_weekly_max", 48)
    done = session.result.completeness

    [row] = list_assessments(ctx)

    assert row["rating"] is not None  # a score of the two answers given exists ...
    assert row["provisional"] is True  # ... and is never shown as final
    assert (row["answered"], row["required"]) == (done.answered_required, done.required)
    assert row["rating_text"].endswith(f"so far ({done.answered_required} of {done.required} answered)")
    db = ctx.store.path
    ctx.close()
    assert main(["--db", str(db), "assessments", "show", str(session.id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["provisional"], shown["answered"], shown["required"]) == (True, done.answered_required,
                                                                            done.required)
    assert (shown["result"]["expires"], shown["result"]["as_of"]) == (None, None)  # a draft has no expiry yet
    assert main(["--db", str(db), "assessments", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["provisional"] is True and listed["rating_text"] == row["rating_text"]
    assert main(["--db", str(db), "suppliers", "list", "--json"]) == 0
    [supplier] = json.loads(capsys.readouterr().out)
    assert supplier["provisional"] is True and supplier["rating_text"] == row["rating_text"]
    assert main(["--db", str(db), "suppliers", "list"]) == 0
    assert row["rating_text"] in capsys.readouterr().out


def test_a_submitted_complete_assessment_reads_final(ctx):
    sid = add_supplier(ctx, "Done Ltd", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    complete(session)
    session.move_to("submitted")

    [row] = list_assessments(ctx)

    assert row["provisional"] is False and row["answered"] == row["required"] > 0
    assert row["rating_text"] == {"low": "Low risk", "medium": "Medium risk", "high": "High risk",
                                  "severe": "Severe risk"}[row["rating"]]
