"""Benchmark: a 20-page report whose user text mixes Chinese, Thai, Arabic, Hebrew, Cyrillic and Vietnamese,
set through fldd.reports.text, against the same pages in Latin text and Helvetica with bare reportlab; beside
them the Latin pages set through fldd.reports.text, and pages mixing also Bengali, Hindi, Tamil, Sinhala,
Khmer, Burmese, Amharic, Korean and emoji.

Both documents have the same structure (a heading, a table of answers with comments and a paragraph per
section; headers and footers drawn on the canvas); the fldd one embeds and subsets six bundled fonts, shapes
its Thai, joins and reorders its Arabic. Reports the one-off font registration (the body font; other faces
are registered as a document first needs them, inside its first build), the median build time of each
document, their ratios and the file sizes; appends them to benchmarks/results.md.

Run: .venv/bin/python benchmarks/bench_scripts.py [--runs R] [--sections N] [--no-record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import platform
import statistics
import time
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

RESULTS = Path(__file__).resolve().parent / "results.md"
MIXED = [
    "深圳市华强电子有限公司", "臺灣製造股份有限公司：勞工權益與招募費用",
    "คนงานต้องจ่ายค่าธรรมเนียมการจัดหางาน ทำงานที่นี่ บริษัทยังไม่ได้คืนเงิน",
    "العمال دفعوا رسوم التوظيف إلى وكيل في بلدهم قبل السفر، وبلغت الرسوم 1,500 دولار",
    "ООО «Северная швейная фабрика»: рабочие заплатили сбор за трудоустройство",
    "Công ty May mặc Việt Tiến: công nhân đã trả phí tuyển dụng", "העובדים שילמו דמי גיוס לסוכן",
    "Supplier Acme Ltd: العمال دفعوا 1,200 دولار في 2024 (see page 4).",
]
WIDE = [
    "ঢাকা গার্মেন্টস লিমিটেড: শ্রমিকরা নিয়োগ ফি দিয়েছেন।", "श्रमिकों ने भर्ती शुल्क दिया, कर्मचारी 👍",
    "திருப்பூர் பருத்தி ஆலை: தொழிலாளர்கள் கட்டணம் செலுத்தினர்", "ශ්‍රී ලංකා ඇඟලුම් කම්හල: කම්කරුවන් ගාස්තු ගෙව්වා",
    "រោងចក្រកាត់ដេរ: កម្មករបានបង់ថ្លៃជ្រើសរើស", "အလုပ်သမားများ ပွဲခ ပေးခဲ့ရသည်",
    "የአበባ እርሻ: ሠራተኞች የቅጥር ክፍያ ከፍለዋል።", "서울전자 주식회사: 근로자들이 채용 수수료를 냈다",
]
LATIN = [
    "Shenzhen Huaqiang Electronics Co., Ltd.", "Taiwan Manufacturing Co., Ltd.: labour rights and recruitment fees",
    "Workers had to pay the recruitment fee to work here; the company has not repaid it yet",
    "The workers paid recruitment fees to an agent in their home country before travelling, 1,500 dollars",
    "Northern Garment Factory LLC: the workers paid a placement fee",
    "Viet Tien Garment Company: the workers paid recruitment fees", "The workers paid a recruitment fee to the agent",
    "Supplier Acme Ltd: the workers paid 1,200 dollars in 2024 (see page 4).",
]


def story(strings, para, styles, sections: int):
    """Sections of a heading, a 14-row table of answers and comments and a closing paragraph."""
    body, cell, heading = styles
    out = []
    for n in range(sections):
        out.append(para(f"{n + 1}. {strings[n % len(strings)]}", heading))
        rows = [[para(f"Q{n}.{i}", cell), para(strings[(n + i) % len(strings)], cell),
                 para(strings[(n + 2 * i + 1) % len(strings)], cell)] for i in range(14)]
        table = Table(rows, colWidths=[50, 180, 220], repeatRows=0)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out += [table, para(" ".join(strings[n % len(strings):][:3]), body)]
    return out


def build(strings, para, draw, font: str, bold: str, sections: int) -> tuple[float, int, int]:
    """Seconds to build the document, its pages and bytes."""
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12, leading=16, spaceBefore=8)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out)

    def furniture(canvas, document):
        draw(canvas, 72, 800, strings[0] + " · " + strings[5], 8)
        draw(canvas, 520, 30, f"{strings[3]} {document.page}", 8)

    start = time.perf_counter()
    doc.build(story(strings, para, (body, cell, heading), sections), onFirstPage=furniture, onLaterPages=furniture)
    return time.perf_counter() - start, doc.page, len(out.getvalue())


def bare_para(value, style):
    return Paragraph(escape(value), style)


def bare_draw(canvas, x, y, value, size):
    canvas.setFont("Helvetica", size)
    canvas.drawString(x, y, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sections", type=int, default=20)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to results.md")
    args = parser.parse_args()

    start = time.perf_counter()
    from fldd.reports import text

    text.register_fonts()
    register = time.perf_counter() - start
    bare, fldd, latin, wide = [], [], [], []
    for _ in range(args.runs):  # interleaved, so load on the machine hits all alike
        bare.append(build(LATIN, bare_para, bare_draw, "Helvetica", "Helvetica-Bold", args.sections))
        fldd.append(build(MIXED, text.para, text.draw_string, text.SANS, text.SANS_BOLD, args.sections))
        latin.append(build(LATIN, text.para, text.draw_string, text.SANS, text.SANS_BOLD, args.sections))
        wide.append(build(MIXED[:4] + WIDE, text.para, text.draw_string, text.SANS, text.SANS_BOLD,
                          args.sections))
    bare_s, fldd_s = statistics.median(r[0] for r in bare), statistics.median(r[0] for r in fldd)
    latin_s, wide_s = statistics.median(r[0] for r in latin), statistics.median(r[0] for r in wide)
    lines = [
        f"## Any script in a report (issue 10): {args.sections} sections, median of {args.runs} runs",
        "",
        f"`benchmarks/bench_scripts.py`, {dt.date.today()}, {platform.machine()}, Python "
        f"{platform.python_version()}. Font registration (once per process, the body font): {register:.2f} s.",
        "",
        "| document | pages | build s | size KB |",
        "|---|---:|---:|---:|",
        f"| bare reportlab, Latin text in Helvetica | {bare[0][1]} | {bare_s:.3f} | {bare[0][2] // 1024} |",
        f"| fldd.reports.text, mixed scripts in the bundled fonts | {fldd[0][1]} | {fldd_s:.3f} | {fldd[0][2] // 1024} |",
        f"| fldd.reports.text, the Latin text | {latin[0][1]} | {latin_s:.3f} | {latin[0][2] // 1024} |",
        f"| fldd.reports.text, also Indic, South-East Asian, Ethiopic, Korean, emoji | {wide[0][1]} | {wide_s:.3f} | "
        f"{wide[0][2] // 1024} |",
        "",
        f"Ratio fldd / bare: {fldd_s / bare_s:.2f} mixed, {latin_s / bare_s:.2f} Latin, {wide_s / bare_s:.2f} wider mix.",
        "",
    ]
    print("\n".join(lines))
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
