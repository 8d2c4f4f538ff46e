"""An interview's context is kept only when it cannot identify the worker: contact details are refused, and
text that looks like it names someone is flagged to the auditor before it is saved."""

from __future__ import annotations

import re
from typing import Any

from fldd.usecases.errors import Rejected

LOCATIONS = {"on_site": "On site", "off_site": "Off site", "phone": "By phone"}
INTERPRETER = ("yes", "no")
NOTE_MAX = 1000
LANGUAGE_MAX = 40

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# 8 or more digits in one run, allowing the spaces, dots, dashes, slashes and brackets phone numbers are written with
_PHONE = re.compile(r"\+?\(?\d(?:[\s().\-/]*\d){7,}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_NAMING = re.compile(r"\b(?:(?:his|her|their|my|whose)\s+name|named|called|surname|mr|mrs|ms|miss|sister|"
                     r"brother|uncle|aunt)\b\.?\s+\S", re.IGNORECASE)


def identifying_hints(text: str) -> list[tuple[str, str]]:
    """(kind, message) for each way the text may identify someone: 'phone' and 'email' are refused, 'name'
    is a warning (the words can be innocent; the auditor decides)."""
    found = []
    if _PHONE.search(_DATE.sub(" ", text)):
        found.append(("phone", "this looks like a phone number: write no contact details"))
    if _EMAIL.search(text):
        found.append(("email", "this looks like an e-mail address: write no contact details"))
    if _NAMING.search(text):
        found.append(("name", "this may name someone: write no names, describe the role instead "
                              "(a supervisor, a recruiter, a worker on line 4)"))
    return found


def clean_context(code: str, context: dict[str, Any] | None) -> dict[str, str]:
    """The context fields checked and trimmed; Rejected names the field and what to change."""
    context = dict(context or {})
    unknown = set(context) - {"language", "interpreter", "location", "note"}
    if unknown:
        raise Rejected([f"interview {code}: no such context field: {', '.join(sorted(unknown))}"])
    out = {key: str(context.get(key) or "").strip() for key in ("language", "interpreter", "location", "note")}
    problems = []
    if out["interpreter"] not in ("", *INTERPRETER):
        problems.append(f"interview {code}: interpreter must be yes or no, not '{out['interpreter']}'")
    if out["location"] not in ("", *LOCATIONS):
        problems.append(f"interview {code}: location must be one of {', '.join(LOCATIONS)}, not '{out['location']}'")
    if len(out["language"]) > LANGUAGE_MAX or any(ch.isdigit() for ch in out["language"]):
        problems.append(f"interview {code}: language: the name of a language, such as Nepali")
    if len(out["note"]) > NOTE_MAX:
        problems.append(f"interview {code}: the note is longer than {NOTE_MAX} characters")
    for field in ("language", "note"):
        for kind, message in identifying_hints(out[field]):
            if kind != "name":
                problems.append(f"interview {code}: {field}: {message}")
    if problems:
        raise Rejected(problems)
    return out
