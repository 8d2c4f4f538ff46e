"""The dossier of a demo supplier with a desktop and an on-site assessment: every report inside, and the data
file wording each worker-interview figure as the PDF does."""

from __future__ import annotations

import io
import json
import zipfile

from pypdf import PdfReader

from fldd.usecases.dossier import verify_dossier, write_dossier
from fldd.usecases.report_assessment import assessment_report_data


def test_the_demo_dossier_holds_both_reports_and_words_interview_figures_as_the_pdf(demo_ctx, tmp_path):
    target = write_dossier(demo_ctx, "Chittagong Knit Composite", tmp_path / "ctg.zip")
    with zipfile.ZipFile(target) as zf:
        files = {info.filename: zf.read(info) for info in zf.infolist()}
    pdfs = [k for k in files if k.endswith("/report.pdf")]
    assert len(pdfs) == 2 and all(PdfReader(io.BytesIO(files[k])).pages for k in pdfs)
    assert len([k for k in files if k.endswith("/report.xlsx")]) == 2
    (name,) = [k for k in files if "-fldd-onsite-" in k and k.endswith("/assessment.json")]
    data = json.loads(files[name])
    shown = assessment_report_data(demo_ctx, data["id"])
    printed = {q["id"]: q["answer"] for m in shown["answers"] for q in m["questions"]}
    suppressed = {qid for qid, text in printed.items() if text.startswith(("fewer than", "more than", "not shown"))}
    assert suppressed and all(data["answers"][qid] == printed[qid] for qid in suppressed)
    assert all(m["answer"] == printed[m["question"]] for m in data["result"]["mismatches"]
               if m["question"] in suppressed)
    assert verify_dossier(demo_ctx, target)["intact"]
