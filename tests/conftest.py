"""Test-wide setup: Qt renders offscreen and no test touches the real user data folder."""

import os

# Before any Qt import: without a display Qt would abort the whole test run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Send fldd's data folder and the XDG folders to tmp_path."""
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "fldd-data"))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """This process seen as the installed bundle in tmp_path/opt/fldd, the folder an update or uninstall
    replaces whole; it holds a 'My data' folder a person might pick."""
    import sys
    from pathlib import Path

    app = tmp_path / "opt" / "fldd"
    (app / "_internal").mkdir(parents=True)
    (app / "My data").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "fldd"))
    monkeypatch.setattr(sys, "_MEIPASS", str(app / "_internal"), raising=False)
    return Path(app)
