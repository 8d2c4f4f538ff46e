"""installer/fldd.spec bundles only the Qt modules fldd imports: a new `from PySide6.QtSvg import ...` in fldd must
come with the spec's QT_USED list, or the bundle would start without it (and only the bundle would fail)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_qt_module_fldd_imports_is_one_the_spec_bundles():
    spec = (ROOT / "installer" / "fldd.spec").read_text()
    [used] = re.findall(r"^QT_USED = (\{.*\})$", spec, flags=re.MULTILINE)
    bundled = set(re.findall(r'"(Qt\w+)"', used))
    imported = {name for path in (ROOT / "fldd").rglob("*.py")
                for name in re.findall(r"\bPySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))}

    assert imported, "no Qt import found: the pattern no longer matches how fldd imports Qt"
    assert imported <= bundled, f"add {sorted(imported - bundled)} to QT_USED in installer/fldd.spec"
