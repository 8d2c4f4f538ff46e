"""Benchmark: the buyer's queue (Next steps) on 10,000 suppliers. Times building the rows (one grouped SQL pass,
then the rules of next_steps.yaml per supplier) and, in one run, the page against a bare QTableView of the same
rows: loading, filtering by step, searching and sorting (the issue asks for at most 2x the bare table). Prints a
table and appends it to benchmarks/results.md.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_queue.py [--suppliers N] [--db FILE] [--no-record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_register import TODAY, build, machine  # noqa: E402
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from fldd.store.queue import supplier_facts  # noqa: E402
from fldd.ui.prompter import ScriptedPrompter  # noqa: E402
from fldd.ui.queue.queue_model import COL_STEP, COL_SUPPLIER, HEADERS  # noqa: E402
from fldd.ui.queue.queue_page import QueuePage  # noqa: E402
from fldd.usecases.context import open_context  # noqa: E402
from fldd.usecases.queue import queue_rows, step_counts  # noqa: E402

RUNS = 5
RESULTS = Path(__file__).resolve().parent / "results.md"
TRIGGERS = '[{"id": "thr_low_score_onsite", "action": "escalate_onsite", "title": "Score below 60"}]'


def add_triggers(ctx) -> None:
    """One stored result in seven trips the on-site threshold (bench_register's results have no triggers)."""
    with ctx.store.write() as db:
        db.execute("UPDATE assessments SET result = json_set(result, '$.triggers', json(?)) "
                   "WHERE id % 7 = 0 AND result IS NOT NULL", [TRIGGERS])


class BareModel(QAbstractTableModel):
    """The least a table can do: the same display strings, indexed."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None


def timed(action, before=None) -> float:
    """Median milliseconds of action and the repaint it causes."""
    app = QApplication.instance()
    samples = []
    for run in range(RUNS):
        if before:
            before(run)
            app.processEvents()
        start = time.perf_counter()
        action(run)
        app.processEvents()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=10_000)
    parser.add_argument("--db", help="reuse (or make) this database instead of a temporary one")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = tempfile.TemporaryDirectory()
    path = Path(args.db) if args.db else Path(folder.name) / "bench.sqlite3"
    fresh = not path.exists()
    ctx = open_context(path, user="bench", role="buyer")
    ctx.today = lambda: TODAY
    if fresh:
        build(ctx, args.suppliers)
        add_triggers(ctx)

    lines = []
    sql_ms = timed(lambda _: supplier_facts(ctx.store, TODAY.isoformat()))
    rows_ms = timed(lambda _: queue_rows(ctx))
    rows = queue_rows(ctx)
    lines.append(("facts: the grouped SQL pass", sql_ms, len(rows)))
    lines.append(("queue_rows: SQL + rules + reasons + decisions", rows_ms, len(rows)))

    page = QueuePage(ctx, ScriptedPrompter())
    page.resize(1700, 900)
    page.show()
    bare_rows = [page.model._display[i] for i in range(len(page.model.rows))]
    bare_model = BareModel([])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(bare_model)
    proxy.setFilterKeyColumn(COL_STEP)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)  # as the page's search
    bare = QTableView()
    bare.setModel(proxy)
    bare.setSortingEnabled(True)
    bare.resize(1700, 900)
    bare.show()
    app.processEvents()

    def bare_load(_):
        bare_model.beginResetModel()
        bare_model.rows = list(bare_rows)
        bare_model.endResetModel()

    pairs = [
        ("load the rows into the table", lambda _: page.model.set_rows(rows), bare_load, None, None),
        ("filter: On-site assessment",
         lambda _: page.step.setCurrentIndex(page.step.findData("onsite")),
         lambda _: proxy.setFilterFixedString("On-site assessment"),
         lambda _: page.step.setCurrentIndex(0), lambda _: proxy.setFilterFixedString("")),
        ("search: 'garments'", lambda _: page.search.setText("garments"),
         lambda _: (proxy.setFilterKeyColumn(-1), proxy.setFilterFixedString("garments")),
         lambda _: page.search.clear(), lambda _: (proxy.setFilterKeyColumn(COL_STEP), proxy.setFilterFixedString(""))),
        ("sort: Supplier, every row shown", lambda run: page.model.sort(COL_SUPPLIER, Qt.SortOrder(run % 2)),
         lambda run: proxy.sort(COL_SUPPLIER, Qt.SortOrder(run % 2)), None, None),
    ]
    table = []
    for what, ours, theirs, reset_ours, reset_theirs in pairs:
        if what.startswith("sort"):  # every row, on both sides
            page.search.clear()
            page.step.setCurrentIndex(0)
            proxy.setFilterKeyColumn(COL_STEP)
            proxy.setFilterFixedString("")
        a = timed(ours, reset_ours)
        shown_ours = page.model.rowCount()
        b = timed(theirs, reset_theirs)
        table.append((what, a, b, shown_ours, proxy.rowCount()))

    counts = step_counts(rows)
    report = [f"## Next steps queue (issue 11): {len(rows):,} suppliers, median of {RUNS}", "",
              f"`benchmarks/bench_queue.py`, {dt.date.today().isoformat()}, {machine()}.", "",
              "| what | ms | rows |", "|---|---:|---:|"]
    report += [f"| {what} | {ms:.0f} | {n:,} |" for what, ms, n in lines]
    report += ["", "| in one run | Next steps page ms | bare QTableView ms | ratio | rows shown (page, bare) |",
               "|---|---:|---:|---:|---:|"]
    report += [f"| {what} | {a:.1f} | {b:.1f} | {a / b:.2f} | {n:,}, {m:,} |" for what, a, b, n, m in table]
    report += ["", "Steps: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + ". The bare table is a "
               "QTableView over a QSortFilterProxyModel of a model returning the same display strings; its search "
               "reads the shown columns, the page's also the goods and every reason (hence more rows).", ""]
    text = "\n".join(report)
    print(text)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text + "\n")
    page.close()
    ctx.close()


if __name__ == "__main__":
    main()
