"""Whatever length people type, every report is made and keeps every character: a comment of thousands of
characters, hundreds of lines, a word longer than a column, a 10,000-character answer, correction reason, finding
title, action or note, a 2,000-character owner. Before, one table cell taller than a page stopped the report
(and the supplier's dossier) with a reportlab LayoutError.

Each field is written in an alphabet of its own that nothing else in the report uses, so the characters of that
alphabet read back from the PDF must be the field's own, in order, once per place the report prints it: none
lost where a cell splits over pages or a long word is broken across lines."""

from __future__ import annotations

import random
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from fldd.usecases import findings as uf
from fldd.usecases.assessments import AssessmentSession, add_auditor_finding
from fldd.usecases.context import open_context
from fldd.usecases.dossier import write_dossier
from fldd.usecases.report_assessment import write_assessment_pdf
from tests.reports.report_builders import TODAY, demo_context

ALPHABETS = {  # one per field; the report's own words are in none of them
    "answer": "".join(map(chr, range(0x3B1, 0x3CA))),
    "reason": "".join(map(chr, range(0x391, 0x3A2))) + "".join(map(chr, range(0x3A3, 0x3AA))),
    "comment": "".join(map(chr, range(0x430, 0x450))),
    "title": "".join(map(chr, range(0x410, 0x430))),
    "action": "".join(map(chr, range(0x100, 0x140))),
    "note": "".join(map(chr, range(0x141, 0x17F))),
    "owner": "".join(map(chr, range(0x180, 0x1C0))),
}
LENGTHS = {"answer": 10_000, "reason": 10_000, "comment": 5_000, "title": 3_000, "action": 10_000,
           "note": 10_000, "owner": 2_000}
DESKTOP, ONSITE = 7, 3  # Hanoi Textile Mills (submitted), Chittagong Knit Composite (under review)


def long_text(rng: random.Random, alphabet: str, length: int) -> str:
    """Words, lines of one letter, and now and then one word longer than any column, in that alphabet."""
    out, size = [], 0
    while size < length:
        kind = rng.random()
        if kind < 0.08:
            piece = "".join(rng.choice(alphabet) for _ in range(rng.randint(300, 2_500)))
        elif kind < 0.16:
            piece = "\n".join(rng.choice(alphabet) for _ in range(rng.randint(20, 300)))
        else:
            piece = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        out.append(piece)
        size += len(piece) + 1
    return " ".join(out)[:length].strip()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    ctx = demo_context(tmp_path_factory.mktemp("demo"))
    path = ctx.store.path
    ctx.close()
    return path


def _fill(ctx, assessment_id: int, texts: dict[str, str], *, text_question: str | None) -> None:
    if text_question:
        session = AssessmentSession(ctx, assessment_id)
        session.correct(text_question, texts["answer"], texts["reason"])
        session.comment(text_question, texts["comment"])
    finding_id = add_auditor_finding(ctx, assessment_id, severity="major", title=texts["title"],
                                     action=texts["action"], owner=texts["owner"])
    row = next(r for r in uf.list_findings(ctx, assessment_id=assessment_id) if r["id"] == finding_id)
    uf.set_action_status(ctx, row["action_id"], "in_progress", note=texts["note"])


def _kept(pdf_bytes_or_path, texts: dict[str, str], fields) -> None:
    reader = PdfReader(pdf_bytes_or_path)
    whole = "".join(page.extract_text() for page in reader.pages)
    for field in fields:
        letters = set(ALPHABETS[field])
        typed = "".join(c for c in texts[field] if c in letters)
        read = "".join(c for c in whole if c in letters)
        copies = len(read) // len(typed)
        assert copies >= 1 and read == typed * copies, f"{field}: {len(read)} letters read, {len(typed)} typed"


@pytest.mark.parametrize("seed", [1])
def test_long_texts_in_every_field_never_stop_a_report_and_every_character_comes_back(demo_file, tmp_path, seed):
    rng = random.Random(seed)
    texts = {field: long_text(rng, ALPHABETS[field], LENGTHS[field]) for field in ALPHABETS}
    shutil.copy(demo_file, tmp_path / "fldd.sqlite3")
    ctx = open_context(tmp_path / "fldd.sqlite3", user="Rev", role="auditor")
    ctx.today = lambda: TODAY
    try:
        _fill(ctx, DESKTOP, texts, text_question="pr_languages")
        _fill(ctx, ONSITE, texts, text_question=None)
        every = list(ALPHABETS)
        _kept(write_assessment_pdf(ctx, DESKTOP, tmp_path / "desktop.pdf"), texts, every)
        found = ["title", "action", "note", "owner"]
        _kept(write_assessment_pdf(ctx, ONSITE, tmp_path / "onsite.pdf"), texts, found)
        _kept(write_assessment_pdf(ctx, ONSITE, tmp_path / "closing.pdf", closing=True), texts,
              ["title", "action", "owner"])
        dossier = write_dossier(ctx, "Hanoi Textile Mills", tmp_path / "dossier.zip")
        with zipfile.ZipFile(dossier) as z:
            pdfs = [n for n in z.namelist() if n.endswith(".pdf")]
            assert pdfs
            with z.open(next(n for n in pdfs if "7" in n or len(pdfs) == 1)) as member:
                import io

                _kept(io.BytesIO(member.read()), texts, every)
    finally:
        ctx.close()


def test_a_long_supplier_name_stops_short_of_the_title_in_the_running_header(ctx, tmp_path):
    from fldd.reports import text
    from fldd.reports.pdf_document import FOOT, MARGIN
    from fldd.usecases.assessments import start_assessment
    from fldd.usecases.suppliers import add_supplier

    name = "Very Long Garment Manufacturing Company Limited " * 12
    supplier_id = add_supplier(ctx, name.strip(), "BD", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier_id, "fldd-desktop")
    reader = PdfReader(write_assessment_pdf(ctx, assessment_id, tmp_path / "report.pdf"))
    header = reader.pages[2].extract_text().split("\n")[0]
    shown, title = header.split("…")
    assert name.startswith(shown) and len(shown) > 40
    assert title.strip() == "Forced-labour risk assessment report"
    room = 595.27 - 2 * MARGIN - text.width(title.strip(), FOOT)
    assert text.width(shown + "…", FOOT) < room
