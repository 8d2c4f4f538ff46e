"""Renders the runner on a self-assessment whose workers paid fees in US dollars against a wage in ringgit: the
months-of-wage question the currencies open, and the result's note of the rate used, at two screen sizes.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/fee_currency_screens.py [OUT_DIR]
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

ANSWER_SET = Path(__file__).parents[2] / "standard" / "answer_sets" / "fees_usd_against_myr_wage_desktop.yaml"


def main(out: Path) -> None:
    """Write fee-currency-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    answers = yaml.safe_load(ANSWER_SET.read_text(encoding="utf-8"))["score_input"]["answers"]
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="supplier")
        ctx.today = lambda: dt.date(2026, 11, 23)
        supplier = add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"])
        assessment = start_assessment(ctx, supplier, "fldd-desktop")
        store_assessments.save_answers(ctx.store, assessment, {k: (v, None) for k, v in answers.items()})
        for width, height in SIZES:
            page = _show(app, RunnerPage(ctx, ScriptedPrompter()), width, height)
            page.load(assessment)
            page.go_to_question("fee_typical_months")
            _settle(app)
            page.grab().save(str(out / f"fee-currency-{width}.png"))
            page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("shots"))
