"""Loading a large risk list: a 50,000-row entity list (CSV) and a 5,000-row DOL list (Excel), through the use
case the CLI and the app call (read, check every row, store in one transaction), then the first read of the data
in force after it and a cached read. Run: python benchmarks/bench_risk_load.py (figures into results.md)."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from fldd.usecases import risk_data as rd
from fldd.usecases.context import open_context

RUNS = 3


def entity_csv(path: Path, rows: int) -> Path:
    lines = ["Name,Aliases,Country,Address,Reference"]
    lines += [f"Company {i} Co. Ltd,Alias {i}; Other {i},CN,Street {i},90 FR {i}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dol_xlsx(path: Path, rows: int) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("List of Goods")
    sheet.append(["Country", "Good", "Sector", "Child Labor", "Forced Labor", "Forced Child Labor"])
    countries = ["Burma", "China", "India", "Ghana", "Brazil", "Türkiye", "Kyrgyz Republic", "Côte d'Ivoire"]
    for i in range(rows):
        sheet.append([countries[i % len(countries)], f"Good {i}", "Agriculture", "X", "" if i % 3 else "X", ""])
    book.save(path)
    return path


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = [("entity_list", entity_csv(folder / "entities-2025.csv", 50_000), "50,000-row entity list, CSV"),
                 ("dol_goods", dol_xlsx(folder / "dol-2025.xlsx", 5_000), "5,000-row DOL list, Excel")]
        for kind, path, words in files:
            loads, firsts, cached = [], [], []
            for run in range(RUNS):
                ctx = open_context(folder / f"{kind}-{run}.sqlite3", user="bench")
                loads.append(timed(lambda: rd.load_risk_file(ctx, kind, path)))
                rd._cache.clear()
                firsts.append(timed(lambda: rd.current_risk_data(ctx)))
                cached.append(timed(lambda: rd.current_risk_data(ctx)))
                ctx.close()
            figures.append((words, statistics.median(loads), statistics.median(firsts), statistics.median(cached)))
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, median of {RUNS}")
    print("| file | load (read, check, store) ms | first read in force ms | cached read ms |")
    print("|---|---:|---:|---:|")
    for words, load, first, cache in figures:
        print(f"| {words} | {load:.0f} | {first:.0f} | {cache:.1f} |")


if __name__ == "__main__":
    main()
