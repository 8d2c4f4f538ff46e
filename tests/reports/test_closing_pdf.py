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


def test_the_rating_reads_as_rating_words_say_provisional_only_before_a_complete_submission(demo_ctx, tmp_path):
    from fldd.usecases.rating_words import rating_text

    for supplier in ("Chittagong Knit Composite", "Accra Cocoa Traders", "Jiangsu Solar Materials"):
        assessment_id, _, whole = _closing(demo_ctx, supplier, tmp_path)
        shown = assessment_json(demo_ctx, assessment_id)
        words = rating_text(shown["result"]["rating"], shown["status"], shown["answered"], shown["required"])
        assert words.text in whole
        assert ("so far" in whole) is words.provisional
        assert "provisional until the assessment is closed" not in whole


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


def test_a_draft_on_site_summary_lists_the_findings_its_result_will_raise_as_provisional(demo_ctx, tmp_path):
    import datetime as dt

    from fldd.usecases.assessments import AssessmentSession, pending_findings

    assessment_id = next(r["id"] for r in list_assessments(demo_ctx) if r["supplier"] == "Jiangsu Solar Materials"
                         and r["tier"] == "onsite")
    assert assessment_json(demo_ctx, assessment_id)["status"] == "draft"
    pending = pending_findings(demo_ctx, AssessmentSession(demo_ctx, assessment_id))
    assert len(pending) >= 5
    reader = PdfReader(write_assessment_pdf(demo_ctx, assessment_id, tmp_path / "c.pdf", closing=True))
    whole = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert "No findings were raised" not in whole
    assert "Provisional: raised when the assessment is submitted" in whole
    today = demo_ctx.today()
    for p in pending:
        assert " ".join(p["title"].split()) in whole
        assert p["due_date"] == (today + dt.timedelta(days=p["plan_days"])).isoformat() and p["due_date"] in whole
        assert p["closure_date"] is None or p["closure_date"] in whole
    assert assessment_json(demo_ctx, assessment_id)["findings"] == []  # printing raised nothing
    full = PdfReader(write_assessment_pdf(demo_ctx, assessment_id, tmp_path / "full.pdf"))
    plan = " ".join("\n".join(p.extract_text() for p in full.pages).split()).split("Findings and corrective action plan")
    assert "No findings were raised" not in plan[-1] and "Provisional: raised when" in plan[-1]
    assert all(" ".join(p["title"].split()) in plan[-1] for p in pending)


def test_the_summary_of_a_desktop_assessment_is_refused(demo_ctx, tmp_path, capsys):
    from fldd.cli import main

    assessment_id = next(r["id"] for r in list_assessments(demo_ctx) if r["tier"] == "desktop")
    target = tmp_path / "c.pdf"
    assert main(["--db", str(demo_ctx.store.path), "report", "pdf", str(assessment_id), "-o", str(target),
                 "--closing"]) == 1
    said = capsys.readouterr()
    assert f"assessment {assessment_id}" in said.err + said.out and "on-site" in said.err + said.out
    assert not target.exists()


def test_the_site_is_asked_only_for_what_it_still_owes(demo_ctx, tmp_path):
    assessment_id = next(r["id"] for r in list_assessments(demo_ctx) if r["supplier"] == "Chittagong Knit Composite"
                         and r["tier"] == "onsite")
    rows = assessment_json(demo_ctx, assessment_id)["findings"]
    reader = PdfReader(write_assessment_pdf(demo_ctx, assessment_id, tmp_path / "c.pdf", closing=True))
    owed = " ".join("\n".join(p.extract_text() for p in reader.pages).split()).split("What the site must send")[1]
    owed = owed.split("Signatures")[0]
    finished = [n for n, r in enumerate(rows, start=1) if r["status"] in ("done", "verified")]
    still = [n for n, r in enumerate(rows, start=1) if r["status"] in ("open", "in_progress")]
    assert finished and still
    assert not any(re.search(rf"finding {n}\b", owed) for n in finished)
    assert all(re.search(rf"finding {n}\b", owed) for n in still)


def test_a_long_assessor_name_stays_inside_the_signature_block(ctx, tmp_path):
    from fldd.usecases.assessments import start_assessment
    from fldd.usecases.suppliers import add_supplier

    name = "Dr. Maria Fernanda de los Santos Oliveira-Gutierrez, Senior Lead Auditor " * 3
    supplier_id = add_supplier(ctx, "Delta Sewing Ltd", "BD", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier_id, "fldd-onsite", assessor=name.strip())
    reader = PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "c.pdf", closing=True))
    lines = []

    def seen(t, cm, tm, font, size):
        if t.strip():
            lines.append((t.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    reader.pages[-1].extract_text(visitor_text=seen)
    top = next(y for t, y in lines if t == "Site management representative")
    role = max(y for t, y in lines if t == "Role")
    heading = next(y for t, y in lines if t == "Signatures")
    names = [y for t, y in lines if y < heading and ("Santos" in t or "Lead Auditor" in t)]
    assert len(names) >= 3 and all(role < y < top for y in names)  # below the block's title, above its Role row
