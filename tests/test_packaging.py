"""A wheel carries questionnaires/ and resources/ inside the package, where fldd.paths looks for them."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_the_bundled_folders(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "fldd", source / "fldd", ignore=shutil.ignore_patterns("__pycache__", "_data"))
    # stand-ins, so the test checks the mechanism whatever the real folders hold
    (source / "questionnaires").mkdir()
    (source / "questionnaires" / "sample.yaml").write_text("id: sample\n")
    (source / "resources" / "icons").mkdir(parents=True)
    (source / "resources" / "icons" / "app.svg").write_text("<svg/>")
    # and the real report fonts, which fldd/reports/fonts.py names one by one
    shutil.copytree(ROOT / "resources" / "fonts", source / "resources" / "fonts")

    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr

    (wheel,) = (tmp_path / "dist").glob("fldd-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fldd/_data/questionnaires/sample.yaml" in names
    assert "fldd/_data/resources/icons/app.svg" in names
    assert "fldd/paths.py" in names
    from fldd.reports import fonts

    shipped = {name.removeprefix("fldd/_data/resources/fonts/") for name in names}
    for face in fonts.FACES:
        assert {face.regular_file, face.bold_file or face.regular_file} <= shipped, face.name
    assert {"LICENSE-Noto.txt", "LICENSE-Nanum.txt", "LICENSE-Symbola.txt", "LICENSE-DroidSansFallback.txt",
            "README.md"} <= shipped
