"""Shared by the screens scripts that show the runner on one of the standard's answer sets
(tests/standard/answer_sets): a supplier, an assessment holding the set's answers, the runner at each size."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
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

ANSWER_SETS = Path(__file__).parents[2] / "standard" / "answer_sets"


def runner_on_answer_set(out: Path, name: str, answer_set: str, *, supplier: tuple[str, str, str], role: str,
                         focus: Callable[[RunnerPage], None]) -> None:
    """Write name-WIDTH.png into out: the runner on a new assessment of (supplier name, country, goods) holding
    the answers of answer_set.yaml, after `focus` has shown what the picture is about."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((ANSWER_SETS / f"{answer_set}.yaml").read_text(encoding="utf-8"))["score_input"]
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role=role)
        ctx.today = lambda: dt.date(2026, 11, 23)
        company, country, goods = supplier
        supplier_id = add_supplier(ctx, company, country, goods=[goods])
        assessment = start_assessment(ctx, supplier_id, data["questionnaire"])
        store_assessments.save_answers(ctx.store, assessment, {k: (v, None) for k, v in data["answers"].items()})
        for width, height in SIZES:
            page = _show(app, RunnerPage(ctx, ScriptedPrompter()), width, height)
            page.load(assessment)
            focus(page)
            _settle(app)
            page.grab().save(str(out / f"{name}-{width}.png"))
            page.close()
        ctx.close()
