"""Renders the trail of findings and actions with the demo portfolio at two screen sizes, to look at: an action's
history after a reopen, the Mark done / Reopen dialogs, the add-finding dialog with its question, indicator and
photo, the finding it makes, and the supplier panel's open findings.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screens.trail_screens [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fldd.ui.findings.findings_page import FindingsPage
from fldd.ui.prompter import ScriptedPrompter
from fldd.ui.register.register_page import RegisterPage
from fldd.usecases.assessments import add_auditor_finding
from fldd.usecases.context import open_context
from fldd.usecases.demo import build_demo
from fldd.usecases.finding_links import link_choices
from fldd.usecases.findings import list_findings, set_action_status
from tests.ui.screens.findings_home_screens import SIZES, _settle, _show


def _trail(ctx, folder: Path) -> dict:
    """A done action reopened by the buyer, then marked done again by the site with a photo."""
    row = next(r for r in list_findings(ctx) if r["status"] == "done")
    photo = folder / "rota-december.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(40_000))
    ctx.user, ctx.role = "Tom Becker (buyer)", "buyer"
    set_action_status(ctx, row["action_id"], "in_progress",
                      note="The note says it is done, but no rota or time records were shown. Send December's.")
    ctx.user, ctx.role = "Siti Rahman (HR)", "supplier"
    set_action_status(ctx, row["action_id"], "done", evidence=photo,
                      note="December rota attached: no week over 60 hours; time records at the site office.")
    ctx.user, ctx.role = "shots", "buyer"
    return row


def main(out: Path) -> None:
    """Write trail-*.png into out."""
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ctx = open_context(folder / "shots.sqlite3", user="shots", role="buyer")
        ctx.today = lambda: dt.date(2026, 11, 23)
        build_demo(ctx)
        reopened = _trail(ctx, folder)
        photo = folder / "cabinet.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(120_000))
        ctx.user, ctx.role = "Ana Lima (auditor)", "auditor"
        documents = next(q["id"] for q in link_choices(ctx, reopened["assessment_id"])["questions"]
                         if 7 in q["indicators"])  # a question on identity documents
        linked = add_auditor_finding(ctx, reopened["assessment_id"], severity="priority",
                                     title="Passports of migrant workers kept in the HR office safe",
                                     detail="Seen on the site visit: 14 passports in the locked safe behind reception",
                                     question_id=documents, indicator=7, evidence=photo)
        linked_action = next(r["action_id"] for r in list_findings(ctx) if r["id"] == linked)
        for width, height in SIZES:
            ctx.role = "buyer"
            page = _show(app, FindingsPage(ctx, ScriptedPrompter(files=[str(photo)])), width, height)
            page.show_findings("all", reopened["action_id"])
            _settle(app)
            page.panel.verticalScrollBar().setValue(page.panel.verticalScrollBar().maximum())
            _settle(app)
            page.grab().save(str(out / f"trail-{width}-history.png"))
            page.panel.move_to("in_progress")
            _settle(app)
            page.panel.step_dialog.grab().save(str(out / f"trail-{width}-reopen-dialog.png"))
            page.panel.step_dialog.reject()
            page.show_findings("all", linked_action)
            page.panel.verticalScrollBar().setValue(0)
            _settle(app)
            page.grab().save(str(out / f"trail-{width}-linked-finding.png"))
            ctx.role = "supplier"
            page.refresh()
            page.panel.move_to("done")
            dialog = page.panel.step_dialog
            dialog.note.setPlainText("Passports returned to each worker on 24 Nov; personal lockers fitted.")
            dialog.file.attach()
            _settle(app)
            dialog.grab().save(str(out / f"trail-{width}-done-dialog.png"))
            dialog.reject()
            ctx.role = "auditor"
            page.refresh()
            page.add_finding()
            add = page.add_dialog
            add.title_edit.setText("Passports kept in the HR office")
            add.question.setCurrentIndex(add.question.findData(documents))
            add.photo.set_path(str(photo))
            _settle(app)
            add.grab().save(str(out / f"trail-{width}-add-dialog.png"))
            add.reject()
            page.close()
            ctx.role = "buyer"
            register = _show(app, RegisterPage(ctx, ScriptedPrompter()), width, height)
            register.select_supplier(reopened["supplier_id"])
            _settle(app)
            register.grab().save(str(out / f"trail-{width}-supplier-panel.png"))
            register.close()
        ctx.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots"))
