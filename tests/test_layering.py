"""The layering rule as a test: each heavy library may be imported only by the layer that owns it."""

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "fldd"

# top-level module -> the fldd sub-packages allowed to import it
ALLOWED = {
    "PySide6": ("ui",),
    "shiboken6": ("ui",),
    "sqlite3": ("store",),
    "sqlite_utils": ("store",),
    "openpyxl": ("exchange", "reports"),
    "python_calamine": ("exchange",),
    "reportlab": ("reports",),
    "cryptography": ("reports",),  # only the dossier's signature (reports/dossier_signing.py)
}


def _imported_modules(tree: ast.AST):
    """Yield (line, top-level module name) for every absolute import in tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def layering_violations(package_dir: Path) -> list[str]:
    """Every import under package_dir that its layer may not make, as 'path:line: module'."""
    violations = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir)
        layer = relative.parts[0] if len(relative.parts) > 1 else None
        for line, module in _imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if module in ALLOWED and layer not in ALLOWED[module]:
                violations.append(f"{relative}:{line}: {module}")
    return violations


def test_fldd_keeps_its_layers():
    assert layering_violations(PACKAGE_DIR) == []


def test_checker_reports_imports_outside_their_layer(tmp_path):
    files = {
        "ui/window.py": "from PySide6.QtWidgets import QWidget\n",
        "store/db.py": "import sqlite_utils\nimport sqlite3\n",
        "reports/pdf.py": "import openpyxl\nfrom reportlab.platypus import Paragraph\n",
        "cli.py": "import sqlite3\n",
        "standard/model.py": "import os\n\ndef f():\n    from PySide6 import QtCore\n",
        "exchange/workbook.py": "import reportlab.lib\nfrom . import store\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    assert layering_violations(tmp_path) == [
        "cli.py:1: sqlite3",
        "exchange/workbook.py:1: reportlab",
        "standard/model.py:4: PySide6",
    ]
