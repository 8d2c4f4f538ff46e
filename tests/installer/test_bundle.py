"""The app bundle built by installer/fldd.spec works on a machine with no Python and no checkout: it is built once
per test session into a temporary folder, moved away from its build folders, and run with a bare environment
(no PYTHONPATH, no virtual environment, PATH=/usr/bin:/bin, HOME and the data folder in tmp, cwd in tmp).

Issue 12: "A test (or CI) builds the bundle and its `--selftest` passes with only the bundle on the path".
The build takes about a minute on CI's 2 cores.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fldd import __version__
from fldd.usecases.selftest import CHECKS

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="builds and runs the Linux bundle, the one CI ships; Windows and macOS "
                                       "bundles are built on those systems (installer/README.md)")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The one-folder bundle, built from this checkout, alone in a folder of its own."""
    work = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(work / "cache")}  # not the user's ~/.cache/pyinstaller
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "installer" / "fldd.spec")],
        capture_output=True, text=True, timeout=1200, env=env, cwd=work)
    assert result.returncode == 0, result.stderr[-6000:]
    print(f"\nbundle built in {time.monotonic() - started:.0f} s")
    alone = tmp_path_factory.mktemp("installed") / "fldd"
    shutil.move(work / "dist" / "fldd", alone)
    shutil.rmtree(work)  # nothing of the build is left for the bundle to lean on
    return alone


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What a double-clicked app on a fresh machine has: no Python variables, system PATH only."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "FLDD_DATA_DIR": str(home / "fldd-data"), **extra}


def run(bundle: Path, home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / "fldd"), *args], capture_output=True, text=True, timeout=300,
                          env=bare_env(home, **extra), cwd=home)


def run_ok(bundle: Path, home: Path, *args: str) -> str:
    result = run(bundle, home, *args)
    assert result.returncode == 0, f"fldd {' '.join(args)}: {result.stderr}"
    return result.stdout


def test_the_bundle_says_its_version(bundle, tmp_path):
    result = run(bundle, tmp_path, "--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"fldd {__version__}"


def test_the_bundle_passes_its_selftest_with_a_line_per_check(bundle, tmp_path):
    result = run(bundle, tmp_path, "--selftest")

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name, _check in CHECKS:
        assert [line for line in lines if line.startswith(f"ok    {name}: ")], f"no ok line for {name}:\n{result.stdout}"
    assert lines[-1] == "fldd self-test: every check passed"
    assert not (tmp_path / "fldd-data" / "fldd.sqlite3").exists()  # the user's database is not made or opened


def test_a_copy_of_the_bundle_elsewhere_reads_nothing_from_the_checkout(bundle, tmp_path):
    """The bundle carries all it needs: a copy in another folder works, and opens no file of the checkout."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed (./dev setup installs it): cannot watch which files the bundle opens")
    copy = tmp_path / "Programs" / "fldd"
    shutil.copytree(bundle, copy, symlinks=True)
    trace = tmp_path / "trace.txt"

    result = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=%file", "-o", str(trace), str(copy / "fldd"), "--selftest"],
        capture_output=True, text=True, timeout=300, env=bare_env(tmp_path), cwd=tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "fldd self-test: every check passed"
    touched = [line for line in trace.read_text().splitlines() if str(ROOT) in line or str(bundle) in line]
    assert touched == []
    assert f'"{copy}/_internal/questionnaires' in trace.read_text()  # the copy's own files were read


def test_the_bundle_opens_its_window_on_a_prepared_database(bundle, tmp_path):
    """The Qt part of the bundle (libraries, platform plugins) loads: the main window is shown, offscreen as
    on a machine without a display, on a database set up beforehand (no first-run wizard)."""
    run_ok(bundle, tmp_path, "--db", str(tmp_path / "demo.sqlite3"), "demo")

    result = run(bundle, tmp_path, "--db", str(tmp_path / "demo.sqlite3"), FLDD_EXIT_WHEN_SHOWN="1")

    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("shown ")], result.stdout + result.stderr
    assert (bundle / "_internal" / "resources" / "icons" / "fldd-256.png").is_file()  # the window's icon


@pytest.fixture(scope="module")
def returned(bundle, tmp_path_factory) -> tuple[Path, Path]:
    """Two suppliers' workbooks sent by a buyer, answered in each supplier's own database and written back,
    everything done by the bundle's command line; gives (buyer's database, folder of returned workbooks)."""
    home = tmp_path_factory.mktemp("exchange")
    buyer = home / "buyer.sqlite3"
    run_ok(bundle, home, "--db", str(buyer), "demo")
    suppliers = json.loads(run_ok(bundle, home, "--db", str(buyer), "suppliers", "list", "--json"))[:2]
    folder = home / "returned"
    folder.mkdir()
    answers = home / "answers.json"
    answers.write_text(json.dumps({"answers": {"doc_id_holder": "workers"}}))
    for number, supplier in enumerate(suppliers):
        sent = home / f"sent-{number}.xlsx"
        run_ok(bundle, home, "--db", str(buyer), "workbook", "export", "--questionnaire", "fldd-desktop",
               "--supplier", str(supplier["id"]), "-o", str(sent))
        own = str(home / f"supplier-{number}.sqlite3")
        opened = json.loads(run_ok(bundle, home, "--db", own, "workbook", "open", str(sent), "--json"))
        run_ok(bundle, home, "--db", own, "workbook", "answer", str(opened["assessment_id"]), str(answers))
        run_ok(bundle, home, "--db", own, "workbook", "write-back", str(opened["assessment_id"]),
               "-o", str(folder / f"answered-{number}.xlsx"))
    return buyer, folder


def test_the_bundle_imports_a_folder_of_returned_workbooks(bundle, returned, tmp_path):
    buyer, folder = returned
    database = tmp_path / "buyer.sqlite3"
    shutil.copy(buyer, database)

    result = run(bundle, tmp_path, "--db", str(database), "workbook", "import", str(folder), "--json")

    assert result.returncode == 0, result.stdout + result.stderr
    files = json.loads(result.stdout)["files"]
    assert sorted(Path(f["path"]).name for f in files) == ["answered-0.xlsx", "answered-1.xlsx"]
    assert {f["outcome"] for f in files} <= {"accepted", "accepted_incomplete"}, files
    log = json.loads(run_ok(bundle, tmp_path, "--db", str(database), "workbook", "log", "--json"))
    assert len(log) >= 2


def test_bulk_reading_runs_in_the_bundles_own_reader_processes(bundle, returned, tmp_path, monkeypatch):
    """A large import reads in processes started as `<bundle>/fldd --fldd-read-worker` (sys.executable is the
    bundle there). Here the bundle's readers serve this test's import, with a bare environment; reading in this
    process instead (what happens when a reader cannot start) fails the test."""
    from fldd.usecases import workbook_reading, workbook_workers
    from fldd.usecases.context import open_context
    from fldd.usecases.exchange import import_paths

    buyer, folder = returned
    database = tmp_path / "buyer.sqlite3"
    shutil.copy(buyer, database)
    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in bare_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(workbook_workers, "worker_command", lambda: [str(bundle / "fldd"), workbook_workers.WORKER_FLAG])
    monkeypatch.setattr(workbook_reading, "PROCESS_MIN_FILES", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started = []
    real_init = workbook_workers.Workers.__init__

    def watched_init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        started.append([process is not None for process in self.processes])

    def not_here(*args, **kwargs):
        raise AssertionError("a workbook was read in the importing process, not by the bundle's readers")

    monkeypatch.setattr(workbook_workers.Workers, "__init__", watched_init)
    monkeypatch.setattr(workbook_reading, "load", not_here)

    ctx = open_context(database)
    try:
        reports = import_paths(ctx, [folder], dry_run=True)
    finally:
        ctx.close()

    assert started == [[True, True]]  # both readers started and said they were ready
    assert [r.path.name for r in reports] == ["answered-0.xlsx", "answered-1.xlsx"]
    assert {r.outcome for r in reports} <= {"accepted", "accepted_incomplete"}, [r.errors for r in reports]
