"""Worker-interview counts as a report may show them: aggregates only, small counts suppressed.

A count of workers below SMALL ("2 workers said they paid a fee") can point at the people behind it on a
site where everyone knows who was interviewed, so it reads "fewer than 3". The count beside it that would give
it away is suppressed too: with 12 interviewed, "11 did not pay" reveals the 1 who did, so a count within SMALL
of its base (the number it is a part of) reads "more than 9". A count whose base is itself small is not shown
at all, nor is a median or maximum over fewer than SMALL workers (one worker's fee is that worker's fee).
Interview codes, dates and notes never reach this module: it sees only the counts the answers hold.
"""

from __future__ import annotations

import re
from typing import Any

from fldd.standard.model import Question, Questionnaire

SMALL = 3  # counts below this many workers are not printed
_NAME = re.compile(r"\b[a-z][a-z0-9_]*\b")


class InterviewCounts:
    """Which answers of a questionnaire are counts of interviewed workers, and how each may be shown."""

    def __init__(self, q: Questionnaire, values: dict[str, Any], words: dict[str, str]) -> None:
        self.q = q
        self.values = values
        self.words = words  # "fewer_than", "more_than", "not_shown" in the report's language
        totals = [x for x in q.questions if x.tally == "count"]
        self.total_id = totals[0].id if totals else None
        modules = {x.module for x in totals}
        sites = {rule.of for rule in q.sampling}  # the workforce on site: a figure about the site, not a worker
        self.counts = {x.id: x for x in q.questions
                       if x.module in modules and x.id not in sites and x.tally != "count"
                       and (x.type == "count" or x.tally in ("yes", "median", "max"))}

    def covers(self, question_id: str) -> bool:
        """Whether the answer to this question is a figure about interviewed workers (shown only through label)."""
        return question_id in self.counts

    @property
    def total(self) -> int | None:
        """How many workers were interviewed (None when not answered)."""
        value = self.values.get(self.total_id) if self.total_id else None
        return int(value) if isinstance(value, (int, float)) else None

    def total_label(self) -> str:
        """The number interviewed, itself suppressed when small."""
        n = self.total
        if n is None:
            return ""
        return self._fewer() if 0 < n < SMALL else str(n)

    def label(self, question_id: str, value: Any, plain: str) -> str:
        """How the answer reads in a report: `plain` (the ordinary answer text) when it is safe to print."""
        question = self.counts.get(question_id)
        if question is None or value is None or isinstance(value, str):
            return plain  # not a worker count, or no answer / "don't know"
        if question.type == "count":
            return self._count(question, value, plain)
        base = self._base(question)  # a median or a maximum over the workers its condition counts
        if base is None or base < SMALL:
            return self.words["not_shown"]
        return plain

    def _count(self, question: Question, value: Any, plain: str) -> str:
        base = self._base(question)
        if base is not None and base < SMALL:
            return self.words["not_shown"]  # a small group: even "0" or "all" tells what each of them said
        x = int(value)
        if 0 < x < SMALL:
            return self._fewer()
        if base is not None and 0 < base - x < SMALL:
            return self.words["more_than"].format(n=base - SMALL)
        return plain

    def _base(self, question: Question) -> int | None:
        """The number this figure is a part of: the smallest worker count its show_if names, else the total."""
        named = set(_NAME.findall(question.show_if.text)) if question.show_if else set()
        parts = [self.values.get(qid) for qid in named if qid in self.counts or qid == self.total_id]
        numbers = [int(v) for v in parts if isinstance(v, (int, float))]
        if numbers:
            return min(numbers)
        return self.total

    def _fewer(self) -> str:
        return self.words["fewer_than"].format(n=SMALL)
