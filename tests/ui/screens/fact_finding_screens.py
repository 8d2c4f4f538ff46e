"""Renders the runner on an on-site assessment where every source found workers' documents held: one Priority
finding listing each source, with its plan and closure deadlines, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/fact_finding_screens.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

import yaml
from findings_home_screens import SIZES, _settle, _show  # run as a script: this folder is on the path
from PySide6.QtWidgets import QApplication

from fldd.store import assessments as store_assessments
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

ANSWER_SET = Path(__file__).parents[2] / "standard" / "answer_sets" / "onsite_documents_held_all_sources.yaml"


def main(out: Path) -> None:
    """Write fact-finding-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    answers = yaml.safe_load(ANSWER_SET.read_text(encoding="utf-8"))["score_input"]["answers"]
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="auditor")
        ctx.today = lambda: dt.date(2026, 11, 23)
        supplier = add_supplier(ctx, "Dhaka Denim Works", "BD", goods=["Garments"])
        assessment = start_assessment(ctx, supplier, "fldd-onsite")
        store_assessments.save_answers(ctx.store, assessment, {k: (v, None) for k, v in answers.items()})
        for width, height in SIZES:
            page = _show(app, RunnerPage(ctx, ScriptedPrompter()), width, height)
            page.load(assessment)
            item = page.results.trigger_item("documents_held")
            if item is not None:
                item.setExpanded(True)
                page.results.tree.scrollToItem(item) if hasattr(page.results, "tree") else None
            _settle(app)
            page.grab().save(str(out / f"fact-finding-{width}.png"))
            page.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("shots"))
