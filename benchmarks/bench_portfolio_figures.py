"""Benchmark: the portfolio figures (usecases.portfolio_figures) over 10,000 suppliers and 100,000 assessments,
and the whole portfolio report (PDF and Excel) they go into, which must take under 3 s, with peak memory. Results are real ones (the demo
portfolio's, each stored whole, 6-45 kB) copied onto made-up suppliers and dates, written through the store's
import path; findings and actions through the store's functions, their steps dated by a stand-in clock.
Prints a table and appends it to benchmarks/results.md.

Run: .venv/bin/python benchmarks/bench_portfolio_figures.py [--db FILE] [--suppliers N] [--assessments N]
     [--no-record]   (--db keeps the built database and reuses it when it exists)
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from fldd.risk.inherent import inherent_risk
from fldd.store import assessments as store_assessments
from fldd.store import clock
from fldd.store import exchange as store_exchange
from fldd.store import findings as store_findings
from fldd.store import suppliers as store_suppliers
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.portfolio_figures import portfolio_figures
from fldd.usecases.report_portfolio import write_portfolio_report
from fldd.usecases.report_topics import topic_scope

RUNS = 5
GOAL_S = 3.0
TODAY = dt.date(2026, 11, 23)
FIRST_DAY = dt.date(2021, 12, 1)
PAST = {"since": "2025-01-01", "until": "2025-12-31"}  # a past year: statuses read from the actions' histories
COUNTRIES = ("BD", "VN", "MY", "TH", "IN", "PK", "CN", "TR", "ID", "PH", "MX", "BR", "ES", "PT", "IT", "PL", "GH",
             "CI", "ET", "KH")
GOODS = ("Garments", "Cotton", "Footwear", "Electronics", "Rubber Gloves", "Palm Fruit", "Shrimp", "Fish",
         "Textiles", "Leather Goods/Accessories", "Toys", "Coffee", "Cocoa", "Tomatoes", "Furniture")
RATINGS = {"low": 0.45, "medium": 0.25, "high": 0.2, "severe": 0.1}  # the mix of results in the portfolio
RESULTS = Path(__file__).resolve().parent / "results.md"


class Clock:
    """Stands in for the time module of fldd.store.clock: rows are stamped on the day being built."""

    strftime = staticmethod(time.strftime)
    gmtime = staticmethod(time.gmtime)
    day = TODAY

    def time(self) -> float:
        return float(calendar.timegm(self.day.timetuple()) + 9 * 3600)


def templates(folder: Path) -> dict[str, list[dict]]:
    """The demo portfolio's submitted results, by tier and rating: questionnaire, result, the answers to the
    grievance questions (the only answers the figures read) and the findings it raised."""
    ctx = open_context(folder / "demo.sqlite3", user="demo", role="buyer")
    ctx.today = lambda: TODAY
    build_demo(ctx)
    asked = topic_scope(ctx.standard, "grievance").questions
    out: dict[str, dict[str, list[dict]]] = {"desktop": {}, "onsite": {}}
    for row in store_assessments.list_rows(ctx.store):
        record = store_assessments.get(ctx.store, row["id"])
        if record.status == "draft" or not record.result:
            continue
        result = json.loads(record.result)
        answers = {q: (a.value, "") for q, a in store_assessments.answers(ctx.store, row["id"]).items()
                   if q in asked and a.value is not None}
        out[record.tier].setdefault(record.rating, []).append({
            "questionnaire": record.questionnaire_id, "version": record.questionnaire_version, "result": result,
            "answers": answers, "findings": [t for t in result["triggers"] if t["action"] == "finding"]})
    ctx.close()
    return out


def _counts(suppliers: int, assessments: int, rng: random.Random) -> list[int]:
    """Assessments per supplier, between 1 and twice the average, summing to `assessments`."""
    base, extra = divmod(assessments, suppliers)
    counts = [base + (i < extra) for i in range(suppliers)]
    for i in range(0, suppliers - 1, 2):
        shift = rng.randint(-(min(counts[i], counts[i + 1]) - 1), min(counts[i], counts[i + 1]) - 1)
        counts[i] += shift
        counts[i + 1] -= shift
    return counts


def build(path: Path, suppliers: int, assessments: int, seed: int = 11) -> dict:
    """The database: suppliers, their assessments over five years, findings and actions worked on as they age."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        kinds = templates(Path(folder))
    ctx = open_context(path, user="bench", role="buyer")
    stand_in = Clock()
    real_time, clock.time = clock.time, stand_in
    made = {"suppliers": suppliers, "assessments": assessments, "findings": 0, "steps": 0, "answers": 0}
    try:
        with ctx.store.write():  # one transaction; the store's own nest inside it as savepoints
            for number, count in enumerate(_counts(suppliers, assessments, rng)):
                country, goods = rng.choice(COUNTRIES), sorted(rng.sample(GOODS, rng.choice((1, 1, 2))))
                risk = inherent_risk(country, goods)
                stand_in.day = FIRST_DAY
                supplier_id = store_suppliers.add(ctx.store, {
                    "name": f"Supplier {number}", "country": country, "goods": goods, "sector": "",
                    "chain_tier": rng.choice((1, 1, 1, 2, 3)),
                    "status": rng.choice(("active",) * 8 + ("onboarding", "suspended")),
                    "inherent_score": risk.score, "inherent_level": risk.level})
                days = sorted(FIRST_DAY + dt.timedelta(days=rng.randint(0, (TODAY - FIRST_DAY).days))
                              for _ in range(count))
                for index, day in enumerate(days):
                    draft = index == count - 1 and rng.random() < 0.08
                    made_now = _assessment(ctx, supplier_id, day, draft, kinds, rng, stand_in)
                    for key, n in zip(("findings", "steps", "answers"), made_now):
                        made[key] += n
    finally:
        clock.time = real_time
        ctx.close()
    return made


def _assessment(ctx, supplier_id: int, day: dt.date, draft: bool, kinds, rng,
                stand_in) -> tuple[int, int, int]:
    """One assessment from a template, dated `day`; its findings' actions moved along as a site would. (findings,
    action steps, answers) made."""
    tier = "onsite" if rng.random() < 0.2 else "desktop"
    ratings = [r for r in RATINGS if r in kinds[tier]]  # the demo's on-site results are all severe
    kind = rng.choice(kinds[tier][rng.choices(ratings, [RATINGS[r] for r in ratings])[0]])
    stand_in.day = day
    assessment_id = store_exchange.create_assessment(
        ctx.store, uid=f"bench-{supplier_id}-{day.isoformat()}-{rng.getrandbits(32)}", supplier_id=supplier_id,
        questionnaire_id=kind["questionnaire"], version=kind["version"], tier=tier, assessor="", language="en",
        source="workbook")
    store_exchange.put_answers(ctx.store, assessment_id, kind["answers"], who="bench", source="workbook")
    valid = dt.timedelta(days=730 if tier == "onsite" else 365)
    result = {**kind["result"], "as_of": None if draft else day.isoformat(),
              "expires": None if draft else (day + valid).isoformat()}
    store_exchange.settle(ctx.store, assessment_id, "draft" if draft else "submitted", result)
    if draft:
        return 0, 0, len(kind["answers"])
    status = rng.choice(("submitted", "under_review", "closed", "closed", "closed"))
    if status != "submitted":
        store_assessments.set_status(ctx.store, assessment_id, "under_review")
    if status == "closed":
        store_assessments.set_status(ctx.store, assessment_id, "closed")
    steps = 0
    with ctx.store.write() as db:
        actions = []
        raised = kind["findings"]  # the demo's sites are risky ones: a portfolio's mostly raise a few
        for trigger in rng.sample(raised, min(len(raised), rng.choice((0, 1, 2, 3, 4, 6, 8)))):
            plan = trigger["plan_days"] or 30
            closure = trigger["closure_days"]
            finding_id = store_findings.add_finding(
                db, assessment_id, severity=trigger["severity"], title=trigger["title"], due_days=plan,
                source="trigger", threshold_id=trigger["id"], fact=trigger["fact"], closure_days=closure)
            actions.append(store_findings.add_action(
                db, finding_id, description=trigger["title"], due_date=(day + dt.timedelta(days=plan)).isoformat(),
                closure_date=(day + dt.timedelta(days=closure)).isoformat() if closure else None))
    age = (TODAY - day).days
    for action_id in actions:
        for status, after in _fate(age, rng):
            stand_in.day = min(day + dt.timedelta(days=after), TODAY)
            store_findings.set_action_status(ctx.store, action_id, status, who="site", note="bench")
            steps += 1
    return len(actions), steps, len(kind["answers"])


def _fate(age: int, rng: random.Random) -> list[tuple[str, int]]:
    """The steps an action took, as (status, days after the finding): old ones mostly verified."""
    roll = rng.random()
    done = rng.randint(10, 120)
    if age > 180 and roll < 0.85:
        return [("done", done), ("verified", done + rng.randint(5, 60))]
    if age > 60 and roll < 0.6:
        return [("in_progress", rng.randint(3, 20)), ("done", done)]
    if roll < 0.4:
        return [("in_progress", rng.randint(1, max(1, min(age, 20))))]
    return []


def _hwm_kb() -> int:
    """This process's peak resident set (VmHWM), kB."""
    line = next(x for x in Path("/proc/self/status").read_text().splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1])


def child(path: str) -> None:
    """In a fresh process, with the database open and the standard loaded (as in the app): its resident set,
    then its peak resident set during one call of the figures and during the whole PDF report, the peak reset
    before each (Linux: /proc/self/clear_refs), printed as JSON."""
    ctx = open_context(path, user="bench", role="buyer")
    ctx.today = lambda: TODAY
    _ = ctx.standard
    out = {}
    for name, step in (("figures", lambda: portfolio_figures(ctx)),
                       ("report", lambda: write_portfolio_report(ctx, Path(folder) / "portfolio.pdf"))):
        with tempfile.TemporaryDirectory() as folder:
            Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from the present size
            out[f"{name}_from_kb"] = _hwm_kb()
            start = time.perf_counter()
            step()
            out[f"{name}_s"] = time.perf_counter() - start
            out[f"{name}_peak_kb"] = _hwm_kb()
    ctx.close()
    print(json.dumps(out))


def measure(path: Path) -> dict:
    """Median seconds of the figures for the last twelve months and for a past year, Python's peak allocation
    (tracemalloc) during one call, and the peak resident set of a fresh process making one call."""
    ctx = open_context(path, user="bench", role="buyer")
    ctx.today = lambda: TODAY
    out = {}
    for name, period in (("last twelve months (statuses as today)", {}), ("2025 (statuses from the histories)", PAST)):
        samples = []
        for _ in range(RUNS):
            start = time.perf_counter()
            figures = portfolio_figures(ctx, **period)
            samples.append(time.perf_counter() - start)
        out[name] = (statistics.median(samples), min(samples), max(samples))
    tracemalloc.start()
    portfolio_figures(ctx)
    out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    out["kpis"] = figures["kpis"]
    with tempfile.TemporaryDirectory() as folder:  # the whole report, figures included, as `fldd report portfolio`
        for suffix in (".pdf", ".xlsx"):
            samples = []
            for run in range(3):
                start = time.perf_counter()
                written = write_portfolio_report(ctx, Path(folder) / f"portfolio-{run}{suffix}")
                samples.append(time.perf_counter() - start)
            out[f"whole report, {suffix[1:].upper()} ({written.stat().st_size // 1024} kB), 3 runs"] = (
                statistics.median(samples), min(samples), max(samples))
    ctx.close()
    done = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    out["child"] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def machine() -> str:
    """nproc, the CPU model, Python and the load on this shared machine, for the heading."""
    models = [line.partition(":")[2].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
              if line.startswith("model name")]
    nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.machine()}, nproc {nproc}, {models[0] if models else 'unknown CPU'}, Python "
            f"{platform.python_version()}, load average {load} at the end")


def report(path: Path, shape: dict, m: dict) -> str:
    lines = [f"## Portfolio figures, {shape['suppliers']:,} suppliers and {shape['assessments']:,} assessments", "",
             f"{dt.date.today().isoformat()} · {machine()} · `benchmarks/bench_portfolio_figures.py` · median of "
             f"{RUNS} runs in one process (the database in the OS file cache, as after any use of the app)", "",
             f"Database: {path.stat().st_size / 2**30:.2f} GB, {shape['findings']:,} findings with their corrective "
             f"actions ({shape['steps']:,} status steps), {shape['answers']:,} answers (only the grievance questions "
             f"the figures read; every result stored whole, 6-45 kB); built through the store in "
             f"{shape['build_s'] / 60:.1f} min.", "",
             "| what | median s | min | max |", "|---|---:|---:|---:|"]
    for name, value in m.items():
        if isinstance(value, tuple):
            what = name if name.startswith("whole report") else f"portfolio_figures, {name}"
            lines.append(f"| {what} | {value[0]:.2f} | {value[1]:.2f} | {value[2]:.2f} |")
    c = m["child"]
    lines += ["", f"Peak memory: Python allocations during one call of the figures (tracemalloc) "
              f"{m['tracemalloc_peak_mb']:.1f} MB. A fresh process with the database open and the standard loaded: "
              f"resident {c['figures_from_kb'] / 1024:.0f} MB, peak {c['figures_peak_kb'] / 1024:.0f} MB during "
              f"its first call of the figures ({c['figures_s']:.2f} s), peak {c['report_peak_kb'] / 1024:.0f} MB "
              f"during the whole PDF report after it ({c['report_s']:.2f} s).", "",
              f"Goal: the portfolio report under {GOAL_S:.0f} s: "
              + ("met." if all(v[0] < GOAL_S for v in m.values() if isinstance(v, tuple)) else "NOT met."), ""]
    return "\n".join(lines)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="keep the database here (reused when it exists)")
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.sqlite3"
        made = path.with_suffix(".json")  # what the build made, kept beside a reused database
        if not path.exists():
            start = time.perf_counter()
            shape = build(path, args.suppliers, args.assessments)
            shape["build_s"] = time.perf_counter() - start
            made.write_text(json.dumps(shape), encoding="utf-8")
            print(f"built {path} in {shape['build_s']:.0f} s", flush=True)
        shape = json.loads(made.read_text(encoding="utf-8"))
        measured = measure(path)
        text = report(path, shape, measured)
    print(text)
    print(json.dumps(measured["kpis"]))
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(("\n" if RESULTS.exists() and RESULTS.stat().st_size else "") + text)


if __name__ == "__main__":
    main()
