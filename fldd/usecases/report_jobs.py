"""Reports as jobs the app runs in the background: what each report is called, the name it suggests for its
file, and a run on a database connection of its own (a SQLite connection belongs to the thread that opened
it). The command line calls the same report functions directly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fldd.usecases.bulk_export import MAX_STEM_BYTES, MAX_STEM_CHARS, safe_name_part
from fldd.usecases.context import AppContext, own_connection

ASSESSMENT_PDF, CLOSING_PDF, ASSESSMENT_XLSX, PORTFOLIO, DOSSIER = "pdf", "closing", "xlsx", "portfolio", "dossier"
TITLES = {ASSESSMENT_PDF: "Assessment report", CLOSING_PDF: "Closing-meeting summary",
          ASSESSMENT_XLSX: "Assessment report (Excel)", PORTFOLIO: "Portfolio report",
          DOSSIER: "Due-diligence dossier"}
FILTERS = {ASSESSMENT_PDF: "PDF files (*.pdf)", CLOSING_PDF: "PDF files (*.pdf)",
           ASSESSMENT_XLSX: "Excel workbooks (*.xlsx)", DOSSIER: "Zip files (*.zip)",
           PORTFOLIO: "PDF files (*.pdf);;Excel workbooks (*.xlsx)"}
SUFFIXES = {ASSESSMENT_PDF: ".pdf", CLOSING_PDF: ".pdf", ASSESSMENT_XLSX: ".xlsx", DOSSIER: ".zip"}

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ReportRequest:
    """One report to write: its kind, what it is about (an assessment or supplier id; none for the portfolio),
    the file, and for the portfolio the period (None: the report's default)."""

    kind: str
    target: Path
    subject: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def file_name(kind: str, subject_name: str, day: dt.date, suffix: str | None = None) -> str:
    """'Subject - Report title - date.ext', safe on every system and short enough for Windows' paths."""
    tail = f" - {TITLES[kind]} - {day.isoformat()}"
    head = safe_name_part(subject_name) or "fldd"
    room_chars, room_bytes = MAX_STEM_CHARS - len(tail), MAX_STEM_BYTES - len(tail.encode("utf-8"))
    while len(head) > room_chars or len(head.encode("utf-8")) > room_bytes:
        head = head[:-1]
    return f"{head.rstrip(' .')}{tail}{suffix or SUFFIXES.get(kind, '.pdf')}"


def run_report(ctx: AppContext, request: ReportRequest, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Write the report on a connection of its own; the file written, or None when cancelled (nothing left)."""
    with own_connection(ctx) as own:
        return write_report(own, request, progress, cancelled)


def write_report(ctx: AppContext, request: ReportRequest, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Write the report the request names, with ctx's connection."""
    kind = request.kind
    if kind in (ASSESSMENT_PDF, CLOSING_PDF):
        from fldd.usecases.report_assessment import write_assessment_pdf

        return write_assessment_pdf(ctx, request.subject, request.target, closing=kind == CLOSING_PDF,
                                    progress=progress, cancelled=cancelled)
    if kind == ASSESSMENT_XLSX:
        from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx

        return write_assessment_xlsx(ctx, request.subject, request.target)
    if kind == PORTFOLIO:
        from fldd.usecases.report_portfolio import write_portfolio_report

        return write_portfolio_report(ctx, request.target, since=_text(request.since), until=_text(request.until),
                                      progress=progress, cancelled=cancelled)
    if kind == DOSSIER:
        from fldd.usecases.dossier import write_dossier

        return write_dossier(ctx, request.subject, request.target, progress=progress, cancelled=cancelled)
    raise ValueError(f"unknown report kind {kind!r}")


def _text(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
