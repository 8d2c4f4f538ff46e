"""The closing-meeting summary an auditor prints or shares at the end of a site visit, offline: the site and
visit, the findings with their plan and closure dates, the corrective actions agreed, what the site must send
and by when, the rating (provisional until the assessment is closed) and signature blocks. No worker-interview
detail: the summary says so."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from fldd.reports import text
from fldd.reports.pdf_document import RULE, Heading, ReportDocument, styles
from fldd.reports.pdf_tables import SEVERITY_FILL, cell, grid, in_report_font, pairs

WIDTH = 174 * mm


def render_closing_pdf(data: dict) -> bytes:
    """The summary's PDF bytes (one to three pages for a usual visit)."""
    from fldd.reports.assessment_pdf import meta, rating_box

    st = styles()
    w = data["labels"]
    c = data["cover"]
    buffer = io.BytesIO()
    doc = ReportDocument(buffer, meta(data, w["closing.title"]), cover=False)
    story = [Heading(w["closing.title"], st["title"], "closing"), text.para(c["supplier"], st["subtitle"])]
    visit = [(w["site"], c["supplier"]), (w["address"], c["address"] or "-"),
             (w["country"], c["country_name"] or c["country"]),
             (w["date"], c["assessed"] or data["generated_on"]), (w["auditor"], c["assessor"] or "-"),
             (w["questionnaire"], f"{c['questionnaire']['title']} {c['questionnaire']['version']}")]
    story += [pairs(visit, [40 * mm, WIDTH - 40 * mm], st), Spacer(1, 4 * mm), rating_box(data, st, WIDTH)]
    if c["status"] != "closed":
        story.append(text.para(w["closing_provisional"], st["muted"]))
    story += _findings(data, st, w)
    if (data["onsite"] or {}).get("withheld"):
        story.append(text.para(data["onsite"]["withheld"], st["muted"]))
    story += _to_send(data, st, w)
    story += [Spacer(1, 3 * mm), text.para(w["closing_privacy"], st["muted"])]
    story.append(_signatures(data, st, w))
    return doc.build_story(story)


def _findings(data: dict, st: dict, w: dict) -> list:
    found = data["findings"]
    out = [Heading(w["h.findings"], st["h2"], "findings")]
    if not found:
        return out + [text.para(w["no_findings"], st["body"])]
    rows = [[f"{n}", f["severity_text"], f["title"], f["plan_due"] or "-", f["closure_due"] or "-",
             f["owner"] or "-"] for n, f in enumerate(found, start=1)]
    fills = {i: SEVERITY_FILL.get(f["severity"]) for i, f in enumerate(found)}
    out.append(grid(["#", w["severity"], w["title"], w["plan_due"], w["closure_due"], w["owner"]], rows,
                    [8 * mm, 19 * mm, 80 * mm, 20 * mm, 20 * mm, 27 * mm], st, fills=fills))
    out.append(Heading(w["h.agreed"], st["h2"], "agreed"))
    rows = [[f"{n}", f["action"] or f["title"]] for n, f in enumerate(found, start=1)]
    out.append(grid(["#", w["action"]], rows, [8 * mm, WIDTH - 8 * mm], st))
    return out


def _to_send(data: dict, st: dict, w: dict) -> list:
    """Dated items the site owes for each finding not yet verified: the plan (while the action is open), then
    the proof that the action is finished."""
    rows = []
    for n, f in enumerate(data["findings"], start=1):
        if f["status"] == "verified":
            continue
        if f["status"] == "open" and f["plan_due"]:
            rows.append((f["plan_due"], [w["send.plan"].format(n=n, title=f["title"]), f["plan_due"]]))
        due = f["closure_due"] or f["plan_due"]
        if due:
            rows.append((due, [w["send.proof"].format(n=n, title=f["title"]), due]))
    out = [Heading(w["h.to_send"], st["h2"], "to_send")]
    if not rows:
        return out + [text.para(w["none"], st["body"])]
    rows.sort(key=lambda r: r[0])
    return out + [grid([w["what"], w["by"]], [r for _, r in rows], [WIDTH - 30 * mm, 30 * mm], st)]


def _signatures(data: dict, st: dict, w: dict) -> KeepTogether:
    """Two blocks side by side: the auditor (name filled in) and the site's management representative."""
    half = WIDTH / 2 - 3 * mm

    def block(title: str, name: str) -> Table:
        rows = [[cell(title, st["cell_bold"]), ""]]
        rows += [[cell(label, st["cell"]), cell(value, st["cell"])]
                 for label, value in ((w["name"], name), (w["role"], ""), (w["signature"], ""), (w["date"], ""))]
        t = Table(rows, colWidths=[24 * mm, half - 24 * mm], rowHeights=[14] + [24] * 4)
        t.setStyle(TableStyle([in_report_font(), ("SPAN", (0, 0), (-1, 0)), ("LINEBELOW", (1, 1), (1, -1), 0.6, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
        return t

    pair = Table([[block(w["auditor"], data["cover"]["assessor"]), block(w["site_rep"], "")]],
                 colWidths=[WIDTH / 2, WIDTH / 2], hAlign="LEFT")
    pair.setStyle(TableStyle([in_report_font(), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Heading(w["h.signatures"], st["h2"], "signatures"), pair])
