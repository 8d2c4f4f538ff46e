"""The Linux download's install.sh and uninstall.sh: a per-user install with no root, that an uninstall removes
while keeping the person's database, settings and backups, and telling where they are. A stand-in bundle (a
script answering --version) takes the place of the real one, which tests/installer/test_bundle.py checks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fldd import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
LINUX = ROOT / "installer" / "linux"
ID = "org.fldd.fldd"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux install scripts")


@pytest.fixture
def download(tmp_path) -> Path:
    """The unpacked download, laid out by installer/linux/stage.sh around a stand-in bundle."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "fldd").write_text(f'#!/bin/sh\necho "fldd {__version__}"\n')
    (bundle / "fldd").chmod(0o755)
    (bundle / "_internal").mkdir()
    (bundle / "_internal" / "marker").write_text("the bundle's own files")
    folder = tmp_path / f"fldd-{__version__}-linux-x86_64"
    subprocess.run(["sh", str(LINUX / "stage.sh"), str(bundle), str(folder), __version__], check=True, timeout=60)
    return folder


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home dir"  # a space in the path, as in many home folders on other systems
    home.mkdir()
    return home


def sh(script: Path, home: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    return subprocess.run(["sh", str(script)], capture_output=True, text=True, env=env, timeout=60, cwd=home)


def test_install_puts_the_app_the_command_the_menu_entry_and_icons_in_the_home_folder(download, home):
    result = sh(download / "install.sh", home)

    assert result.returncode == 0, result.stderr
    app = home / ".local" / "opt" / "fldd"
    assert (app / "_internal" / "marker").is_file()
    assert os.readlink(home / ".local" / "bin" / "fldd") == str(app / "fldd")
    entry = (home / ".local" / "share" / "applications" / f"{ID}.desktop").read_text()
    assert f'Exec="{app}/fldd"' in entry.splitlines()
    assert f"Icon={ID}" in entry.splitlines()
    icons = home / ".local" / "share" / "icons" / "hicolor"
    for size in (16, 32, 48, 256, 512):
        assert (icons / f"{size}x{size}" / "apps" / f"{ID}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{ID}.svg").is_file()
    assert (home / ".local" / "share" / "metainfo" / f"{ID}.metainfo.xml").is_file()
    assert f"fldd {__version__} is installed in {app}" in result.stdout
    assert "not on your PATH" in result.stdout


def test_installing_again_replaces_the_old_copy_whole(download, home):
    assert sh(download / "install.sh", home).returncode == 0
    leftover = home / ".local" / "opt" / "fldd" / "_internal" / "from-the-old-version"
    leftover.write_text("")

    assert sh(download / "install.sh", home).returncode == 0

    assert not leftover.exists()
    assert (home / ".local" / "opt" / "fldd" / "_internal" / "marker").is_file()


def test_a_download_that_does_not_start_changes_nothing(download, home):
    assert sh(download / "install.sh", home).returncode == 0
    (download / "fldd" / "fldd").write_text("#!/bin/sh\nexit 127\n")

    result = sh(download / "install.sh", home)

    assert result.returncode == 1
    assert "does not start; nothing was changed" in result.stderr
    assert (home / ".local" / "opt" / "fldd" / "_internal" / "marker").is_file()


def test_uninstall_removes_the_app_and_keeps_the_database_settings_and_backups(download, home):
    assert sh(download / "install.sh", home).returncode == 0
    data = home / ".local" / "share" / "fldd"
    data.mkdir(parents=True)
    (data / "fldd.sqlite3").write_bytes(b"the user's work")
    backups = home / "Work" / "fldd backups"
    backups.mkdir(parents=True)
    (backups / "monday.fldd-backup").write_bytes(b"a backup")
    moved = home / "Shared" / "team.sqlite3"
    (data / "fldd.json").write_text(json.dumps({"database": str(moved), "backup_folder": str(backups)}, indent=2))

    result = sh(home / ".local" / "opt" / "fldd" / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    assert not (home / ".local" / "opt" / "fldd").exists()
    assert not (home / ".local" / "bin" / "fldd").exists()
    assert not (home / ".local" / "share" / "applications" / f"{ID}.desktop").exists()
    assert not list((home / ".local" / "share" / "icons").rglob(f"{ID}.*"))
    assert (data / "fldd.sqlite3").read_bytes() == b"the user's work"
    assert (backups / "monday.fldd-backup").read_bytes() == b"a backup"
    assert f"database and settings: {data}" in result.stdout
    assert f"database (moved by you): {moved}" in result.stdout
    assert f"backups: {backups}" in result.stdout


def test_uninstall_names_the_default_backup_folder_and_leaves_another_fldd_command_alone(download, home):
    assert sh(download / "install.sh", home).returncode == 0
    command = home / ".local" / "bin" / "fldd"
    command.unlink()
    command.write_text("#!/bin/sh\n# a pip-installed fldd\n")
    shutil.copy(download / "uninstall.sh", home / "uninstall.sh")

    result = sh(home / "uninstall.sh", home)

    assert result.returncode == 0, result.stderr
    assert command.read_text() == "#!/bin/sh\n# a pip-installed fldd\n"
    assert f"backups: {home}/Documents/fldd backups" in result.stdout
