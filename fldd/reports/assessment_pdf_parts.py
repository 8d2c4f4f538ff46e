"""The long, row-by-row parts of the assessment report: triggered thresholds with their answers, the corrective
action plan and each finding's details, the on-site tables, and one module's answers."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from fldd.reports import text
from fldd.reports.pdf_tables import SEVERITY_FILL, cell, grid, pairs


def triggers(data: dict, st: dict, w: dict, width: float) -> list:
    """Each threshold that fired: title, what it leads to and by when, and the answers behind it in small type
    (the remedy of a finding is in the action plan; an escalation's is said here)."""
    out = []
    for t in data["triggers"]:
        head = t["severity_text"] + " · " if t["severity_text"] else ""
        due = f" · {w['plan_due']}: {t['plan_due']}" if t["plan_due"] else ""
        block = [text.para(t["title"], st["h3"]), text.para(f"{head}{t['action_text']}{due}", st["muted"])]
        rows = [[cell(a["text"], st["small"]), cell(a["answer"], st["small"])] for a in t["answers"]]
        if rows:
            block.append(grid([w["question"], w["answer"]], rows, [width * 0.64, width * 0.36], st))
        if t["remedy"] and t["action"] != "finding":
            block.append(text.para(t["remedy"], st["small"]))
        out += [KeepTogether(block)] if len(rows) < 8 else block
    return out


def findings(data: dict, st: dict, w: dict, width: float) -> list:
    """The corrective action plan as one table (a draft's findings-to-be marked provisional), then each finding
    on record in full."""
    found = data["findings"]
    pending = data.get("pending_findings", [])
    if not found and not pending:
        return [text.para(w["no_findings"], st["body"])]
    rows, fills = [], {}
    for i, f in enumerate(found + pending):
        if f.get("provisional"):
            status, files = w["provisional_mark"], "-"
        else:
            status, files = f["status_text"] + (f" ({w['overdue']})" if f["overdue"] else ""), str(len(f["evidence"]))
        rows.append([f["severity_text"], f["title"], f["plan_due"] or "-", f["closure_due"] or "-",
                     f["owner"] or "-", status, files])
        fills[i] = SEVERITY_FILL.get(f["severity"])
    out = [text.para(w["closing_pending"].format(date=data["generated_on"]), st["muted"])] if pending else []
    out += [grid([w["severity"], w["title"], w["plan_due"], w["closure_due"], w["owner"], w["status"],
                  w["evidence"]], rows,
                 [17 * mm, 58 * mm, 19 * mm, 19 * mm, 24 * mm, 22 * mm, 15 * mm], st, fills=fills),
            Spacer(1, 4 * mm)]
    for n, f in enumerate(found, start=1):
        out += _finding(n, f, st, w, width)
    return out


def _finding(n: int, f: dict, st: dict, w: dict, width: float) -> list:
    facts = [(w["severity"], f["severity_text"]), (w["status"], f["status_text"]),
             (w["plan_due"], f["plan_due"] or "-"), (w["closure_due"], f["closure_due"] or "-"),
             (w["owner"], f["owner"] or "-"), (w["action"], f["action"] or "-")]
    if f.get("source") == "auditor" and f["detail"]:  # the auditor's own words: what was seen on site
        facts.insert(5, (w["observed"], f["detail"]))
    if f["seen_in"]:
        facts.append((w["seen_in"], "; ".join(f["seen_in"])))
    if f["because"]:
        facts.append((w["because"], "\n".join(f"{a['text']}: {a['answer']}" for a in f["because"])))
    if f["evidence"]:
        facts.append((w["evidence"], "\n".join(f"{e['name']} (sha256 {e['sha256']})" for e in f["evidence"])))
    if f["history"]:
        facts.append((w["history"], "\n".join(_step(e, w) for e in f["history"])))
    head = [text.para(f"{n}. {f['title']}", st["h3"])]  # the rule's expression stays in the data: "because" says it
    return [KeepTogether(head + [pairs(facts[:6], [32 * mm, width - 32 * mm], st)]),
            pairs(facts[6:], [32 * mm, width - 32 * mm], st) if facts[6:] else Spacer(1, 0), Spacer(1, 3 * mm)]


def _step(e: dict, w: dict) -> str:
    def said(status):
        return w.get(f"action.{status}", status or "-")

    move = {"created": said(e["to"]), "status": f"{said(e['from'])} -> {said(e['to'])}"}.get(e["kind"], e["kind"])
    line = f"{(e['at'] or '')[:10]} {move} · {e['by'] or '-'}"
    return f"{line}: {e['note']}" if e["note"] else line


def onsite(data: dict, st: dict, w: dict, width: float) -> list:
    """Declared against verified, then the worker interviews as aggregates with the suppression note."""
    part = data["onsite"]
    out = [text.para(w["h.declared"], st["h2"])]
    rows, fills = [], {}
    asked = st["small"].clone("asked", textColor=st["muted"].textColor, spaceBefore=2)
    for i, r in enumerate(part["declared_vs_verified"]):
        question = [cell(r["text"], st["cell"])]
        if r.get("declared_text"):  # the desktop question the declaration answered, as the Excel report has it
            question.append(cell(f"{w['declared_in']}: {r['declared_text']}", asked))
        rows.append([r["number"], question, cell(r["declared"], st["cell"]), r["verified"], r["agree_text"]])
        if r["agree"] is False:
            fills[i] = SEVERITY_FILL["priority"]
    if rows:
        out.append(grid(["#", w["question"], w["declared"], w["verified"], w["result"]], rows,
                        [11 * mm, 64 * mm, 40 * mm, 40 * mm, 19 * mm], st, fills=fills))
    else:
        out.append(text.para(w["no_declared"], st["body"]))
    interviews = part["interviews"]
    if interviews is None:
        return out
    out += [text.para(w["h.interviews"], st["h2"]), text.para(interviews["note"], st["muted"]), Spacer(1, 2 * mm),
            pairs([(w["workers_interviewed"], interviews["interviewed"] or "-")], [60 * mm, width - 60 * mm], st)]
    out += [text.para(line, st["small"]) for line in interviews["sample"]]
    rows = [[r["number"], r["text"], r["value"]] for r in interviews["rows"]]
    if rows:
        out += [Spacer(1, 2 * mm), grid(["#", w["question"], w["workers"]], rows, [11 * mm, 123 * mm, 40 * mm], st)]
    return out


def answer_table(module: dict, st: dict, w: dict, width: float) -> object:
    """One module's questions: number, question, answer (with any correction), and comments and files when the
    module has any (else the answers take the room)."""
    rows = []
    for q in module["questions"]:
        answer = q["answer"] + (f"\n({q['corrected']})" if q["corrected"] else "")
        notes = [q["comment"]] if q["comment"] else []
        notes += [f"{e['name']} · sha256 {e['sha256'][:16]}…" for e in q["evidence"]]
        rows.append([q["number"], q["text"], answer, cell("\n".join(notes), st["small"])])
    if not any(q["comment"] or q["evidence"] for q in module["questions"]):
        return grid(["#", w["question"], w["answer"]], [r[:3] for r in rows], [11 * mm, 95 * mm, width - 106 * mm], st)
    return grid(["#", w["question"], w["answer"], f"{w['comment']} / {w['evidence']}"], rows,
                [11 * mm, 80 * mm, 45 * mm, width - 136 * mm], st)
