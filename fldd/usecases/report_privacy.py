"""The one disclosure rule for worker-interview figures, and the only place that applies it: every report path
(assessment PDF, closing summary, Excel report, the dossier's data files) asks this module how a figure, a rule,
a finding's title or a source line may read.

Why: on a site where everyone knows who was interviewed, a small count ("1 worker said they were threatened")
points at a person, and so does any pair of figures whose difference is small, or any wording, rule or row
that appears only when a count is 1 or 2. So the rule speaks of a count n of interviewed workers out of the
base b it was asked of (the workers interviewed, or for a follow-up the workers its condition counts), with
K = 3:

- fewer than K workers interviewed: no interview result at all (the section says so); the number interviewed
  is a sample size, not anything a worker said, and reads the same everywhere;
- b < 2K: 0 reads "0", any other count "not shown (small group)" (with 3 to 5 workers, "fewer than 3" and
  "more than b-3" would overlap and single out each other);
- otherwise 0 reads "0", 1 to K-1 "fewer than K", b-K+1 to b "more than b-K" (so "all but one" is never
  told), anything else exactly;
- a median or maximum is shown only over at least K workers whose count is itself shown exactly or as
  "more than"; a follow-up whose condition count is not shown is "not shown" too, and is listed all the same;
- anything derived from a figure follows it: a derived value of interview figures is not shown, a rule that
  reads one is left out, a finding or trigger that rests on one is titled by its fact (or "Worker interviews:
  <indicator>") and its sources read "Worker interviews", an Agree/Disagree on a hidden figure is not shown,
  a red flag on a hidden figure is not listed.
Nothing is ever replaced by another number: a hidden figure reads as the suppression words.
What stays inherent: a finding's severity and deadlines (one worker's word opens a Minor lead to investigate,
two or more a Priority finding), the rating and score, and which facts have a finding at all (a count of 0
reads 0). The raw data stays in the app and `assessments show --json`.
"""

from __future__ import annotations

import re
from typing import Any

from fldd.standard.model import Question, Questionnaire

K = 3  # the smallest group of workers whose answer may be told
SMALL = K
_NAME = re.compile(r"\b[a-z][a-z0-9_]*\b")


def names(text: str | None) -> set[str]:
    """The identifiers a rule or expression reads."""
    return set(_NAME.findall(text or ""))


class Disclosure:
    """How the worker-interview figures of one assessment may be shown (see the module docstring)."""

    def __init__(self, q: Questionnaire, values: dict[str, Any], words: dict[str, str], standard=None,
                 lang: str = "en") -> None:
        self.q, self.values, self.words, self.standard, self.lang = q, values, words, standard, lang
        totals = [x for x in q.questions if x.tally == "count"]
        self.total_id = totals[0].id if totals else None
        self.module = totals[0].module if totals else None
        sites = {rule.of for rule in q.sampling}  # the workforce on site: a figure about the site, not a worker
        self.counts = {x.id: x for x in q.questions
                       if x.module == self.module and x.id not in sites and x.id != self.total_id
                       and (x.type == "count" or x.tally in ("yes", "median", "max"))}
        self.private = set(self.counts)
        grew = True
        while grew:  # a derived value may be computed from another (the fee grade from the fee share)
            grew = False
            for d in q.derived:
                if d.id not in self.private and self.private & names(d.expr.text):
                    self.private.add(d.id)
                    grew = True
        self._thresholds = {t.id: t for t in q.thresholds}

    # -- the figures -----------------------------------------------------------------------------------------
    def covers(self, question_id: str) -> bool:
        """Whether this question is a figure about interviewed workers (shown only through `label`)."""
        return question_id in self.counts

    def reads(self, ids) -> bool:
        """Whether any of these question or derived ids is a worker-interview figure or computed from one."""
        return any(i in self.private for i in ids)

    @property
    def total(self) -> int | None:
        """How many workers were interviewed (None when not answered)."""
        value = self.values.get(self.total_id) if self.total_id else None
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    @property
    def small_sample(self) -> bool:
        """Fewer than K workers interviewed: no interview result is shown at all."""
        return self.total is not None and self.total < K

    def total_label(self) -> str:
        """The number interviewed: a sample size, shown as it is wherever it appears."""
        return "" if self.total is None else str(self.total)

    def label(self, question_id: str, value: Any, plain: Any) -> Any:
        """How an answer reads in a report: `plain` (its ordinary text) when the rule lets it be told."""
        if question_id not in self.private:
            return plain
        question = self.counts.get(question_id)
        if question is None or self.small_sample:
            return self.words["not_shown"]  # a derived value, or a sample too small to show anything
        gates = self._gates(question)
        if any(not _number(self.values.get(g)) or self.values.get(g) <= 0 for g in gates):
            return plain  # not asked: its condition count reads 0 (or no answer) too
        if any(not self.exact(g) for g in gates):
            return self.words["not_shown"]
        if value is None or isinstance(value, (str, bool)):
            return plain  # no answer, or "don't know"
        base = min([int(self.values[g]) for g in gates] or [self.total if self.total is not None else 0])
        if question.type != "count":  # a median or a maximum over the workers its condition counts
            return plain if gates and base >= K else self.words["not_shown"]
        n = int(value)
        if n == 0:
            return plain
        if base < 2 * K:
            return self.words["not_shown"]
        if n < K:
            return self.words["fewer_than"].format(n=K)
        if n > base - K:
            return self.words["more_than"].format(n=base - K)
        return plain

    def exact(self, question_id: str) -> bool:
        """Whether this figure is shown as a number or as 'more than' (so that something may be read from it)."""
        told = self.label(question_id, self.values.get(question_id), _PLAIN)
        return told is _PLAIN or told.startswith(self.words["more_than"].split("{")[0])

    def hidden(self, question_id: str) -> bool:
        """Whether this figure reads as anything but itself."""
        return self.label(question_id, self.values.get(question_id), _PLAIN) is not _PLAIN

    def _gates(self, question: Question) -> list[str]:
        """The interview counts its show_if names (the workers a follow-up was asked of)."""
        return sorted(n for n in names(question.show_if.text if question.show_if else "") if n in self.counts)

    def rows(self) -> list[str]:
        """The interview section's rows: every worker-interview figure of the module, in questionnaire order,
        whatever was answered (which rows appear must not tell a count)."""
        return list(self.counts)

    def gated(self) -> set[str]:
        """The figures asked only when another interview count is above 0 (follow-ups)."""
        return {qid for qid, x in self.counts.items() if self._gates(x)}

    def asked(self, visible, values: dict, indicator: int | None = None,
              module: str | None = None) -> tuple[int, int] | None:
        """Answered / shown over an indicator's or a module's questions when worker-interview figures are among
        them, every such figure counted as shown and, when interviews were held, as answered (a follow-up shown
        only when a count is above 0 would tell it). None (the engine's own figures) when no interview figure is
        concerned, or when every count reads 0 as 0 (which follow-ups were asked is then told already)."""
        if not self.small_sample:
            return None
        mine = [x for x in self.q.questions
                if (indicator in x.indicators if indicator is not None else x.module == module)]
        if not any(self.covers(x.id) for x in mine):
            return None
        held = self.total is not None and self.total > 0
        shown = [x for x in mine if x.id in visible or self.covers(x.id)]
        answered = [x for x in shown if (held if self.covers(x.id) else values.get(x.id) is not None)]
        return len(answered), len(shown)

    def completeness(self, done: dict, visible, values: dict) -> dict:
        """The required questions answered, over the questions asked whatever the interviews found (follow-ups
        left out: a required follow-up counted only when a count is above 0 would tell it). The engine's own
        figures when the sample is not small: a count of 0 then reads 0, so which follow-ups were asked is told."""
        keys = ("percent", "answered_required", "required", "missing")
        if not self.small_sample:
            return {k: done[k] for k in keys if k in done}
        shown = [x for x in self.q.questions if x.id in self.gated() and x.id in visible]
        follow = [x for x in shown if x.required]
        required = done["required"] - len(follow)
        answered = done["answered_required"] - sum(1 for x in follow if values.get(x.id) is not None)
        out = {"percent": round(100 * answered / required, 1) if required else 100.0,
               "answered_required": answered, "required": required,
               "missing": [m for m in done["missing"] if m not in self.gated()]}
        if "visible" in done:  # the dossier's data also counts every question shown and answered
            out["visible"] = done["visible"] - len(shown)
            out["answered"] = done["answered"] - sum(1 for x in shown if values.get(x.id) is not None)
        return out

    # -- what is derived from the figures --------------------------------------------------------------------
    def rule(self, ids, text: str) -> str:
        """A rule's wording, or '' when it reads a worker-interview figure ('answer >= 2' would tell it)."""
        return "" if self.reads(ids) or self.reads(names(text)) else text

    def threshold_reads(self, threshold_id: str | None) -> bool:
        t = self._thresholds.get(threshold_id or "")
        return t is not None and self.reads(names(t.condition.text))

    def fact_of(self, fact: str | None, threshold_id: str | None) -> str | None:
        """The fact a threshold establishes, or for one without a fact the fact of the figures it reads (the
        single fee allegation and the graded fees then read alike) when they all establish one and the same."""
        if fact in self.q.facts:
            return fact
        t = self._thresholds.get(threshold_id or "")
        read = sorted(names(t.condition.text) & set(self.counts)) if t else []
        facts = {self.counts[qid].fact for qid in read}
        only = next(iter(facts)) if len(facts) == 1 else None
        return only if only in self.q.facts else None

    def public_id(self, row: dict) -> str:
        """The id a finding or trigger resting on interviews goes by outside fldd: its fact, never a threshold
        id such as 'thr_os_wi_threats_single'."""
        ids = _thresholds_of(row)
        return self.fact_of(row.get("fact"), ids[0]) or "worker_interviews"

    def fact_title(self, fact: str | None, threshold_id: str | None = None) -> str:
        from fldd.standard.model import pick

        t = self._thresholds.get(threshold_id or "")
        read = sorted(names(t.condition.text) & set(self.counts)) if t else []
        found = self.q.facts.get(self.fact_of(fact, threshold_id) or "")
        if found is not None:
            return pick(found.title, self.lang)
        indicators = [i for qid in read for i in self.counts[qid].indicators]
        name = (self.standard.label("indicators", str(indicators[0]), self.lang)
                if indicators and self.standard is not None else "")
        return self.words["interview_finding"].format(name=name) if name else self.words["from_interviews"]

    def finding_title(self, row: dict) -> str:
        """A finding's title as a report prints it (auditor's own findings as written)."""
        sources = row.get("sources") or []
        ids = _thresholds_of(row)
        if not any(self.threshold_reads(i) for i in ids):
            return row["title"]
        if all(self.threshold_reads(i) for i in ids) or row["title"] in [s["title"] for s in sources
                                                                         if self.threshold_reads(s["threshold"])]:
            return self.fact_title(row.get("fact"), ids[0])
        return row["title"]

    def reads_row(self, row: dict) -> bool:
        """Whether any source of a finding or trigger reads worker-interview figures."""
        ids = _thresholds_of(row)
        return any(self.threshold_reads(i) for i in ids)

    def behind(self, row: dict, values: dict) -> dict:
        """The answers behind a finding or trigger that rests on interview figures, without the number
        interviewed (a graded fee finding lists it, the single allegation does not: which one it is would show)."""
        ids = _thresholds_of(row)
        if not any(self.threshold_reads(i) for i in ids):
            return values
        return {k: v for k, v in values.items() if k != self.total_id}

    def rests_on_interviews(self, row: dict) -> bool:
        """Whether a finding or trigger rests on worker-interview figures alone (every source reads them)."""
        ids = _thresholds_of(row)
        return all(self.threshold_reads(i) for i in ids)

    def withheld(self, row: dict) -> bool:
        """Whether a finding or trigger is left out of a report: it rests on the interviews alone and fewer than
        K workers were interviewed (its mere presence would tell what one of them said)."""
        return self.small_sample and row.get("source") != "auditor" and self.rests_on_interviews(row)

    def source_titles(self, sources: list[dict]) -> list[str]:
        """The 'seen in' lines: an interview source reads 'Worker interviews', never its threshold's title."""
        out: list[str] = []
        for s in sources:
            told = self.words["from_interviews"] if self.threshold_reads(s["threshold"]) else s["title"]
            if told not in out:
                out.append(told)
        return out if len(sources) > 1 else []


_PLAIN = object()


def _thresholds_of(row: dict) -> list[str]:
    """The thresholds behind a finding or trigger: its sources', else its own id."""
    return [s["threshold"] for s in row.get("sources") or []] or [row.get("threshold_id") or row.get("id")]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
