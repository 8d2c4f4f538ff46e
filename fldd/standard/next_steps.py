"""The rules that recommend each supplier's next step (questionnaires/next_steps.yaml): an ordered list, each a
condition over named supplier facts, the step it leads to and the reason in words; and the words that say an
assessment is already under way.

The file is data; this module reads it, checks it against the facts and words the queue fills in (passed in: the
standard layer knows neither the database nor the use cases) and applies it to one supplier's facts. The first
rule whose condition is certainly true gives the step; every rule that holds gives its reason, in file order
(but the last rule, which holds for everyone, only when it gave the step).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping as AbcMapping
from dataclasses import dataclass
from pathlib import Path

from fldd.standard.conditions import (
    BUILTIN_FUNCTIONS, Call, ConditionEvalError, ConditionSyntaxError, Expr, Name, check_calls, evaluate, parse,
    to_value)
from fldd.standard.problems import Problems
from fldd.standard.yaml_source import Mapping, Sequence, YamlError, load_yaml

FILE_NAME = "next_steps.yaml"
_RULE_FIELDS = ("id", "if", "step", "reason")
_UNDER_WAY_FIELDS = ("id", "if", "steps", "words")


@dataclass(frozen=True)
class Rule:
    """When `condition` holds, the step is `step` (if no earlier rule held) and `reason` is said."""

    id: str
    condition: Expr
    step: str
    reason: str  # with {fact} and {word} placeholders
    basis: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnderWay:
    """Words saying the recommended step is already being done (a workbook sent and awaited, a draft open)."""

    id: str
    condition: Expr
    steps: tuple[str, ...]
    words: str


@dataclass(frozen=True)
class NextStepRules:
    """The rules of one edition of next_steps.yaml."""

    edition: str
    rules: tuple[Rule, ...]
    under_way: tuple[UnderWay, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    """What the rules say for one supplier."""

    step: str
    rule: str  # id of the rule that chose the step
    rank: int  # that rule's position: lower is more urgent
    matched: tuple[str, ...]  # ids of every rule that held, in file order
    reasons: tuple[str, ...]
    under_way: str | None  # words of the first under-way entry that holds for the step
    basis: tuple[str, ...]  # sources of the rule that chose the step


class NextStepsError(ValueError):
    """The rules file has errors; the queue cannot use it."""

    def __init__(self, problems: Problems) -> None:
        super().__init__("\n".join(str(p) for p in problems.errors))
        self.problems = problems


class _Facts:
    """The evaluator's env over one supplier's facts."""

    __slots__ = ("facts",)

    def __init__(self, facts: AbcMapping[str, object]) -> None:
        self.facts = facts

    def value(self, name: str) -> object:
        return to_value(self.facts[name], name)

    def call(self, name: str, args: tuple) -> object:
        raise ConditionEvalError(f"{name}() is not available in next-step rules")


def _holds(condition: Expr, env: _Facts) -> bool:
    return evaluate(condition, env) is True


def placeholders(template: str) -> list[str]:
    """The names a reason fills in ('{a} and {b}' -> ['a', 'b']); ValueError on a broken brace."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def fill(template: str, word: Callable[[str], object]) -> str:
    """The template with each {name} replaced by word(name) (asked only for the names it holds)."""
    return "".join(text + ("" if name is None else str(word(name)))
                   for text, name, _, _ in string.Formatter().parse(template))


def names_read(rules: NextStepRules) -> tuple[str, ...]:
    """Every fact a condition of the rules reads, sorted."""
    conditions = [r.condition for r in rules.rules] + [u.condition for u in rules.under_way]
    return tuple(sorted({n.name for c in conditions for n in c.walk() if isinstance(n, Name)}))


def _verdict(rules: NextStepRules, env: _Facts) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Positions of the rules that hold, and of the under-way entries that hold."""
    return (tuple(i for i, rule in enumerate(rules.rules) if _holds(rule.condition, env)),
            tuple(i for i, u in enumerate(rules.under_way) if _holds(u.condition, env)))


def recommend(rules: NextStepRules, facts: AbcMapping[str, object], word: Callable[[str], object],
              memo: dict | None = None) -> Recommendation:
    """Apply the rules to one supplier's facts; word(name) gives a placeholder's words (facts and the extra words
    the caller knows, such as the inherent-risk factors with their editions). With `memo` (one dict for a run
    over many suppliers), the conditions are evaluated once per distinct set of the facts they read."""
    env = _Facts(facts)
    if memo is None:
        held, going = _verdict(rules, env)
    else:
        names = memo.get(()) or memo.setdefault((), names_read(rules))
        key = tuple(facts[n] for n in names)
        if key not in memo:
            memo[key] = _verdict(rules, env)
        held, going = memo[key]
    if not held:  # validation requires a last rule that always holds; a file loaded without it still works
        return Recommendation("none", "", len(rules.rules), (), ("No rule applies",), None, ())
    chosen = rules.rules[held[0]]
    last = len(rules.rules) - 1
    reasons: list[str] = []
    for index in held:
        if index == last and index != held[0]:
            continue  # the catch-all speaks only for itself ("nothing is open" is untrue when another rule held)
        said = fill(rules.rules[index].reason, word)
        if said not in reasons:
            reasons.append(said)
    under_way = next((fill(rules.under_way[i].words, word) for i in going if chosen.step in rules.under_way[i].steps),
                     None)
    return Recommendation(chosen.step, chosen.id, held[0], tuple(rules.rules[i].id for i in held), tuple(reasons),
                          under_way, chosen.basis)


def read(path: Path, *, facts: set[str], words: set[str], steps: tuple[str, ...], source_keys: set[str],
         problems: Problems) -> NextStepRules | None:
    """The rules in path, every problem recorded in problems (naming the rule); None when unreadable."""
    try:
        data = load_yaml(path)
    except (OSError, YamlError) as exc:
        problems.error(path, getattr(exc, "line", 0), getattr(exc, "message", str(exc)))
        return None
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), Sequence) or not data["rules"]:
        problems.error(path, 1, "expected 'edition' and a list of 'rules' at the top of the file")
        return None
    unknown = set(data) - {"edition", "rules", "under_way"}
    for key in sorted(unknown, key=str):
        problems.error(path, data.line_of(key), f"unknown field '{key}' (known: edition, rules, under_way)")
    rules, seen = [], set()
    for i, raw in enumerate(data["rules"]):
        line = data["rules"].line_of(i)
        rule = _entry(path, line, raw, _RULE_FIELDS, ("basis",), facts, words, problems)
        if rule is None:
            continue
        rid, condition, fields = rule
        if fields["step"] not in steps:
            problems.error(path, line, f"rule {rid}: step '{fields['step']}' is not one of {', '.join(steps)}", rid)
        basis = fields.get("basis") or []
        if not isinstance(basis, list):
            problems.error(path, line, f"rule {rid}: basis must be a list of keys from sources.yaml", rid)
            basis = []
        for key in basis:
            if key not in source_keys:
                problems.error(path, line, f"rule {rid}: basis '{key}' is not in sources.yaml", rid)
        if rid in seen:
            problems.error(path, line, f"rule {rid}: the id is used twice", rid)
        seen.add(rid)
        rules.append(Rule(rid, condition, str(fields["step"]), str(fields["reason"]).strip(),
                          tuple(str(k) for k in basis)))
    if rules and rules[-1].condition.to_text() != "true":
        problems.error(path, data["rules"].line_of(len(data["rules"]) - 1),
                       "the last rule must hold for every supplier (if: \"true\"), so every supplier gets a step")
    under_way = []
    for i, raw in enumerate(data.get("under_way") or []):
        line = data["under_way"].line_of(i)
        entry = _entry(path, line, raw, _UNDER_WAY_FIELDS, (), facts, words, problems)
        if entry is None:
            continue
        uid, condition, fields = entry
        wanted = fields["steps"] if isinstance(fields["steps"], list) else [fields["steps"]]
        for step in wanted:
            if step not in steps:
                problems.error(path, line, f"under_way {uid}: step '{step}' is not one of {', '.join(steps)}", uid)
        under_way.append(UnderWay(uid, condition, tuple(str(s) for s in wanted), str(fields["words"]).strip()))
    return NextStepRules(str(data.get("edition", "")), tuple(rules), tuple(under_way))


def _entry(path: Path, line: int, raw: object, required: tuple[str, ...], optional: tuple[str, ...],
           facts: set[str], words: set[str], problems: Problems) -> tuple[str, Expr, Mapping] | None:
    """A rule's or under-way entry's id, parsed condition and fields, or None (problems recorded)."""
    if not isinstance(raw, Mapping):
        problems.error(path, line, "an entry must be a mapping of fields")
        return None
    rid = str(raw.get("id") or f"#{line}")
    missing = [k for k in required if k not in raw or raw[k] in (None, "")]
    extra = [str(k) for k in raw if k not in required + optional]
    if missing or extra:
        for key in missing:
            problems.error(path, line, f"{rid}: '{key}' is missing", rid)
        for key in extra:
            problems.error(path, line, f"{rid}: unknown field '{key}'", rid)
        return None
    text = str(raw["if"])
    try:
        condition = parse(text)
    except ConditionSyntaxError as exc:
        problems.error(path, raw.line_of("if"), f"{rid}: {exc}", rid)
        return None
    for problem in check_calls(condition):
        problems.error(path, raw.line_of("if"), f"{rid}: {problem}", rid)
    for node in condition.walk():
        if isinstance(node, Name) and node.name not in facts:
            problems.error(path, raw.line_of("if"), f"{rid}: '{node.name}' is not a supplier fact (known: "
                           f"{', '.join(sorted(facts))})", rid)
        if isinstance(node, Call) and node.name not in BUILTIN_FUNCTIONS:
            problems.error(path, raw.line_of("if"), f"{rid}: {node.name}() reads answers; next-step rules "
                           "read supplier facts only", rid)
    text_key = "reason" if "reason" in required else "words"
    try:
        names = placeholders(str(raw[text_key]))
    except ValueError as exc:
        problems.error(path, raw.line_of(text_key), f"{rid}: broken brace in the {text_key}: {exc}", rid)
        return None
    for name in names:
        if name not in facts and name not in words:
            problems.error(path, raw.line_of(text_key), f"{rid}: '{{{name}}}' is neither a supplier fact nor a "
                           "word the queue fills in", rid)
    return rid, condition, raw


def load(path: Path, *, facts: set[str], words: set[str], steps: tuple[str, ...],
         source_keys: set[str]) -> NextStepRules:
    """The rules, or NextStepsError listing every problem."""
    problems = Problems()
    found = read(path, facts=facts, words=words, steps=steps, source_keys=source_keys, problems=problems)
    if found is None or problems.errors:
        raise NextStepsError(problems)
    return found
