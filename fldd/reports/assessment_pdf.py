"""The assessment report as PDF: cover, contents, executive summary, results with charts, findings and the
corrective action plan, on-site verification, answers by module, evidence, glossary, method and sources.

Renders the data of fldd.usecases.report_assessment.assessment_report_data (never the database); every string
that came from a person goes through text.py. `render_assessment_pdf(data, closing=True)` gives the short
closing-meeting summary instead (closing_pdf.py).
"""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor, white
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table, TableStyle

from fldd.reports import assessment_pdf_parts as parts
from fldd.reports import charts, text
from fldd.reports.pdf_document import Contents, Heading, Meta, ReportDocument, first_page_then, styles
from fldd.reports.pdf_tables import cell, grid, in_report_font, pairs

RATING_FILL = {"low": HexColor("#2f7d4f"), "medium": HexColor("#b7791f"), "high": HexColor("#c2402f"),
               "severe": HexColor("#7f1d1d"), None: HexColor("#5f6b7a")}
WIDTH = 174 * mm  # A4 less the margins


def render_assessment_pdf(data: dict, *, closing: bool = False) -> bytes:
    """The PDF's bytes: the full report, or with closing the on-site closing-meeting summary."""
    if closing:
        from fldd.reports.closing_pdf import render_closing_pdf

        return render_closing_pdf(data)
    st = styles()
    w = data["labels"]
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, meta(data, w["report.title"]))
    sections = _sections(data)
    story = _cover(data, st, w)
    story += [first_page_then("page"), PageBreak(), Heading(w["h.contents"], st["h1"], "contents"),
              Contents(sections, st)]
    for level, title, key in sections:
        if level == 0:
            story += BUILDERS[key](data, st, w, title)
    return doc.build_story(story)


def meta(data: dict, title: str) -> Meta:
    """The document's properties and running header from the report data."""
    m, w, cover = data["meta"], data["labels"], data["cover"]
    return Meta(title=f"{title}: {cover['supplier']}", author=m["author"], subject=m["subject"],
                keywords=m["keywords"], creator=m["creator"], header=cover["supplier"], page_words=w["page"],
                footer=f"{m['creator']} · {w['generated']} {data['generated_on']}")


def _sections(data: dict) -> list[tuple[int, str, str]]:
    """The contents: (level, title, key) of every section, in order; known before anything is laid out."""
    w = data["labels"]
    out = [(0, w["h.summary"], "summary"), (0, w["h.results"], "results"), (0, w["h.findings"], "findings")]
    if data["onsite"] is not None:
        out.append((0, w["h.onsite"], "onsite"))
    out.append((0, w["h.answers"], "answers"))
    out += [(1, f"{i}. {m['title']}", f"m_{m['id']}") for i, m in enumerate(data["answers"], start=1)]
    if data.get("retired_answers"):
        out.append((0, w["h.retired"], "retired"))
    out += [(0, w["h.evidence"], "evidence"), (0, w["h.glossary"], "glossary"), (0, w["h.method"], "method")]
    return out


def rating_box(data: dict, st: dict, width: float) -> Table:
    """The rating in a coloured box (provisional ones say so in their words)."""
    style = st["h2"].clone("rating", textColor=white, spaceBefore=0, spaceAfter=0, fontSize=13, leading=16)
    box = Table([[text.para(data["result"]["rating_text"], style)]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle([in_report_font(), ("BACKGROUND", (0, 0), (-1, -1), RATING_FILL.get(data["result"]["rating"],
                                                                            RATING_FILL[None])),
                             ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    return box


def _cover(data: dict, st: dict, w: dict) -> list:
    c = data["cover"]
    q = c["questionnaire"]
    dates = [(w["started"], c["started"]), (w["assessed"], c["assessed"]), (w["submitted"], c["submitted"]),
             (w["closed"], c["closed"]), (w["valid_until"], c["valid_until"])]
    facts = [(w["supplier"], c["supplier"]), (w["os_id"], c["os_id"] or "-")]
    facts += [(i["label"], i["value"]) for i in c["identifiers"] if i["scheme"] != "os_id"]
    facts += [(w["country"], f"{c['country_name']} ({c['country']})" if c["country_name"] else c["country"]),
              (w["address"], c["address"] or "-"), (w["goods"], ", ".join(c["goods"]) or "-"),
              (w["chain_tier"], c["chain_tier"]),
              (w["questionnaire"], f"{q['title']} ({q['id']} {w['version'].lower()} {q['version']})"),
              (w["tier"], q["tier_text"]), (w["assessor"], c["assessor"] or "-"),
              (w["assessment"], f"#{c['assessment_id']} · {c['uid']}"), (w["status"], c["status_text"])]
    facts += [(label, day) for label, day in dates if day]
    score = data["result"]["score"]
    return [Spacer(1, 18 * mm), text.para(w["report.title"], st["title"]), text.para(c["supplier"], st["subtitle"]),
            rating_box(data, st, WIDTH), Spacer(1, 3 * mm),
            text.para(f"{w['score']}: {score:g} / 100" if score is not None else f"{w['score']}: -", st["body"],
                      bold=True),
            Spacer(1, 6 * mm), pairs(facts, [52 * mm, WIDTH - 52 * mm], st), Spacer(1, 6 * mm),
            text.para(f"{w['generated']} {data['generated_on']} · {data['method']['software']}", st["muted"])]


def _summary(data: dict, st: dict, w: dict, title: str) -> list:
    r = data["result"]
    out = [PageBreak(), Heading(title, st["h1"], "summary"), rating_box(data, st, WIDTH), Spacer(1, 3 * mm)]
    done = r["completeness"]
    facts = [(w["score"], f"{r['score']:g} / 100" if r["score"] is not None else "-"),
             (w["completeness"], f"{done['answered_required']} / {done['required']} ({done['percent']:g}%)")]
    if data["cover"]["valid_until"]:
        facts.append((w["valid_until"], data["cover"]["valid_until"]))
    out.append(pairs(facts, [60 * mm, WIDTH - 60 * mm], st))
    out.append(text.para(w["h.reasons"], st["h2"]))
    out += [text.para(f"• {reason}", st["body"]) for reason in r["reasons"]] or [text.para(w["none"], st["body"])]
    out += [text.para(line, st["muted"]) for line in r["notes"]]
    out.append(text.para(w["h.red_flags"], st["h2"]))
    if r["red_flags"]:
        rows = [[f["number"], f["text"], f["answer"]] for f in r["red_flags"]]
        out.append(grid(["#", w["question"], w["answer"]], rows, [11 * mm, 103 * mm, 60 * mm], st))
    else:
        out.append(text.para(w["no_red_flags"], st["body"]))
    out.append(text.para(w["h.next"], st["h2"]))
    rows = [[s["what"], (s["by"] or "-") + (f" ({w['overdue']})" if s["overdue"] else "")] for s in data["next_steps"]]
    out.append(grid([w["what"], w["by"]], rows, [WIDTH - 36 * mm, 36 * mm], st) if rows
               else text.para(w["none"], st["body"]))
    out.append(text.para(w["h.triggers"], st["h2"]))
    out += parts.triggers(data, st, w, WIDTH) or [text.para(w["no_triggers"], st["body"])]
    return out


def _results(data: dict, st: dict, w: dict, title: str) -> list:
    risk_words = data["risk_levels"]
    out = [PageBreak(), Heading(title, st["h1"], "results"), text.para(w["h.indicators"], st["h2"]),
           charts.indicator_chart(data["indicators"], WIDTH, risk_words, w["chart.indicators"]), Spacer(1, 2 * mm)]
    rows = [[i["number"], i["name"], i["risk_text"] or "-", f"{i['answered']} / {i['visible']}"]
            for i in data["indicators"]]
    out.append(grid(["#", w["indicator"], w["risk"], w["answered"]], rows,
                    [12 * mm, 100 * mm, 34 * mm, 28 * mm], st))
    out += [CondPageBreak(90 * mm), text.para(w["h.modules"], st["h2"]),
            charts.module_chart(data["modules"], WIDTH, data["bands"], w["chart.modules"]), Spacer(1, 2 * mm)]
    rows = [[m["title"], f"{m['score']:g}" if m["score"] is not None else "-", m["risk_text"] or "-",
             f"{m['answered']} / {m['visible']}"] for m in data["modules"]]
    out.append(grid([w["module"], w["score"], w["risk"], w["answered"]], rows,
                    [92 * mm, 24 * mm, 30 * mm, 28 * mm], st))
    out.append(Spacer(1, 3 * mm))
    out += [text.para(line, st["muted"]) for line in data["result"]["legend"]]
    return out


def _findings(data: dict, st: dict, w: dict, title: str) -> list:
    return [PageBreak(), Heading(title, st["h1"], "findings")] + parts.findings(data, st, w, WIDTH)


def _onsite(data: dict, st: dict, w: dict, title: str) -> list:
    return [PageBreak(), Heading(title, st["h1"], "onsite")] + parts.onsite(data, st, w, WIDTH)


def _answers(data: dict, st: dict, w: dict, title: str) -> list:
    out = [PageBreak(), Heading(title, st["h1"], "answers")]
    for i, module in enumerate(data["answers"], start=1):
        out.append(CondPageBreak(40 * mm))
        out.append(Heading(f"{i}. {module['title']}", st["h2"], f"m_{module['id']}", level=1))
        out.append(parts.answer_table(module, st, w, WIDTH))
    return out


def _retired(data: dict, st: dict, w: dict, title: str) -> list:
    """Answers kept from an earlier version to questions no longer asked: shown apart, never scored."""
    rows = [[r["text"], r["answer"], r["asked_in"],
             cell("\n".join(x for x in (r["comment"], f"{r['answered_by']} {r['answered_at']}".strip()) if x),
                  st["small"])] for r in data["retired_answers"]]
    return [CondPageBreak(60 * mm), Heading(title, st["h1"], "retired"), text.para(w["retired_note"], st["muted"]),
            Spacer(1, 2 * mm),
            grid([w["question"], w["answer"], w["asked_in"], f"{w['comment']} / {w['answered_by']}"], rows,
                 [70 * mm, 50 * mm, 18 * mm, WIDTH - 138 * mm], st)]


def _evidence(data: dict, st: dict, w: dict, title: str) -> list:
    out = [CondPageBreak(60 * mm), Heading(title, st["h1"], "evidence")]
    if not data["evidence"]:
        return out + [text.para(w["no_evidence"], st["body"])]
    rows = [[e["name"], cell(e["sha256"], st["small"]), _size(e["size"]), e["attached_to"]] for e in data["evidence"]]
    return out + [grid([w["file"], w["sha256"], w["size"], w["attached_to"]], rows,
                       [46 * mm, 66 * mm, 18 * mm, 44 * mm], st)]


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _glossary(data: dict, st: dict, w: dict, title: str) -> list:
    out = [CondPageBreak(60 * mm), Heading(title, st["h1"], "glossary")]
    for term in data["glossary"]:
        out.append(KeepTogether([text.para(term["term"], st["h3"]), text.para(term["definition"], st["body"])]))
    return out if data["glossary"] else out + [text.para(w["none"], st["body"])]


def _method(data: dict, st: dict, w: dict, title: str) -> list:
    m = data["method"]
    s = m["standard"]
    out = [CondPageBreak(80 * mm), Heading(title, st["h1"], "method"), text.para(m["text"], st["body"]),
           Spacer(1, 3 * mm),
           pairs([(w["standard"], f"{s['title']} ({s['id']})"), (w["version"], s["version"]),
                  (w["content_hash"], cell(s["content_hash"], st["small"])), (w["software"], m["software"])],
                 [46 * mm, WIDTH - 46 * mm], st)]
    if data.get("moves"):  # the versions this assessment was answered under, before the sources they cite
        rows = [[v["from"], v["to"], v["by"] or "-", v["at"], v["rating_before"] or "-", v["rating_after"] or "-"]
                for v in data["moves"]]
        out += [text.para(w["h.versions"], st["h2"]),
                grid([w["from_version"], w["to_version"], w["moved_by"], w["moved_on"], w["rating_before"],
                      w["rating_after"]], rows, [20 * mm, 20 * mm, 26 * mm, 22 * mm, 43 * mm, 43 * mm], st)]
    out.append(text.para(w["sources"], st["h2"]))
    out += [text.para(f"[{src['key']}] {src['citation']}", st["small"]) for src in m["sources"]]
    return out


BUILDERS = {"summary": _summary, "results": _results, "findings": _findings, "onsite": _onsite,
            "answers": _answers, "retired": _retired, "evidence": _evidence, "glossary": _glossary, "method": _method}
