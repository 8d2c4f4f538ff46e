"""Benchmark: entity-list screening of 10,000 suppliers against 150 listed entities with three aliases each
(fictional names). Times the whole pass (read the names, compare, write the matches in one transaction), a
second pass that finds nothing new, and the screening of one supplier as adding or renaming it does. Prints a
table and appends it to benchmarks/results.md.

Run: .venv/bin/python benchmarks/bench_screening.py [--suppliers N] [--entities N] [--no-record]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import platform
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import fldd.usecases.risk_data as risk_data_module
from fldd.risk.data import Edition, Entity, risk_data
from fldd.store.clock import now
from fldd.usecases.context import open_context
from fldd.usecases.screening import screen_suppliers, screening_matches

RUNS = 3
RESULTS = Path(__file__).resolve().parent / "results.md"
PLACES = ("Kashgar", "Hetian", "Aksu", "Urumqi", "Turpan", "Korla", "Changji", "Yili", "Hami", "Shihezi")
SYLLABLES = ("ming", "tu", "hua", "ling", "xin", "da", "feng", "jin", "long", "yuan", "tai", "rui", "bao", "sheng")
KINDS = ("Textile", "Cotton", "Apparel", "Silicon", "Hair Products", "Trading", "Agricultural", "Knitting")
WORDS = ("Sunrise", "Golden", "Delta", "River", "Pacific", "Lotus", "Summit", "Green", "Star", "Harbour", "Royal",
         "United", "Eastern", "Silver", "Ocean", "Prime")
SUPPLIER_KINDS = ("Apparel", "Knitwear", "Textiles", "Foods", "Components", "Garments", "Seafood", "Exports")


def entities(count: int, rng: random.Random) -> tuple[Entity, ...]:
    out = []
    for i in range(count):
        brand = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).title()
        place, kind = rng.choice(PLACES), rng.choice(KINDS)
        out.append(Entity("Bench List", f"{place} {brand} {kind} Co., Ltd.",
                          (f"{brand} {kind} {place}", f"{place} {brand} Group", f"{brand}{i} 纺织有限公司"), "CN"))
    return tuple(out)


def build(path: Path, count: int, listed: tuple[Entity, ...], rng: random.Random) -> None:
    """count suppliers straight into the store; one in a hundred named after a listed alias."""
    ctx = open_context(path, user="bench")
    stamp = now()
    rows = []
    for i in range(count):
        if i % 100 == 0:
            name = rng.choice(rng.choice(listed).aliases[:2]) + " Ltd"
        else:
            name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(SUPPLIER_KINDS)} {i}"
        rows.append({"uid": str(uuid.uuid4()), "name": name, "country": "CN", "goods": "[]",
                     "created_at": stamp, "updated_at": stamp})
    with ctx.store.write() as db:
        db["suppliers"].insert_all(rows)
    ctx.close()


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--entities", type=int, default=150)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    rng = random.Random(11)
    listed = entities(args.entities, rng)
    data = dataclasses.replace(risk_data(), entities=listed,
                               editions=(Edition("entity_list", "Bench List", "2026-01"),))
    risk_data_module.current_risk_data = lambda ctx: data
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        first, again, one = [], [], []
        for run in range(RUNS):
            path = Path(folder) / f"bench{run}.sqlite3"
            build(path, args.suppliers, listed, rng)
            ctx = open_context(path, user="bench")
            first.append(timed(lambda: screen_suppliers(ctx)))
            found = len(screening_matches(ctx, status="pending"))
            again.append(timed(lambda: screen_suppliers(ctx)))
            one.append(timed(lambda: screen_suppliers(ctx, [args.suppliers // 2])))
            ctx.close()
    aliases = sum(len(e.aliases) for e in listed)
    lines.append(f"## Entity-list screening (issue 11): {args.suppliers:,} suppliers x {args.entities} entities "
                 f"({aliases} aliases), median of {RUNS}")
    lines.append("")
    lines.append(f"`benchmarks/bench_screening.py`, {dt.date.today().isoformat()}, {platform.machine()}, Python "
                 f"{platform.python_version()}. Possible matches found: {found}.")
    lines.append("")
    lines.append("| pass | s |")
    lines.append("|---|---:|")
    lines.append(f"| every supplier, first pass (matches written) | {statistics.median(first):.3f} |")
    lines.append(f"| every supplier again (nothing new) | {statistics.median(again):.3f} |")
    lines.append(f"| one supplier (as adding or renaming it does) | {statistics.median(one):.3f} |")
    text = "\n".join(lines)
    print(text)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text + "\n")


if __name__ == "__main__":
    main()
