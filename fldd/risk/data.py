"""The public risk tables in resources/risk/, read once into plain dataclasses (see its README)."""

from __future__ import annotations

import csv
import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

TIP_TIERS = ("Tier 2 Watch List", "Tier 3")  # the only placements the TIP file lists

# The kinds of risk table fldd reads, bundled or loaded by the buyer (layouts: resources/risk/README.md).
# Several lists of the last three kinds can be in force at once, told apart by their name.
KINDS = ("dol_goods", "dol_countries", "tip_tiers", "eu_flr", "entity_list", "own_list")
_FLAGS = {"Yes": True, "No": False}


class RiskDataError(ValueError):
    """A risk table is missing or malformed; the message names the file and line."""


@dataclass(frozen=True)
class GoodListing:
    """One good x country row of the DOL List of Goods."""

    good: str
    sector: str
    iso2: str
    child_labour: bool
    forced_labour: bool
    forced_child_labour: bool
    derived_from: str | None = None  # ISO code of the inputs' country when listed as a derived good and known
    derived: bool = False  # a downstream good (made with listed inputs), also when the inputs' country is unknown


@dataclass(frozen=True)
class CountryFinding:
    """One country's row of the DOL Findings on the Worst Forms of Child Labor."""

    iso2: str
    region: str
    advancement_level: str  # DOL's text, "" when DOL gives none


@dataclass(frozen=True)
class Edition:
    """Which edition of one risk table is in force, and where it came from: shown beside every figure from it."""

    kind: str  # one of KINDS
    name: str  # the list's name: "US DOL List of Goods", "UFLPA Entity List", the buyer's own list's name
    edition: str  # "2024", "2025", "2026-03": the publisher's edition (year, or year-month)
    published: str | None = None  # ISO date the publisher released it, when known
    source: str = ""  # publisher and title (bundled), or "loaded from FILE" words
    complete: bool = True  # False for a partial reconstruction (the bundled DOL 2024 list)
    note: str = ""  # what a reader must know: how it is incomplete, what it replaced
    loaded_at: str | None = None  # None for the edition fldd ships
    loaded_by: str | None = None
    file_name: str | None = None
    rows: int = 0
    # For a partial edition (the bundled DOL 2024 reconstruction): the countries whose rows were not checked
    # against the publisher's edition, with words saying how they were obtained ("{country}'s rows carried over
    # from the 2022 edition, ..."), and the countries the publisher lists that it has no rows for.
    caveats: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()

    def caveat(self, iso2: str) -> str:
        """How this edition's rows for a country were obtained when they were not checked ('' when they were)."""
        return next((words for code, words in self.caveats if code == iso2), "")

    def shown(self) -> str:
        """'2024 edition (partial reconstruction)': how every place that shows a figure names the edition."""
        return f"{self.edition} edition" + ("" if self.complete else " (partial reconstruction)")


@dataclass(frozen=True)
class AreaListing:
    """A row of an area-and-product list: the EU Forced Labour Regulation database of risk areas and products,
    or the buyer's own high-risk list. Empty region or good means "any"."""

    kind: str  # "eu_flr" or "own_list"
    list_name: str
    iso2: str
    region: str = ""  # a sub-national area ("Xinjiang Uyghur Autonomous Region"), "" = the whole country
    good: str = ""  # the product or good, "" = any good from the area
    level: str = "high"  # "high" or "medium"
    reason: str = ""  # why the list names it, in the list's words


@dataclass(frozen=True)
class Entity:
    """A named company on an entity list (the US UFLPA Entity List, a buyer's own list), with its aliases."""

    list_name: str
    name: str
    aliases: tuple[str, ...] = ()
    iso2: str | None = None
    address: str = ""
    reference: str = ""  # where the listing is published (e.g. the Federal Register notice and date)


@dataclass(frozen=True)
class RiskData:
    """Every risk table, with the edition year of each, indexed by country."""

    countries: dict[str, str]  # iso2 -> English short name
    goods: tuple[GoodListing, ...]
    findings: dict[str, CountryFinding]
    tip: dict[str, str]  # iso2 -> tier, only Tier 2 Watch List and Tier 3
    goods_edition: int
    findings_edition: int
    tip_edition: int
    goods_by_country: dict[str, tuple[GoodListing, ...]] = field(default_factory=dict, repr=False)
    editions: tuple[Edition, ...] = ()  # every table in force, bundled or loaded
    areas: tuple[AreaListing, ...] = ()
    entities: tuple[Entity, ...] = ()

    def __post_init__(self) -> None:
        index: dict[str, list[GoodListing]] = {}
        for listing in self.goods:
            index.setdefault(listing.iso2, []).append(listing)
        self.goods_by_country.update({k: tuple(v) for k, v in index.items()})


def rows(path: Path, columns: tuple[str, ...]):
    """Yield (line number, row) of a CSV that has at least `columns`, values trimmed and in NFC."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise RiskDataError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise RiskDataError(f"{path}: missing column(s) {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, {k: unicodedata.normalize("NFC", (row[k] or "").strip()) for k in columns}


def _newest(folder: Path, stem: str) -> tuple[Path, int]:
    """The `stem-YYYY.csv` in folder with the highest year."""
    found = [(int(m.group(1)), p) for p in folder.glob(f"{stem}-*.csv")
             if (m := re.fullmatch(rf"{re.escape(stem)}-(\d{{4}})\.csv", p.name))]
    if not found:
        raise RiskDataError(f"{folder}: no {stem}-YYYY.csv")
    year, path = max(found)
    return path, year


def _code(path: Path, line: int, code: str, countries: dict[str, str]) -> str:
    """A known ISO code, or RiskDataError at path:line."""
    if code not in countries:
        raise RiskDataError(f"{path}:{line}: unknown country code '{code}'")
    return code


def _flag(path: Path, line: int, row: dict, column: str) -> bool:
    """A Yes/No column as bool, or RiskDataError at path:line."""
    try:
        return _FLAGS[row[column]]
    except KeyError:
        raise RiskDataError(f"{path}:{line}: {column} must be Yes or No, not '{row[column]}'") from None


def load_countries(folder: Path) -> dict[str, str]:
    """iso2 -> name from folder/countries.csv."""
    path = folder / "countries.csv"
    countries: dict[str, str] = {}
    for line, row in rows(path, ("iso2", "name")):
        if not re.fullmatch(r"[A-Z]{2}", row["iso2"]) or not row["name"]:
            raise RiskDataError(f"{path}:{line}: expected a two-letter upper-case code and a name")
        countries[row["iso2"]] = row["name"]
    return countries


def load(folder: Path) -> RiskData:
    """Read and check every table in folder (the newest edition of each)."""
    countries = load_countries(folder)
    goods_path, goods_year = _newest(folder, "dol-goods")
    goods = []
    for line, row in rows(goods_path, ("good", "sector", "iso2", "child_labor", "forced_labor",
                                        "forced_child_labor", "derived", "derived_iso2")):
        derived = _flag(goods_path, line, row, "derived")
        if not row["good"]:
            raise RiskDataError(f"{goods_path}:{line}: empty good")
        # A downstream good whose inputs' country the source does not name stays listed as derived, with no
        # country of inputs (the 2024 edition's Cigarettes from Ukraine).
        derived_iso2 = row["derived_iso2"] and _code(goods_path, line, row["derived_iso2"], countries)
        goods.append(GoodListing(
            good=row["good"], sector=row["sector"], iso2=_code(goods_path, line, row["iso2"], countries),
            child_labour=_flag(goods_path, line, row, "child_labor"),
            forced_labour=_flag(goods_path, line, row, "forced_labor"),
            forced_child_labour=_flag(goods_path, line, row, "forced_child_labor"),
            derived_from=(derived_iso2 or None) if derived else None, derived=derived))
    findings_path, findings_year = _newest(folder, "dol-countries")
    findings = {}
    for line, row in rows(findings_path, ("iso2", "region", "advancement_level")):
        code = _code(findings_path, line, row["iso2"], countries)
        findings[code] = CountryFinding(code, row["region"], row["advancement_level"])
    tip_path, tip_year = _newest(folder, "tip-tiers")
    tip = {}
    for line, row in rows(tip_path, ("iso2", "tier")):
        if row["tier"] not in TIP_TIERS:
            raise RiskDataError(f"{tip_path}:{line}: tier must be one of {', '.join(TIP_TIERS)}, not '{row['tier']}'")
        tip[_code(tip_path, line, row["iso2"], countries)] = row["tier"]
    from fldd.risk.bundled import bundled_editions

    in_force = {(e.kind, e.file_name): e for e in bundled_editions(folder)}
    files = (("dol_goods", goods_path, len(goods)), ("dol_countries", findings_path, len(findings)),
             ("tip_tiers", tip_path, len(tip)))
    editions = tuple(dataclasses.replace(in_force[(kind, path.name)], rows=count)
                     if (kind, path.name) in in_force else
                     Edition(kind, path.stem, str(year), file_name=path.name, rows=count)
                     for (kind, path, count), year in zip(files, (goods_year, findings_year, tip_year)))
    return RiskData(countries, tuple(goods), findings, tip, goods_year, findings_year, tip_year, editions=editions)


def risk_folder() -> Path:
    """resources/risk/ of this installation."""
    from fldd.paths import resources_dir

    return resources_dir() / "risk"


@lru_cache(maxsize=1)
def risk_data() -> RiskData:
    """The shipped tables, read on first use and kept for the process."""
    return load(risk_folder())
