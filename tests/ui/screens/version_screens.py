"""Renders what moving assessments between questionnaire versions looks like at 1366x768: the runner on a 1.0.0
assessment (the version line and its button), the confirmation with the report, the runner after the move with
the answers no longer asked, and the assessments page's bulk move. The newer version is the tests' made-up one
(tests/usecases/version_variant.py), so the pictures show a retired question and an answer not carried whatever
the shipped content holds.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/version_screens.py [OUT_DIR]
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.assessments.assessments_page import AssessmentsPage
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.runner.move_dialog import MoveDialog
from fldd.ui.runner.retired_panel import RETIRED
from fldd.ui.runner.runner_page import RunnerPage
from fldd.usecases import demo
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.version_moves import move_assessment, report_lines
from tests.ui.runner.conftest import TODAY
from tests.usecases.version_variant import OLD, VariantContext, with_variant

V1 = Path(__file__).parents[2] / "usecases" / "v1_database" / "v1.sqlite3"
WIDTH, HEIGHT = 1366, 768


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def main(out: Path) -> None:
    """Write version-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(V1, Path(folder) / "fldd.sqlite3")
        base = open_context(Path(folder) / "fldd.sqlite3", user="amina", role="buyer")
        standard, changed = with_variant(base.standard, "2.0.0")
        ctx = VariantContext(base.store, base.user, base.role, lambda: TODAY, custom=standard)
        aid = start_assessment(ctx, 1, OLD)  # Klang Valley Gloves, a second desktop draft on 1.0.0
        demo._fill(ctx, aid, 2, random.Random(5))
        session = AssessmentSession(ctx, aid)
        session.answer(changed["retire"], "no", "Only at the head office in Kuala Lumpur")
        session.answer(changed["narrow"], changed["removed"], "As the 2025 audit found")

        page = RunnerPage(ctx, ScriptedPrompter())
        page.resize(WIDTH - 170, HEIGHT - 90)  # what the main window leaves for a page
        page.show()
        page.load(aid)
        _settle(app)
        page.grab().save(str(out / "version-runner-1.0.0.png"))

        preview = move_assessment(ctx, aid, dry_run=True)
        dialog = MoveDialog(page, "Move to another questionnaire version",
                            f"Move {session.supplier.name}'s assessment from version {preview['from']} to "
                            f"{preview['to']}? Answers are carried where the question is unchanged; new questions "
                            "are left to answer; answers to questions no longer asked are kept read-only. The move "
                            "is recorded with the assessment.", report_lines(preview), "&Move to version 2.0.0")
        dialog.show()
        _settle(app)
        dialog.grab().save(str(out / "version-move-dialog.png"))
        dialog.close()

        move_assessment(ctx, aid)
        page.load(aid)
        page.header.say("Moved to version 2.0.0: answers carried, 1 not carried, 1 new question to answer.")
        page.nav.select(RETIRED)
        _settle(app)
        page.grab().save(str(out / "version-runner-retired.png"))
        page.close()

        listing = AssessmentsPage(ctx, ScriptedPrompter())
        listing.resize(WIDTH - 170, HEIGHT - 90)
        listing.show()
        _settle(app)
        listing.grab().save(str(out / "version-assessments.png"))
        listing.close()
        base.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("shots"))
