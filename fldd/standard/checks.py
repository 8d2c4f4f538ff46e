"""Cross-reference checks over built questionnaires: ids, references, conditions, cycles, coverage of rules."""

from __future__ import annotations

import json
from pathlib import Path

from fldd.standard import conditions
from fldd.standard.model import (
    CHOICE_TYPES, INDICATORS, NOT_APPLICABLE, NUMERIC_TYPES, RATINGS, UNKNOWN, Question, Questionnaire, Source,
    Term,
)
from fldd.standard.problems import Problems

# Values the engine computes after scoring: usable in thresholds and rating floors only.
RESULT_NAMES = frozenset({"score", "red_flags", "completeness", "mismatches", "unknowns"})
# Counts of the findings raised: known only after thresholds, so usable in rating floors only.
FINDING_NAMES = frozenset({"priority_findings", "major_findings", "minor_findings"})
ALWAYS_NAMES = frozenset({"as_of"})
LOCK_FILE = "datapoints.lock.json"


def check_questionnaire(q: Questionnaire, sources: dict[str, Source], glossary: dict[str, Term],
                        problems: Problems) -> None:
    """Everything that can be checked within one tier."""
    _unique_ids(q, problems)
    for module in q.modules:
        for question in module.questions:
            _check_question(q, question, sources, glossary, problems)
    _check_conditions(q, problems)
    _check_cycles(q, problems)
    _check_rules(q, sources, problems)
    _check_sampling(q, sources, problems)


def _unique_ids(q: Questionnaire, problems: Problems) -> None:
    seen: dict[str, str] = {}
    groups = [("module", m.id, m.where) for m in q.modules]
    groups += [("question", qu.id, qu.where) for qu in q.questions]
    groups += [("derived value", d.id, d.where) for d in q.derived]
    groups += [("threshold", t.id, t.where) for t in q.thresholds]
    for kind, item, where in groups:
        key = item if kind != "module" else f"module:{item}"
        if key in seen:
            problems.error(where.path, where.line, f"duplicate id '{item}' (also a {seen[key]})", item)
        elif item in RESULT_NAMES | FINDING_NAMES | ALWAYS_NAMES | {"answer", "declared"} | set(conditions.KEYWORDS):
            problems.error(where.path, where.line, f"'{item}' is a reserved name in conditions; choose another id",
                           item)
        seen[key] = kind


def _check_question(q: Questionnaire, qu: Question, sources: dict[str, Source], glossary: dict[str, Term],
                    problems: Problems) -> None:
    def err(message: str) -> None:
        problems.error(qu.where.path, qu.where.line, message, qu.id)

    if qu.type in ("single", "multi") and not [o for o in qu.options if o.value not in (UNKNOWN, NOT_APPLICABLE)]:
        err(f"a {qu.type} question needs options of its own (besides don't know / not applicable)")
    values = [o.value for o in qu.options]
    for value in {v for v in values if values.count(v) > 1}:
        err(f"option '{value}' is listed twice")
    if qu.type not in NUMERIC_TYPES and (qu.minimum is not None or qu.maximum is not None):
        err("min and max apply only to number, count, percent and money questions")
    if qu.type not in NUMERIC_TYPES + ("date",) and (qu.risk_rules or qu.red_flag_if):
        err("risk_rules and red_flag_if apply only to number, count, percent, money and date questions")
    if qu.minimum is not None and qu.maximum is not None and qu.minimum > qu.maximum:
        err(f"min {qu.minimum} is greater than max {qu.maximum}")
    if qu.tally and q.tier != "onsite":
        err("tally (answers computed from interview records) applies only to on-site questions")
    if qu.tally in ("count", "yes") and qu.type != "count":
        err(f"tally: {qu.tally} gives a number of interviews: the question must be a count")
    if qu.tally in ("median", "max") and qu.type not in ("number", "count", "percent"):
        err(f"tally: {qu.tally} needs a number question")
    if qu.tally_of and (qu.tally not in ("median", "max") or q.question(qu.tally_of) is None):
        err(f"tally_of: '{qu.tally_of}' must name another question, with tally median or max here")
    fact = qu.tally == "yes" or (qu.tally in ("median", "max") and not qu.tally_of)
    if fact and not qu.ask:
        err("an interview fact needs `ask`: the question put to one worker, in the singular")
    if qu.ask and not fact:
        err("ask applies only to facts recorded per interview (tally yes, or median / max of its own number)")
    if qu.check is not None:
        _check_item(q, qu, err)
    if qu.verifies and q.tier != "onsite":
        err("only on-site questions can verify a desktop answer")
    if qu.verifies and q.tier == "onsite" and not q.verifies:
        err("verifies needs the questionnaire to name the tier it verifies (questionnaire.verifies)")
    for key in qu.basis:
        if key not in sources:
            err(f"basis '{key}' is not in sources.yaml")
    for term in qu.terms:
        if term not in glossary:
            err(f"term '{term}' is not in glossary.yaml")
    if not qu.text:
        err("question has no text")


def check_raw_question(data: dict, path: object, line: int, problems: Problems) -> None:
    """Checks that need the file as written (the builder fills in yes/no options)."""
    qid, qtype = data.get("id"), data.get("type")
    if qtype == "yesno" and "options" in data:
        problems.error(path, line, "a yes/no question takes a `risk` map, not options", qid)
    risk_keys = set(data.get("risk", {}))
    if qtype in ("single", "multi") and risk_keys - {"unknown"}:
        problems.error(path, line, "give each option its risk; a `risk` map here takes only 'unknown'", qid)
    if qtype not in CHOICE_TYPES:
        if risk_keys - {"unknown"}:
            problems.error(path, line, "a `risk` map here takes only 'unknown'; use risk_rules for values", qid)
        if "options" in data:
            problems.error(path, line, "`options` apply only to single and multi questions", qid)
    declared = {"yes", "no"} if qtype == "yesno" else {o.get("value") for o in data.get("options", [])}
    declared |= {"unknown"} if data.get("unknown") else set()
    declared |= {"na"} if data.get("na") else set()
    for value in data.get("red_flag", []):
        if value not in declared:
            problems.error(path, line, f"red_flag names '{value}', which is not an answer option", qid)


def _check_item(q: Questionnaire, qu: Question, err) -> None:
    """A checklist item belongs to an on-site question, and its "not available" is an answer the question takes."""
    missing = qu.check.not_available
    if q.tier != "onsite":
        err("check (a checklist item) applies only to on-site questions")
    if missing is None:
        return
    if qu.type in CHOICE_TYPES or isinstance(missing, str):
        if qu.option(str(missing)) is None or qu.type == "multi":
            err(f"check.not_available: '{missing}' is not an answer this question offers")
    elif qu.type not in NUMERIC_TYPES or (qu.minimum is not None and missing < qu.minimum) or (
            qu.maximum is not None and missing > qu.maximum):
        err(f"check.not_available: {missing} is not an answer this question takes")


def _check_sampling(q: Questionnaire, sources: dict[str, Source], problems: Problems) -> None:
    """Each sample rule compares two count questions and a derived minimum, with a citation."""
    derived = {d.id for d in q.derived}
    for rule in q.sampling:
        def err(message: str, rule=rule) -> None:
            problems.error(q.where.path, 1, f"sampling {rule.id}: {message}", rule.id)

        if q.tier != "onsite":
            err("sample minimums apply only to on-site questionnaires")
        for key in (rule.done, rule.of):
            found = q.question(key)
            if found is None or found.type != "count":
                err(f"'{key}' must be a count question of {q.id}")
        if rule.minimum not in derived:
            err(f"minimum '{rule.minimum}' must be a derived value")
        for key in rule.basis:
            if key not in sources:
                err(f"basis '{key}' is not in sources.yaml")


def _conditions(q: Questionnaire):
    """Every condition with the names it may use beyond answers, derived values and inputs."""
    for module in q.modules:
        if module.show_if:
            yield module.show_if, "show_if", module.id, frozenset()
        for qu in module.questions:
            if qu.show_if:
                yield qu.show_if, "show_if", qu.id, frozenset()
            for rule in qu.risk_rules:
                yield rule.condition, "risk rule", qu.id, frozenset({"answer"})
            if qu.red_flag_if:
                yield qu.red_flag_if, "red_flag_if", qu.id, frozenset({"answer"})
            if qu.verifies and qu.verifies.disagree_if:
                yield qu.verifies.disagree_if, "disagree_if", qu.id, frozenset({"answer", "declared"})
    for d in q.derived:
        yield d.expr, "derived value", d.id, frozenset()
    for t in q.thresholds:
        yield t.condition, "threshold", t.id, RESULT_NAMES
    for floor in q.floors:
        yield floor.condition, "rating floor", None, RESULT_NAMES | FINDING_NAMES


def _check_conditions(q: Questionnaire, problems: Problems) -> None:
    known = {qu.id for qu in q.questions} | {d.id for d in q.derived} | {i.id for i in q.inputs} | ALWAYS_NAMES
    modules = {m.id for m in q.modules}
    verifying = {qu.id for qu in q.questions if qu.verifies}
    for cond, kind, item, extra in _conditions(q):
        where = cond.where

        def err(message: str) -> None:
            problems.error(where.path if where else q.where.path, where.line if where else 1,
                           f"{kind}: {message}", item)

        for problem in conditions.check_calls(cond.expr):
            err(problem)
        for name in sorted(cond.expr.names() - known - extra):
            if name in RESULT_NAMES:
                err(f"'{name}' is known only after scoring: use it in thresholds and rating floors")
            elif name in FINDING_NAMES:
                err(f"'{name}' is known only after the thresholds: use it in rating floors")
            elif "." in name:
                err(f"names a missing input '{name}' (declare it under inputs:)")
            else:
                err(f"names a missing question or derived value '{name}'")
        for node in cond.expr.walk():
            if isinstance(node, conditions.Call):
                _check_call_args(node, q, modules, verifying, err)
                if node.name == "finding" and kind != "rating floor":
                    err("finding() is known only after the thresholds: use it in rating floors")


def _check_call_args(node, q: Questionnaire, modules: set[str], verifying: set[str], err) -> None:
    first = node.args[0] if node.args else None
    if node.name == "lookup" and isinstance(first, conditions.Str) and first.value not in q.tables:
        err(f"lookup() names a missing table '{first.value}'")
    if node.name == "module_risk" and isinstance(first, conditions.Str) and first.value not in modules:
        err(f"module_risk() names a missing module '{first.value}'")
    if node.name == "indicator_risk" and isinstance(first, conditions.Num) and int(first.value) not in INDICATORS:
        err(f"indicator_risk() takes an ILO indicator 1-11, not {first.value}")
    if node.name == "finding" and isinstance(first, conditions.Str) and first.value not in (
            set(q.facts) | {t.id for t in q.thresholds if t.action == "finding"}):
        err(f"finding() names '{first.value}', which is neither a fact nor a finding threshold")
    if node.name == "mismatch" and isinstance(first, conditions.Name) and first.name not in verifying:
        err(f"mismatch() names '{first.name}', which does not verify a desktop answer")


def _check_cycles(q: Questionnaire, problems: Problems) -> None:
    """show_if and derived values must not depend on themselves, or nothing could be shown or computed."""
    graph: dict[str, set[str]] = {}
    where: dict[str, object] = {}
    for module in q.modules:
        for qu in module.questions:
            deps = set()
            for cond in (qu.show_if, module.show_if):
                if cond:
                    deps |= cond.expr.names()
            graph[qu.id] = deps
            where[qu.id] = qu.where
    for d in q.derived:
        graph[d.id] = set(d.expr.expr.names())
        where[d.id] = d.where
    state: dict[str, int] = {}
    for start in graph:
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif child in graph and state.get(child) == 1:
                cycle = path[path.index(child):] + [child]
                w = where[child]
                problems.error(w.path, w.line, "show_if / derived values form a cycle: " + " -> ".join(cycle), child)
                state[child] = 2
            elif child in graph and child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)


def check_raw_questionnaire(data: dict, path: object, problems: Problems) -> None:
    """Checks on the questionnaire file as written, reported at the line of the field concerned."""
    head = data["questionnaire"]
    if head.get("verifies") and head.get("tier") != "onsite":
        problems.error(path, head.line_of("verifies"), "only an on-site questionnaire can verify another tier")
    bands = data["scoring"]["bands"]
    line = data["scoring"].line_of("bands")
    scores = [b["min_score"] for b in bands]
    order = [RATINGS.index(b["rating"]) for b in bands]
    if scores != sorted(scores, reverse=True) or order != sorted(order) or len(set(order)) != len(order):
        problems.error(path, line, "scoring bands must go from best to worst rating with falling min_score")
    if scores and scores[-1] != 0:
        problems.error(path, line, "the last scoring band must start at min_score 0")


def _check_rules(q: Questionnaire, sources: dict[str, Source], problems: Problems) -> None:
    for t in q.thresholds:
        def err(message: str, t=t) -> None:
            problems.error(t.where.path, t.where.line, message, t.id)

        if t.action == "finding" and not t.severity:
            err("a finding needs a severity (priority, major or minor)")
        if t.action != "finding" and t.severity:
            err(f"severity applies only to findings, not to {t.action}")
        if t.action == "finding" and not t.remedy:
            err("a finding needs a remedy: what must be done, and by when")
        if t.fact is not None and t.fact not in q.facts:
            err(f"fact '{t.fact}' is not declared under facts: in the questionnaire file")
        if t.fact is not None and t.action != "finding":
            err(f"only findings belong to a fact, not {t.action}")
        if t.action != "finding" and (t.plan_days is not None or t.closure_days is not None):
            err(f"plan and closure days apply only to findings, not to {t.action}")
    for qu in q.questions:
        if qu.fact is not None and qu.fact not in q.facts:
            problems.error(qu.where.path, qu.where.line,
                           f"fact '{qu.fact}' is not declared under facts: in the questionnaire file", qu.id)
    used = {t.fact for t in q.thresholds} | {qu.fact for qu in q.questions}
    for fact in q.facts.values():
        if fact.id not in used:
            problems.warning(fact.where.path, fact.where.line, "fact named by no threshold or question", fact.id)
        for key in t.basis:
            if key not in sources:
                err(f"basis '{key}' is not in sources.yaml")
    for table in q.tables.values():
        if len(table.cells) != len(table.rows) or any(len(r) != len(table.columns) for r in table.cells):
            problems.error(table.where.path, table.where.line,
                           f"table cells must be {len(table.rows)} rows of {len(table.columns)}", table.id)


def check_standard(found: dict[str, Questionnaire], context: dict[str, Questionnaire], root: Path,
                   problems: Problems, full: bool) -> None:
    """Checks across tiers: unique data-point ids, verification pairs, the published-id lock."""
    owner: dict[str, Questionnaire] = {}
    for q in found.values():
        for qu in q.questions:
            if qu.id in owner:
                problems.error(qu.where.path, qu.where.line,
                               f"question id '{qu.id}' is used in {owner[qu.id].id} too", qu.id)
            owner[qu.id] = q
        if q.verifies is None:
            continue
        target = context.get(q.verifies)
        if target is None:
            problems.error(q.where.path, 1, f"verifies names a missing questionnaire '{q.verifies}'")
            continue
        for qu in q.questions:
            if qu.verifies and target.question(qu.verifies.question) is None:
                problems.error(qu.where.path, qu.where.line,
                               f"verifies names a missing question '{qu.verifies.question}' of {target.id}", qu.id)
    if full:
        _check_lock(found, root, problems)


def _check_lock(found: dict[str, Questionnaire], root: Path, problems: Problems) -> None:
    """A published data point never disappears silently and never changes type."""
    lock_path = root / LOCK_FILE
    if not lock_path.is_file():
        return
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    present = {qu.id: qu for q in found.values() for qu in q.questions}
    retired = {r for q in found.values() for m in q.modules for r in m.retired}
    for qid, entry in sorted(lock.get("datapoints", {}).items()):
        qu = present.get(qid)
        if qu is None and qid not in retired:
            problems.error(lock_path, 1, "published data point is gone: keep it, or list it under retired:", qid)
        elif qu is not None and qu.type != entry["type"]:
            problems.error(qu.where.path, qu.where.line,
                           f"type changed from {entry['type']} to {qu.type}: a new meaning needs a new id", qu.id)


