"""The command line starts fast and speaks the exit-code contract."""

import subprocess
import sys

from fldd import __version__


def _fldd(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m fldd ARGS` (or python -c CODE) in a fresh interpreter."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "fldd", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_version_prints_the_package_version():
    result = _fldd("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"fldd {__version__}"


def test_help_does_not_import_qt():
    code = (
        "import sys\n"
        "from fldd.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as exit:\n    assert exit.code == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = _fldd(code=code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")


def test_unknown_option_is_a_usage_error():
    result = _fldd("--no-such-option")
    assert result.returncode == 2
    assert "usage: fldd" in result.stderr


def test_opening_the_app_does_not_build_the_subcommands(monkeypatch, tmp_path):
    from fldd import cli

    opened = []
    monkeypatch.setattr(cli, "build_parser", lambda: (_ for _ in ()).throw(AssertionError("full parser built")))
    monkeypatch.setattr(cli, "_open_app", lambda args: opened.append((args.db, args.demo_if_new)) or 0)
    assert cli.main(["--db", str(tmp_path / "x.sqlite3"), "--demo-if-new"]) == 0
    assert opened == [(tmp_path / "x.sqlite3", True)]
