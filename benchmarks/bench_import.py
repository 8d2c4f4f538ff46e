"""Benchmark: bulk import of completed workbooks, against merely reading the same files with python-calamine.

Builds a database of N suppliers, each with a completed desktop assessment (the demo's answer generator),
exports every assessment as a prefilled workbook, then imports the folder into copies of the database as it
was before the assessments existed (so each file creates its assessment, as a first return does). Reports
workbooks per second for `import_paths` and for the bare read (open + every sheet's values), and their ratio
(aim: import within 2x of the bare read); appends the figures to benchmarks/results.md.

Also imports them saved again by LibreOffice (as suppliers using it return them), when
LibreOffice is installed.

Run: .venv/bin/python benchmarks/bench_import.py [--files N] [--runs R] [--libreoffice N] [--no-record] [--profile]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from fldd.store import exchange as store_exchange
from fldd.store.connection import backup
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.demo import _fill  # the demo's believable answers, visible questions only
from fldd.usecases.exchange import export_workbook, import_paths, workbook_secret
from fldd.usecases.suppliers import add_supplier

RESULTS = Path(__file__).resolve().parent / "results.md"
TODAY = dt.date(2026, 11, 23)
COUNTRIES = ("BD", "VN", "MY", "TH", "IN", "PK", "CN", "TR", "ID", "PH")
GOODS = ("Garments", "Electronics", "Rubber Gloves", "Shrimp", "Cotton", "Footwear")


def build(folder: Path, files: int) -> tuple[Path, Path]:
    """The database before any return (suppliers and the signing key) and a folder of completed workbooks."""
    db = folder / "before.sqlite3"
    ctx = open_context(db, user="bench")
    ctx.today = lambda: TODAY
    rng = random.Random(7)
    with ctx.store.write():
        ids = [add_supplier(ctx, f"Supplier {n:04d} {rng.choice(GOODS)}", rng.choice(COUNTRIES),
                            goods=[rng.choice(GOODS)]) for n in range(files)]
    workbook_secret(ctx, create=True)
    before = backup(ctx.store, folder / "clean.sqlite3")
    books = folder / "returned"
    books.mkdir()
    started = time.perf_counter()
    for n, supplier_id in enumerate(ids):
        with ctx.store.write():
            assessment_id = start_assessment(ctx, supplier_id, "fldd-desktop")
            _fill(ctx, assessment_id, rng.randrange(4), rng)
        export_workbook(ctx, supplier_id, "fldd-desktop", books / f"supplier-{n:04d}.xlsx",
                        assessment_id=assessment_id)
        if n % 100 == 99:
            print(f"  exported {n + 1} workbooks ({time.perf_counter() - started:.0f} s)", flush=True)
    ctx.close()
    return before, books


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children (the import's worker processes)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def time_import(before: Path, books: Path, work: Path, workers: int | None = None) -> tuple[float, float, list]:
    """Seconds (wall, CPU) to import the folder into a fresh copy of the database; the reports. workers=1: all
    in this process; None: as shipped (worker processes read, check and score, one per core up to MAX_WORKERS).
    """
    from fldd.usecases import workbook_reading

    shipped = workbook_reading.MAX_WORKERS
    workbook_reading.MAX_WORKERS = workers or shipped
    db = work / "import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(before, db)
    ctx = open_context(db, user="bench")
    ctx.today = lambda: TODAY
    started, cpu = time.perf_counter(), _cpu()
    reports = import_paths(ctx, [books])
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    assert store_exchange.imports(ctx.store, limit=1)
    ctx.close()
    workbook_reading.MAX_WORKERS = shipped
    return elapsed, cpu, reports


def time_bare_read(books: Path) -> tuple[float, float]:
    """Seconds (wall, CPU) to open every workbook with python-calamine and read every sheet's values."""
    from python_calamine import CalamineWorkbook

    paths = sorted(books.glob("*.xlsx"))
    started, cpu = time.perf_counter(), _cpu()
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()
    return time.perf_counter() - started, _cpu() - cpu


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "-"
    return (f"{platform.machine()}, {os.cpu_count()} cores (nproc), {model or platform.processor() or 'CPU ?'}, "
            f"Python {platform.python_version()}, load average {load} at the end")


def libreoffice_copies(books: Path, target: Path, count: int) -> Path:
    """The first `count` workbooks saved again by LibreOffice (headless), as a supplier using it returns them:
    shared strings and LibreOffice's own styles instead of openpyxl's inline strings. Kept in `target`."""
    target.mkdir(exist_ok=True)
    wanted = sorted(books.glob("*.xlsx"))[:count]
    while todo := [p for p in wanted if not (target / p.name).exists()]:
        print(f"saving {len(todo)} workbooks again with LibreOffice (about a second each) ...", flush=True)
        # In batches: a long run of soffice has been seen to stop part way without an error.
        profile = f"-env:UserInstallation={(target / 'profile').as_uri()}"
        subprocess.run(["soffice", "--headless", "--norestore", profile, "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", str(target), *map(str, todo[:100])], check=True, stdout=subprocess.DEVNULL)
        if not (target / todo[0].name).exists():
            raise RuntimeError(f"LibreOffice did not save {todo[0].name}")
    return target


def measure(label: str, before: Path, books: Path, work: Path, runs: int) -> list[str]:
    """Interleaved runs of the bare read and both ways of importing the folder; the results as markdown."""
    count = len(list(books.glob("*.xlsx")))
    size = sum(p.stat().st_size for p in books.glob("*.xlsx")) / count / 1024
    time_bare_read(books)  # warm the page cache and the imports
    bare, shipped, single = [], [], []
    for run in range(runs):  # interleaved, so that a busy moment of a shared machine hits all three alike
        bare.append(time_bare_read(books))
        for how, workers, times in (("worker processes", None, shipped), ("one process", 1, single)):
            elapsed, cpu, reports = time_import(before, books, work, workers)
            outcomes = {r.outcome for r in reports}
            assert outcomes <= {"accepted", "accepted_incomplete"}, [str(e) for r in reports for e in r.errors][:5]
            times.append((elapsed, cpu))
            print(f"  run {run + 1}: import ({how}) {elapsed:.2f} s, CPU {cpu:.2f} s "
                  f"({count / elapsed:.0f} workbooks/s)")
        print(f"  run {run + 1}: bare read {bare[-1][0]:.2f} s, CPU {bare[-1][1]:.2f} s")
    (bare_s, bare_cpu), (import_s, import_cpu), (single_s, single_cpu) = (
        (statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in (bare, shipped, single))
    from fldd.usecases.workbook_reading import MAX_WORKERS

    workers = min(MAX_WORKERS, os.cpu_count() or 1)

    def row(what: str, wall: float, cpu: float) -> str:
        return (f"| {what} | {wall:.2f} | {count / wall:,.0f} | {wall / bare_s:.2f} | {cpu / count * 1000:.1f} | "
                f"{cpu / bare_cpu:.2f} |")

    return [
        f"### {label}: {count:,} workbooks of {size:.0f} KB average",
        "",
        "| what | wall s | workbooks per second | wall / bare read | CPU ms per workbook | CPU / bare read |",
        "|---|---:|---:|---:|---:|---:|",
        row("bare read: python-calamine, open + every sheet's values, one process", bare_s, bare_cpu),
        row(f"`import_paths` as shipped ({workers} worker processes + the importing one)", import_s, import_cpu),
        row("`import_paths` in one process", single_s, single_cpu),
        "",
        f"Aim (import within 2x of the bare read, wall time): {'met' if import_s <= 2 * bare_s else 'not met'} "
        f"({import_s / bare_s:.2f}x).",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--libreoffice", type=int, default=1000, metavar="N",
                        help="also import the first N workbooks saved again by LibreOffice (0: skip; converting "
                             "takes about a second per workbook, once: they are kept with --keep)")
    parser.add_argument("--no-record", action="store_true", help="print only; do not append to results.md")
    parser.add_argument("--profile", action="store_true", help="profile one import run (top 30 by own time)")
    parser.add_argument("--keep", type=Path, help="build into (and reuse) this folder")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="fldd-bench-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "clean.sqlite3").exists() and (folder / "returned").is_dir():
        before, books = folder / "clean.sqlite3", folder / "returned"
        print(f"reusing {folder}")
    else:
        print(f"building {args.files} completed workbooks in {folder} ...")
        started = time.perf_counter()
        before, books = build(folder, args.files)
        print(f"built in {time.perf_counter() - started:.0f} s")

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        time_import(before, books, folder)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return 0

    lines = [
        f"## Bulk workbook import, {len(list(books.glob('*.xlsx'))):,} files",
        "",
        f"{dt.date.today().isoformat()} · {machine()} · median of {args.runs} interleaved runs · "
        "fldd-desktop (117 questions), completed answers; each file creates its assessment (checked, scored, "
        "findings raised, one transaction, logged) · `benchmarks/bench_import.py`",
        "",
    ]
    lines += measure("As fldd wrote them (openpyxl: inline strings, the worst case for the guards)", before,
                     books, folder, args.runs)
    if args.libreoffice and shutil.which("soffice"):
        saved = libreoffice_copies(books, folder / "returned-lo", args.libreoffice)
        lines += measure("Saved again by LibreOffice, as a supplier returns them", before, saved, folder,
                         args.runs)
    print("\n".join(lines))
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(lines))
        print(f"appended to {RESULTS}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
