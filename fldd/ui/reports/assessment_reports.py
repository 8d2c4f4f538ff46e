"""The Report button wherever one assessment is in view (the runner, the assessments list): the full report as
PDF, the closing-meeting summary for an on-site visit, and the Excel report."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from fldd.ui.reports.report_dialog import ReportDialog, write_report_file
from fldd.usecases.report_jobs import ASSESSMENT_PDF, ASSESSMENT_XLSX, CLOSING_PDF, FILTERS, file_name

MENU_WORDS = {ASSESSMENT_PDF: "Assessment report (&PDF)…", CLOSING_PDF: "&Closing-meeting summary (PDF)…",
              ASSESSMENT_XLSX: "&Excel report…"}
TIPS = {ASSESSMENT_PDF: "The whole report: summary, results, findings and corrective action plan, answers, "
                        "evidence, glossary and method",
        CLOSING_PDF: "A short summary to print or share at the end of the site visit: findings, dates, signatures",
        ASSESSMENT_XLSX: "The same content as filterable tables: answers, findings and actions, indicators, evidence"}


class AssessmentReportButton(QPushButton):
    """'Report ▾' for the assessment given to show(); the closing summary is offered for on-site assessments."""

    def __init__(self, ctx, prompter, parent: QWidget | None = None) -> None:
        super().__init__("&Report", parent)
        self.setObjectName("reportButton")
        self.setToolTip("Write this assessment's report as PDF or Excel")
        self.ctx = ctx
        self.prompter = prompter
        self.assessment_id: int | None = None
        self.supplier = ""
        self.dialog: ReportDialog | None = None  # the last report started (tests wait on it)
        self.before_write = None  # called first: the runner saves the answer being typed
        menu = QMenu(self)
        self.actions_by_kind: dict[str, QAction] = {}
        for kind, words in MENU_WORDS.items():
            action = menu.addAction(words)
            action.setToolTip(TIPS[kind])
            action.setObjectName(f"report_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.write(k))
            self.actions_by_kind[kind] = action
        menu.setToolTipsVisible(True)
        self.setMenu(menu)
        self.setEnabled(False)

    def show_assessment(self, assessment_id: int | None, supplier: str = "", tier: str = "desktop") -> None:
        """The assessment the reports are about (None disables the button)."""
        self.assessment_id = assessment_id
        self.supplier = supplier
        self.actions_by_kind[CLOSING_PDF].setVisible(tier == "onsite")
        self.setEnabled(assessment_id is not None)

    def write(self, kind: str) -> ReportDialog | None:
        """Ask for the file and write the report of this kind in the background."""
        if self.assessment_id is None:
            return None
        if self.before_write is not None:
            self.before_write()
        suggested = file_name(kind, self.supplier, self.ctx.today())
        self.dialog = write_report_file(self.ctx, self.prompter, self.window(), kind, self.assessment_id,
                                        suggested, FILTERS[kind])
        return self.dialog
