"""Use cases of the import log: what happened to every workbook and answer pack imported, long after the import
dialog has closed. The log newest first and filtered, one entry whole, an assessment's import history, and
the filtered log saved as a spreadsheet.

Times are stored in UTC; a person reads and filters them in local time, so dates are converted here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from fldd.exchange.outcome import ACCEPTED, INCOMPLETE, OUTCOMES, REJECTED, SUPERSEDED, Change, Issue
from fldd.store import import_log as store_log
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

PAGE_SIZE = 200
SAVE_LIMIT = 100_000  # rows in a saved spreadsheet: far beyond any real log, short of Excel's row limit
PACK = "answer_pack"  # detail.kind of an answer pack (as the assessments table names the source)
_STAMP = "%Y-%m-%dT%H:%M:%SZ"
_UTC_STAMP = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\b")
_WHERE = re.compile(r"(?:sheet '(?P<sheet>.+?)')?(?:(?:, )?cell (?P<cell>[A-Z]{1,3}[0-9]+))?"
                    r"(?:(?:, )?question (?P<question>.+))?")


@dataclass(frozen=True)
class LogFilter:
    """Which entries to show; dates are local and inclusive."""

    outcome: str | None = None  # one of OUTCOMES
    supplier: str = ""  # part of the supplier's name
    text: str = ""  # part of the supplier's name or of the file name
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class LogLine:
    """One entry in brief, for a table or a listing."""

    id: int
    file_name: str
    imported_at: str  # UTC, ISO 8601
    outcome: str
    supplier: str
    questionnaire: str
    assessment_id: int | None
    revision: int | None
    export_id: str | None
    saved_at: str | None
    kind: str
    note: str
    problems: int
    first_problem: str
    answers_changed: int
    changes: int
    missing: int
    corrections: int

    def gist(self) -> str:
        """Why, in one line: the first problem, the note, or what the file did to its assessment."""
        if self.problems:
            more = f" (and {self.problems - 1} more)" if self.problems > 1 else ""
            return f"{self.first_problem}{more}"
        if self.note:
            return self.note
        return _applied_gist(self.revision, self.assessment_id, self.answers_changed, self.changes, self.missing,
                             self.corrections)


@dataclass(frozen=True)
class LogPage:
    """A page of the log: its lines, newest first, and how many entries match in all."""

    lines: list[LogLine]
    total: int
    offset: int = 0

    @property
    def more(self) -> bool:
        """Whether entries beyond this page match too."""
        return self.offset + len(self.lines) < self.total


@dataclass(frozen=True)
class LogEntry:
    """One entry whole: everything the import found, as it was logged."""

    id: int
    file_name: str
    sha256: str
    imported_at: str
    outcome: str
    supplier: str
    questionnaire: str
    assessment_id: int | None
    export_id: str | None
    saved_at: str | None  # the file's own save time (a pack: when it was exported)
    revision: int | None
    kind: str
    note: str = ""
    problems: list[Issue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    missing: list[Issue] = field(default_factory=list)
    corrections: list[Change] = field(default_factory=list)
    answered: int | None = None  # answers the file held (logged from this version on)

    @property
    def applied(self) -> bool:
        """The file's answers went into its assessment."""
        return self.outcome in (ACCEPTED, INCOMPLETE)

    @property
    def answers_changed(self) -> int:
        """Answers (not comments) this file changed in an assessment it revised."""
        return sum(1 for c in self.changes if c.what == "answer")

    def gist(self) -> str:
        """Why, in one line (as LogLine.gist)."""
        if self.problems:
            more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
            return f"{self.problems[0]}{more}"
        if self.note:
            return self.note
        return _applied_gist(self.revision, self.assessment_id, self.answers_changed, len(self.changes),
                             len(self.missing), len(self.corrections))

    def headline(self) -> str:
        """The entry as an assessment's history tells it: "Revision 2 from 'Penang Latex v2.xlsx' (saved
        2026-11-02), imported 2026-11-03: 4 answers changed"."""
        saved_word = "exported" if self.kind == PACK else "saved"
        saved = f" ({saved_word} {local_day(self.saved_at)})" if self.saved_at else ""
        source = f"'{self.file_name}'{saved}, imported {local_day(self.imported_at)}"
        if self.applied:
            return f"Revision {self.revision} from {source}: {self._what_changed()}"
        if self.outcome == REJECTED:
            return f"Rejected: {source}: {self.gist()}"
        if self.outcome == SUPERSEDED:
            return f"Not applied: {source}: older than the file already imported"
        return f"No change: {source}: {self.note or 'the assessment already held these answers'}"

    def _what_changed(self) -> str:
        missing = f"; {_count(len(self.missing), 'required answer')} still missing" if self.missing else ""
        if self.revision in (None, 1):
            given = f" with {_count(self.answered, 'answer')}" if self.answered else ""
            return f"created the assessment{given}{missing}"
        answers = self.answers_changed
        comments = len(self.changes) - answers
        parts = [_count(answers, "answer")] if answers or not comments else []
        if comments:
            parts.append(_count(comments, "comment"))
        return " and ".join(parts) + " changed" + missing

    def to_json(self) -> dict:
        """For --json output: every field, problems with their parts where the text names them."""
        return {"id": self.id, "file": self.file_name, "imported_at": self.imported_at, "outcome": self.outcome,
                "supplier": self.supplier, "questionnaire": self.questionnaire, "assessment_id": self.assessment_id,
                "revision": self.revision, "export_id": self.export_id, "saved_at": self.saved_at,
                "kind": self.kind, "sha256": self.sha256, "note": self.note,
                "problems": [{"text": str(p), **p.to_json()} for p in self.problems],
                "changes": [c.to_json() for c in self.changes], "missing": [m.to_json() for m in self.missing],
                "corrections": [c.to_json() for c in self.corrections]}


# -- reading ----------------------------------------------------------------------------------------------------


def import_log(ctx: AppContext, where: LogFilter = LogFilter(), *, limit: int = PAGE_SIZE,
               offset: int = 0) -> LogPage:
    """The log newest first, filtered; a page of at most `limit` lines from `offset`."""
    if where.outcome is not None and where.outcome not in OUTCOMES:
        raise Rejected([f"no outcome '{where.outcome}' (known: {', '.join(OUTCOMES)})"])
    if where.since and where.until and where.until < where.since:
        raise Rejected([f"the range ends ({where.until}) before it begins ({where.since})"])
    rows, total = store_log.log_page(
        ctx.store, outcome=where.outcome, supplier=where.supplier, text=where.text,
        since=utc_bound(where.since) if where.since else None,
        until=utc_bound(where.until + dt.timedelta(days=1)) if where.until else None, limit=limit, offset=offset)
    lines = [LogLine(**{**{k: row[k] for k in LogLine.__dataclass_fields__}, "note": readable(row["note"])})
             for row in rows]
    return LogPage(lines, total, offset)


def import_entry(ctx: AppContext, import_id: int) -> LogEntry:
    """One entry whole; Rejected when there is no such entry."""
    try:
        return _entry(store_log.entry(ctx.store, import_id))
    except NotFound:
        raise Rejected([f"no import log entry {import_id}"]) from None


def assessment_imports(ctx: AppContext, assessment_id: int) -> list[LogEntry]:
    """The import history of an assessment, oldest first: each revision a file made, each file that changed
    nothing, and each file of its export that was rejected. Empty for an assessment made in the app."""
    from fldd.store import assessments as store_assessments

    try:
        uid = store_assessments.get(ctx.store, assessment_id).uid
    except NotFound:
        raise Rejected([f"no assessment {assessment_id}"]) from None
    return [_entry(row) for row in store_log.of_assessment(ctx.store, assessment_id, uid)]


def save_log_xlsx(ctx: AppContext, where: LogFilter, path: Path | str) -> tuple[Path, int]:
    """Save the filtered log as a spreadsheet (the import report's layout, with when each file was imported);
    returns the file and how many entries it holds."""
    from fldd.exchange.report_xlsx import write_report
    from fldd.usecases.output_files import write_atomically

    page = import_log(ctx, where, limit=SAVE_LIMIT)
    entries = [import_entry(ctx, line.id) for line in page.lines]
    reports, when = [as_report(e) for e in entries], [local_time_text(e.imported_at) for e in entries]
    target = Path(path)
    write_atomically(target, lambda handle: write_report(handle, reports, imported_at=when))
    return target, len(entries)


def as_report(entry: LogEntry):
    """The entry as the import's own FileReport, so the report's spreadsheet writer can save it."""
    from fldd.exchange.outcome import FileReport

    return FileReport(Path(entry.file_name), entry.outcome, errors=list(entry.problems), changes=list(entry.changes),
                      missing=list(entry.missing), corrections=list(entry.corrections),
                      assessment_id=entry.assessment_id, export_id=entry.export_id, revision=entry.revision,
                      supplier=entry.supplier, questionnaire=entry.questionnaire, sha256=entry.sha256,
                      note=entry.note)


# -- times -----------------------------------------------------------------------------------------------------


def local_time(stamp: str | None) -> dt.datetime | None:
    """A stored UTC timestamp (or a file's own ISO save time) in this computer's time zone; None if unreadable."""
    if not stamp:
        return None
    try:
        when = dt.datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone()


def local_time_text(stamp: str | None) -> str:
    """'2026-11-03 14:05' in local time, or the stamp as stored when it cannot be read."""
    when = local_time(stamp)
    return f"{when:%Y-%m-%d %H:%M}" if when else (stamp or "")


def local_day(stamp: str | None) -> str:
    """'2026-11-03', the local date of a stamp."""
    when = local_time(stamp)
    return when.date().isoformat() if when else (stamp or "")[:10]


def utc_bound(day: dt.date) -> str:
    """The stored form of the first moment of a local day, to compare stamps with."""
    start = dt.datetime.combine(day, dt.time.min).astimezone()
    return start.astimezone(dt.timezone.utc).strftime(_STAMP)


def readable(note: str) -> str:
    """A logged note with the UTC timestamps in it as local times ("imported on 2026-11-03 14:05")."""
    return _UTC_STAMP.sub(lambda found: local_time_text(found.group(0)), note)


# -- reading the stored JSON back ------------------------------------------------------------------------------


def problem(text: str) -> Issue:
    """A logged problem ("sheet 'Wages', cell D7, question 4.2 (wag_x): message") with its parts again; the
    whole text as the message when it names no place."""
    start = 0
    while (split := text.find(": ", start)) > 0:
        found = _WHERE.fullmatch(text[:split])
        if found and any(found.groupdict().values()):
            issue = Issue(text[split + 2:], **found.groupdict())
            if str(issue) == text:
                return issue
        start = split + 2
    return Issue(text)


def _entry(row: dict) -> LogEntry:
    detail = row["detail"]
    return LogEntry(
        id=row["id"], file_name=row["file_name"], sha256=row["sha256"], imported_at=row["imported_at"],
        outcome=row["outcome"], supplier=detail.get("supplier") or "", questionnaire=detail.get("questionnaire") or "",
        assessment_id=row["assessment_id"], export_id=row["export_id"], saved_at=row["saved_at"],
        revision=row["revision"], kind=detail.get("kind") or "workbook", note=readable(detail.get("note") or ""),
        problems=[problem(text) for text in row["errors"]],
        changes=[_change(c) for c in detail.get("changes", [])],
        missing=[Issue(m.get("message", ""), m.get("sheet"), m.get("cell"), m.get("question"))
                 for m in detail.get("missing", [])],
        corrections=[_change(c) for c in detail.get("corrections", [])], answered=detail.get("answered"))


def _change(data: dict) -> Change:
    return Change(data.get("question", ""), data.get("number", ""), data.get("old", ""), data.get("new", ""),
                  data.get("what", "answer"))


def _applied_gist(revision: int | None, assessment_id: int | None, answers: int, changes: int, missing: int,
                  corrections: int) -> str:
    if revision in (None, 1):
        what = f"Created assessment {assessment_id}" if assessment_id else "Created a new assessment"
    else:
        comments = changes - answers
        what = f"Revision {revision} of assessment {assessment_id}: {_count(answers, 'answer')} changed"
        if comments:
            what += f", {_count(comments, 'comment')}"
    if missing:
        what += f"; {_count(missing, 'required answer')} missing"
    if corrections:
        what += f"; {_count(corrections, 'supplier profile correction')} suggested"
    return what


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def outcome_word(outcome: str) -> str:
    """An outcome as plain text ('accepted incomplete')."""
    return outcome.replace("_", " ")

