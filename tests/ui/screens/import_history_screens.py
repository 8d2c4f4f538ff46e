"""Screenshots of the import history with a demo-sized log (the demo portfolio, then a month of returned
workbooks: revisions, files imported twice, older copies, rejected ones), and of an assessment's import history
in the runner, folded and unfolded, at two screen sizes.

Run: PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/screens/import_history_screens.py [OUT_DIR]
(not a test: it only writes PNGs to look at).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.store import exchange as store_exchange
from fldd.ui.main_window import MainWindow
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import register
from tests.exchange.conftest import fill
from tests.exchange.import_log_story import local_zone, set_saved_at

SIZES = {"1366x768": (1366, 738), "1920x1080": (1920, 1050)}  # screen minus a task bar, as main_window_screens
FIRST = {"pr_workers_total": 240, "gov_policy_exists": "Yes", "pr_workers_migrant": 60, "pr_uses_recruiters": "Yes"}
SECOND = {"pr_workers_total": 252, "gov_policy_exists": "No", "pr_workers_migrant": 75}
BAD = ({"pr_workers_total": "about two hundred"}, {"gov_policy_exists": "perhaps", "pr_workers_total": -4},
       {"pr_workers_migrant": "n/a", "pr_uses_recruiters": "sometimes", "pr_workers_total": "many"})


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def a_month(ctx, folder: Path) -> int:
    """Thirty suppliers' workbooks over November: most accepted, some revised, some sent twice, an older copy,
    some refused, a scanned letter; returns the assessment with the longest history."""
    day = dt.datetime(2026, 11, 2, 8, 30)

    def at(step: int) -> None:
        when = day + dt.timedelta(hours=7 * step)
        store_exchange.now = lambda: when.strftime("%Y-%m-%dT%H:%M:%SZ")  # the log's clock, for this script

    longest, step = 0, 0
    for n, row in enumerate(register(ctx)[:30]):
        sent = export_workbook(ctx, row["id"], "fldd-desktop", folder / f"sent-{n}.xlsx").path
        name = row["name"].replace("/", " ")
        v1 = set_saved_at(fill(sent, FIRST, out=folder / f"{name}.xlsx"), (day + dt.timedelta(hours=7 * step - 20))
                          .strftime("%Y-%m-%dT%H:%M:%SZ"))
        files = [v1]
        if n % 3 == 0:
            files.append(set_saved_at(fill(v1, SECOND, out=folder / f"{name} v2.xlsx",
                                           comments={"pr_workers_total": "12 more since the audit"}),
                                      (day + dt.timedelta(hours=7 * step + 3)).strftime("%Y-%m-%dT%H:%M:%SZ")))
        if n % 5 == 0:
            files.append(files[-1])  # the same file sent again
        if n % 7 == 0:
            files.append(set_saved_at(fill(sent, {"pr_workers_total": 200}, out=folder / f"{name} old copy.xlsx"),
                                      "2026-10-20T09:00:00Z"))
        if n % 4 == 1:
            files.append(fill(v1, BAD[n % 3], out=folder / f"{name} (corrected).xlsx"))
        for path in files:
            at(step)
            step += 1
            [report] = import_paths(ctx, [path])
            if n == 0:
                longest = report.assessment_id or longest
    letter = folder / "Scan of the signed code of conduct.xlsx"
    letter.write_bytes(b"%PDF-1.4")
    at(step)
    import_paths(ctx, [letter])
    return longest


def main(out: Path) -> None:
    """Write history-*.png into out."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp, local_zone("Asia/Kuala_Lumpur"):
        ctx = open_context(Path(tmp) / "demo.sqlite3", user="screens", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        longest = a_month(ctx, Path(tmp))
        for size_name, (width, height) in SIZES.items():
            window = MainWindow(ctx, ScriptedPrompter())
            window.resize(width, height)
            window.show()
            settle(app)
            window.open_import_history()
            page = window.history
            settle(app)
            page.table.selectRow(1)
            settle(app)
            window.grab().save(str(out / f"history-{size_name}-all.png"))
            page.outcome.setCurrentIndex(page.outcome.findData("rejected"))
            settle(app)
            page.table.selectRow(0)
            settle(app)
            window.grab().save(str(out / f"history-{size_name}-rejected.png"))
            page.outcome.setCurrentIndex(0)
            page.search.setText("v2")
            settle(app)
            page.table.selectRow(0)
            settle(app)
            window.grab().save(str(out / f"history-{size_name}-revision.png"))
            page.details.open_button.click()
            settle(app)
            window.grab().save(str(out / f"history-{size_name}-runner-folded.png"))
            window.open_assessment(longest)
            settle(app)
            panel = window.runner.history
            panel.toggle.click()
            for index in range(panel.tree.topLevelItemCount()):
                item = panel.tree.topLevelItem(index)
                if item.text(0).startswith("Revision 2"):
                    item.setExpanded(True)
            settle(app)
            window.grab().save(str(out / f"history-{size_name}-runner-unfolded.png"))
            window.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots"))
