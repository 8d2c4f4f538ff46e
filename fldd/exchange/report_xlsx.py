"""The per-file import report as a spreadsheet: a summary sheet, then every problem, change and gap."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fldd.exchange.outcome import FileReport
from fldd.exchange.workbook_write import put_text

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")

FILES = ("File", "Outcome", "Supplier", "Questionnaire", "Assessment", "Revision", "Answers", "Problems",
         "Changes", "Required missing", "Note", "sha256")
DETAILS = ("File", "Kind", "Sheet", "Cell", "Question", "Message / old", "New")
_FILES_WIDTHS = (34, 20, 30, 22, 11, 9, 9, 9, 9, 16, 60, 20)
_DETAILS_WIDTHS = (34, 12, 26, 8, 26, 70, 40)


def write_report(target: Any, reports: list[FileReport], imported_at: list[str] | None = None) -> None:
    """Write the report to a path or binary file object. Every cell is text or a number, never a formula.

    imported_at, for entries of the import log: when each file was imported, as a first column of both sheets
    (the same file name may come back several times); the log keeps no count of a file's answers, so that
    column is left out."""
    logged = imported_at is not None
    lead, lead_widths = (("Imported",), (17,)) if logged else ((), ())
    keep = [col for col, header in enumerate(FILES) if not (logged and header == "Answers")]
    wb = Workbook()
    files = wb.active
    files.title = "Files"
    _sheet(files, lead + tuple(FILES[c] for c in keep), lead_widths + tuple(_FILES_WIDTHS[c] for c in keep))
    details = wb.create_sheet("Details")
    _sheet(details, lead + DETAILS, lead_widths + _DETAILS_WIDTHS)
    row = 2
    for index, r in enumerate(reports):
        head = (imported_at[index],) if logged else ()
        cells = (r.path.name, r.outcome, r.supplier, r.questionnaire, r.assessment_id, r.revision, r.answered,
                 len(r.errors), len(r.changes), len(r.missing), r.note, r.sha256)
        for col, value in enumerate(head + tuple(cells[c] for c in keep)):
            _put(files, index + 2, col, value)
        lines = [("problem", e.sheet, e.cell, e.question, e.message, "") for e in r.errors]
        lines += [("missing", m.sheet, m.cell, m.question, m.message, "") for m in r.missing]
        lines += [(f"change ({c.what})", "", "", f"{c.number} ({c.question})", c.old, c.new) for c in r.changes]
        lines += [("supplier correction", "", "", c.question, c.old, c.new) for c in r.corrections]
        for line in lines:
            for col, value in enumerate((*head, r.path.name, *line)):
                _put(details, row, col, value)
            row += 1
    wb.save(target)


def _sheet(ws, headers: tuple[str, ...], widths: tuple[int, ...]) -> None:
    for col, (label, width) in enumerate(zip(headers, widths)):
        put_text(ws, 1, col, label, font=_HEADER_FONT, fill=_HEADER_FILL)
        ws.column_dimensions[get_column_letter(col + 1)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"


def _put(ws, row: int, col: int, value: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.cell(row=row, column=col + 1, value=value)
    else:
        put_text(ws, row, col, str(value), alignment=_WRAP)
