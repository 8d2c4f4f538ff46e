"""Screenshots of the Next steps page and of Home's next-steps card with the demo portfolio, at two screen sizes:
the queue with a supplier selected, the queue filtered to on-site, and Decide… open.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/queue_screens.py [OUT_FOLDER]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from findings_home_screens import SIZES, _settle, _show  # run as a script: this folder is on the path
from PySide6.QtWidgets import QApplication

from fldd.ui.home.home_page import HomePage
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.queue.queue_page import QueuePage
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo


def main(out: Path) -> None:
    """Write queue-*, queue-onsite-*, queue-decide-* and home-next-steps-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_context(Path(folder) / "shots.sqlite3", user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        for width, height in SIZES:
            page = _show(app, QueuePage(ctx, ScriptedPrompter()), width, height)
            page.table.selectRow(0)
            _settle(app)
            page.grab().save(str(out / f"queue-{width}.png"))
            page.show_filtered("onsite", "all")
            page.table.selectRow(1)
            _settle(app)
            page.grab().save(str(out / f"queue-onsite-{width}.png"))
            dialog = page.decide()
            _settle(app)
            dialog.grab().save(str(out / f"queue-decide-{width}.png"))
            dialog.reject()
            page.close()
            home = _show(app, HomePage(ctx, ScriptedPrompter()), width, height)
            _settle(app)
            home.grab().save(str(out / f"home-next-steps-{width}.png"))
            home.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/queue-screens"))
