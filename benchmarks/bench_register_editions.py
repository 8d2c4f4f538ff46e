"""Benchmark: what naming the editions in the register's inherent-risk tooltip costs on 10,000 suppliers. The
register now reads each supplier's stored editions stamp (a few hundred characters); this times reading the
register and filling its model without and with a stamp on every supplier, and the first tooltip.

Run: QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python benchmarks/bench_register_editions.py [N]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from bench_register import build  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fldd.ui.register.supplier_model import COL_INHERENT, SupplierModel  # noqa: E402
from fldd.usecases.context import open_context  # noqa: E402
from fldd.usecases.inherent import _in_force  # noqa: E402
from fldd.usecases.suppliers import register  # noqa: E402


def _load(ctx) -> tuple[float, SupplierModel]:
    """Median ms of 7 runs of reading the register and filling the model."""
    times = []
    for _ in range(7):
        start = time.perf_counter()
        model = SupplierModel()
        model.set_rows(register(ctx))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), model


def main(count: int) -> None:
    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "bench.sqlite3", user="bench", role="buyer")
        build(ctx, count)
        without, _ = _load(ctx)
        stamp = _in_force(ctx)[2]
        with ctx.store.write() as db:
            db.execute("UPDATE suppliers SET inherent_editions = ?", [stamp])
        with_stamp, model = _load(ctx)
        start = time.perf_counter()
        model.index(0, COL_INHERENT).data(Qt.ItemDataRole.ToolTipRole)
        first = (time.perf_counter() - start) * 1000
        print(f"{count:,} suppliers, stamp of {len(stamp)} characters: register read + set_rows median of 7: "
              f"{without:.0f} ms without stamps, {with_stamp:.0f} ms with; first tooltip {first:.2f} ms; "
              f"load average {os.getloadavg()[0]:.1f}")
        ctx.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
