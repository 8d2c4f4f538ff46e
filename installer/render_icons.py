"""Renders the hand-drawn app icon (resources/icons/fldd.svg) to the PNG sizes desktops ask for, a Windows .ico
and a macOS .icns. Run it after changing the SVG and commit what it writes, so that builds need neither Qt's SVG
module in the bundle nor this script: `.venv/bin/python installer/render_icons.py`."""

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)  # 1024: the @2x of 512 in the .icns
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # the largest size Windows reads from an .ico is 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def png_path(size: int) -> Path:
    return ICONS / f"fldd-{size}.png"


def render_pngs() -> None:
    """Draw the SVG at each size with Qt's SVG renderer (crisper than scaling one large bitmap down)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - Qt needs one for painting
    renderer = QSvgRenderer(str(ICONS / "fldd.svg"))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {ICONS / 'fldd.svg'} is not a valid SVG")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(png_path(size))):
            raise SystemExit(f"render_icons: could not write {png_path(size)}")


def write_ico_and_icns() -> None:
    """Pack the rendered PNGs into fldd.ico (Windows: exe, installer, Add or remove programs) and fldd.icns
    (the macOS app bundle), each size drawn, none scaled by Pillow."""
    from PIL import Image

    images = {size: Image.open(png_path(size)).convert("RGBA") for size in SIZES}
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "fldd.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[1024].save(ICONS / "fldd.icns", format="ICNS",
                     append_images=[images[s] for s in ICNS_SIZES if s != 1024])


if __name__ == "__main__":
    render_pngs()
    write_ico_and_icns()
    print(f"render_icons: wrote {len(SIZES)} PNGs, fldd.ico and fldd.icns in {ICONS}")
