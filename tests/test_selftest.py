"""`fldd --selftest`, as the person who installed fldd and wants to know it works: every check says one line, a
failure is named and does not hide the other checks, and nothing of the user's is opened."""

from __future__ import annotations

import subprocess
import sys

from fldd import cli, paths
from fldd.usecases import selftest

NAMES = [name for name, _ in selftest.CHECKS]


def test_every_check_passes_with_one_line_each_and_the_users_database_is_not_opened(capsys, monkeypatch):
    def not_the_users(*_args, **_kwargs):
        raise AssertionError("the self-test opened the user's database")

    monkeypatch.setattr(paths, "default_db_path", not_the_users)
    assert cli.main(["--selftest"]) == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [f"ok    {name}" for name in NAMES]
    assert lines[-1] == "fldd self-test: every check passed"
    assert "2 loaded and valid (fldd-desktop" in lines[1]
    assert "2024 edition (partial reconstruction)" in lines[2]
    assert "written back and read by the import" in lines[4] and "PDF" in lines[5]


def test_a_failing_check_is_named_the_others_still_run_and_the_exit_code_says_so(capsys, monkeypatch):
    def broken(folder, state):
        raise OSError("no space left on device")

    checks = list(selftest.CHECKS)
    checks[NAMES.index("workbook")] = ("workbook", broken)
    monkeypatch.setattr(selftest, "CHECKS", tuple(checks))
    assert cli.main(["--selftest"]) == cli.EXIT_REJECTED
    lines = capsys.readouterr().out.splitlines()
    assert "FAIL  workbook: OSError: no space left on device" in lines
    assert lines[5].startswith("ok    report:")  # the report still checked after the failure
    assert lines[-1] == "fldd self-test: some checks FAILED"


def test_it_runs_from_any_folder_as_an_installed_command_would(tmp_path):
    anywhere = tmp_path / "anywhere"
    anywhere.mkdir()
    done = subprocess.run([sys.executable, "-m", "fldd", "--selftest"], cwd=anywhere, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "fldd self-test: every check passed"
    assert list(anywhere.iterdir()) == []  # its temporary folder is gone, nothing left where it ran
    assert not list((tmp_path / "fldd-data").glob("*.sqlite3"))  # no database made in the user's data folder
