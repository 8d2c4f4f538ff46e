"""installer/windows/fldd.nsi compiles with NSIS against a stand-in bundle folder (the real Windows bundle is
built on Windows: installer/README.md). Checks what can be checked without Windows: the script compiles, the
installer carries the bundle's files, and it installs per user (no administrator rights)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from fldd import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "installer" / "windows" / "fldd.nsi"


@pytest.fixture
def makensis() -> str:
    found = shutil.which("makensis")
    if found is None:
        pytest.skip("makensis is not installed (Debian package nsis; ./dev setup installs it)")
    return found


def compile_installer(makensis: str, bundle: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [makensis, "-V2", f"-DVERSION={__version__}", f"-DBUNDLE={bundle}", f"-DOUTFILE={out}", str(SCRIPT)],
        capture_output=True, text=True, timeout=300, cwd=SCRIPT.parent)


def test_the_windows_installer_compiles_around_the_bundle(makensis, tmp_path):
    bundle = tmp_path / "fldd"
    (bundle / "_internal" / "questionnaires").mkdir(parents=True)
    (bundle / "fldd.exe").write_bytes(b"MZ stand-in for the PyInstaller executable")
    payload = b"a questionnaire file that must travel inside the installer " * 50
    (bundle / "_internal" / "questionnaires" / "q.yaml").write_bytes(payload)
    out = tmp_path / f"fldd-{__version__}-windows-setup.exe"

    result = compile_installer(makensis, bundle, out)

    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"
    # -V4 lists the files added: the bundle's are among them
    listing = subprocess.run([makensis, "-V4", f"-DVERSION={__version__}", f"-DBUNDLE={bundle}",
                              f"-DOUTFILE={tmp_path / 'again.exe'}", str(SCRIPT)],
                             capture_output=True, text=True, timeout=300, cwd=SCRIPT.parent).stdout
    assert "q.yaml" in listing and "fldd.exe" in listing
    assert b'requestedExecutionLevel level="asInvoker"' in out.read_bytes()  # Windows asks for no administrator


def test_the_windows_installer_refuses_to_build_without_a_version(makensis, tmp_path):
    result = subprocess.run([makensis, "-V2", f"-DBUNDLE={tmp_path}", f"-DOUTFILE={tmp_path / 'x.exe'}", str(SCRIPT)],
                            capture_output=True, text=True, timeout=300, cwd=SCRIPT.parent)

    assert result.returncode != 0
    assert "give the version" in result.stdout + result.stderr
