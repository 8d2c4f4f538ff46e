"""The risk tables in force for a database: the editions fldd ships, replaced by any newer edition the buyer
loaded (kept in the database, so a backup carries them), and loading one from CSV or Excel.

Keeping supplier risk honest across a crash: the editions in force have a stamp (risk_stamp). After a load or a
withdrawal, the suppliers' inherent risk is recomputed and their names re-screened, and only then is the stamp
they were computed with stored (setting RISK_STAMP_SETTING). An edition committed but never followed by a
refresh (the process died between) leaves the two stamps different: risk_refresh_pending says so, the risk-data
screen shows it, and refresh_if_pending (called when the app or a risk command opens a database) finishes the job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

from fldd.risk.data import KINDS, Edition, RiskData, risk_data
from fldd.risk.in_force import LISTS, SINGLE, combine
from fldd.store import risk_editions as store_editions
from fldd.store import settings
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

RISK_STAMP_SETTING = "risk_stamp"  # the stamp of the editions the stored supplier risk was computed with
DEFAULT_NAMES = {
    "dol_goods": "US DOL List of Goods Produced by Child Labor or Forced Labor",
    "dol_countries": "US DOL Findings on the Worst Forms of Child Labor",
    "tip_tiers": "US State Department Trafficking in Persons Report, tier placements",
    "eu_flr": "EU Forced Labour Regulation database of risk areas and products",
    "entity_list": "US UFLPA Entity List",
    "own_list": "Own high-risk list",
}
KIND_WORDS = {"dol_goods": "DOL List of Goods", "dol_countries": "DOL country findings",
              "tip_tiers": "TIP report tiers", "eu_flr": "EU FLR risk areas and products",
              "entity_list": "entity list", "own_list": "own high-risk list"}
MAX_SHOWN = 60  # refusal messages shown (the parser caps its own at 50, plus the line that says so)

_cache: dict[str, tuple[tuple, RiskData, list[Edition]]] = {}


def current_risk_data(ctx: AppContext) -> RiskData:
    """Every table in force for this database (bundled, or the newest edition loaded of each), cached until an
    edition is loaded or withdrawn (by this process or another: one small query tells)."""
    return _state(ctx)[1]


def risk_editions(ctx: AppContext, *, include_replaced: bool = False) -> list[Edition]:
    """The editions in force (and, when asked, after them the ones a later load replaced or the buyer withdrew,
    newest first), for the About box, reports and the risk-data screen."""
    _, data, others = _state(ctx)
    return list(data.editions) + (others if include_replaced else [])


def _state(ctx: AppContext) -> tuple[tuple, RiskData, list[Edition]]:
    key = str(ctx.store.path)
    generation = store_editions.generation(ctx.store)
    cached = _cache.get(key)
    if cached and cached[0] == generation:
        return cached
    shipped = risk_data()
    records = store_editions.editions(ctx.store)
    in_force = _in_force(records)
    rows = store_editions.rows_of(ctx.store, [r["id"] for r in in_force])
    data = combine(shipped, [(_edition(r), rows[r["id"]]) for r in in_force])
    force_ids = {r["id"] for r in in_force}
    others = [_edition(r) for r in reversed(records) if r["id"] not in force_ids]
    shipped_in_force = {e.file_name for e in data.editions if e.loaded_at is None}
    others += [e for e in _shipped_editions(shipped) if e.file_name not in shipped_in_force]
    _cache[key] = (generation, data, others)
    return _cache[key]


def _in_force(records: list[dict]) -> list[dict]:
    """The loaded editions in force, in load order: per kind for the single tables, per list for the others."""
    latest: dict[tuple[str, str], dict] = {}
    for r in records:
        if r["withdrawn_at"] is None:
            latest[(r["kind"], "" if r["kind"] in SINGLE else r["list_name"])] = r
    return sorted(latest.values(), key=lambda r: r["id"])


def _shipped_editions(shipped: RiskData) -> list[Edition]:
    """Every bundled edition (those in force and those the shipped files replace)."""
    from fldd.risk.bundled import bundled_editions
    from fldd.risk.data import risk_folder

    in_force = {e.file_name: e for e in shipped.editions}
    return [in_force.get(e.file_name, e) for e in bundled_editions(risk_folder())]


def basis_lines(edition: Edition) -> list[str]:
    """For a partial edition (the shipped DOL 2024 reconstruction), which countries' rows were not checked against
    the publisher's edition and how they were obtained, and which countries it lacks: one line per kind of basis,
    for the risk-data screen and `fldd risk editions`. [] for an edition taken as the publisher's own."""
    from fldd.risk.countries import country_name

    by_words: dict[str, list[str]] = {}
    for code, words in edition.caveats:
        by_words.setdefault(words, []).append(country_name(code))
    lines = [f"{', '.join(sorted(names, key=str.casefold))}: "
             + words.replace("{country}'s ", "").replace("{country}", "the country")
             for words, names in by_words.items()]
    if edition.missing:
        lines.append(f"{', '.join(sorted((country_name(c) for c in edition.missing), key=str.casefold))}: listed "
                     "by the publisher, no rows in this edition (their goods cannot be checked)")
    return lines


def _edition(r: dict) -> Edition:
    words = "withdrawn" if r["withdrawn_at"] else ""
    note = r["note"] + (f" Withdrawn {r['withdrawn_at']} by {r['withdrawn_by']}"
                        + (f": {r['withdrawn_reason']}" if r["withdrawn_reason"] else "") if words else "")
    return Edition(kind=r["kind"], name=r["list_name"], edition=r["edition"], published=r["published"],
                   source=r["source"], complete=bool(r["complete"]), note=note.strip(), loaded_at=r["loaded_at"],
                   loaded_by=r["loaded_by"], file_name=r["file_name"], rows=r["row_count"])


def risk_stamp(ctx: AppContext) -> str:
    """A short fingerprint of the editions in force: what supplier risk computed now rests on."""
    text = "|".join(f"{e.kind}:{e.name}:{e.edition}:{e.loaded_at or 'shipped'}:{e.file_name}:{e.rows}"
                    for e in risk_editions(ctx))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def risk_refresh_pending(ctx: AppContext) -> bool:
    """True when the suppliers' stored risk was computed with other editions than those in force now (an edition
    loaded or withdrawn and the refresh after it not finished). A database that never loaded an edition has no
    stamp: its suppliers' risk was computed with the shipped tables (the inherent-risk migration and each change
    to a supplier compute it so)."""
    stored = settings.get(ctx.store, RISK_STAMP_SETTING)
    if not stored:
        return bool(store_editions.generation(ctx.store)[0])
    return stored != risk_stamp(ctx)


def refresh_after_change(ctx: AppContext) -> int:
    """Recompute every supplier's inherent risk and re-screen every name with the data in force, then record the
    stamp they now rest on; returns how many suppliers' inherent risk changed."""
    from fldd.usecases.inherent import refresh_inherent
    from fldd.usecases.screening import screen_suppliers

    stamp = risk_stamp(ctx)
    screen_suppliers(ctx)
    changed = refresh_inherent(ctx)
    settings.put(ctx.store, RISK_STAMP_SETTING, stamp)
    return changed


def refresh_if_pending(ctx: AppContext) -> bool:
    """Finish a refresh a crash interrupted (see the module docstring); True when one was run."""
    if not risk_refresh_pending(ctx):
        return False
    refresh_after_change(ctx)
    return True


class FewerRows(Rejected):
    """A DOL or TIP table with fewer than half the rows of the one in force: refused unless the person says it is
    the whole list (fewer_rows=True), since a cut-off export would otherwise lower every supplier's risk."""


def make_risk_current(ctx: AppContext) -> None:
    """What every opening of a database for work runs first: finish a refresh an interrupted load or withdrawal
    left (re-screening included), then recompute any supplier rated with other editions or rules than those in
    force, so no screen or command shows a risk computed on data no longer in force."""
    from fldd.usecases.inherent import ensure_current

    refresh_if_pending(ctx)
    ensure_current(ctx)


@dataclasses.dataclass(frozen=True)
class Loaded:
    """What a load did, for the person who asked: the edition now in force, and what changed."""

    edition: Edition
    replaced: Edition | None
    suppliers_changed: int
    unchanged: bool = False  # the same file was already in force: nothing was written
    combined: int = 0  # rows folded into another row for the same listing

    def summary(self) -> str:
        """'US DOL List of Goods ... 2025 edition: 530 listings, replacing the 2024 edition (partial
        reconstruction); inherent risk changed for 14 suppliers'."""
        e = self.edition
        head = f"{e.name}, {e.shown()}: {e.rows} {'row' if e.rows == 1 else 'rows'}"
        if self.unchanged:
            return f"{head}; this file is already the edition in force: nothing changed"
        if self.replaced:
            head += f", replacing the {self.replaced.shown()}"
            if self.replaced.rows >= 10 and e.rows * 2 < self.replaced.rows:
                head += f", which had {self.replaced.rows} rows (check this file holds the whole list)"
        return f"{head}; inherent risk changed for {self.suppliers_changed} " \
               f"supplier{'' if self.suppliers_changed == 1 else 's'}"


def load_risk_file(ctx: AppContext, kind: str, path: Path, *, list_name: str | None = None,
                   edition: str | None = None, published: str | None = None, older: bool = False,
                   fewer_rows: bool = False) -> Edition:
    """Read a CSV or Excel file of one KIND, check every row, and put it in force in one transaction: the
    suppliers' inherent risk is recomputed and their names re-screened in it. Rejected (naming file, sheet,
    row and column) for a malformed file, and then nothing changes."""
    return load_risk_edition(ctx, kind, path, list_name=list_name, edition=edition, published=published,
                             older=older, fewer_rows=fewer_rows).edition


def load_risk_edition(ctx: AppContext, kind: str, path: Path, *, list_name: str | None = None,
                      edition: str | None = None, published: str | None = None, source: str = "",
                      note: str = "", complete: bool = True, older: bool = False,
                      fewer_rows: bool = False) -> Loaded:
    """load_risk_file, telling what changed (for the CLI and the risk-data screen)."""
    from fldd.exchange.risk_file import Unreadable, read_risk_file
    from fldd.risk.edition_rows import parse

    path = Path(path)
    if kind not in KINDS:
        raise Rejected([f"unknown kind '{kind}': one of {', '.join(KINDS)}"])
    name = " ".join((list_name or DEFAULT_NAMES[kind]).split())
    edition = " ".join((edition or _year_in(path.name) or "").split())
    problems = [] if edition else [f"{path.name}: say which edition this is (e.g. 2025): the file name names no "
                                   "year"]
    if published:
        try:
            published = dt.date.fromisoformat(published.strip()).isoformat()
        except ValueError:
            problems.append(f"published '{published}' is not a date (write it as YYYY-MM-DD)")
    if problems:
        raise Rejected(problems)
    try:
        read = read_risk_file(path)
    except Unreadable as exc:
        raise Rejected([f"{path.name}: {i.where() + ': ' if i.where() else ''}{i.message}" for i in exc.issues]) \
            from None
    parsed = parse(kind, [(s.name, s.rows) for s in read.sheets])
    if parsed.problems:
        raise Rejected([f"{path.name}: {p.where() + ': ' if p.where() else ''}{p.message}"
                        for p in parsed.problems][:MAX_SHOWN])
    before = {(e.kind, e.name if e.kind in LISTS else ""): e for e in risk_editions(ctx)}
    key = (kind, name if kind in LISTS else "")
    current = before.get(key)
    if current and not older and _year_key(edition) < _year_key(current.edition):
        raise Rejected([f"{path.name}: the {edition} edition is older than the {current.shown()} in force; fldd keeps "
                        "the newest edition in force (to go back to an older one on purpose, load it with --older)"])
    if current and kind in SINGLE and not fewer_rows and current.rows >= 10 and len(parsed.rows) * 2 < current.rows:
        raise FewerRows([f"{path.name}: {len(parsed.rows)} {'row' if len(parsed.rows) == 1 else 'rows'} where the "
                        f"{current.shown()} in force has {current.rows}: a published list does not shrink by half "
                        "from one edition to the next, so this looks like part of the list or another file; nothing "
                        "changed (if it is the whole list, load it with --fewer-rows)"])
    if current and current.loaded_at and current.file_name == path.name and current.edition == edition \
            and _sha_in_force(ctx, kind, name) == read.sha256:
        return Loaded(current, None, 0, unchanged=True, combined=parsed.combined)
    words = source or f"loaded from {path.name} by {ctx.user}"
    store_editions.add_edition(ctx.store, {
        "kind": kind, "list_name": name, "edition": edition, "published": published or None, "source": words,
        "complete": complete, "note": note, "file_name": path.name, "sha256": read.sha256, "loaded_by": ctx.user,
    }, parsed.rows)
    now = next(e for e in risk_editions(ctx) if e.kind == kind and (kind in SINGLE or e.name == name))
    changed = refresh_after_change(ctx)
    return Loaded(now, current, changed, combined=parsed.combined)


def _sha_in_force(ctx: AppContext, kind: str, name: str) -> str | None:
    records = _in_force(store_editions.editions(ctx.store))
    found = [r for r in records if r["kind"] == kind and (kind in SINGLE or r["list_name"] == name)]
    return found[-1]["sha256"] if found else None


def _year_key(edition: str) -> str:
    """What editions are ordered by: their year (and month) as written, '2024' before '2024-03' before '2025'."""
    match = re.match(r"\s*((?:19|20)\d{2}(?:-\d{2})?)", edition or "")
    return match.group(1) if match else ""


def _year_in(file_name: str) -> str | None:
    match = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", file_name)
    return match.group(0) if match else None


def withdraw_list(ctx: AppContext, kind: str, list_name: str, *, reason: str = "") -> int:
    """Take a list the buyer no longer wants out of force (an EU FLR, entity or own list; kept in the database
    and shown as withdrawn); supplier risk follows. Rejected for the DOL and TIP tables (load a newer edition
    instead) and for a list that is not in force."""
    if kind not in LISTS:
        raise Rejected([f"{KIND_WORDS.get(kind, kind)} cannot be withdrawn: fldd always needs one edition of it; "
                        "load a newer edition instead"])
    count = store_editions.withdraw(ctx.store, kind, list_name, by=ctx.user, reason=reason.strip())
    if not count:
        names = [e.name for e in risk_editions(ctx) if e.kind == kind]
        raise Rejected([f"no {KIND_WORDS[kind]} named '{list_name}' is in force"
                        + (f" (in force: {', '.join(names)})" if names else "")])
    refresh_after_change(ctx)
    return count
