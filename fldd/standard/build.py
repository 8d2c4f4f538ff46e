"""Turn schema-checked YAML data into model objects, parsing every condition on the way."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from fldd.standard import checks, conditions
from fldd.standard.model import (
    CHOICE_TYPES, NOT_APPLICABLE, UNKNOWN, Band, Check, Condition, Derived, Fact, Floor, Input, Module, Option,
    Question, Questionnaire, RiskRule, SampleRule, Table, Text, Threshold, Verification, Where,
)
from fldd.standard.problems import Problems
from fldd.standard.yaml_source import Mapping


class Builder:
    """Builds one questionnaire; records condition syntax errors instead of stopping at the first."""

    def __init__(self, lang: str, labels: dict[str, dict[str, Text]], problems: Problems) -> None:
        self.lang = lang
        self.labels = labels
        self.problems = problems

    def text(self, value: str | None) -> Text:
        """Source-language text as a one-language Text."""
        return {self.lang: value.strip()} if value else {}

    def condition(self, data: Mapping, key: str, path: Path, item: str | None) -> Condition | None:
        """Parse data[key] as a condition, or record why it cannot be parsed."""
        text = data.get(key)
        if text is None:
            return None
        where = Where(str(path), data.line_of(key))
        try:
            expr = conditions.parse(str(text))
        except conditions.ConditionSyntaxError as exc:
            self.problems.error(path, where.line, f"{key}: {exc} in \"{text}\"", item)
            return None
        return Condition(str(text), expr, where)

    def question(self, data: Mapping, module: str, path: Path) -> Question:
        """One question; yes/no questions get their yes/no options here."""
        qid = data["id"]
        qtype = data["type"]
        checks.check_raw_question(data, path, data.line, self.problems)
        options = self._options(data, qtype)
        specials = () if qtype in CHOICE_TYPES else self._specials(data)
        rules = []
        for rule in data.get("risk_rules", []):
            cond = self.condition(rule, "if", path, qid)
            if cond is not None:
                rules.append(RiskRule(cond, rule["risk"]))
        verifies = None
        if "verifies" in data:
            ver = data["verifies"]
            verifies = Verification(ver["question"], self.condition(ver, "disagree_if", path, qid))
        return Question(
            id=qid, module=module, type=qtype,
            text=self.text(data["text"]), guidance=self.text(data.get("guidance")),
            evidence=self.text(data.get("evidence")), required=data.get("required", True),
            show_if=self.condition(data, "show_if", path, qid),
            indicators=tuple(sorted(data.get("indicators", []))), basis=tuple(data["basis"]),
            terms=tuple(data.get("terms", [])), options=options,
            weight=Decimal(str(data.get("weight", 1))), unit=self.text(data.get("unit")),
            minimum=_dec(data.get("min")), maximum=_dec(data.get("max")),
            risk_rules=tuple(rules), red_flag_if=self.condition(data, "red_flag_if", path, qid),
            verifies=verifies, where=Where(str(path), data.line), specials=specials, tally=data.get("tally"),
            tally_of=data.get("tally_of"), ask=self.text(data.get("ask")), check=self._check(data.get("check")),
            fact=data.get("fact"),
        )

    def _check(self, data: Mapping | None) -> Check | None:
        """The checklist item of a document-review or observation question."""
        if data is None:
            return None
        missing = data.get("not_available")
        if missing is not None and not isinstance(missing, str):
            missing = Decimal(str(missing))
        return Check(self.text(data["item"]), missing)

    def _options(self, data: Mapping, qtype: str) -> tuple[Option, ...]:
        """Declared options plus the built-in yes / no / don't know / not applicable ones."""
        if qtype not in CHOICE_TYPES:
            return ()
        red = set(data.get("red_flag", []))
        risk_map = data.get("risk", {})
        options = []
        if qtype == "yesno":
            for value in ("yes", "no"):
                options.append(Option(value, self._label(value), risk_map.get(value), value in red))
        else:
            for opt in data.get("options", []):
                options.append(Option(opt["value"], self.text(opt["label"]), opt.get("risk"),
                                      bool(opt.get("red_flag")) or opt["value"] in red,
                                      bool(opt.get("exclusive"))))
        if data.get("unknown"):
            worst = max((o.risk for o in options if o.risk is not None), default=None)
            risk = risk_map.get(UNKNOWN, worst)
            options.append(Option(UNKNOWN, self._label(UNKNOWN), risk, UNKNOWN in red, qtype == "multi"))
        if data.get("na"):
            options.append(Option(NOT_APPLICABLE, self._label(NOT_APPLICABLE), None, False, qtype == "multi"))
        return tuple(options)

    def _specials(self, data: Mapping) -> tuple[Option, ...]:
        """"Don't know" / "Not applicable" answers of a number, date or text question."""
        red = set(data.get("red_flag", []))
        risk_map = data.get("risk", {})
        worst = max((r["risk"] for r in data.get("risk_rules", [])), default=None)
        out = []
        if data.get("unknown"):
            out.append(Option(UNKNOWN, self._label(UNKNOWN), risk_map.get(UNKNOWN, worst), UNKNOWN in red))
        if data.get("na"):
            out.append(Option(NOT_APPLICABLE, self._label(NOT_APPLICABLE), None, False))
        return tuple(out)

    def _label(self, value: str) -> Text:
        return dict(self.labels.get("options", {}).get(value, {self.lang: value}))

    def module(self, data: Mapping, path: Path) -> Module:
        """A module with its questions."""
        head = data["module"]
        mid = head["id"]
        questions = tuple(self.question(q, mid, path) for q in data["questions"])
        return Module(mid, self.text(head["title"]), self.text(head.get("intro")),
                      self.condition(head, "show_if", path, mid), questions,
                      tuple(data.get("retired", [])), Where(str(path), head.line))

    def derived(self, items: list[Mapping], path: Path) -> list[Derived]:
        """Derived values; one whose expression does not parse (already reported) stays, as null, so that
        the conditions using it are not reported as naming a missing value too."""
        return [Derived(d["id"], self.text(d.get("label")), self.text(d.get("unit")),
                        self.condition(d, "expr", path, d["id"]) or _placeholder(d["expr"]),
                        Where(str(path), d.line)) for d in items]

    def tables(self, items: Mapping, path: Path) -> dict[str, Table]:
        """Lookup tables by id."""
        return {tid: Table(tid, tuple(t["rows"]), tuple(t["columns"]),
                           tuple(tuple(_cell(c) for c in row) for row in t["cells"]),
                           Where(str(path), items.line_of(tid)))
                for tid, t in items.items()}

    def thresholds(self, items: list[Mapping], module: str | None, path: Path) -> list[Threshold]:
        """Thresholds; one whose condition does not parse (already reported) stays, never firing."""
        return [Threshold(t["id"], self.text(t["title"]),
                          self.condition(t, "if", path, t["id"]) or _placeholder(t["if"]), t["action"],
                          t.get("severity"), self.text(t.get("remedy")), tuple(t.get("basis", [])), module,
                          Where(str(path), t.line), t.get("fact"), t.get("plan_days"), t.get("closure_days"))
                for t in items]

    def questionnaire(self, data: Mapping, path: Path, modules: list[tuple[Mapping, Path]]) -> Questionnaire:
        """The whole tier from its file and its (already schema-checked) module files."""
        head = data["questionnaire"]
        built = [self.module(m, p) for m, p in modules]
        derived = self.derived(data.get("derived", []), path)
        tables = self.tables(data.get("tables", Mapping()), path)
        thresholds = self.thresholds(data.get("thresholds", []), None, path)
        for mdata, mpath in modules:
            mid = mdata["module"]["id"]
            derived += self.derived(mdata.get("derived", []), mpath)
            tables.update(self.tables(mdata.get("tables", Mapping()), mpath))
            thresholds += self.thresholds(mdata.get("thresholds", []), mid, mpath)
        scoring = data["scoring"]
        floors = [Floor(self.condition(f, "if", path, None) or _placeholder(f["if"]), f["rating"],
                        self.text(f["reason"])) for f in scoring.get("floors", [])]
        facts = data.get("facts", [])
        severities = data["severities"]
        return Questionnaire(
            id=head["id"], version=head["version"], tier=head["tier"], title=self.text(head["title"]),
            description=self.text(head.get("description")), languages=tuple(head["languages"]),
            validity_months=head["validity_months"], estimated_minutes=head.get("estimated_minutes"),
            verifies=head.get("verifies"), modules=tuple(built),
            inputs=tuple(Input(i["id"], i["type"], self.text(i["label"])) for i in data.get("inputs", [])),
            bands=tuple(Band(b["rating"], Decimal(str(b["min_score"]))) for b in scoring["bands"]),
            floors=tuple(floors), severity_plan_days={k: v["plan_days"] for k, v in severities.items()},
            severity_closure_days={k: v["closure_days"] for k, v in severities.items()},
            derived=tuple(derived), tables=tables, thresholds=tuple(thresholds), where=Where(str(path), 1),
            sampling=tuple(SampleRule(r["id"], r["done"], r["minimum"], r["of"], self.text(r["label"]),
                                      tuple(r["basis"])) for r in data.get("sampling", [])),
            facts={f["id"]: Fact(f["id"], self.text(f["title"]), Where(str(path), facts.line_of(i)))
                   for i, f in enumerate(facts)},
        )


def _placeholder(text: str) -> Condition:
    """A condition that is always null, standing in for one that does not parse."""
    return Condition(str(text), conditions.parse("null"))


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _cell(value: Any) -> str | Decimal:
    return value if isinstance(value, str) else Decimal(str(value))
