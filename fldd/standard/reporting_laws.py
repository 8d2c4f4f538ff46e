"""The reporting-law map (questionnaires/reporting_laws.yaml): which portfolio figures and data points support
each item of the laws a buyer reports under, and the statement sentence the portfolio report fills in.

The map is data; this module reads it and checks it against what fldd can fill in: the KPI catalogue and the
questions of the shipped standard are passed in (the standard layer knows neither the use cases nor the
database), so an id that is not computed or asked is refused before a report prints "{...}".
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path

from fldd.standard.problems import Problems
from fldd.standard.yaml_source import Mapping, Sequence, YamlError, load_yaml

FILE_NAME = "reporting_laws.yaml"

_LAW_FIELDS = ("id", "name", "short", "applies_to", "status", "basis", "items")
_ITEM_FIELDS = ("id", "title", "asks", "kpis", "datapoints", "statement", "company_adds")
_TEXT_FIELDS = ("name", "short", "applies_to", "status", "title", "asks", "statement", "company_adds")


@dataclass(frozen=True)
class LawItem:
    """One area, criterion or question of a law, with what supports it."""

    id: str
    title: str
    asks: str
    kpis: tuple[str, ...]
    datapoints: tuple[str, ...]
    statement: str  # with {kpi_id} placeholders
    company_adds: str  # what fldd cannot evidence

    def placeholders(self) -> list[str]:
        """The KPI ids the statement names, in order."""
        return placeholders(self.statement)


@dataclass(frozen=True)
class Law:
    """A reporting or due-diligence law and its items."""

    id: str
    name: str
    short: str
    applies_to: str
    status: str
    basis: tuple[str, ...]
    items: tuple[LawItem, ...]


@dataclass(frozen=True)
class LawMap:
    """Every law of the map, as of its edition."""

    edition: str
    laws: tuple[Law, ...]


class ReportingLawsError(ValueError):
    """The law map has errors; the portfolio report cannot use it."""

    def __init__(self, problems: Problems) -> None:
        super().__init__("\n".join(str(p) for p in problems.errors))
        self.problems = problems


def placeholders(template: str) -> list[str]:
    """The field names of a statement template ('{a} and {b}' -> ['a', 'b']); ValueError on a broken brace."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A placeholder ({kpi_id}, or {kpi_id:base}: the sentence stands only when that figure is above 0) or a form
# in brackets ([singular|plural]) that agrees with the nearest figure before it in its sentence.
_TOKEN = re.compile(r"\{(\w+)(?::(\w*))?\}|\[([^\[\]|{}]*)\|([^\[\]|{}]*)\]")
MARKS = ("", "base")


def fill(template: str, words: dict[str, str | None]) -> str:
    """The statement with each {kpi_id} replaced by its figure, already put in words by the caller, and each
    [singular|plural] form agreeing with the figure before it ('1' takes the singular). A sentence reading a
    figure that could not be counted (None: no action was closed, so no median) is left out whole: a statement
    a company lifts into its report must never say "a median of n/a days"; so is a sentence whose {kpi_id:base}
    figure is 0 ("Of 0 mechanisms assessed, 0 raised no finding")."""
    kept = []
    for sentence in _SENTENCE_END.split(template.strip()):
        names = [(m.group(1), m.group(2) or "") for m in _TOKEN.finditer(sentence) if m.group(1)]
        if any(words.get(name) is None for name, _ in names):
            continue
        if any(mark == "base" and words[name] == "0" for name, mark in names):
            continue
        kept.append(_agree(sentence, words))
    return " ".join(kept)


def _agree(sentence: str, words: dict[str, str | None]) -> str:
    last: list[str] = []

    def put(m: re.Match) -> str:
        if m.group(1):
            last[:] = [str(words[m.group(1)])]
            return last[0]
        return m.group(3) if last and last[0] == "1" else m.group(4)

    return _TOKEN.sub(put, sentence)


def form_problems(statement: str) -> list[str]:
    """What is wrong with the statement's forms and marks: a [singular|plural] that follows no figure in its
    sentence, a bracket that does not hold two forms, a {kpi_id:mark} with an unknown mark."""
    problems = []
    for sentence in _SENTENCE_END.split(statement.strip()):
        seen_figure = False
        for m in _TOKEN.finditer(sentence):
            if m.group(1):
                seen_figure = True
                if (m.group(2) or "") not in MARKS:
                    problems.append(f"the placeholder {m.group(0)} has an unknown mark (known: "
                                    f"{', '.join(repr(x) for x in MARKS if x)})")
            elif not seen_figure:
                problems.append(f"the form {m.group(0)} follows no figure in its sentence; put it after the "
                                f"{{kpi_id}} it agrees with")
        left = _TOKEN.sub("", sentence)
        if "[" in left or "]" in left or "|" in left:
            problems.append(f"a bracket must hold two forms, [singular|plural]: '{sentence}'")
    return problems


def read(path: Path, *, kpi_ids: set[str], datapoint_ids: set[str], source_keys: set[str],
         problems: Problems) -> LawMap | None:
    """The law map in path, every problem recorded in problems (naming the law and item); None when unreadable."""
    try:
        data = load_yaml(path)
    except (OSError, YamlError) as exc:
        problems.error(path, getattr(exc, "line", 0), getattr(exc, "message", str(exc)))
        return None
    if not isinstance(data, Mapping) or not isinstance(data.get("laws"), Sequence):
        problems.error(path, 1, "expected 'edition' and a list of 'laws' at the top of the file")
        return None
    laws: list[Law] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["laws"]):
        law = _law(path, data["laws"].line_of(i), raw, kpi_ids, datapoint_ids, source_keys, problems)
        if law is None:
            continue
        if law.id in seen:
            problems.error(path, data["laws"].line_of(i), f"law {law.id}: the id is used twice", law.id)
        seen.add(law.id)
        laws.append(law)
    if not laws:
        problems.error(path, data.line_of("laws"), "the map names no law")
    return LawMap(str(data.get("edition", "")), tuple(laws))


def load(path: Path, *, kpi_ids: set[str], datapoint_ids: set[str], source_keys: set[str]) -> LawMap:
    """The law map, or ReportingLawsError listing every problem."""
    problems = Problems()
    found = read(path, kpi_ids=kpi_ids, datapoint_ids=datapoint_ids, source_keys=source_keys, problems=problems)
    if found is None or problems.errors:
        raise ReportingLawsError(problems)
    return found


def _law(path: Path, line: int, raw: object, kpi_ids: set[str], datapoint_ids: set[str],
         source_keys: set[str], problems: Problems) -> Law | None:
    if not isinstance(raw, Mapping):
        problems.error(path, line, "a law must be a mapping of fields")
        return None
    lid = str(raw.get("id") or f"#{line}")
    if not _fields(path, raw, _LAW_FIELDS, f"law {lid}", lid, problems):
        return None
    for key in raw["basis"]:
        if key not in source_keys:
            problems.error(path, raw.line_of("basis"), f"law {lid}: basis '{key}' is not in sources.yaml", lid)
    items_raw = raw["items"]
    if not isinstance(items_raw, Sequence) or not items_raw:
        problems.error(path, raw.line_of("items"), f"law {lid}: it has no items", lid)
        return None
    items: list[LawItem] = []
    for j, item in enumerate(items_raw):
        made = _item(path, items_raw.line_of(j), item, lid, kpi_ids, datapoint_ids, problems)
        if made is not None:
            if any(made.id == other.id for other in items):
                problems.error(path, items_raw.line_of(j), f"law {lid}, item {made.id}: the id is used twice", lid)
            items.append(made)
    return Law(lid, *(str(raw[k]).strip() for k in ("name", "short", "applies_to", "status")),
               tuple(raw["basis"]), tuple(items))


def _item(path: Path, line: int, raw: object, lid: str, kpi_ids: set[str], datapoint_ids: set[str],
          problems: Problems) -> LawItem | None:
    if not isinstance(raw, Mapping):
        problems.error(path, line, f"law {lid}: an item must be a mapping of fields", lid)
        return None
    iid = str(raw.get("id") or f"#{line}")
    where = f"law {lid}, item {iid}"
    if not _fields(path, raw, _ITEM_FIELDS, where, lid, problems):
        return None
    for kpi in raw["kpis"]:
        if kpi not in kpi_ids:
            problems.error(path, raw.line_of("kpis"), f"{where}: '{kpi}' is not a KPI fldd computes", lid)
    for dp in raw["datapoints"]:
        if dp not in datapoint_ids:
            problems.error(path, raw.line_of("datapoints"),
                           f"{where}: '{dp}' is not a question of the shipped questionnaires", lid)
    statement = " ".join(str(raw["statement"]).split())
    try:
        names = placeholders(statement)
    except ValueError as exc:
        problems.error(path, raw.line_of("statement"), f"{where}: the statement has a broken brace ({exc})", lid)
        return None
    for problem in form_problems(statement):
        problems.error(path, raw.line_of("statement"), f"{where}: {problem}", lid)
    for name in names:
        if name not in kpi_ids:
            problems.error(path, raw.line_of("statement"),
                           f"{where}: the statement's placeholder {{{name}}} is not a KPI fldd computes", lid)
        elif name not in raw["kpis"]:
            problems.error(path, raw.line_of("statement"),
                           f"{where}: the statement's placeholder {{{name}}} is missing from the item's kpis", lid)
    return LawItem(iid, *(" ".join(str(raw[k]).split()) for k in ("title", "asks")), tuple(raw["kpis"]),
                   tuple(raw["datapoints"]), statement, " ".join(str(raw["company_adds"]).split()))


def _fields(path: Path, raw: Mapping, fields: tuple[str, ...], where: str, lid: str, problems: Problems) -> bool:
    """Whether raw has every field, lists where lists belong and text where text belongs (problems named)."""
    ok = True
    for key in fields:
        value = raw.get(key)
        if key in ("basis", "items", "kpis", "datapoints"):
            if not isinstance(value, list):
                problems.error(path, raw.line_of(key), f"{where}: '{key}' must be a list", lid)
                ok = False
        elif key in _TEXT_FIELDS and (not isinstance(value, str) or not value.strip()):
            problems.error(path, raw.line_of(key), f"{where}: '{key}' must be given as text", lid)
            ok = False
        elif key == "id" and (not isinstance(value, str) or not value.strip()):
            problems.error(path, raw.line_of(key), f"{where}: 'id' must be given", lid)
            ok = False
    for key in raw:
        if key not in fields:
            problems.error(path, raw.line_of(key), f"{where}: unknown field '{key}'", lid)
    return ok
