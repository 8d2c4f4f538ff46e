"""Benchmark: the assessment report PDF against a bare reportlab document of the same pages and tables.

The report is the demo's on-site audit with many findings (Chittagong Knit Composite), its evidence list
lengthened with synthetic files to pass 40 pages. The bare document lays out the same rows in the same kinds
of tables with plain Paragraphs (no text.py, no contents, bookmarks, forms, charts or running header), one
"Page N" footer. Both are built from the same gathered data, alternately, 7 times; medians and their ratio are
printed together (the target: the report within 2x). Gathering the data is timed apart.

    python benchmarks/bench_report_pdf.py
"""

from __future__ import annotations

import datetime as dt
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from fldd.reports.assessment_pdf import render_assessment_pdf
from fldd.usecases import demo
from fldd.usecases.assessments import list_assessments
from fldd.usecases.context import open_context
from fldd.usecases.report_assessment import assessment_report_data

RUNS = 7
BODY = ParagraphStyle("b", fontName="Helvetica", fontSize=8, leading=10)
HEAD = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceAfter=6)


def _p(value) -> Paragraph:
    return Paragraph(escape("" if value is None else str(value)).replace("\n", "<br/>"), BODY)


def _table(rows: list[list], widths: list[float]) -> Table:
    t = Table([[_p(v) for v in row] for row in rows], colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.4, "#c8d0d9")]))
    return t


def bare_pdf(data: dict) -> bytes:
    """The same rows as the report, as plain reportlab."""
    full = 174 * mm
    story = [Paragraph("Report", HEAD), _table([[k, v] for k, v in data["cover"].items() if isinstance(v, str)],
                                               [50 * mm, full - 50 * mm]), PageBreak()]
    story += [Paragraph("Summary", HEAD), _table([["#", "q", "a", "r"]] + [
        [f["number"], f["text"], f["answer"], f["reason"]] for f in data["result"]["red_flags"]],
        [11 * mm, 78 * mm, 45 * mm, 40 * mm])]
    for t in data["triggers"]:
        story += [_p(t["title"]), _table([["q", "a"]] + [[a["text"], a["answer"]] for a in t["answers"]],
                                         [full * 0.62, full * 0.38]), _p(t["remedy"])]
    story += [PageBreak(), Paragraph("Results", HEAD),
              _table([["#", "i", "r", "a"]] + [[i["number"], i["name"], i["risk_text"], i["answered"]]
                                               for i in data["indicators"]], [12 * mm, 100 * mm, 34 * mm, 28 * mm]),
              _table([["m", "s", "r", "a"]] + [[m["title"], m["score"], m["risk_text"], m["answered"]]
                                               for m in data["modules"]], [92 * mm, 24 * mm, 30 * mm, 28 * mm]),
              PageBreak(), Paragraph("Findings", HEAD)]
    story.append(_table([["s", "t", "p", "c", "o", "st", "e"]] + [
        [f["severity_text"], f["title"], f["plan_due"], f["closure_due"], f["owner"], f["status_text"],
         len(f["evidence"])] for f in data["findings"]],
        [17 * mm, 58 * mm, 19 * mm, 19 * mm, 24 * mm, 22 * mm, 15 * mm]))
    for f in data["findings"]:
        rows = [["severity", f["severity_text"]], ["status", f["status_text"]], ["plan", f["plan_due"]],
                ["closure", f["closure_due"]], ["owner", f["owner"]], ["action", f["action"]],
                ["because", "\n".join(f"{a['text']}: {a['answer']}" for a in f["because"])],
                ["history", "\n".join(f"{e['at']} {e['to']} {e['note']}" for e in f["history"])]]
        story += [_p(f["title"]), _table(rows, [32 * mm, full - 32 * mm])]
    if data["onsite"]:
        story += [PageBreak(), Paragraph("On site", HEAD), _table([["#", "q", "d", "v", "r"]] + [
            [r["number"], r["text"], r["declared"], r["verified"], r["agree"]]
            for r in data["onsite"]["declared_vs_verified"]], [11 * mm, 64 * mm, 40 * mm, 40 * mm, 19 * mm])]
        story.append(_table([["#", "q", "w"]] + [[r["number"], r["text"], r["value"]]
                                                 for r in data["onsite"]["interviews"]["rows"]],
                            [11 * mm, 123 * mm, 40 * mm]))
    story += [PageBreak(), Paragraph("Answers", HEAD)]
    for m in data["answers"]:
        story += [_p(m["title"]), _table([["#", "q", "a", "c"]] + [[q["number"], q["text"], q["answer"], q["comment"]]
                                                                   for q in m["questions"]],
                                         [11 * mm, 80 * mm, 45 * mm, 38 * mm])]
    story += [Paragraph("Evidence", HEAD), _table([["n", "s", "z", "t"]] + [
        [e["name"], e["sha256"], e["size"], e["attached_to"]] for e in data["evidence"]],
        [46 * mm, 66 * mm, 18 * mm, 44 * mm])]
    story += [Paragraph("Glossary", HEAD)] + [_p(f"{t['term']}: {t['definition']}") for t in data["glossary"]]
    story += [Paragraph("Method", HEAD), _p(data["method"]["text"])]
    story += [_p(f"[{s['key']}] {s['citation']}") for s in data["method"]["sources"]]
    buffer = io.BytesIO()

    def footer(canvas, doc):
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(18 * mm, 12 * mm, f"Page {doc.page}")

    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=24 * mm,
                      bottomMargin=22 * mm).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "-"


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    ctx = open_context(folder / "demo.sqlite3", user="bench", role="auditor")
    demo.build_demo(ctx)
    assessment_id = next(r["id"] for r in list_assessments(ctx)
                         if r["supplier"] == "Chittagong Knit Composite" and r["tier"] == "onsite")
    gather = []
    for _ in range(RUNS):
        start = time.perf_counter()
        data = assessment_report_data(ctx, assessment_id)
        gather.append(time.perf_counter() - start)
    data["evidence"] += [{"name": f"photo-{n:03d}.jpg", "sha256": f"{n:064x}", "size": 250_000 + n,
                          "attached_to": "synthetic"} for n in range(60)]
    ours, bare = [], []
    for _ in range(RUNS):  # alternate, so a busy moment on the shared machine hits both
        start = time.perf_counter()
        report = render_assessment_pdf(data)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        plain = bare_pdf(data)
        bare.append(time.perf_counter() - start)
    o, b, g = (statistics.median(x) * 1000 for x in (ours, bare, gather))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{dt.date.today()} · {platform.machine()}, {os.cpu_count()} cores, {cpu()}, "
          f"Python {platform.python_version()}, load average {load} at the end · median of {RUNS} runs")
    print("| what | median ms | pages |\n|---|---:|---:|")
    print(f"| gather the data (assessment_report_data) | {g:.0f} | |")
    print(f"| fldd assessment report (render_assessment_pdf) | {o:.0f} | {pages(report)} |")
    print(f"| bare reportlab, same rows and tables | {b:.0f} | {pages(plain)} |")
    print(f"ratio report / bare: {o / b:.2f} (target: within 2)")
    ctx.close()


if __name__ == "__main__":
    main()
