"""Turn the rows of a risk list a buyer loads into the rows of one KIND, checking every one: pure logic over the
text rows an exchange reader gives (sheet, row number, cells), so the same rules hold for CSV and Excel.

The heading row is found among the first rows of a sheet (DOL's spreadsheets open with a title); the first
sheet whose headings hold what the kind needs is read. Rows for the same listing are combined: for the DOL list
the flags are joined (a spreadsheet with one row per kind of exploitation lists a good once per kind), for an
area list the higher level is kept, for an entity list the aliases are joined. Every problem is collected, each
naming sheet, row and column, up to MAX_PROBLEMS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fldd.risk import columns as cols
from fldd.risk.columns import BadValue, fold
from fldd.risk.data import KINDS

MAX_PROBLEMS = 50
HEADING_ROWS = 15  # a heading row is looked for among a sheet's first non-blank rows


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, with where it is (what is known of it)."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the column's heading as the file writes it

    def where(self) -> str:
        parts = [f"sheet '{self.sheet}'" if self.sheet else "", f"row {self.row}" if self.row else "",
                 f"column '{self.column}'" if self.column else ""]
        return ", ".join(p for p in parts if p)


@dataclass
class Parsed:
    """The rows of one kind as plain dicts (what the store keeps), or the problems that refuse the file."""

    kind: str
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheet: str | None = None
    heading_row: int = 0
    combined: int = 0  # rows folded into an earlier one for the same listing


TextRows = Sequence[tuple[int, Sequence[str]]]


def parse(kind: str, sheets: Sequence[tuple[str | None, TextRows]]) -> Parsed:
    """Read `sheets` ((sheet name or None for a CSV, [(row number, cells)])) as a list of `kind`."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind}")
    out = Parsed(kind)
    if not any(rows for _, rows in sheets):
        out.problems.append(Problem("the file is empty: it has no rows"))
        return out
    found = _heading(kind, sheets)
    if found is None:
        out.problems.append(_no_heading(kind, sheets))
        return out
    if kind in ("eu_flr", "own_list"):  # a country column is all these need: a published list fits them too
        for other in ("dol_goods", "tip_tiers", "dol_countries"):
            if _heading(other, sheets):
                out.problems.append(Problem(
                    f"this file's headings fit the layout of {other} ({cols.KIND_NAMES[other]}), not of {kind} "
                    f"({cols.KIND_NAMES[kind]}): load it as {other}, or choose the right file", found[0]))
                return out
    sheet, index, columns = found
    out.sheet, rows = sheet, dict(sheets)[sheet]
    out.heading_row = rows[index][0]
    body = rows[index + 1:]
    if not body:
        out.problems.append(Problem("the file has headings but no rows below them", sheet, out.heading_row))
        return out
    reader = _READERS[kind]
    merged: dict[tuple, dict] = {}
    for number, cells in body:
        values = {name: (cells[i].strip() if i < len(cells) and cells[i] is not None else "")
                  for name, (i, _) in columns.items()}
        try:
            _refuse_formulas(values, columns)
            key, row = reader(values, columns)
        except _RowProblem as bad:
            _add(out, Problem(bad.message, sheet, number, bad.column))
            continue
        if key in merged:
            clash = _combine(kind, merged[key], row)
            if clash:
                _add(out, Problem(clash, sheet, number))
            out.combined += 1
        else:
            merged[key] = row
    if not out.problems:
        out.rows = list(merged.values())
    return out


def _refuse_formulas(values: dict, columns: "Columns") -> None:
    """A value written as a spreadsheet formula ('=1+2', '@SUM(A1)') is not a name a list means: refused, so it can
    never reach a report or a workbook as a formula."""
    for name, value in values.items():
        if value[:1] in ("=", "@"):
            raise _RowProblem(f"'{value[:40]}' looks like a spreadsheet formula, not a value: write the value itself",
                              _heading_of(columns, name))


def _add(out: Parsed, problem: Problem) -> None:
    if len(out.problems) < MAX_PROBLEMS:
        out.problems.append(problem)
    elif len(out.problems) == MAX_PROBLEMS:
        out.problems.append(Problem(f"more problems not listed: the first {MAX_PROBLEMS} are above; fix them and "
                                    "load the file again to see the rest"))


Columns = dict[str, tuple[int, str]]  # field -> (column index, heading as written)


def _columns(kind: str, cells: Sequence[str]) -> Columns:
    found: Columns = {}
    for i, heading in enumerate(cells):
        name = cols.field_of(kind, heading or "")
        if name and name not in found:
            found[name] = (i, (heading or "").strip())
    return found


def _satisfies(kind: str, found: Columns) -> bool:
    return all(any(f in found for f in need) for need in cols.REQUIRED[kind])


def _heading(kind: str, sheets) -> tuple[str | None, int, Columns] | None:
    for sheet, rows in sheets:
        for index, (_, cells) in enumerate(rows[:HEADING_ROWS]):
            found = _columns(kind, cells)
            if _satisfies(kind, found):
                return sheet, index, found
    return None


def _no_heading(kind: str, sheets) -> Problem:
    """Why no sheet can be read as `kind`: another kind it looks like, or the columns missing from the best try."""
    for other in KINDS:
        if other != kind and other not in ("eu_flr", "own_list") and _heading(other, sheets):
            return Problem(f"this file's headings fit the layout of {other} ({cols.KIND_NAMES[other]}), not of "
                           f"{kind} ({cols.KIND_NAMES[kind]}): load it as {other}, or choose the right file")
    best: tuple[int, str | None, int, Columns] | None = None
    for sheet, rows in sheets:
        for index, (number, cells) in enumerate(rows[:HEADING_ROWS]):
            found = _columns(kind, cells)
            if best is None or len(found) > best[0]:
                best = (len(found), sheet, number, found)
    assert best is not None
    _, sheet, number, found = best
    missing = [need for need in cols.REQUIRED[kind] if not any(f in found for f in need)]
    words = "; ".join(" or ".join(f"{cols.FIELD_WORDS.get(f, f)} ('{_documented(kind, f)}')" for f in need)
                      for need in missing)
    return Problem(f"no column for {words} among the headings of the first {HEADING_ROWS} rows; the layouts are "
                   "in resources/risk/README.md", sheet, number)


def _documented(kind: str, name: str) -> str:
    """The heading the README documents for a field: 'Forced Labor', 'ISO'."""
    return "ISO" if name == "iso2" else cols.COLUMNS[kind][name][0].title()


class _RowProblem(Exception):
    def __init__(self, message: str, column: str | None = None) -> None:
        super().__init__(message)
        self.message, self.column = message, column


def _heading_of(columns: Columns, name: str) -> str | None:
    return columns[name][1] if name in columns else None


def _country(values: dict, columns: Columns) -> str:
    """The row's country from its ISO column, else its country column. With both, the code decides (the name is
    for people, and publishers spell names their own way): a name fldd does not know is let be, a name of another
    country is refused."""
    if values.get("iso2"):
        try:
            code = cols.country(values["iso2"])
        except BadValue as bad:
            raise _RowProblem(str(bad), _heading_of(columns, "iso2")) from None
        try:
            named = cols.country(values["country"]) if values.get("country") else code
        except BadValue:
            named = code
        if named != code:
            raise _RowProblem(f"the ISO code {code} and the country '{values['country']}' disagree",
                              _heading_of(columns, "iso2"))
        return code
    if values.get("country"):
        try:
            return cols.country(values["country"])
        except BadValue as bad:
            raise _RowProblem(str(bad), _heading_of(columns, "country")) from None
    raise _RowProblem("no country given", _heading_of(columns, "country") or _heading_of(columns, "iso2"))


def _flag(values: dict, columns: Columns, name: str) -> bool:
    try:
        return cols.flag(values.get(name, ""))
    except BadValue as bad:
        raise _RowProblem(str(bad), _heading_of(columns, name)) from None


def _dol_goods(values: dict, columns: Columns) -> tuple[tuple, dict]:
    good = " ".join(values.get("good", "").split())
    if not good:
        raise _RowProblem("no good given", _heading_of(columns, "good"))
    iso2 = _country(values, columns)
    flags = {name: _flag(values, columns, name) for name in ("child_labor", "forced_labor", "forced_child_labor")}
    words = fold(values.get("exploitation", ""))
    if words:
        flags["forced_child_labor"] |= "forced child" in words
        flags["forced_labor"] |= "forced labor" in words.replace("labour", "labor")
        flags["child_labor"] |= "child labor" in words.replace("forced child labor", "").replace("labour", "labor")
        if not any(flags.values()) and "derived" not in words and "downstream" not in words:
            raise _RowProblem(f"'{values['exploitation']}' names no kind of exploitation (child labor, forced labor, "
                              "forced child labor)", _heading_of(columns, "exploitation"))
    derived_text = values.get("derived_country", "")
    derived_iso2 = ""
    if derived_text and fold(derived_text) not in cols.NO:
        try:
            derived_iso2 = cols.country(derived_text)
        except BadValue as bad:
            raise _RowProblem(str(bad), _heading_of(columns, "derived_country")) from None
    derived = (_flag(values, columns, "derived") or bool(derived_iso2) or "derived" in words
               or "downstream" in words)
    if not derived and not any(flags.values()):
        raise _RowProblem("no kind of labour is marked for this good (child labour, forced labour, forced child "
                          "labour, or derived)", _heading_of(columns, "forced_labor")
                          or _heading_of(columns, "exploitation"))
    row = {"good": good, "sector": values.get("sector", ""), "iso2": iso2, **flags, "derived": derived,
           "derived_iso2": derived_iso2}
    return (fold(good), iso2), row


def _dol_countries(values: dict, columns: Columns) -> tuple[tuple, dict]:
    iso2 = _country(values, columns)
    return (iso2,), {"iso2": iso2, "region": values.get("region", ""),
                     "advancement_level": " ".join(values.get("advancement_level", "").split())}


def _tip(values: dict, columns: Columns) -> tuple[tuple, dict]:
    iso2 = _country(values, columns)
    try:
        tier = cols.tier(values.get("tier", ""))
    except BadValue as bad:
        raise _RowProblem(str(bad), _heading_of(columns, "tier")) from None
    return (iso2,), {"iso2": iso2, "tier": tier}


def _area(values: dict, columns: Columns) -> tuple[tuple, dict]:
    iso2 = _country(values, columns)
    try:
        level = cols.level(values.get("level", ""))
    except BadValue as bad:
        raise _RowProblem(str(bad), _heading_of(columns, "level")) from None
    region, good = (" ".join(values.get(k, "").split()) for k in ("region", "good"))
    row = {"iso2": iso2, "region": region, "good": good, "level": level, "reason": values.get("reason", "")}
    return (iso2, fold(region), fold(good)), row


def _entity(values: dict, columns: Columns) -> tuple[tuple, dict]:
    name = " ".join(values.get("name", "").split())
    if not name:
        raise _RowProblem("no name given", _heading_of(columns, "name"))
    iso2 = _country(values, columns) if values.get("country") or values.get("iso2") else None
    row = {"name": name, "aliases": list(cols.aliases(values.get("aliases", ""))), "iso2": iso2,
           "address": values.get("address", ""), "reference": values.get("reference", "")}
    return (fold(name), iso2), row


_READERS = {"dol_goods": _dol_goods, "dol_countries": _dol_countries, "tip_tiers": _tip, "eu_flr": _area,
            "own_list": _area, "entity_list": _entity}


def _combine(kind: str, first: dict, later: dict) -> str | None:
    """Fold a later row for the same listing into the first; the problem when they cannot both hold."""
    if kind == "dol_goods":
        for name in ("child_labor", "forced_labor", "forced_child_labor", "derived"):
            first[name] = first[name] or later[name]
        first["sector"] = first["sector"] or later["sector"]
        first["derived_iso2"] = first["derived_iso2"] or later["derived_iso2"]
    elif kind in ("eu_flr", "own_list"):
        if later["level"] == "high":
            first["level"] = "high"
        if later["reason"] and later["reason"] not in first["reason"]:
            first["reason"] = "; ".join(r for r in (first["reason"], later["reason"]) if r)
    elif kind == "entity_list":
        first["aliases"] = list(dict.fromkeys(first["aliases"] + later["aliases"]))
        for name in ("address", "reference"):
            if later[name] and later[name] not in first[name]:
                first[name] = "; ".join(r for r in (first[name], later[name]) if r)
    elif first != later:  # one row per country: a repeat must say the same
        what = "tier" if kind == "tip_tiers" else "advancement level"
        return (f"{first['iso2']} is given twice with a different {what} ('{first.get('tier', first.get('advancement_level'))}' "
                f"above, '{later.get('tier', later.get('advancement_level'))}' here): keep one row per country")
    return None
