"""The portfolio as a picture: suppliers in a country (or region) x goods grid, each cell shaded by inherent risk
or by the latest assessed result, with the suppliers behind it, and the suppliers counted by recommended next
step. `map_suppliers` reads everything once (one grouped store pass plus the queue); `risk_grid` filters and
counts those rows in memory, so a filter or a switch of measure over 10,000 suppliers never goes back to the
database.

Region view: the region is the one DOL's country findings give (five world regions); countries DOL does not
assess (mostly high-income economies) fall under NO_REGION. A geographic map would need country shapes fldd
does not ship; a region x goods grid answers the same question ("where does the risk sit?") with numbers.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from fldd.risk.countries import UnknownCountryError, country_name
from fldd.risk.goods import fold
from fldd.risk.goods_groups import group_goods
from fldd.store import risk_map as store
from fldd.usecases.context import AppContext

MEASURES = ("inherent", "assessed")
ROWS_BY = ("country", "region")
MAX_GOODS = 14  # goods columns shown before the rest are summed under OTHER_GOODS
OTHER_GOODS = ("other", "Other goods")
NO_GOODS = ("none", "No goods recorded")
NO_REGION = "Not in the DOL findings"
LEVELS = ("high", "medium", "low")
RATINGS = ("severe", "high", "medium", "low")  # worst first
NOT_ASSESSED = "not_assessed"
# What a cell's colour says (the page pairs each with words): no suppliers; the worst level when nothing is high;
# the share at high risk in three bands; in the assessed measure, no supplier of the cell assessed yet.
SHADES = ("empty", "low", "medium", "high_few", "high_some", "high_most", NOT_ASSESSED, "unknown")
HIGH_BANDS = ((1 / 3, "high_few"), (2 / 3, "high_some"), (1.01, "high_most"))  # share below -> shade
TIER_CHOICES = (1, 2, 3)  # 3 stands for "3 or further up the chain"


@dataclass(slots=True)
class MapSupplier:
    """One supplier as the map counts it."""

    id: int
    name: str
    country: str
    country_name: str
    region: str
    goods: list[str]  # as the supplier gave them
    groups: tuple[str, ...] = ()  # the goods columns it falls in (keys)
    chain_tier: int = 1
    status: str = "active"
    inherent_level: str | None = None
    inherent_score: float | None = None
    rating: str | None = None
    tier: str | None = None
    valid_until: str | None = None
    expired: bool = False
    step: str | None = None
    step_label: str = ""


@dataclass
class Cell:
    """The suppliers behind one cell and what they add up to."""

    ids: list[int] = field(default_factory=list)
    levels: Counter = field(default_factory=Counter)  # inherent level (or "unknown") -> suppliers
    ratings: Counter = field(default_factory=Counter)  # latest rating (or NOT_ASSESSED) -> suppliers
    expired: int = 0

    @property
    def count(self) -> int:
        return len(self.ids)


def _goods(text: str | None) -> list[str]:
    try:
        found = json.loads(text or "[]")
    except ValueError:
        return [text] if text else []
    return [g.strip() for g in found if isinstance(g, str) and g.strip()] if isinstance(found, list) else []


def _name(code: str, names: dict[str, str]) -> str:
    try:
        return names.get(code) or country_name(code)
    except UnknownCountryError:  # a code an older database kept
        return code or "Country not recorded"


def map_suppliers(ctx: AppContext) -> tuple[list[MapSupplier], dict[str, str]]:
    """Every supplier as the map counts it, and the goods columns' labels by key."""
    from fldd.risk.goods import known_goods
    from fldd.usecases.queue import STEP_LABELS, queue_rows
    from fldd.usecases.risk_data import current_risk_data

    data = current_risk_data(ctx)
    facts = store.map_facts(ctx.store)
    steps = {r["supplier_id"]: r["step"] for r in queue_rows(ctx)}
    parsed: dict[str | None, list[str]] = {}  # many suppliers share a goods list: parse each text once
    goods = [parsed[f[3]] if f[3] in parsed else parsed.setdefault(f[3], _goods(f[3])) for f in facts]
    groups = group_goods((g for listed in goods for g in listed), known_goods(data))
    labels = {g.key: g.label for g in groups.values()}
    keys: dict[tuple[str, ...], tuple[str, ...]] = {}
    regions = {code: f.region or NO_REGION for code, f in data.findings.items()}
    names: dict[str, str] = {}
    today = ctx.today().isoformat()
    out = []
    for (id_, name, country, _, chain_tier, status, level, score, rating, tier, valid_until, _), listed in \
            zip(facts, goods):
        column_keys = keys.get(tuple(listed))
        if column_keys is None:
            column_keys = keys[tuple(listed)] = tuple(dict.fromkeys(groups[g].key for g in listed))
        if country not in names:
            names[country] = _name(country, data.countries)
        step = steps.get(id_)
        out.append(MapSupplier(
            id=id_, name=name, country=country, country_name=names[country], region=regions.get(country, NO_REGION),
            goods=listed, groups=column_keys, chain_tier=chain_tier or 1, status=status or "active",
            inherent_level=level, inherent_score=score, rating=rating, tier=tier, valid_until=valid_until,
            expired=bool(valid_until and valid_until < today), step=step, step_label=STEP_LABELS.get(step, "")))
    return out, labels


@dataclass(frozen=True)
class Filters:
    """What the map is narrowed to; None means any."""

    step: str | None = None
    level: str | None = None  # inherent level, or "unknown"
    chain_tier: int | None = None  # TIER_CHOICES: 3 = three or more
    status: str | None = None  # the supplier's status

    def keeps(self, s: MapSupplier, *, ignore_step: bool = False) -> bool:
        if not ignore_step and self.step is not None and s.step != self.step:
            return False
        if self.level is not None and (s.inherent_level or "unknown") != self.level:
            return False
        if self.chain_tier is not None and (min(s.chain_tier, 3) != self.chain_tier):
            return False
        return self.status is None or s.status == self.status


@dataclass
class Grid:
    """The picture's numbers: row and column labels, the cells, the counts by next step."""

    measure: str
    rows: list[tuple[str, str]]  # (key, label)
    columns: list[tuple[str, str, bool]]  # (key, label, on the DOL list)
    cells: dict[tuple[str, str], Cell]
    by_step: dict[str | None, int]
    shown: int  # suppliers that pass the filters
    total: int
    row_totals: dict[str, int]
    column_totals: dict[str, int]


def risk_grid(suppliers: list[MapSupplier], labels: dict[str, str], *, measure: str = "inherent",
              rows_by: str = "country", filters: Filters = Filters(), max_goods: int = MAX_GOODS) -> Grid:
    """Count the suppliers that pass the filters into cells. Goods columns: the most frequent first (ties by
    name), the rest as OTHER_GOODS, suppliers without goods as NO_GOODS; rows: countries (or regions) by name.
    A supplier making goods of two columns is in both; the counts by step ignore the step filter, so every
    step's count stays in view while one is chosen."""
    from fldd.usecases.queue import STEPS

    if measure not in MEASURES or rows_by not in ROWS_BY:
        raise ValueError(f"measure {measure!r} / rows_by {rows_by!r}")
    by_step: dict[str | None, int] = dict.fromkeys(STEPS, 0)
    kept = []
    for s in suppliers:
        if filters.keeps(s, ignore_step=True):
            by_step[s.step] = by_step.get(s.step, 0) + 1
            if filters.step is None or s.step == filters.step:
                kept.append(s)
    frequency = Counter(g for s in kept for g in s.groups)
    ranked = sorted(frequency, key=lambda k: (-frequency[k], fold(labels.get(k, k))))
    shown = ranked[:max_goods] if len(ranked) > max_goods + 1 else ranked  # never one lone good as "other"
    column_of = {k: k for k in shown}
    columns = [(k, labels.get(k, k), k.startswith("dol:")) for k in shown]
    if len(shown) < len(ranked):
        columns.append((OTHER_GOODS[0], OTHER_GOODS[1], False))
    if any(not s.groups for s in kept):
        columns.append((NO_GOODS[0], NO_GOODS[1], False))
    by_country = rows_by == "country"
    placed: dict[tuple[str, ...], tuple[str, ...]] = {}  # a supplier's goods groups -> the columns it is in
    members: dict[tuple[str, str], list[MapSupplier]] = {}
    row_labels: dict[str, str] = {}
    row_ids: dict[str, set[int]] = {}
    for s in kept:
        row = s.country if by_country else s.region
        if row not in row_labels:
            row_labels[row] = s.country_name if by_country else s.region
            row_ids[row] = set()
        row_ids[row].add(s.id)
        in_columns = placed.get(s.groups)
        if in_columns is None:
            in_columns = placed[s.groups] = tuple(dict.fromkeys(column_of.get(g, OTHER_GOODS[0]) for g in s.groups)) \
                or (NO_GOODS[0],)
        for column in in_columns:
            members.setdefault((row, column), []).append(s)
    cells = {key: Cell([s.id for s in found], Counter(s.inherent_level or "unknown" for s in found),
                       Counter(s.rating if s.rating in RATINGS else NOT_ASSESSED for s in found),
                       sum(1 for s in found if s.expired and s.rating is not None))
             for key, found in members.items()}
    rows = sorted(row_labels.items(), key=lambda kv: (kv[1] == NO_REGION, fold(kv[1])))
    column_totals = Counter()
    for (_, column), cell in cells.items():
        column_totals[column] += cell.count
    return Grid(measure, rows, columns, cells, by_step, len(kept), len(suppliers),
                {k: len(v) for k, v in row_ids.items()}, dict(column_totals))


def shade(cell: Cell | None, measure: str) -> str:
    """The SHADES entry of a cell: the share at high risk (inherent high; assessed high or severe, of those
    assessed) in bands; below that the worst level found; NOT_ASSESSED when none of its suppliers has a result."""
    if cell is None or not cell.count:
        return "empty"
    if measure == "inherent":
        counts, known = cell.levels, cell.count - cell.levels["unknown"]
        high = counts["high"]
    else:
        counts, known = cell.ratings, cell.count - cell.ratings[NOT_ASSESSED]
        high = counts["high"] + counts["severe"]
        if not known:
            return NOT_ASSESSED
    if not known:
        return "unknown"
    if high:
        share = high / known
        return next(name for limit, name in HIGH_BANDS if share < limit)
    return "medium" if counts["medium"] else "low"


def high_share(cell: Cell, measure: str) -> tuple[int, int]:
    """(suppliers at high risk, suppliers it is counted of): inherent high of those with a level; assessed high
    or severe of those assessed."""
    if measure == "inherent":
        return cell.levels["high"], cell.count - cell.levels["unknown"]
    return cell.ratings["high"] + cell.ratings["severe"], cell.count - cell.ratings[NOT_ASSESSED]


def worst(cell: Cell, measure: str) -> str | None:
    """The worst inherent level or latest rating among the cell's suppliers (None when none known)."""
    order = LEVELS if measure == "inherent" else RATINGS
    counts = cell.levels if measure == "inherent" else cell.ratings
    return next((k for k in order if counts[k]), None)


def edition_lines(ctx: AppContext) -> list[str]:
    """The risk-data editions the inherent risk rests on, one line each ("US DOL List of Goods: 2024 edition
    (partial reconstruction), published 2024-09-05"), loaded ones saying when."""
    from fldd.usecases.risk_data import risk_editions

    lines = []
    for e in risk_editions(ctx):
        line = f"{e.name}: {e.shown()}" + (f", published {e.published}" if e.published else "")
        lines.append(line + (f", loaded {e.loaded_at[:10]}" if e.loaded_at else ""))
    return lines
