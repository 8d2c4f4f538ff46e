"""The closing-meeting summary an auditor prints at the end of a visit: short, every finding with its dates,
what the site owes and by when, the rating provisional until closed, signatures, and no interview detail."""

from __future__ import annotations

import re

from pypdf import PdfReader

from fldd.usecases.assessments import assessment_json, list_assessments
from fldd.usecases.report_assessment import assessment_report_data, write_assessment_pdf


def _closing(ctx, supplier: str, folder) -> tuple[int, PdfReader, str]:
    assessment_id = next(r["id"] for r in list_assessments(ctx) if r["supplier"] == supplier and r["tier"] == "onsite")
    reader = PdfReader(write_assessment_pdf(ctx, assessment_id, folder / "closing.pdf", closing=True))
    return assessment_id, reader, " ".join("\n".join(p.extract_text() for p in reader.pages).split())


def test_the_summary_lists_every_finding_with_its_dates_and_what_the_site_owes(demo_ctx, tmp_path):
    assessment_id, reader, whole = _closing(demo_ctx, "Accra Cocoa Traders", tmp_path)
    shown = assessment_json(demo_ctx, assessment_id)
    assert 1 <= len(reader.pages) <= 4
    assert "Closing meeting summary" in whole and "Accra Cocoa Traders" in whole
    assert shown["assessor"] in whole
    titles = [f["title"] for f in assessment_report_data(demo_ctx, assessment_id)["findings"]]
    for finding, title in zip(shown["findings"], titles, strict=True):
        assert " ".join(title.split()) in whole
        assert finding["due_date"] in whole and (finding["closure_date"] or "-") in whole
    assert "What the site must send" in whole and "Corrective actions agreed" in whole
    assert "Answers by module" not in whole and "Glossary" not in whole


def test_it_has_signature_blocks_and_keeps_interviews_out(demo_ctx, tmp_path):
    _, _, whole = _closing(demo_ctx, "Accra Cocoa Traders", tmp_path)
    assert "Signatures" in whole and "Site management representative" in whole
    assert whole.count("Signature") >= 3 and whole.count("Role") >= 2
    assert "Worker-interview details are not included" in whole
    assert "Worker interviews (aggregates)" not in whole and not re.search(r"\bW-\d{3}\b", whole)


def test_an_assessment_still_open_reads_its_rating_as_provisional(demo_ctx, tmp_path):
    _, _, under_review = _closing(demo_ctx, "Chittagong Knit Composite", tmp_path)
    assert "The rating is provisional until the assessment is closed" in under_review
    _, _, closed = _closing(demo_ctx, "Accra Cocoa Traders", tmp_path)
    assert "provisional" not in closed


def test_the_command_writes_either_report(demo_ctx, tmp_path, capsys):
    from fldd.cli import main

    assessment_id = next(r["id"] for r in list_assessments(demo_ctx) if r["supplier"] == "Accra Cocoa Traders"
                         and r["tier"] == "onsite")
    database = str(demo_ctx.store.path)
    assert main(["--db", database, "report", "pdf", str(assessment_id), "-o", str(tmp_path / "full.pdf")]) == 0
    assert main(["--db", database, "report", "pdf", str(assessment_id), "-o", str(tmp_path / "short.pdf"),
                 "--closing"]) == 0
    assert f"wrote {tmp_path / 'short.pdf'}" in capsys.readouterr().out
    assert len(PdfReader(tmp_path / "short.pdf").pages) < len(PdfReader(tmp_path / "full.pdf").pages)
    assert main(["--db", database, "report", "pdf", "9999", "-o", str(tmp_path / "none.pdf")]) == 1
    assert not (tmp_path / "none.pdf").exists()
