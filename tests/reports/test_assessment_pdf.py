"""The assessment report PDF, read back with pypdf as its readers would: the sections in order with a contents
page that tells the truth, the figures `assessments show --json` prints, each finding and its dates, bookmarks
and properties, every page numbered, no worker singled out, and user text printed as typed."""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from fldd.reports import text
from fldd.usecases.assessments import (
    AssessmentSession,
    assessment_json,
    list_assessments,
    start_assessment,
)
from fldd.usecases.interviews import record_interview
from fldd.usecases.report_assessment import assessment_report_data, write_assessment_pdf
from fldd.usecases.suppliers import add_supplier
from tests.reports.report_builders import onsite_with_counts

SECTIONS = ["Contents", "Executive summary", "Results by indicator and module", "Findings and corrective action plan",
            "On-site verification", "Answers by module", "Evidence files", "Glossary", "Method and sources"]


@pytest.fixture(scope="module")
def onsite(demo_ctx, tmp_path_factory):
    """The demo's on-site audit with many findings, as PDF: (assessment id, reader, whole text)."""
    assessment_id = next(r["id"] for r in list_assessments(demo_ctx)
                         if r["supplier"] == "Chittagong Knit Composite" and r["tier"] == "onsite")
    path = write_assessment_pdf(demo_ctx, assessment_id, tmp_path_factory.mktemp("pdf") / "report.pdf")
    reader = PdfReader(path)
    return assessment_id, reader, _text(reader)


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text_: str) -> str:
    return " ".join(text_.split())


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    out = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def test_the_sections_come_in_order_and_the_contents_page_gives_their_pages(onsite):
    _, reader, _ = onsite
    outline = _outline(reader)
    assert [title for level, title, _ in outline if level == 0] == SECTIONS
    assert [title for level, title, _ in outline if level == 1] == [
        "1. Document review", "2. Site and housing observation", "3. Management interview", "4. Worker interviews"]
    pages = [page for _, _, page in outline]
    assert pages == sorted(pages)
    contents = _flat(reader.pages[1].extract_text())
    assert "Executive summary" not in _flat(reader.pages[0].extract_text())
    for level, title, page in outline[1:]:
        assert re.search(re.escape(title) + r" " + str(page) + r"\b", contents), (title, page)
        heading_page = _flat(reader.pages[page - 1].extract_text())
        assert title in heading_page
    # the contents fit on one page: the summary starts on the next
    assert outline[0][2] == 2 and outline[1][2] == 3


def test_every_page_says_page_n_of_m(onsite):
    _, reader, _ = onsite
    total = len(reader.pages)
    assert total > 20
    for n, page in enumerate(reader.pages, start=1):
        assert f"Page {n} of {total}" in _flat(page.extract_text())


def test_the_figures_are_those_assessments_show_prints(demo_ctx, onsite):
    assessment_id, _, whole = onsite
    shown = assessment_json(demo_ctx, assessment_id)
    flat = _flat(whole)
    result = shown["result"]
    assert f"Score: {result['score']:g} / 100" in flat
    assert shown["rating_text"] in flat
    done = result["completeness"]
    assert f"{done['answered_required']} / {done['required']} ({done['percent']:g}%)" in flat
    for reason in result["rating_reasons"]:
        assert _flat(reason) in flat
    data = assessment_report_data(demo_ctx, assessment_id)  # titles resting on interviews read as their fact
    for trigger in data["triggers"]:
        assert _flat(trigger["title"]) in flat
    for finding, told in zip(shown["findings"], data["findings"], strict=True):
        assert _flat(told["title"]) in flat
        assert finding["due_date"] in flat and finding["closure_date"] in flat
    assert result["expires"] in flat and shown["assessor"] in flat


def test_the_properties_name_the_report_its_assessor_and_fldd(demo_ctx, onsite):
    from fldd import __version__

    _, reader, _ = onsite
    info = reader.metadata
    assert info.title == "Forced-labour risk assessment report: Chittagong Knit Composite"
    assert info.author == "Demo auditor"
    assert info.creator == f"fldd {__version__}"
    assert "fldd-onsite" in info.subject or "on-site" in info.subject
    assert "forced labour" in info["/Keywords"] and "BD" in info["/Keywords"]


def test_every_font_is_one_text_py_provides_and_real_fonts_are_embedded(onsite):
    _, reader, _ = onsite
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            names.add(str(font["/BaseFont"]).lstrip("/"))
            if font["/Subtype"] != "/Type1":  # a TrueType font text.py registered: it must travel in the file
                if "/DescendantFonts" in font:
                    font = font["/DescendantFonts"][0].get_object()
                descriptor = font["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    assert names and all(any(name.endswith(f) or f in name for f in (text.SANS, text.SANS_BOLD)) or
                         name.startswith(("AAAAA", "BAAAA")) or "+" in name for name in names), names


def test_two_workers_reporting_a_fee_print_as_fewer_than_three_and_no_code_appears(ctx, tmp_path):
    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 1})
    session = AssessmentSession(ctx, assessment_id)
    for n in range(1, 13):
        record_interview(session, f"W-{n:03d}", {"wi_paid_fees": "yes" if n <= 2 else "no"},
                         interviewed_on="2026-12-01", context={"note": "met by the canteen window"})
    assert AssessmentSession(ctx, assessment_id).values["wi_paid_fees"] == 2
    whole = _flat(_text(PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))))
    assert "fewer than 3" in whole
    assert not re.search(r"(?<![0-9.])2 workers", whole)
    assert not re.search(r"W-0(0[1-9]|1[0-2])\b", whole)  # the glossary's own example, W-017, is no one's code
    assert "canteen" not in whole and "2026-12-01" not in whole
    assert "Interview codes, dates and notes are not included" in whole


def test_user_text_with_markup_and_ampersands_prints_as_typed(ctx, tmp_path):
    supplier = add_supplier(ctx, "Tom & Jerry <b>Mills</b>", "MX", goods=["Auto parts"], address="Calle 5 <br/> & 6")
    assessment_id = start_assessment(ctx, supplier, "fldd-desktop", assessor="Ana <i>Ruiz</i>")
    session = AssessmentSession(ctx, assessment_id)
    first = next(q for q in session.questionnaire.questions if q.id in session.result.visible and q.type != "text")
    session.comment(first.id, "see <b>annex</b> & <font color=red>note</font>")
    reader = PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))
    whole = _flat(_text(reader))
    assert "Tom & Jerry <b>Mills</b>" in whole
    assert "Calle 5 <br/> & 6" in whole
    assert "see <b>annex</b> & <font color=red>note</font>" in whole
    assert reader.metadata.author == "Ana <i>Ruiz</i>"


def test_an_auditors_own_finding_says_what_was_found(ctx, tmp_path):
    from fldd.usecases.assessments import add_auditor_finding

    supplier = add_supplier(ctx, "Penang Precision Electronics", "MY", goods=["Electronics"])
    assessment_id = start_assessment(ctx, supplier, "fldd-onsite", assessor="K. Mensah")
    seen = "Fire exit on level 2 chained shut during the night shift; photo taken at 02:10."
    add_auditor_finding(ctx, assessment_id, severity="major", title="Fire exit locked", detail=seen,
                        owner="Plant manager")
    whole = _flat(_text(PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))))
    assert "Fire exit locked" in whole and f"What was found {seen}" in whole


def test_a_spanish_assessment_is_reported_in_spanish(ctx, tmp_path):
    supplier = add_supplier(ctx, "Textiles del Norte", "MX", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier, "fldd-desktop", language="es", assessor="Ana")
    reader = PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))
    whole = _flat(_text(reader))
    titles = [title for level, title, _ in _outline(reader) if level == 0]
    assert titles[:4] == ["Índice", "Resumen ejecutivo", "Resultados por indicador y módulo",
                          "Hallazgos y plan de acción correctiva"]
    assert "On-site verification" not in titles and "Verificación in situ" not in titles
    assert f"Página 1 de {len(reader.pages)}" in whole and "Informe de evaluación" in whole
    assert "provisional" in whole and "sin enviar" in whole  # a draft's rating says so, in Spanish
    assert "Executive summary" not in whole and "Page 1 of" not in whole


def test_names_and_answers_in_any_script_come_out_readable(ctx, tmp_path):
    supplier = add_supplier(ctx, "深圳明亮电子有限公司", "CN", goods=["Electronics"], address="ถนนสุขุมวิท 21")
    assessment_id = start_assessment(ctx, supplier, "fldd-desktop", assessor="Иван Петров")
    session = AssessmentSession(ctx, assessment_id)
    first = next(q for q in session.questionnaire.questions if q.id in session.result.visible)
    session.comment(first.id, "عمال مهاجرون")
    whole = _flat(_text(PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))))
    for written in ("深圳明亮电子有限公司", "ถนนสุขุมวิท", "Иван Петров"):
        assert written in whole
    # Arabic letters are drawn as their joined presentation forms: NFKC gives the letters typed
    assert "عمال" in unicodedata.normalize("NFKC", whole) and "مهاجرون" in unicodedata.normalize("NFKC", whole)


def test_a_cancelled_report_writes_nothing(ctx, tmp_path):
    supplier = add_supplier(ctx, "Quiet Mill", "IN", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier, "fldd-desktop")
    target = tmp_path / "r.pdf"
    seen = []
    assert write_assessment_pdf(ctx, assessment_id, target, progress=lambda *a: seen.append(a),
                                cancelled=lambda: True) is None
    assert not target.exists() and list(tmp_path.glob("*.part")) == []
    assert seen and seen[0][1] == 3


def test_evidence_files_are_listed_with_their_sha256_where_they_belong(ctx, tmp_path):
    import hashlib

    from fldd.usecases.evidence import attach_evidence
    from fldd.usecases.findings import attach_evidence as attach_to_action
    from fldd.usecases.findings import list_findings

    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 12, "wi_paid_fees": 6})
    contract = tmp_path / "contract-sample.pdf"
    contract.write_bytes(b"%PDF-1.4 a contract")
    receipt = tmp_path / "repayment-receipts.jpg"
    receipt.write_bytes(b"\xff\xd8 receipts")
    attach_evidence(ctx, assessment_id, "dr_documents_held", contract)
    [finding] = [f for f in list_findings(ctx, assessment_id=assessment_id)][:1]
    attach_to_action(ctx, finding["action_id"], receipt)
    whole = _flat(_text(PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "r.pdf"))))
    evidence = whole[whole.rindex("Evidence files"):whole.rindex("Glossary")]  # the section, not the contents
    for path in (contract, receipt):
        assert path.name in evidence
        assert hashlib.sha256(path.read_bytes()).hexdigest() in evidence.replace(" ", "")
    assert "Workers paid recruitment fees or related costs" in evidence  # against its finding, by its fact


def test_each_contradiction_of_the_declaration_reads_disagree(demo_ctx, onsite):

    assessment_id, _, whole = onsite
    mismatches = assessment_json(demo_ctx, assessment_id)["result"]["mismatches"]
    assert mismatches
    flat = _flat(whole)
    section = flat[flat.rindex("On-site verification"):flat.rindex("Answers by module")]
    rows = assessment_report_data(demo_ctx, assessment_id)["onsite"]["declared_vs_verified"]
    disagree = {r["question"] for r in rows if r["agree"] is False}
    hidden = {r["question"] for r in rows if r["agree"] is None}  # a hidden count tells no Agree/Disagree
    assert disagree == {m["question"] for m in mismatches} - hidden
    for r in rows:  # 'Disagree' beside 'fewer than 3' would tell 1 from 2
        assert (r["agree"] is None) == (r["verified"] in ("fewer than 3", "not shown (small group)")
                                        or r["verified"].startswith("more than"))
        assert r["agree_text"] == ("not shown" if r["agree"] is None else
                                   "Agree" if r["agree"] else "Disagree")
    assert section.count("Disagree") == len(disagree) and "Agree" in section


@pytest.mark.parametrize("name", ["report.txt", "report.xlsx", "report", "report.pdf.zip"])
def test_a_pdf_is_never_written_under_another_suffix(ctx, tmp_path, capsys, name):
    from fldd.cli import main

    supplier = add_supplier(ctx, "Quiet Mill", "IN", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier, "fldd-desktop")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / name
    assert main(["--db", str(ctx.store.path), "report", "pdf", str(assessment_id), "-o", str(target)]) == 1
    assert f"{target}: the assessment report is a PDF; give a file name ending in .pdf" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []


def test_a_pdf_suffix_in_capitals_is_a_pdf(ctx, tmp_path):
    supplier = add_supplier(ctx, "Quiet Mill", "IN", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier, "fldd-desktop")
    assert write_assessment_pdf(ctx, assessment_id, tmp_path / "R.PDF").read_bytes().startswith(b"%PDF")
