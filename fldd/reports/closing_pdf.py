"""The closing-meeting summary an auditor prints or shares at the end of a site visit, offline: the site and
visit, the findings with their plan and closure dates, the corrective actions agreed, what the site still owes
and by when, the rating (in rating_words' words: "so far" until submitted complete) and signature blocks. A draft
lists the findings its result will raise at submission, marked provisional. No worker-interview
detail: the summary says so."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

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
    story += _findings(data, st, w)
    if (data["onsite"] or {}).get("withheld"):
        story.append(text.para(data["onsite"]["withheld"], st["muted"]))
    story += _to_send(data, st, w)
    story += [Spacer(1, 3 * mm), text.para(w["closing_privacy"], st["muted"])]
    story.append(_signatures(data, st, w))
    return doc.build_story(story)


def _owed(data: dict) -> list[dict]:
    """The findings on record, then (for a draft) those its result will raise at submission."""
    return data["findings"] + data.get("pending_findings", [])


def _findings(data: dict, st: dict, w: dict) -> list:
    found = _owed(data)
    out = [Heading(w["h.findings"], st["h2"], "findings")]
    if not found:
        return out + [text.para(w["no_findings"], st["body"])]
    if data.get("pending_findings"):
        out.append(text.para(w["closing_pending"].format(date=data["generated_on"]), st["muted"]))
    rows = [[f"{n}", f["severity_text"], f["title"] + (f"\n({w['provisional_mark']})" if f.get("provisional") else ""),
             f["plan_due"] or "-", f["closure_due"] or "-", f["owner"] or "-"] for n, f in enumerate(found, start=1)]
    fills = {i: SEVERITY_FILL.get(f["severity"]) for i, f in enumerate(found)}
    out.append(grid(["#", w["severity"], w["title"], w["plan_due"], w["closure_due"], w["owner"]], rows,
                    [8 * mm, 19 * mm, 80 * mm, 20 * mm, 20 * mm, 27 * mm], st, fills=fills))
    out += [CondPageBreak(30 * mm), Heading(w["h.agreed"], st["h2"], "agreed")]  # never alone at a page's foot
    rows = [[f"{n}", f["action"] or f["title"]] for n, f in enumerate(found, start=1)]
    out.append(grid(["#", w["action"]], rows, [8 * mm, WIDTH - 8 * mm], st))
    return out


def _to_send(data: dict, st: dict, w: dict) -> list:
    """Dated items the site still owes: the plan (while the action is open), then the proof that the action is
    finished (while it is open or under way; a done or verified action owes nothing more)."""
    rows = []
    for n, f in enumerate(_owed(data), start=1):
        if f["status"] not in ("open", "in_progress"):
            continue
        if f["status"] == "open" and f["plan_due"]:
            rows.append((f["plan_due"], [w["send.plan"].format(n=n, title=f["title"]), f["plan_due"]]))
        due = f["closure_due"] or f["plan_due"]
        if due:
            rows.append((due, [w["send.proof"].format(n=n, title=f["title"]), due]))
    out = [CondPageBreak(30 * mm), Heading(w["h.to_send"], st["h2"], "to_send")]
    if not rows:
        return out + [text.para(w["none"], st["body"])]
    rows.sort(key=lambda r: r[0])
    return out + [grid([w["what"], w["by"]], [r for _, r in rows], [WIDTH - 30 * mm, 30 * mm], st)]


def _signatures(data: dict, st: dict, w: dict) -> KeepTogether:
    """Two blocks side by side, as one table so their rows line up: the auditor (name filled in; a long name grows
    its row instead of running over the next) and the site's management representative."""
    label, gap = 24 * mm, 6 * mm
    line = (WIDTH - gap) / 2 - label
    rows = [[cell(w["auditor"], st["cell_bold"]), "", "", cell(w["site_rep"], st["cell_bold"]), ""]]
    for key, value in ((w["name"], data["cover"]["assessor"]), (w["role"], ""), (w["signature"], ""), (w["date"], "")):
        rows.append([cell(key, st["cell"]), [Spacer(1, 12), cell(value, st["cell"])], "", cell(key, st["cell"]), ""])
    table = Table(rows, colWidths=[label, line, gap, label, line], rowHeights=[14, None] + [24] * 3, hAlign="LEFT")
    table.setStyle(TableStyle([in_report_font(), ("SPAN", (0, 0), (1, 0)), ("SPAN", (3, 0), (4, 0)),
                               ("LINEBELOW", (1, 1), (1, -1), 0.6, RULE), ("LINEBELOW", (4, 1), (4, -1), 0.6, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return KeepTogether([Heading(w["h.signatures"], st["h2"], "signatures"), table])
