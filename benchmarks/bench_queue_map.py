"""Benchmark: the Next steps page and the Risk map page over 10,000 suppliers against a bare QTableView of the
same rows. Issue 11 asks each to open (build and first paint) and filter within 2x the bare table.

The bare table: the queue's rows (fldd.usecases.queue.queue_rows, read inside the timing as the pages read
theirs) in a minimal QAbstractTableModel with the queue's columns, behind a QSortFilterProxyModel in a QTableView;
filtering sets the proxy's fixed string on the next-step column. The pages filter the way a person does: the
Risk map's next-step filter, the queue page's show_filtered (when the QueuePage measured has one). Each measurement
is taken RUNS times, alternating bare, queue and map, so a busy moment on the shared machine hits all three;
medians and ratios come from the same run. Prints a table and appends it to benchmarks/results.md.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python benchmarks/bench_queue_map.py [--db FILE]
     [--suppliers N] [--no-record]      (--db: an existing database, e.g. one bench_register built)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from bench_register import TODAY, build, machine  # noqa: E402
from fldd.store import suppliers as store_suppliers  # noqa: E402
from fldd.ui.prompter import ScriptedPrompter  # noqa: E402
from fldd.ui.queue.queue_page import QueuePage  # noqa: E402
from fldd.ui.riskmap.risk_map_page import RiskMapPage  # noqa: E402
from fldd.usecases.context import open_context  # noqa: E402
from fldd.usecases.queue import STEP_LABELS, queue_rows  # noqa: E402

RUNS = 7
SIZE = (1196, 678)  # what the main window leaves a page on a 1366x768 screen
RESULTS = Path(__file__).resolve().parent / "results.md"
COLUMNS = (("supplier", "Supplier"), ("country_name", "Country"), ("step_label", "Next step"),
           ("inherent_level", "Inherent risk"), ("rating", "Latest rating"), ("valid_until", "Valid until"),
           ("reason", "Why"))
STEP_COLUMN = 2
PLACEHOLDER = "Placeholder" in (QueuePage.__doc__ or "")  # the page main reserved before the queue's landed
FILTER_STEPS = ("onsite", "desktop")  # alternated, so every filter run changes what is shown


class BareModel(QAbstractTableModel):
    """The queue's rows as plain strings: the least a table of them can be."""

    def __init__(self, rows: list[dict]) -> None:
        super().__init__()
        self.rows = [tuple("" if (v := (r["reasons"][0] if key == "reason" and r["reasons"] else r.get(key))) is None
                           else str(v) for key, _ in COLUMNS) for r in rows]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][1]
        return None


def _painted(widget) -> None:
    """Show, lay out and paint now (offscreen, a paint happens only when asked for or when events run)."""
    widget.resize(*SIZE)
    widget.show()
    QApplication.processEvents()
    widget.repaint()


def open_bare(ctx):
    view = QTableView()
    proxy = QSortFilterProxyModel(view)
    proxy.setSourceModel(BareModel(queue_rows(ctx)))
    proxy.setFilterKeyColumn(STEP_COLUMN)
    view.setModel(proxy)
    _painted(view)
    return view


def open_page(cls, ctx):
    page = cls(ctx, ScriptedPrompter())
    _painted(page)
    return page


def filter_bare(view, step: str) -> None:
    view.model().setFilterFixedString(STEP_LABELS[step])
    QApplication.processEvents()
    view.repaint()


def filter_map(page, step: str) -> None:
    page.step.setCurrentIndex(page.step.findData(step))
    QApplication.processEvents()
    page.repaint()


def filter_queue(page, step: str) -> bool:
    """Filter the queue page to a step the way the Risk map's step tiles ask it to (the main window's open_queue
    calls show_filtered); False if the page cannot."""
    if not hasattr(page, "show_filtered"):
        return False
    page.show_filtered(step, "all")
    QApplication.processEvents()
    page.repaint()
    return True


def _ms(action) -> tuple[float, object]:
    start = time.perf_counter()
    out = action()
    return (time.perf_counter() - start) * 1000, out


def _close(widget) -> None:
    widget.close()
    widget.deleteLater()
    QApplication.processEvents()


def measure(ctx) -> dict[str, list[float]]:
    """Samples in ms of each open and filter, alternating bare, queue and map in every run."""
    samples: dict[str, list[float]] = {k: [] for k in ("open bare", "open queue", "open map", "filter bare",
                                                       "filter queue", "filter map")}
    for run in range(RUNS):
        step = FILTER_STEPS[run % 2]
        ms, bare = _ms(lambda: open_bare(ctx))
        samples["open bare"].append(ms)
        ms, queue = _ms(lambda: open_page(QueuePage, ctx))
        samples["open queue"].append(ms)
        ms, risk_map = _ms(lambda: open_page(RiskMapPage, ctx))
        samples["open map"].append(ms)
        filter_bare(bare, FILTER_STEPS[(run + 1) % 2])  # start from the other step, so each filter changes rows
        filter_queue(queue, FILTER_STEPS[(run + 1) % 2])
        filter_map(risk_map, FILTER_STEPS[(run + 1) % 2])
        samples["filter bare"].append(_ms(lambda: filter_bare(bare, step))[0])
        ms, done = _ms(lambda: filter_queue(queue, step))
        if done:
            samples["filter queue"].append(ms)
        samples["filter map"].append(_ms(lambda: filter_map(risk_map, step))[0])
        for widget in (bare, queue, risk_map):
            _close(widget)
    return samples


def queue_version() -> str:
    """Which QueuePage was measured: the commit that last changed it, or 'placeholder'."""
    import fldd.ui.queue.queue_page as module

    path = Path(module.__file__)
    try:
        commit = subprocess.run(["git", "log", "-1", "--format=%h %s", "--", path.name], cwd=path.parent,
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    subject = commit if len(commit) <= 90 else commit[:89] + "…"
    return f"{'placeholder ' if PLACEHOLDER else ''}QueuePage of {subject or 'uncommitted work'}"


def report(count: int, samples: dict[str, list[float]], version: str, source: str) -> str:
    med = {k: statistics.median(v) if v else None for k, v in samples.items()}

    def ratio(kind: str, page: str) -> str:
        if med[f"{kind} {page}"] is None or (page == "queue" and PLACEHOLDER):
            return "n/a"
        return f"{med[f'{kind} {page}'] / med[f'{kind} bare']:.2f}"

    def cell(key: str) -> str:
        if key.endswith("queue") and PLACEHOLDER:
            return "n/a (placeholder page)"
        return f"{med[key]:.0f}" if med[key] is not None else "n/a (no show_filtered)"

    lines = [f"## Next steps and Risk map pages against a bare QTableView, {count:,} suppliers", "",
             f"{dt.date.today().isoformat()} · {machine()} · QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']} · "
             f"median of {RUNS} runs, alternating · page size {SIZE[0]}x{SIZE[1]} · {version}", "",
             "Open = build the widget, read its rows (the bare table reads queue_rows), lay out and paint once. "
             "Filter = one next step shown (the bare table: its proxy's fixed string on the step column). "
             f"Database: {source}.", "",
             "| what | bare QTableView ms | Next steps ms | ratio | Risk map ms | ratio |",
             "|---|---:|---:|---:|---:|---:|"]
    for kind in ("open", "filter"):
        lines.append(f"| {kind} | {med[f'{kind} bare']:.0f} | {cell(f'{kind} queue')} | {ratio(kind, 'queue')} | "
                     f"{cell(f'{kind} map')} | {ratio(kind, 'map')} |")
    over = [f"{page} {kind}" for kind in ("open", "filter") for page in ("queue", "map")
            if med[f"{kind} {page}"] is not None and not (page == "queue" and PLACEHOLDER)
            and med[f"{kind} {page}"] > 2 * med[f"{kind} bare"]]
    verdict = "met" if not over else f"NOT met for {', '.join(over)}"
    lines += ["", f"Target: within 2x the bare table: {verdict}"
              + (" (the Risk map; Next steps not measured: placeholder page)." if PLACEHOLDER else "."), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database (else one is built)")
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to results.md")
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.db) if args.db else Path(folder) / "bench.sqlite3"
        ctx = open_context(path, user="bench", role="buyer")
        ctx.today = lambda: TODAY
        if not args.db:
            build(ctx, args.suppliers)
        count = store_suppliers.count(ctx.store)
        samples = measure(ctx)
        ctx.close()
    source = ("built here by bench_register.build" if not args.db
              else "given (--db); bench_register.build makes such a database")
    text = report(count, samples, queue_version(), source)
    print(text)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(("\n" if RESULTS.exists() and RESULTS.stat().st_size else "") + text)


if __name__ == "__main__":
    main()
