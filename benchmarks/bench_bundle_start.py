"""Benchmark: the app bundle's start-up to its main window, against a trivial PySide6 window bundled the same way
(installer/fldd.spec, with `-- --compare-with benchmarks/trivial_window.py`), and the size of each bundle and of
the Linux download.

Each sample: the parent notes the wall-clock time, starts the bundle's executable with a bare environment (no
Python variables, offscreen), and the child prints the wall-clock time once its window is painted, and fldd
also once Home is filled (FLDD_EXIT_WHEN_SHOWN: the start-up work follows the first paint). fldd opens a database made beforehand with `fldd --db X demo`, so no first-run
wizard shows. The two alternate, to share the machine's noise.

    .venv/bin/python benchmarks/bench_bundle_start.py [--reuse] [--runs N]

--reuse takes the bundles already in build/bench-bundles/ (from an earlier run) instead of building them again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench-bundles"
SPEC = ROOT / "installer" / "fldd.spec"
TRIVIAL = ROOT / "benchmarks" / "trivial_window.py"


def build(extra: list[str], name: str) -> float:
    """Build one bundle into OUT/dist/name; the seconds it took."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(OUT / "dist"), "--workpath", str(OUT / "work" / name), str(SPEC), *extra],
                   check=True, cwd=ROOT)
    return time.monotonic() - started


def du(path: Path) -> int:
    """Bytes on disk, as `du -sb` counts them."""
    return int(subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True).stdout.split()[0])


def download_size(bundle: Path, tmp: Path) -> int:
    """The Linux download (installer/linux/stage.sh + tar.gz, as installer/build_linux.sh makes it)."""
    from fldd import __version__

    name = f"fldd-{__version__}-linux-{platform.machine()}"
    subprocess.run(["sh", str(ROOT / "installer" / "linux" / "stage.sh"), str(bundle), str(tmp / name), __version__],
                   check=True)
    subprocess.run(["tar", "-C", str(tmp), "-czf", str(tmp / f"{name}.tar.gz"), name], check=True)
    return (tmp / f"{name}.tar.gz").stat().st_size


def sample(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Milliseconds from start to the window painted ("shown") and to Home filled ("home"; fldd only, else the
    same as shown)."""
    start = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, check=True, timeout=120).stdout
    times = {line.split()[0]: float(line.split()[1]) for line in out.splitlines()
             if line.startswith(("shown ", "home "))}
    return (times["shown"] - start) * 1000, (times.get("home", times["shown"]) - start) * 1000


def machine() -> str:
    cpu = platform.processor()
    if Path("/proc/cpuinfo").exists():
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), cpu)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.machine()}, nproc {os.cpu_count()}, "
            f"{cpu}, Python {platform.python_version()}, load average {load}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="use the bundles built by an earlier run")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    fldd_bundle, trivial_bundle = OUT / "dist" / "fldd", OUT / "dist" / TRIVIAL.stem
    if not (args.reuse and fldd_bundle.is_dir() and trivial_bundle.is_dir()):
        shutil.rmtree(OUT, ignore_errors=True)
        print(f"fldd bundle built in {build([], 'fldd'):.0f} s", flush=True)
        print(f"trivial bundle built in {build(['--', '--compare-with', str(TRIVIAL)], 'trivial'):.0f} s", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp), "FLDD_DATA_DIR": str(tmp / "data"),
               "QT_QPA_PLATFORM": "offscreen", "FLDD_EXIT_WHEN_SHOWN": "1"}
        db = tmp / "demo.sqlite3"
        subprocess.run([str(fldd_bundle / "fldd"), "--db", str(db), "demo"], check=True, capture_output=True,
                       env=env, cwd=tmp)
        fldd_cmd = [str(fldd_bundle / "fldd"), "--db", str(db)]
        trivial_cmd = [str(trivial_bundle / TRIVIAL.stem)]
        sample(fldd_cmd, env, tmp), sample(trivial_cmd, env, tmp)  # warm the file cache for both
        fldd, trivial, home = [], [], []
        for _ in range(args.runs):
            trivial.append(sample(trivial_cmd, env, tmp)[0])
            shown, filled = sample(fldd_cmd, env, tmp)
            fldd.append(shown)
            home.append(filled)
        tarball = download_size(fldd_bundle, tmp)
    t, f, h = statistics.median(trivial), statistics.median(fldd), statistics.median(home)
    mb = 1_000_000
    print(f"# {machine()}, offscreen, {args.runs} runs each, alternating")
    print("| what | median ms | min | max | bundle folder MB |")
    print("|---|---:|---:|---:|---:|")
    print(f"| trivial PySide6 window, bundled | {t:.0f} | {min(trivial):.0f} | {max(trivial):.0f} | "
          f"{du(trivial_bundle) / mb:.1f} |")
    print(f"| fldd main window, demo portfolio, bundled | {f:.0f} | {min(fldd):.0f} | {max(fldd):.0f} | "
          f"{du(fldd_bundle) / mb:.1f} |")
    print(f"| fldd, Home filled (risk data checked, the to-do cards and the queue read) | {h:.0f} | {min(home):.0f} | "
          f"{max(home):.0f} | |")
    print(f"ratio fldd window / trivial: {f / t:.2f} (goal: at most 2.0); Home filled / trivial: {h / t:.2f}; "
          f"Linux download (tar.gz): {tarball / mb:.1f} MB")


if __name__ == "__main__":
    main()
