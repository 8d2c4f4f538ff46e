"""The assessment report as Excel tables: the PDF's content, one filterable sheet per table.

Renders the data `assessment_report_data` gathers (see fldd/usecases/report_assessment.py), plus each answer's
stored value, so a reviewer can filter and sort what the PDF prints. Every text cell goes through the exchange
protocol's `put_text` (a string cell, Text-formatted), so an answer, a comment or a supplier name that begins
with = + - @ stays text and no cell is ever a formula. Worker-interview figures arrive already suppressed; their
stored values are never passed in.

The file's bytes depend only on the data: the document's dates are the report's date and the zip entries
carry a fixed time, so the same assessment gives the same file (a dossier's manifest stays the same).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from unicodedata import east_asian_width

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fldd.exchange.workbook_write import put_text

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_LEFT = Alignment(horizontal="left", vertical="top")
_LINE = 15  # points per line of 11-point text
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def render_assessment_xlsx(data: dict, stored: dict[str, Any]) -> bytes:
    """The workbook's bytes. stored: question id -> the answer's stored value, for the questions whose value may
    be shown (worker-interview figures left out by the caller)."""
    lab = data["labels"]
    wb = Workbook()
    wb.remove(wb.active)
    _summary(wb, data, lab)
    _answers(wb, data, lab, stored)
    _findings(wb, data, lab)
    _table(wb, lab["sheet.triggers"], [(lab["trigger"], 26), (lab["severity"], 11), (lab["title"], 50),
                                       (lab["plan_due"], 12), (lab["closure_due"], 12), (lab["because"], 60),
                                       (lab["rule"], 40)],
           [(t["action_text"], t["severity_text"], t["title"], t["plan_due"], t["closure_due"],
             _lines(_pair(a) for a in t["answers"]), t["rule"]) for t in data["triggers"]])
    _table(wb, lab["sheet.indicators"], [(lab["number"], 8), (lab["indicator"], 44), (lab["risk_points"], 11),
                                         (lab["risk"], 16), (lab["answered"], 11), (lab["shown"], 11)],
           [(i["number"], i["name"], i["risk"], i["risk_text"], i["answered"], i["visible"])
            for i in data["indicators"]])
    _table(wb, lab["sheet.modules"], [(lab["id"], 18), (lab["module"], 40), (lab["risk_points"], 11),
                                      (lab["risk"], 16), (lab["score"], 9), (lab["answered"], 11),
                                      (lab["shown"], 11)],
           [(m["id"], m["title"], m["risk"], m["risk_text"], _round(m["score"]), m["answered"], m["visible"])
            for m in data["modules"]])
    _table(wb, lab["sheet.evidence"], [(lab["file"], 40), (lab["sha256"], 66), (lab["bytes"], 13),
                                       (lab["attached_to"], 40)],
           [(e["name"], e["sha256"], e["size"], e["attached_to"]) for e in data["evidence"]])
    if data["onsite"] is not None:
        _onsite(wb, data["onsite"], lab)
    _history(wb, data, lab)
    _table(wb, lab["sheet.glossary"], [(lab["term"], 30), (lab["definition"], 100)],
           [(g["term"], g["definition"]) for g in data["glossary"]])
    _table(wb, lab["sheet.sources"], [(lab["key"], 24), (lab["citation"], 110)],
           [(s["key"], s["citation"]) for s in data["method"]["sources"]])
    return _stable_bytes(wb, dt.date.fromisoformat(data["generated_on"]), data["meta"])


def _summary(wb: Workbook, data: dict, lab: dict) -> None:
    c, r = data["cover"], data["result"]
    q = c["questionnaire"]
    rows: list[tuple] = [(lab["supplier"], c["supplier"], "")]
    rows += [(lab["identifiers"], i["value"], i["label"]) for i in c["identifiers"]]
    rows += [(lab["country"], c["country_name"] or c["country"], c["country"]), (lab["address"], c["address"], ""),
             (lab["goods"], ", ".join(c["goods"]), ""), (lab["chain_tier"], c["chain_tier"], ""),
             (lab["questionnaire"], q["title"], q["id"]), (lab["version"], q["version"], ""),
             (lab["tier"], q["tier_text"], q["tier"]), (lab["assessment"], c["assessment_id"], c["uid"]),
             (lab["assessor"], c["assessor"], ""), (lab["status"], c["status_text"], c["status"]),
             (lab["started"], c["started"], ""), (lab["submitted"], c["submitted"], ""),
             (lab["assessed"], c["assessed"], ""), (lab["closed"], c["closed"], ""),
             (lab["valid_until"], c["valid_until"], ""), (lab["rating"], r["rating_text"], r["rating"]),
             (lab["score"], _round(r["score"]), ""),
             (lab["completeness"], r["completeness"]["percent"], lab["percent"].format(**r["completeness"]))]
    rows += [(lab["h.reasons"], reason, "") for reason in r["reasons"]]
    rows += [(lab["red_flag"], f"{f['number']} {f['text']}".strip(), f"{f['answer']}; {f['reason']}".strip("; "))
             for f in r["red_flags"]]
    rows += [(lab["next"], s["what"], " ".join(x for x in (s["by"] or "", lab["overdue"] if s["overdue"] else "") if x))
             for s in data["next_steps"]]
    interviews = (data["onsite"] or {}).get("interviews")
    if interviews:
        rows += [(lab["workers_interviewed"], interviews["interviewed"], interviews["note"])]
    m = data["method"]
    rows += [(lab["standard"], m["standard"]["title"], f"{m['standard']['id']} {m['standard']['version']}"),
             (lab["content_hash"], m["standard"]["content_hash"], ""), (lab["software"], m["software"], ""),
             (lab["generated"], data["generated_on"], ""), (lab["h.method"], m["text"], "")]
    _table(wb, lab["sheet.summary"], [(lab["item"], 30), (lab["value"], 60), (lab["detail"], 70)], rows,
           numbers=_LEFT)


def _answers(wb: Workbook, data: dict, lab: dict, stored: dict[str, Any]) -> None:
    rows = []
    for module in data["answers"]:
        for a in module["questions"]:
            rows.append((module["title"], a["number"], a["id"], a["text"], a["answer"], _stored(stored.get(a["id"])),
                         a["comment"], a["corrected"], len(a["evidence"])))
    _table(wb, lab["sheet.answers"], [(lab["module"], 24), (lab["number"], 8), (lab["question_id"], 24),
                                      (lab["question"], 60), (lab["answer"], 36), (lab["raw"], 20),
                                      (lab["comment"], 40), (lab["correction"], 30), (lab["files"], 10)], rows,
           numbers=_LEFT)  # stored values: text and numbers in one column, read as one list


def _findings(wb: Workbook, data: dict, lab: dict) -> None:
    rows = []
    for f in data["findings"]:
        history = [_step(h, lab) for h in f["history"]]
        rows.append((f["id"], f["severity_text"], f["title"], f["detail"], _lines(_pair(a) for a in f["because"]),
                     _lines(f["seen_in"]), f["source"], f["action"], f["owner"], f["plan_due"], f["closure_due"],
                     f["status_text"], lab["yes"] if f["overdue"] else lab["no"],
                     _lines(f"{e['name']} (sha256 {e['sha256']})" for e in f["evidence"]), _lines(history)))
    _table(wb, lab["sheet.findings"], [(lab["id"], 7), (lab["severity"], 11), (lab["title"], 40), (lab["why"], 40),
                                       (lab["because"], 44), (lab["seen_in"], 24), (lab["source"], 11),
                                       (lab["action"], 44), (lab["owner"], 18), (lab["plan_due"], 12),
                                       (lab["closure_due"], 12), (lab["status"], 12), (lab["overdue_column"], 9),
                                       (lab["evidence"], 44), (lab["history"], 60)], rows)


def _step(e: dict, lab: dict) -> str:
    """One step of an action's history in the report's words: '2026-11-02T09:00:00Z Open -> Done, Siti: note'."""
    def said(status: str | None) -> str:
        return lab.get(f"action.{status}", status or "-")

    move = {"created": said(e["to"]), "status": f"{said(e['from'])} -> {said(e['to'])}"}.get(e["kind"], e["kind"])
    line = f"{e['at'] or ''} {move}, {e['by'] or '-'}"
    return f"{line}: {e['note']}" if e["note"] else line


def _history(wb: Workbook, data: dict, lab: dict) -> None:
    """For an assessment moved to a newer version: the answers kept from the earlier one, and each move."""
    if data.get("retired_answers"):
        _table(wb, lab["sheet.retired"], [(lab["question_id"], 26), (lab["question"], 50), (lab["answer"], 30),
                                          (lab["comment"], 40), (lab["asked_in"], 12), (lab["answered_by"], 16),
                                          (lab["answered_on"], 12)],
               [(r["question"], r["text"], r["answer"], r["comment"], r["asked_in"], r["answered_by"],
                 r["answered_at"]) for r in data["retired_answers"]])
    if data.get("moves"):
        _table(wb, lab["sheet.moves"], [(lab["from_version"], 12), (lab["to_version"], 12), (lab["moved_by"], 16),
                                        (lab["moved_on"], 12), (lab["rating_before"], 30), (lab["score_before"], 10),
                                        (lab["rating_after"], 30), (lab["score_after"], 10)],
               [(m["from"], m["to"], m["by"], m["at"], m["rating_before"], _round(m["score_before"]),
                 m["rating_after"], _round(m["score_after"])) for m in data["moves"]])


def _onsite(wb: Workbook, onsite: dict, lab: dict) -> None:
    _table(wb, lab["sheet.declared"], [(lab["number"], 8), (lab["question"], 50), (lab["desktop_question"], 50),
                                       (lab["declared"], 30), (lab["verified"], 30), (lab["result"], 12)],
           [(d["number"], d["text"], d["declared_text"], d["declared"], d["verified"],
             d["agree_text"]) for d in onsite["declared_vs_verified"]])
    interviews = onsite.get("interviews")
    if interviews:
        rows = [("", lab["workers_interviewed"], interviews["interviewed"])]
        rows += [(row["number"], row["text"], row["value"]) for row in interviews["rows"]]
        _table(wb, lab["sheet.interviews"], [(lab["number"], 8), (lab["question"], 70), (lab["result"], 28)],
               rows)


def _table(wb: Workbook, title: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[Any]], *,
           numbers: Alignment = _TOP) -> None:
    """One sheet: a styled header, frozen, with a filter over every row; numbers aligned as `numbers` (the
    summary's read as values in a list, left)."""
    ws = wb.create_sheet(title[:31])
    for col, (label, width) in enumerate(columns):
        put_text(ws, 1, col, label, font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_WRAP)
        ws.column_dimensions[get_column_letter(col + 1)].width = width
    ws.row_dimensions[1].height = _LINE * max(_lines_needed(label, width) for label, width in columns)
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(row):
            _put(ws, r, col, value, wide=columns[col][1] >= 24, numbers=numbers)
        lines = max(_lines_needed(value, width) for value, (_, width) in zip(row, columns))
        if lines > 1:  # neither Excel nor LibreOffice grows a row to its wrapped text when it opens a file
            ws.row_dimensions[r].height = min(409, _LINE * lines)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    ws.print_title_rows = "1:1"  # printed, the header repeats on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _lines_needed(value: Any, width: int) -> int:
    """Lines a wrapped cell takes in a column `width` characters wide (Chinese and Japanese characters count
    twice); a slight overestimate, so that no text is cut off."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, width - 1)  # words wrap whole: a line holds fewer characters than the column is wide
    return sum(max(1, -(-sum(2 if east_asian_width(ch) in "WF" else 1 for ch in part) // per_line))
               for part in value.split("\n"))


def _put(ws, row: int, col: int, value: Any, *, wide: bool, numbers: Alignment) -> None:
    if value is None or value == "":
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.cell(row=row, column=col + 1, value=value).alignment = numbers
    else:
        put_text(ws, row, col, str(value), alignment=_WRAP if wide else _TOP)


def _stored(value: Any) -> Any:
    """A stored answer as one cell: numbers stay numbers, a list joins, an amount reads '1500 MYR'."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value).lower()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict) and {"amount", "currency"} <= set(value):
        return f"{value['amount']} {value['currency']}"
    return str(value)


def _round(score: float | None) -> float | None:
    return None if score is None else round(score, 1)


def _pair(a: dict) -> str:
    return f"{a['text']}: {a['answer']}"


def _lines(items) -> str:
    return "\n".join(i for i in items if i)


def _stable_bytes(wb: Workbook, day: dt.date, meta: dict) -> bytes:
    """The saved workbook with its document dates set to the report's day and every zip entry at a fixed time."""
    moment = dt.datetime(day.year, day.month, day.day)
    wb.properties.created = wb.properties.modified = moment
    wb.properties.creator, wb.properties.title = meta["creator"], meta["title"]
    wb.properties.subject, wb.properties.keywords = meta["subject"], meta["keywords"]
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            entry.compress_type, entry.create_system, entry.external_attr = zipfile.ZIP_DEFLATED, 3, 0o100644 << 16
            data = source.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving over `modified`
                data = _MODIFIED.sub(b"\\g<1>" + moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + b"\\g<2>", data)
            target.writestr(entry, data)
    return out.getvalue()
