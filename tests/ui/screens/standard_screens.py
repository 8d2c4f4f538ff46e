"""Screenshots of the Standard page with a question that has a crosswalk, at 1366x768.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/standard_screens.py /tmp/shots
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.standard_page import StandardPage
from fldd.usecases.context import open_context

QUESTIONS = ("dr_max_weekly_hours", "doc_id_holder", "wi_violence")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(Path(tmp) / "s.sqlite3")
        page = StandardPage(ctx, ScriptedPrompter())
        page.resize(1366, 738)
        page.show()
        items = {}
        for t in range(page.tree.topLevelItemCount()):
            top = page.tree.topLevelItem(t)
            for m in range(top.childCount()):
                for i in range(top.child(m).childCount()):
                    item = top.child(m).child(i)
                    items[item.text(0).split(":")[0]] = item
        for qid in QUESTIONS:
            page.tree.setCurrentItem(items[qid])
            page.tree.scrollToItem(items[qid])
            for _ in range(5):
                app.processEvents()
            page.grab().save(str(out / f"1366x768-standard-{qid}.png"))
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
