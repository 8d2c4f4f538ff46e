"""What the installers put on a desktop: the app icon in every size the systems ask for, drawn from one SVG; the
Linux menu entry and AppStream description valid and describing this version."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from fldd import __version__

ROOT = Path(__file__).resolve().parent.parent.parent
ICONS = ROOT / "resources" / "icons"
LINUX = ROOT / "installer" / "linux"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512, 1024])
def test_each_png_icon_is_square_at_its_size_with_a_transparent_corner(size):
    image = Image.open(ICONS / f"fldd-{size}.png")

    assert image.size == (size, size)
    assert image.convert("RGBA").getpixel((0, 0))[3] == 0  # the tile's rounded corner


def test_the_windows_and_macos_icons_hold_the_drawn_sizes():
    assert Image.open(ICONS / "fldd.ico").info["sizes"] >= {(16, 16), (32, 32), (48, 48), (256, 256)}
    assert Image.open(ICONS / "fldd.icns").size == (1024, 1024)


def test_the_app_sets_its_window_icon_from_a_shipped_png():
    source = (ROOT / "fldd" / "ui" / "app.py").read_text()
    [name] = re.findall(r'setWindowIcon\(QIcon\(str\(resources_dir\(\) / "icons" / "([^"]+)"\)\)\)', source)
    assert (ICONS / name).is_file()


def test_the_appstream_file_describes_this_version_and_is_valid():
    text = (LINUX / "org.fldd.fldd.metainfo.xml").read_text()
    assert f'<release version="{__version__}"' in text
    assert "<launchable type=\"desktop-id\">org.fldd.fldd.desktop</launchable>" in text
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian package appstream): validity not checked")
    result = subprocess.run([tool, "validate", "--no-net", str(LINUX / "org.fldd.fldd.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_menu_entry_names_the_icon_and_is_valid():
    lines = (LINUX / "org.fldd.fldd.desktop").read_text().splitlines()
    assert "Icon=org.fldd.fldd" in lines and "Terminal=false" in lines
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")
    result = subprocess.run([tool, str(LINUX / "org.fldd.fldd.desktop")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
