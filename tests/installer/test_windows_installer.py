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


def _section(name: str) -> str:
    text = SCRIPT.read_text(encoding="utf-8")
    start = text.index(f'Section "{name}"')
    return text[start:text.index("SectionEnd", start)]


def test_a_running_fldd_is_checked_for_before_anything_is_deleted_on_install_and_uninstall():
    """Windows keeps a running program's files: deleting _internal under it and then stopping would leave a copy
    that does not start. The check must come before the first deletion, in both directions."""
    install, uninstall = _section("fldd (required)"), _section("Uninstall")
    assert install.index("Call StopIfRunning") < install.index("RMDir") < install.index("File /r")
    assert uninstall.index("Call un.StopIfRunning") < uninstall.index("Delete") < uninstall.index("RMDir")
    text = SCRIPT.read_text(encoding="utf-8")
    check = text[text.index("Function ${UN}FlddRunning"):text.index("FunctionEnd", text.index("${UN}FlddRunning"))]
    assert 'FileOpen $1 "$INSTDIR\\fldd.exe" a' in check and 'FileOpen $1 "$INSTDIR\\fldd-cli.exe" a' in check
    assert "MB_RETRYCANCEL" in text and "/SD IDCANCEL IDRETRY retry" in text  # silent installs stop, never break


def test_the_uninstaller_asks_fldd_where_the_files_are_before_removing_it_and_names_no_folder_it_is_unsure_of():
    uninstall = _section("Uninstall")
    assert uninstall.index("Call un.AskWherePlacesAre") < uninstall.index('Delete "$INSTDIR\\fldd-cli.exe"')
    text = SCRIPT.read_text(encoding="utf-8")
    assert "--print-data-paths" in text and "FileReadUTF16LE" in text  # the answer read whole, any letters
    assert "fldd.json\" r" not in text  # the settings file is no longer parsed by the installer
    message = text[text.index("Function un.onUninstSuccess"):]
    assert "the backup folder you chose in Settings (see Help > About in fldd)" in message
    # Documents\fldd backups is named only when no settings file exists, i.e. no other folder was ever chosen
    assert message.index('${If} ${FileExists} "$Places_Data\\fldd.json"') < message.index("$DOCUMENTS\\fldd backups")
