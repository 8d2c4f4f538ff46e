"""Benchmark: recomputing and storing every supplier's inherent risk (fldd.usecases.inherent.refresh_inherent)
on 10,000 suppliers, as after loading a new edition of a risk table, and the check ensure_current makes each
time the app opens a database. Goal: a few seconds at most for the refresh. Prints a table and appends it to
benchmarks/results.md.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_inherent.py [--suppliers N] [--no-record]
"""

from __future__ import annotations

import argparse
import json
import datetime as dt
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_register import COUNTRIES, RESULTS, build  # noqa: E402

from fldd.usecases.context import open_context  # noqa: E402
from fldd.usecases.inherent import ensure_current, refresh_inherent  # noqa: E402

RUNS = 3
ORIGINS = ("NP", "BD", "MM", "KH", "ID", "PH", "IN", "VN", "LA", "KP")
MATERIALS = ("Cotton", "Palm Fruit", "Rubber", "Cocoa", "Gold", "Polysilicon", "Timber", "Leather")


def _forget(ctx) -> None:
    """Every stored risk as if computed with another edition (what loading one leaves behind)."""
    with ctx.store.write() as db:
        db.execute("UPDATE suppliers SET inherent_editions = 'older', inherent_factors = NULL")


def _profiles(ctx, seed: int = 11) -> None:
    """Corridors and raw-material origins on half the suppliers, so most profiles differ."""
    rng = random.Random(seed)
    with ctx.store.write() as db:
        ids = [r[0] for r in db.execute("SELECT id FROM suppliers")]
        rows = []
        for sid in ids:
            if rng.random() < 0.5:
                corridors = rng.sample(ORIGINS, rng.randint(1, 3))
                materials = [{"material": rng.choice(MATERIALS), "country": rng.choice(COUNTRIES)}
                             for _ in range(rng.randint(0, 2))]
                rows.append((json.dumps(corridors), json.dumps(materials), sid))
        db.conn.executemany("UPDATE suppliers SET corridors = ?, materials = ? WHERE id = ?", rows)


def timed(action, before) -> float:
    samples = []
    for _ in range(RUNS):
        before()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "bench.sqlite3", user="bench", role="buyer")
        build(ctx, args.suppliers)
        results = [("refresh all, country x goods only", timed(lambda: refresh_inherent(ctx), lambda: _forget(ctx)))]
        _profiles(ctx)
        results.append(("refresh all, half with corridors and materials",
                        timed(lambda: refresh_inherent(ctx), lambda: _forget(ctx))))
        results.append(("ensure_current, all stale", timed(lambda: ensure_current(ctx), lambda: _forget(ctx))))
        results.append(("ensure_current, nothing stale (each app start)",
                        timed(lambda: ensure_current(ctx), lambda: None)))
        with ctx.store.read() as db:
            distinct = db.execute("SELECT count(DISTINCT country || goods || corridors || materials) "
                                  "FROM suppliers").fetchone()[0]
        ctx.close()
    lines = [f"## Inherent risk refresh: {args.suppliers:,} suppliers ({distinct:,} distinct profiles), median of "
             f"{RUNS} runs", "",
             f"`benchmarks/bench_inherent.py`, {dt.date.today()}, {platform.machine()}, Python "
             f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}.", "",
             "| what | s |", "|---|---:|"]
    lines += [f"| {what} | {s:.2f} |" for what, s in results]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
