"""The inherent-risk rules (questionnaires/inherent_risk.yaml): which facts count, their points, words and sources.

The rules are data so that a buyer's compliance team can read, cite and change them; this module reads the file
and checks every rule (kind, condition, words, source) so that the evaluator in inherent.py never meets a rule it
cannot apply. Format: questionnaires/README.md, "Inherent-risk rules".
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from fldd.standard.problems import Problems
from fldd.standard.yaml_source import Mapping, Sequence, YamlError, load_yaml

FILE_NAME = "inherent_risk.yaml"
LEVEL_ORDER = ("low", "medium", "high")
INPUTS = ("inherent.dol_forced_labour", "inherent.tip_tier", "inherent.uflpa_link")
COMBINES = ("sum", "worst")

# kind -> (the condition's keys and the values each may take, the placeholders its words may use)
KINDS: dict[str, tuple[dict[str, tuple[str, ...]], tuple[str, ...]]] = {
    "tip_tier": ({"tier": ("Tier 3", "Tier 2 Watch List", "other")}, ("country", "year")),
    "dol_advancement": ({"advancement": ("significant", "moderate", "minimal", "none", "not assessed")},
                        ("country", "year", "advancement")),
    "dol_good": ({"listed_for": ("forced labour", "child labour", "derived", "nothing", "no goods")},
                 ("country", "year", "good", "kinds", "goods", "inputs_country")),
    "corridor": ({"origin": ("any", "Tier 3", "Tier 2 Watch List", "own_list")},
                 ("origin", "origins", "year", "list", "reason")),
    "material": ({"listed_for": ("forced labour", "child labour"), "area": ("eu_flr", "own_list")},
                 ("material", "origin", "year", "good", "kinds", "list", "reason", "area", "level")),
    "area": ({"list": ("eu_flr", "own_list"), "level": ("high", "medium")},
             ("list", "area", "good", "level", "reason", "country")),
    "entity": ({"status": ("confirmed",)}, ("matched_on", "entity", "list")),
}
_RULE_FIELDS = ("id", "group", "kind", "when", "points", "words", "source", "lifts_to", "sets")
_REQUIRED = ("id", "group", "kind", "when", "points", "words", "source")


class InherentRulesError(ValueError):
    """The rules file has errors; inherent risk cannot be computed with it."""

    def __init__(self, problems: Problems) -> None:
        super().__init__("\n".join(str(p) for p in problems.errors))
        self.problems = problems


@dataclass(frozen=True)
class Group:
    """How a group of factors adds up: every factor (`sum`, capped at `max`) or only the worst (`worst`)."""

    id: str
    title: str
    combine: str
    max: int | None = None


@dataclass(frozen=True)
class Rule:
    """One factor: when it applies, how many points, the words shown and the source it rests on."""

    id: str
    group: str
    kind: str
    when: tuple[tuple[str, str], ...]
    points: int
    words: str
    source: str
    lifts_to: str | None = None  # the level the supplier is at least at when this factor applies
    sets: tuple[tuple[str, str], ...] = ()  # questionnaire inputs this factor sets


@dataclass(frozen=True)
class Rules:
    """Every rule of the file, with the sources' titles they cite."""

    edition: str
    score_max: int
    levels: tuple[tuple[str, int], ...]
    groups: tuple[Group, ...]
    rules: tuple[Rule, ...]
    source_titles: dict[str, str]
    digest: str = ""  # of the file's text: an edit recomputes the suppliers even when the edition stays

    def find(self, kind: str, **when: str) -> Rule | None:
        """The rule of this kind whose condition is exactly `when`, or None (that fact then counts nothing)."""
        return self._index.get((kind, tuple(sorted(when.items()))))

    @cached_property
    def _index(self) -> dict[tuple, Rule]:
        return {(r.kind, r.when): r for r in self.rules}

    def group(self, gid: str) -> Group:
        return next(g for g in self.groups if g.id == gid)


def read(path: Path, *, source_titles: dict[str, str], problems: Problems) -> Rules | None:
    """The rules in path, every problem recorded in problems (naming the rule); None when unreadable."""
    try:
        data = load_yaml(path)
    except (OSError, YamlError) as exc:
        problems.error(path, getattr(exc, "line", 0), getattr(exc, "message", str(exc)))
        return None
    if not isinstance(data, Mapping) or not isinstance(data.get("factors"), Sequence):
        problems.error(path, 1, "expected 'edition', 'score_max', 'levels', 'groups' and 'factors' at the top")
        return None
    for key in data:
        if key not in ("edition", "score_max", "levels", "groups", "factors"):
            problems.error(path, data.line_of(key), f"unknown field '{key}'")
    levels = _levels(path, data, problems)
    groups = _groups(path, data, problems)
    score_max = data.get("score_max")
    if not isinstance(score_max, int) or score_max < 1:
        problems.error(path, data.line_of("score_max"), "'score_max' must be a whole number of 1 or more")
        score_max = 10
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    conditions: set[tuple] = set()
    for i, raw in enumerate(data["factors"]):
        line = data["factors"].line_of(i)
        rule = _rule(path, line, raw, {g.id for g in groups}, set(source_titles), problems)
        if rule is None:
            continue
        if rule.id in seen:
            problems.error(path, line, f"factor {rule.id}: the id is used twice (first on line {seen[rule.id]})",
                           rule.id)
        if (rule.kind, rule.when) in conditions:
            problems.error(path, line, f"factor {rule.id}: another {rule.kind} factor has the same 'when'", rule.id)
        seen[rule.id] = line
        conditions.add((rule.kind, rule.when))
        rules.append(rule)
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return Rules(str(data.get("edition", "")), score_max, levels, tuple(groups), tuple(rules), dict(source_titles),
                 digest)


def _levels(path: Path, data: Mapping, problems: Problems) -> tuple[tuple[str, int], ...]:
    raw = data.get("levels")
    found = []
    if isinstance(raw, Sequence):
        for i, item in enumerate(raw):
            if (isinstance(item, Mapping) and item.get("level") in LEVEL_ORDER
                    and isinstance(item.get("min_score"), int)):
                found.append((item["level"], item["min_score"]))
            else:
                problems.error(path, raw.line_of(i), f"a level is {{level: one of {', '.join(LEVEL_ORDER)}, "
                                                     "min_score: a whole number}")
    if sorted(name for name, _ in found) != sorted(LEVEL_ORDER) or not any(m == 0 for _, m in found):
        problems.error(path, data.line_of("levels"),
                       f"'levels' must give each of {', '.join(LEVEL_ORDER)} once, one of them from min_score 0")
    return tuple(sorted(found, key=lambda item: -item[1]))


def _groups(path: Path, data: Mapping, problems: Problems) -> list[Group]:
    raw = data.get("groups")
    found: list[Group] = []
    if not isinstance(raw, Sequence):
        problems.error(path, data.line_of("groups"), "'groups' must be a list")
        return found
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or \
                item.get("combine") not in COMBINES or not isinstance(item.get("title"), str):
            problems.error(path, raw.line_of(i), f"a group is {{id, title, combine: {' or '.join(COMBINES)}, "
                                                 "max (optional)}")
            continue
        cap = item.get("max")
        if cap is not None and (not isinstance(cap, int) or cap < 0):
            problems.error(path, item.line_of("max"), f"group {item['id']}: 'max' must be a whole number")
            cap = None
        found.append(Group(item["id"], item["title"], item["combine"], cap))
    return found


def _rule(path: Path, line: int, raw: object, groups: set[str], sources: set[str], problems: Problems) -> Rule | None:
    if not isinstance(raw, Mapping):
        problems.error(path, line, "a factor must be a mapping of fields")
        return None
    rid = str(raw.get("id") or f"#{line}")
    where = f"factor {rid}"
    ok = True
    for key in raw:
        if key not in _RULE_FIELDS:
            problems.error(path, raw.line_of(key), f"{where}: unknown field '{key}'", rid)
    for key in _REQUIRED:
        if key not in raw:
            problems.error(path, line, f"{where}: '{key}' is missing", rid)
            ok = False
    if not ok:
        return None
    kind = raw["kind"]
    if kind not in KINDS:
        problems.error(path, raw.line_of("kind"), f"{where}: unknown kind '{kind}' (known: {', '.join(KINDS)})", rid)
        return None
    allowed, placeholders = KINDS[kind]
    when = raw["when"]
    if not isinstance(when, Mapping) or not when:
        problems.error(path, raw.line_of("when"), f"{where}: 'when' must be a mapping, e.g. {{key: value}}", rid)
        return None
    if kind == "area" and set(when) != {"list", "level"}:
        problems.error(path, raw.line_of("when"), f"{where}: an area factor's 'when' gives list and level", rid)
        ok = False
    elif kind != "area" and len(when) != 1:
        problems.error(path, raw.line_of("when"), f"{where}: 'when' must give one condition", rid)
        ok = False
    for key, value in when.items():
        if key not in allowed or str(value) not in allowed[key]:
            choices = "; ".join(f"{k}: {', '.join(v)}" for k, v in allowed.items())
            problems.error(path, raw.line_of("when"), f"{where}: '{key}: {value}' is not a {kind} condition "
                                                      f"({choices})", rid)
            ok = False
    if raw["group"] not in groups:
        problems.error(path, raw.line_of("group"), f"{where}: group '{raw['group']}' is not in 'groups'", rid)
        ok = False
    points = raw["points"]
    if not isinstance(points, int) or isinstance(points, bool) or points < 0:
        problems.error(path, raw.line_of("points"), f"{where}: 'points' must be a whole number, 0 or more", rid)
        ok = False
    words = " ".join(str(raw["words"]).split())
    try:
        names = [n for _, n, _, _ in string.Formatter().parse(words) if n is not None]
    except ValueError as exc:
        problems.error(path, raw.line_of("words"), f"{where}: the words have a broken brace ({exc})", rid)
        names, ok = [], False
    for name in names:
        if name not in placeholders:
            problems.error(path, raw.line_of("words"), f"{where}: {{{name}}} is not filled in for a {kind} factor "
                                                       f"(it offers: {', '.join(placeholders)})", rid)
            ok = False
    if raw["source"] not in sources:
        problems.error(path, raw.line_of("source"), f"{where}: source '{raw['source']}' is not in sources.yaml", rid)
        ok = False
    lifts = raw.get("lifts_to")
    if lifts is not None and lifts not in LEVEL_ORDER:
        problems.error(path, raw.line_of("lifts_to"), f"{where}: 'lifts_to' must be one of {', '.join(LEVEL_ORDER)}",
                       rid)
        ok = False
    sets = raw.get("sets") or {}
    if not isinstance(sets, dict) or any(k not in INPUTS for k in sets):
        problems.error(path, raw.line_of("sets"), f"{where}: 'sets' gives questionnaire inputs ({', '.join(INPUTS)})",
                       rid)
        ok = False
    if not ok:
        return None
    return Rule(rid, raw["group"], kind, tuple(sorted((k, str(v)) for k, v in when.items())), points, words,
                raw["source"], lifts, tuple((k, str(v)) for k, v in sets.items()))


def load(path: Path, source_titles: dict[str, str]) -> Rules:
    """The rules, or InherentRulesError listing every problem."""
    problems = Problems()
    found = read(path, source_titles=source_titles, problems=problems)
    if found is None or problems.errors:
        raise InherentRulesError(problems)
    return found


def source_titles(path: Path) -> dict[str, str]:
    """key -> citation of every entry of a sources.yaml."""
    data = load_yaml(path)
    return {str(s["key"]): " ".join(str(s["citation"]).split()) for s in data.get("sources", [])}


@lru_cache(maxsize=1)
def shipped_rules() -> Rules:
    """The rules fldd ships, read once per process."""
    from fldd.paths import questionnaires_dir

    folder = questionnaires_dir()
    return load(folder / FILE_NAME, source_titles(folder / "sources.yaml"))
