"""An assessment moved to a newer version of its questionnaire says so in its reports: the answers kept from the
earlier version to questions no longer asked, and each move (from, to, who, when, the rating before and after),
in the PDF (a section of their own and the method's version history) and in the Excel report (sheets)."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from fldd.usecases.assessments import assessment_json, list_assessments
from fldd.usecases.report_assessment import assessment_report_data, write_assessment_pdf
from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx
from fldd.usecases.version_moves import move_assessment
from tests.reports.report_builders import demo_context


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """The demo's Guangzhou Toy Factory self-assessment moved from 1.0.0 to 2.0.0: (ctx, id, show --json)."""
    ctx = demo_context(tmp_path_factory.mktemp("moved"))
    assessment_id = next(r["id"] for r in list_assessments(ctx) if r["supplier"] == "Guangzhou Toy Factory")
    move_assessment(ctx, assessment_id)
    shown = assessment_json(ctx, assessment_id)
    assert shown["retired_answers"] and shown["moves"]
    yield ctx, assessment_id, shown
    ctx.close()


def test_the_report_data_carries_the_kept_answers_and_the_moves(moved):
    ctx, assessment_id, shown = moved
    data = assessment_report_data(ctx, assessment_id)
    kept = data["retired_answers"]
    assert [k["question"] for k in kept] == [r["question"] for r in shown["retired_answers"]]
    assert kept[0]["text"] == "From which countries were these workers recruited?"
    assert kept[0]["answer"] == "Spanish" and kept[0]["asked_in"] == "1.0.0"
    move = data["moves"][0]
    assert (move["from"], move["to"], move["by"]) == ("1.0.0", "2.0.0", shown["moves"][0]["moved_by"])
    assert move["at"] == shown["moves"][0]["moved_at"][:10]
    assert move["rating_before"] == "High risk" and move["rating_after"].startswith("High risk")


def test_the_pdf_lists_the_kept_answers_and_the_version_history(moved, tmp_path):
    ctx, assessment_id, shown = moved
    reader = PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))
    whole = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    kept = whole.split("Answers kept from an earlier version")
    assert len(kept) >= 3  # the contents, then the section
    assert "From which countries were these workers recruited?" in kept[-1] and "Spanish" in kept[-1]
    method = whole.split("Method and sources")[-1]
    assert "Version history" in method
    history = method.split("Version history")[1]
    assert "1.0.0" in history and "2.0.0" in history and shown["moves"][0]["moved_by"] in history
    assert shown["moves"][0]["moved_at"][:10] in history and "High risk" in history


def test_the_xlsx_has_the_kept_answers_and_the_moves(moved, tmp_path):
    ctx, assessment_id, shown = moved
    wb = openpyxl.load_workbook(write_assessment_xlsx(ctx, assessment_id, tmp_path / "r.xlsx"))
    kept = [row for row in wb["Kept answers"].iter_rows(values_only=True)]
    assert any("From which countries were these workers recruited?" in row and "Spanish" in row for row in kept[1:])
    moves = [row for row in wb["Version moves"].iter_rows(values_only=True)]
    assert len(moves) == 2 and "1.0.0" in moves[1] and "2.0.0" in moves[1]
    assert shown["moves"][0]["moved_by"] in moves[1]


def test_an_assessment_never_moved_says_nothing_of_it(moved, tmp_path):
    ctx, _, _ = moved
    other = next(r["id"] for r in list_assessments(ctx) if r["supplier"] == "Hanoi Textile Mills")
    data = assessment_report_data(ctx, other)
    assert data["retired_answers"] == [] and data["moves"] == []
    reader = PdfReader(write_assessment_pdf(ctx, other, tmp_path / "r.pdf"))
    whole = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert "Answers kept from an earlier version" not in whole and "Version history" not in whole
