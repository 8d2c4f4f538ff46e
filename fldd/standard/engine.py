"""The scoring engine: (questionnaire, answers) -> Result. Pure and deterministic; every rule comes from
the questionnaire files, none from code specific to one question."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from fldd.standard import conditions, exchange_rates
from fldd.standard.answers import is_blank
from fldd.standard.conditions import ConditionEvalError, Money
from fldd.standard.model import (
    INDICATORS, RATINGS, UNKNOWN, Condition, Question, Questionnaire, pick,
)
from fldd.standard.findings_merge import merge_findings, with_dates
from fldd.standard.result import Completeness, Evidence, Mismatch, RedFlag, Result, RiskSummary, Trigger

MAX_RISK = 3
_FINDING_COUNTS = ("priority_findings", "major_findings", "minor_findings")
_CENT = Decimal("0.1")


def score(q: Questionnaire, answers: dict[str, Any], *, inputs: dict[str, Any] | None = None,
          declared: dict[str, Any] | None = None, as_of: dt.date | None = None, lang: str = "en") -> Result:
    """Score typed answers (see answers.coerce) of questionnaire `q`.

    `inputs` are values from outside the answers (risk data); `declared` the answers of the tier an on-site
    questionnaire verifies; `as_of` the assessment date (due dates and expiry are left out without it).
    """
    return _Scoring(q, answers, inputs or {}, declared or {}, as_of, lang).run()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class _Scoring:
    """One scoring run; it is also the env the condition evaluator reads names from."""

    def __init__(self, q: Questionnaire, answers: dict[str, Any], inputs: dict[str, Any],
                 declared: dict[str, Any], as_of: dt.date | None, lang: str) -> None:
        self.q = q
        self.answers = {k: v for k, v in answers.items() if not is_blank(v)}
        self.inputs = inputs
        self.declared = declared
        self.as_of = as_of
        self.lang = lang
        self.derived_defs = {d.id: d for d in q.derived}
        self.input_ids = {i.id for i in q.inputs}
        self.order = {qu.id: i for i, qu in enumerate(q.questions)}
        self.module_of = {m.id: m for m in q.modules}
        self._visible: dict[str, bool] = {}
        self._modules_visible: dict[str, bool] = {}
        self._derived: dict[str, Any] = {}
        self._busy: set[str] = set()
        self._extra: dict[str, Any] = {}
        self.results: dict[str, Any] = {}
        self.indicators: dict[int, RiskSummary] = {}
        self.module_risk: dict[str, RiskSummary] = {}
        self.mismatch_of: dict[str, bool | None] = {}
        self._conversions: dict[str, None] = {}  # notes of in_currency_of, in first-use order
        self.raised: dict[str, Trigger] | None = None  # findings by fact / threshold id, once thresholds ran

    # -- the evaluator's env -------------------------------------------------------------------------
    def value(self, name: str) -> Any:
        """A name's value: extra names first (answer, declared), then answers, derived values, inputs."""
        if name in self._extra:
            return self._extra[name]
        if name in self.order:
            return self.answers.get(name) if self.visible(name) else None
        if name in self.derived_defs:
            return self.derived(name)
        if name in self.input_ids:
            return self.inputs.get(name)
        if name == "as_of":
            return self.as_of
        if name in self.results:
            return self.results[name]
        if name in _FINDING_COUNTS:
            return None  # findings are counted after the thresholds: null to anything read before
        raise KeyError(name)

    def call(self, name: str, args: list[Any]) -> Any:
        """The domain functions: lookup tables, verification mismatches, indicator and module risk."""
        if name == "in_currency_of":
            return self._in_currency_of(*args)
        if name == "lookup":
            table = self.q.tables.get(args[0]) if isinstance(args[0], str) else None
            if table is None:
                raise ConditionEvalError(f"unknown table {args[0]!r}")
            row, col = (_index(a) for a in args[1:3])
            if row is None or col is None or row >= len(table.rows) or col >= len(table.columns):
                return None
            return table.cells[row][col]
        if name == "mismatch":
            return self.mismatch_of.get(args[0])
        if name == "indicator_risk":
            summary = self.indicators.get(_index(args[0]) or 0)
            return Decimal(summary.risk) if summary and summary.risk is not None else None
        if name == "module_risk":
            summary = self.module_risk.get(args[0])
            return Decimal(summary.risk) if summary and summary.risk is not None else None
        if name == "finding":
            return None if self.raised is None else args[0] in self.raised
        raise ConditionEvalError(f"unknown function {name!r}")

    def _in_currency_of(self, money: Any, other: Any) -> Any:
        """A fee in the wage's currency at the shipped rates; the result notes the rate and its day."""
        converted, note = exchange_rates.in_currency_of(money, other)
        if note:
            self._conversions[note] = None
        return converted

    def evaluate(self, cond: Condition, **extra: Any) -> Any:
        """Evaluate with `answer` / `declared` bound for question rules."""
        saved, self._extra = self._extra, extra
        try:
            return conditions.evaluate(cond.expr, self)
        finally:
            self._extra = saved

    def holds(self, cond: Condition | None, **extra: Any) -> bool:
        """True only when the condition is certainly true (unknown counts as not holding)."""
        return cond is None or self.evaluate(cond, **extra) is True

    # -- visibility and derived values ---------------------------------------------------------------
    def module_visible(self, mid: str) -> bool:
        if mid not in self._modules_visible:
            self._modules_visible[mid] = False  # guards against cycles the validator would have refused
            self._modules_visible[mid] = self.holds(self.module_of[mid].show_if)
        return self._modules_visible[mid]

    def visible(self, qid: str) -> bool:
        """Whether the question is shown: its module's and its own show_if hold."""
        if qid not in self._visible:
            self._visible[qid] = False
            question = self.q.question(qid)
            assert question is not None
            self._visible[qid] = self.module_visible(question.module) and self.holds(question.show_if)
        return self._visible[qid]

    def derived(self, did: str) -> Any:
        if did not in self._derived:
            if did in self._busy:
                return None
            self._busy.add(did)
            self._derived[did] = self.evaluate(self.derived_defs[did].expr)
            self._busy.discard(did)
        return self._derived[did]

    # -- scoring -------------------------------------------------------------------------------------
    def risk_of(self, question: Question, value: Any) -> int | None:
        """Risk points 0-3 of one answer; None when it does not count (n/a, no risk rule)."""
        special = next((o for o in question.specials if o.value == value), None)
        if special is not None:
            return special.risk
        if question.options:
            chosen = value if isinstance(value, tuple) else (value,)
            risks = [o.risk for o in question.options if o.value in chosen and o.risk is not None]
            return max(risks) if risks else None
        if question.risk_rules:
            for rule in question.risk_rules:
                if self.holds(rule.condition, answer=value):
                    return rule.risk
            return 0
        return None

    def run(self) -> Result:
        shown = [qu for qu in self.q.questions if self.visible(qu.id)]
        answered = [qu for qu in shown if qu.id in self.answers]
        risk = {}
        for qu in answered:
            r = self.risk_of(qu, self.answers[qu.id])
            if r is not None:
                risk[qu.id] = r
        red_flags = self._red_flags(answered)
        unknowns = tuple(qu.id for qu in answered if _has(self.answers[qu.id], UNKNOWN))
        missing = tuple(qu.id for qu in shown if qu.required and qu.id not in self.answers)
        required = sum(1 for qu in shown if qu.required)
        completeness = Completeness(required, required - len(missing), len(shown), len(answered), missing)
        self.indicators = {n: self._summary(str(n), [qu for qu in shown if n in qu.indicators], risk)
                           for n in INDICATORS}
        self.module_risk = {m.id: self._summary(m.id, [qu for qu in shown if qu.module == m.id], risk, True)
                            for m in self.q.modules}
        total = _score([qu for qu in answered if qu.id in risk], risk)
        mismatches = self._mismatches(shown)
        counted = red_flags if self.q.red_flags_count == "answer" else {f.key for f in red_flags}
        self.results = {"score": total, "red_flags": Decimal(len(counted)),
                        "completeness": completeness.percent, "mismatches": Decimal(len(mismatches)),
                        "unknowns": Decimal(len(unknowns))}
        fired = [self._trigger(t) for t in self.q.thresholds if self.holds(t.condition)]
        triggers = merge_findings(self.q, fired, self.lang)
        self._count_findings(triggers)
        rating, reasons = self._rating(total)
        derived = {d.id: self.derived(d.id) for d in self.q.derived}
        return Result(
            questionnaire=self.q.id, version=self.q.version, as_of=self.as_of, score=total, rating=rating,
            rating_reasons=reasons, completeness=completeness, indicators=self.indicators,
            modules=self.module_risk, question_risk=risk, visible=frozenset(qu.id for qu in shown),
            red_flags=red_flags, unknowns=unknowns, mismatches=mismatches, triggers=triggers, derived=derived,
            expires=add_months(self.as_of, self.q.validity_months) if self.as_of else None,
            notes=self._notes(derived) + tuple(self._conversions),
        )

    def _red_flags(self, answered: list[Question]) -> tuple[RedFlag, ...]:
        flags = []
        for qu in answered:
            value = self.answers[qu.id]
            for opt in qu.options + qu.specials:
                if opt.red_flag and _has(value, opt.value):
                    flags.append(RedFlag(qu.id, opt.value, f"answer '{pick(opt.label, self.lang)}' is a red flag",
                                         qu.fact))
            if qu.red_flag_if and not qu.option(str(value)) and self.holds(qu.red_flag_if, answer=value):
                flags.append(RedFlag(qu.id, value, f"the answer meets {qu.red_flag_if.text}", qu.fact))
        return tuple(flags)

    def _summary(self, key: str, shown: list[Question], risk: dict[str, int], with_score: bool = False) -> RiskSummary:
        counted = [qu for qu in shown if qu.id in risk]
        worst = max((risk[qu.id] for qu in counted), default=None)
        top = tuple(qu.id for qu in counted if worst and risk[qu.id] == worst)
        return RiskSummary(key, worst, len(counted), len(shown), top, _score(counted, risk) if with_score else None)

    def _mismatches(self, shown: list[Question]) -> tuple[Mismatch, ...]:
        found = []
        for qu in shown:
            if qu.verifies is None:
                continue
            answer, declared = self.answers.get(qu.id), self.declared.get(qu.verifies.question)
            if answer is None or is_blank(declared):
                self.mismatch_of[qu.id] = None
                continue
            if qu.verifies.disagree_if is not None:
                disagree = self.evaluate(qu.verifies.disagree_if, answer=answer, declared=declared)
            else:
                disagree = conditions.evaluate(conditions.parse("answer != declared"),
                                               _Pair(answer, declared))
            self.mismatch_of[qu.id] = disagree
            if disagree is True:
                found.append(Mismatch(qu.id, qu.verifies.question, answer, declared))
        return tuple(found)

    def _count_findings(self, triggers: tuple[Trigger, ...]) -> None:
        """Make the findings raised readable by the rating floors: counts by severity and finding(id)."""
        findings = [t for t in triggers if t.action == "finding"]
        self.raised = {t.id: t for t in findings}
        for t in findings:
            for source in t.sources:
                self.raised.setdefault(source.threshold, t)
        for severity in ("priority", "major", "minor"):
            self.results[f"{severity}_findings"] = Decimal(sum(1 for t in findings if t.severity == severity))

    def _rating(self, total: Decimal | None) -> tuple[str | None, tuple[str, ...]]:
        """The score's band, raised to the worst floor that holds; the reasons are the floors that set it,
        each naming the findings it read."""
        rating = None
        if total is not None:
            rating = next((b.rating for b in self.q.bands if total >= b.min_score), self.q.bands[-1].rating)
        holding = [f for f in self.q.floors if self.holds(f.condition)]
        worst = max((RATINGS.index(f.rating) for f in holding), default=-1)
        if worst < 0 or (rating is not None and worst <= RATINGS.index(rating)):
            return rating, ()
        return RATINGS[worst], tuple(self._floor_reason(f) for f in holding if RATINGS.index(f.rating) == worst)

    def _floor_reason(self, floor) -> str:
        """The floor's reason, followed by the titles of the findings its condition read."""
        expr = floor.condition.expr
        severities = [n.partition("_")[0] for n in _FINDING_COUNTS if n in expr.names()]
        named = {node.args[0].value for node in expr.call_nodes()
                 if node.name == "finding" and node.args and isinstance(node.args[0], conditions.Str)}
        titles = []
        for t in {id(t): t for t in (self.raised or {}).values()}.values():
            if (t.severity in severities or t.id in named or {s.threshold for s in t.sources} & named) \
                    and t.title not in titles:
                titles.append(t.title)
        reason = pick(floor.reason, self.lang)
        return f"{reason.rstrip('. ')}: {'; '.join(titles)}." if titles else reason

    def _trigger(self, t) -> Trigger:
        because = self._because(t.condition)
        values = {name: self.answers.get(name, self.inputs.get(name)) for name in because}
        title = pick(t.title, self.lang)
        sources = (Evidence(t.id, title, t.severity, t.module, t.condition.text, because),) \
            if t.action == "finding" else ()
        return with_dates(Trigger(
            t.id, t.action, t.severity, self.q.plan_days(t), None, title,
            pick(t.remedy, self.lang) if t.remedy else "", t.condition.text, because, values, t.module,
            closure_days=self.q.closure_days(t), fact=t.fact, sources=sources), self.as_of)

    def _because(self, cond: Condition) -> tuple[str, ...]:
        """The answers (and inputs) a rule read, following derived values down to questions."""
        found: set[str] = set()
        seen: set[str] = set()
        stack = [cond.expr]
        while stack:
            expr = stack.pop()
            for node in expr.call_nodes():
                if node.args:
                    found.update(self._call_reasons(node))
            for name in expr.names():
                if name in seen:
                    continue
                seen.add(name)
                if name in self.derived_defs:
                    stack.append(self.derived_defs[name].expr.expr)
                elif name in self.order and name in self.answers and self.visible(name):
                    found.add(name)
                elif name in self.input_ids and self.inputs.get(name) is not None:
                    found.add(name)
                elif name in self.results:
                    found.update(self._result_reasons(name))
        return tuple(sorted(found, key=lambda n: (self.order.get(n, len(self.order)), n)))

    def _call_reasons(self, node: Any) -> set[str]:
        first = node.args[0]
        if node.name == "indicator_risk" and isinstance(first, conditions.Num):
            summary = self.indicators.get(int(first.value))
            return set(summary.top) if summary else set()
        if node.name == "module_risk" and isinstance(first, conditions.Str):
            summary = self.module_risk.get(first.value)
            return set(summary.top) if summary else set()
        if node.name == "mismatch" and isinstance(first, conditions.Name):
            return {first.name} if first.name in self.answers else set()
        return set()

    def _result_reasons(self, name: str) -> set[str]:
        if name == "red_flags":
            return {f.question for f in self._red_flags([qu for qu in self.q.questions
                                                         if qu.id in self.answers and self.visible(qu.id)])}
        if name == "unknowns":
            return {k for k, v in self.answers.items() if _has(v, UNKNOWN) and self.visible(k)}
        if name == "mismatches":
            return {k for k, v in self.mismatch_of.items() if v is True}
        if name == "completeness":
            return {qid for qid in self.order if self.visible(qid) and qid not in self.answers
                    and self.q.question(qid).required}
        if name == "score":
            return {s for summary in self.module_risk.values() if summary.risk == MAX_RISK for s in summary.top}
        return set()

    def _notes(self, derived: dict[str, Any]) -> tuple[str, ...]:
        notes = []
        for d in self.q.derived:
            if derived[d.id] is not None:
                continue
            names = [n for n in d.expr.expr.names() if n in self.order]
            values = [self.value(n) for n in names]
            if names and all(v is not None for v in values):
                currencies = sorted({v.currency for v in values if isinstance(v, Money)})
                why = f"amounts are in different currencies ({', '.join(currencies)})" if len(currencies) > 1 \
                    else "the answers give no value (a division by zero, say)"
                notes.append(f"{d.id} could not be computed: {why}")
        return tuple(notes)


class _Pair:
    """The env of the default verification rule: `answer != declared`."""

    def __init__(self, answer: Any, declared: Any) -> None:
        self.values = {"answer": answer, "declared": declared}

    def value(self, name: str) -> Any:
        return self.values[name]

    def call(self, name: str, args: list[Any]) -> Any:
        raise ConditionEvalError(name)


def _has(value: Any, option: str) -> bool:
    return option in value if isinstance(value, tuple) else value == option


def _index(value: Any) -> int | None:
    if isinstance(value, Decimal) and value == value.to_integral_value() and value >= 0:
        return int(value)
    return None


def _score(counted: list[Question], risk: dict[str, int]) -> Decimal | None:
    """100 x (1 - weighted risk / weighted maximum), to one decimal; None when nothing counts."""
    maximum = sum((qu.weight * MAX_RISK for qu in counted), Decimal(0))
    if not maximum:
        return None
    found = sum((qu.weight * risk[qu.id] for qu in counted), Decimal(0))
    return (Decimal(100) * (1 - found / maximum)).quantize(_CENT)




def answer_risk(q: Questionnaire, question: Question, value: Any) -> int | None:
    """Risk points 0-3 one typed answer would carry on its own (for previews and demo data)."""
    return _Scoring(q, {}, {}, {}, None, "en").risk_of(question, value)
