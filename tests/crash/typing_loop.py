"""Run in a child process by test_kill.py: a person types answers into the runner, one after another;
each is reported once the runner has saved it."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fldd.ui.prompter import ScriptedPrompter  # noqa: E402
from fldd.ui.runner.runner_page import RunnerPage  # noqa: E402
from fldd.usecases.assessments import start_assessment  # noqa: E402
from fldd.usecases.context import open_context  # noqa: E402
from fldd.usecases.suppliers import add_supplier  # noqa: E402


def main(db_path: str) -> None:
    app = QApplication([])
    ctx = open_context(db_path, user="crash-test", role="supplier")
    supplier_id = add_supplier(ctx, "Crash Test Garments", "BD", goods=["Garments"])
    assessment_id = start_assessment(ctx, supplier_id, "fldd-desktop")
    page = RunnerPage(ctx, ScriptedPrompter())
    page.resize(1366, 768)
    page.show()
    page.load(assessment_id)
    app.processEvents()
    line = page.views["profile"].cards["pr_workers_total"].editor.line
    print(f"assessment {assessment_id}", flush=True)
    n = 0
    while True:  # until killed
        n += 1
        line.selectAll()
        QTest.keyClicks(line, str(100 + n))
        QTest.keyClick(line, Qt.Key.Key_Return)  # the answer is finished: the runner saves it
        app.processEvents()
        saved = page.session.values.get("pr_workers_total") == 100 + n
        print(f"{'saved' if saved else 'NOT SAVED'} {n}", flush=True)
        QTest.keyClicks(line, "9")  # the next answer, half typed when the kill comes


if __name__ == "__main__":
    main(sys.argv[1])
