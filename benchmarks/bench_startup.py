"""Benchmark: from process start to the main window shown with the demo portfolio, against a trivial
PySide6 window, measured side by side in one run (alternating, to share the machine's noise).

Each sample: the parent notes the wall-clock time, starts a fresh Python process, and the child prints the
wall-clock time once its window is shown and the event loop has run (fldd: FLDD_EXIT_WHEN_SHOWN).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRIVIAL = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("hello")
label.resize(400, 200)
label.show()
QTimer.singleShot(0, lambda: (print(f"shown {time.time():.6f}", flush=True), app.quit()))
app.exec()
"""
RUNS = 21


def sample(cmd: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    shown = float(next(line for line in out.splitlines() if line.startswith("shown ")).split()[1])
    return (shown - start) * 1000


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "FLDD_EXIT_WHEN_SHOWN": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite3"
        subprocess.run([sys.executable, "-m", "fldd", "--db", str(db), "demo"], check=True, capture_output=True)
        fldd_cmd = [sys.executable, "-m", "fldd", "--db", str(db)]
        trivial_cmd = [sys.executable, "-c", TRIVIAL]
        sample(fldd_cmd, env), sample(trivial_cmd, env)  # warm the file cache for both
        fldd, trivial = [], []
        for _ in range(RUNS):
            trivial.append(sample(trivial_cmd, env))
            fldd.append(sample(fldd_cmd, env))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    t, f = statistics.median(trivial), statistics.median(fldd)
    print(f"# {dt.date.today()}, {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python "
          f"{platform.python_version()}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, {RUNS} runs each")
    print(f"trivial PySide6 window shown: median {t:.0f} ms (min {min(trivial):.0f}, max {max(trivial):.0f})")
    print(f"fldd main window with the demo portfolio: median {f:.0f} ms (min {min(fldd):.0f}, max {max(fldd):.0f})")
    print(f"ratio fldd / trivial: {f / t:.2f} (goal: at most 2.0)")


if __name__ == "__main__":
    main()
