"""What checking and importing a workbook tells the person: problems that name file, sheet, cell and
question; the answers that changed; the per-file report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ACCEPTED = "accepted"
INCOMPLETE = "accepted_incomplete"
REJECTED = "rejected"
UNCHANGED = "unchanged"
SUPERSEDED = "superseded"
OUTCOMES = (ACCEPTED, INCOMPLETE, REJECTED, UNCHANGED, SUPERSEDED)


NOT_ANSWERED = "required, not answered"  # a missing answer; other things a draft lacks say what they are


@dataclass(frozen=True)
class Issue:
    """One problem, or one missing answer, with where it is."""

    message: str
    sheet: str | None = None
    cell: str | None = None
    question: str | None = None  # "2.3 (gov_policy_topics)"
    file: str | None = None

    def where(self) -> str:
        """'sheet 'Wages', cell D7, question 4.2 (wag_x)' (only the parts known)."""
        parts = [f"sheet '{self.sheet}'" if self.sheet else "", f"cell {self.cell}" if self.cell else "",
                 f"question {self.question}" if self.question else ""]
        return ", ".join(p for p in parts if p)

    def missing_text(self) -> str:
        """As a list of what a draft still lacks shows it: where, and what unless it is an unanswered question."""
        where = self.where()
        if self.message == NOT_ANSWERED and where:
            return where
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        where = self.where()
        head = f"{self.file}: " if self.file else ""
        return f"{head}{where}: {self.message}" if where else f"{head}{self.message}"

    def to_json(self) -> dict:
        """For --json output and the import log."""
        return {"message": self.message, "sheet": self.sheet, "cell": self.cell, "question": self.question}


@dataclass(frozen=True)
class Change:
    """One answer or comment that an import sets, with its old and new value in words."""

    question: str  # question id
    number: str
    old: str
    new: str
    what: str = "answer"  # answer | comment

    def __str__(self) -> str:
        return f"{self.number} {self.question} {self.what}: {self.old or '(empty)'} -> {self.new or '(empty)'}"

    def to_json(self) -> dict:
        """For --json output and the import log."""
        return {"question": self.question, "number": self.number, "what": self.what, "old": self.old,
                "new": self.new}


@dataclass
class FileReport:
    """The outcome of importing one file."""

    path: Path
    outcome: str
    errors: list[Issue] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    missing: list[Issue] = field(default_factory=list)  # required questions still unanswered
    corrections: list[Change] = field(default_factory=list)  # supplier profile corrections suggested
    assessment_id: int | None = None
    export_id: str | None = None
    revision: int | None = None
    supplier: str = ""
    questionnaire: str = ""
    sha256: str = ""
    answered: int = 0
    note: str = ""  # why unchanged or superseded

    @property
    def ok(self) -> bool:
        """Anything but rejected."""
        return self.outcome != REJECTED

    def summary(self) -> str:
        """One line: file, outcome and the gist."""
        name = self.path.name
        if self.outcome == REJECTED:
            return f"{name}: rejected ({len(self.errors)} problem{'s' if len(self.errors) != 1 else ''})"
        target = f"assessment {self.assessment_id}" if self.assessment_id else "a new assessment"
        if self.outcome in (UNCHANGED, SUPERSEDED):
            return f"{name}: {self.outcome} ({self.note})"
        what = f"{self.answered} answers" if self.revision in (None, 1) else f"{len(self.changes)} changes"
        unanswered = sum(m.message == NOT_ANSWERED for m in self.missing)
        short = len(self.missing) - unanswered  # the other thing a draft lacks: a sample of the protocol's size
        missing = (f", {unanswered} required missing" if unanswered else "") + \
            (f", {short} sample{'s' if short != 1 else ''} short of the minimum" if short else "")
        rev = f" revision {self.revision}" if self.revision else ""
        return f"{name}: {self.outcome.replace('_', ' ')} -> {target}{rev}, {self.supplier}, {what}{missing}"

    def to_json(self) -> dict:
        """For --json output."""
        return {"path": str(self.path), "outcome": self.outcome, "assessment_id": self.assessment_id,
                "export_id": self.export_id, "revision": self.revision, "supplier": self.supplier,
                "questionnaire": self.questionnaire, "sha256": self.sha256, "answered": self.answered,
                "note": self.note, "errors": [e.to_json() for e in self.errors],
                "missing": [m.to_json() for m in self.missing], "changes": [c.to_json() for c in self.changes],
                "corrections": [c.to_json() for c in self.corrections]}
