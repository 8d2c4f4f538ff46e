"""On-site samples against the protocol's own minimum for the site's size (the `sampling` rules of the
standard): a smaller sample is submitted only with the auditor's reason, kept with who gave it and when."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fldd.exchange.outcome import Issue
from fldd.standard.model import Questionnaire, pick
from fldd.store import interviews as store_interviews
from fldd.store import sampling as store_sampling
from fldd.usecases.errors import Rejected
from fldd.visible_text import visible_characters

if TYPE_CHECKING:
    from fldd.usecases.assessments import AssessmentSession


@dataclass(frozen=True)
class SampleCheck:
    """One sampling rule on the current answers; `minimum` is None while the site's size is not known."""

    rule: str
    done: int | None
    minimum: int | None
    workforce: int | None
    label: str
    unit: str
    basis: tuple[str, ...]

    @property
    def short(self) -> bool:
        """Fewer sampled than the minimum (an unanswered count is left to the required-answer check)."""
        return self.minimum is not None and self.done is not None and self.done < self.minimum

    @property
    def text(self) -> str:
        """As a person reads it: "12 of 20 workers interviewed for a site of 450 workers"."""
        done = "?" if self.done is None else self.done
        minimum = "?" if self.minimum is None else self.minimum
        site = f" for a site of {self.workforce} {self.unit}".rstrip() if self.workforce is not None else ""
        return f"{done} of {minimum} {self.label}{site}"

    def to_json(self) -> dict[str, Any]:
        """For `assessments show --json`."""
        return {"rule": self.rule, "done": self.done, "minimum": self.minimum, "workforce": self.workforce,
                "short": self.short, "text": self.text, "basis": list(self.basis)}


def _whole(value: Any) -> int | None:
    return None if value is None or isinstance(value, str) else int(value)


def checks_for(q: Questionnaire, values: dict[str, Any], derived: dict[str, Any], lang: str) -> list[SampleCheck]:
    """Every sampling rule of a questionnaire on some answers and the derived values scored from them."""
    out = []
    for rule in q.sampling:
        of = q.question(rule.of)
        out.append(SampleCheck(rule.id, _whole(values.get(rule.done)), _whole(derived.get(rule.minimum)),
                               _whole(values.get(rule.of)), pick(rule.label, lang),
                               pick(of.unit, lang) if of is not None and of.unit else "", rule.basis))
    return out


def short_sample_issues(q: Questionnaire, values: dict[str, Any], derived: dict[str, Any], numbers: dict[str, str],
                        file: str, place: Callable[[str], tuple[str, str] | None] | None = None) -> list[Issue]:
    """What an imported file (workbook or answer pack) lacks for its samples: one issue per sample below the
    protocol's minimum, at the count's question (and cell, given `place`), so it arrives as a draft that says why;
    the reason to submit it anyway is given in fldd."""
    issues = []
    for check in checks_for(q, values, derived, q.languages[0]):
        if check.short:
            done = next(rule.done for rule in q.sampling if rule.id == check.rule)
            sheet, cell = (place(done) if place is not None else None) or (None, None)
            issues.append(Issue(f"sample below the protocol's minimum ({check.text}): submit it in fldd with the "
                                "reason", sheet=sheet, cell=cell, question=f"{numbers.get(done, '?')} ({done})",
                                file=file))
    return issues


def sample_checks(session: AssessmentSession) -> list[SampleCheck]:
    """Every sampling rule of the questionnaire, on the session's answers as they are now."""
    return checks_for(session.questionnaire, session.values, session.result.derived, session.record.language)


def shortfalls(session: AssessmentSession) -> list[SampleCheck]:
    """The samples below their minimum."""
    return [check for check in sample_checks(session) if check.short]


def reasons_to_keep(session: AssessmentSession, reason: str | None) -> list[dict]:
    """What to record on submitting: one row per short sample, or Rejected when one is short without a reason."""
    short = shortfalls(session)
    if not short:
        return []
    reason = (reason or "").strip()
    if not visible_characters(reason):  # a pasted zero-width space is no reason
        listed = "; ".join(check.text for check in short)
        raise Rejected([f"the sample is smaller than the protocol asks for a site of this size ({listed}): "
                        "give the reason to submit it anyway (--sample-reason in the CLI), or sample more"])
    return [{"rule_id": c.rule, "done": c.done, "minimum": c.minimum, "workforce": c.workforce, "reason": reason}
            for c in short]


def keep_reasons(session: AssessmentSession, rows: list[dict]) -> None:
    """Store the reasons with who gave them, now."""
    if rows:
        store_sampling.add_reasons(session.ctx.store, session.id, rows, who=session.ctx.user)


def stored_reasons(session: AssessmentSession) -> list[dict]:
    """Every reason given for the assessment's samples, oldest first."""
    return store_sampling.reasons(session.ctx.store, session.id)


def how_interviews_were_held(session: AssessmentSession) -> dict[str, Any]:
    """How many interviews were held where, and with an interpreter: counts only (never a language, a note or a
    code, which could point to one worker)."""
    records = store_interviews.rows(session.ctx.store, session.id)
    held = Counter(r["context"]["location"] or "not_noted" for r in records)
    interpreter = Counter(r["context"]["interpreter"] or "not_noted" for r in records)
    return {"records": len(records),
            "held": {key: held[key] for key in ("on_site", "off_site", "phone", "not_noted")},
            "interpreter": {key: interpreter[key] for key in ("yes", "no", "not_noted")}}


def sampling_json(session: AssessmentSession) -> dict[str, Any]:
    """The samples against their minimums, every reason given and how the interviews were held, for
    `assessments show --json`."""
    out = {"checks": [check.to_json() for check in sample_checks(session)], "reasons": stored_reasons(session)}
    if session.questionnaire.tier == "onsite":
        out["interviews"] = how_interviews_were_held(session)
    return out
