"""An auditor records a finding of their own: which assessment, how severe, what was seen and what must be
done by whom; the due date follows the severity rule and is shown before saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fldd.standard.answers import AnswerError
from fldd.store.errors import StoreError
from fldd.ui.findings.findings_model import TIER_WORDS
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.theme import OVERDUE_COLOUR, SEVERITY_WORDS, STATUS_WORDS
from fldd.usecases.assessments import add_auditor_finding, list_assessments
from fldd.usecases.errors import Rejected
from fldd.usecases.findings import auditor_due_date

TEXT_HEIGHT = 70
MIN_WIDTH = 520


class AddFindingDialog(QDialog):
    """Fills in a finding; accepted only once fldd.usecases.assessments.add_auditor_finding saved it."""

    def __init__(self, ctx, parent: QWidget | None = None, assessment_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.finding_id: int | None = None
        self.setWindowTitle("Add finding")
        self.setMinimumWidth(MIN_WIDTH)

        self.assessment = QComboBox()
        # on-site assessments first: an auditor records findings mostly during a visit
        rows = sorted((r for r in list_assessments(ctx) if r["status"] != "closed"),
                      key=lambda r: r["tier"] != "onsite")
        for row in rows:
            self.assessment.addItem(f"{row['supplier']} — {TIER_WORDS.get(row['tier'], row['tier'])} "
                                    f"#{row['id']} ({STATUS_WORDS.get(row['status'], row['status'])})", row["id"])
        if assessment_id is not None and self.assessment.findData(assessment_id) >= 0:
            self.assessment.setCurrentIndex(self.assessment.findData(assessment_id))
        self.severity = QComboBox()
        for value, word in SEVERITY_WORDS.items():
            self.severity.addItem(word, value)
        self.severity.setCurrentIndex(1)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What was found, in one line, e.g. Passports kept in the HR office")
        self.detail = QPlainTextEdit()
        self.detail.setTabChangesFocus(True)
        self.detail.setFixedHeight(TEXT_HEIGHT)
        self.detail.setPlaceholderText("What you saw or heard, where and when")
        self.action = QPlainTextEdit()
        self.action.setTabChangesFocus(True)
        self.action.setFixedHeight(TEXT_HEIGHT)
        self.action.setPlaceholderText("What the site must do (defaults to the title)")
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who at the site carries it out")
        self.due_label = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Add finding")

        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow("A&ssessment:", self.assessment)
        form.addRow("Se&verity:", self.severity)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&What was seen:", self.detail)
        form.addRow("&Corrective action:", self.action)
        form.addRow("&Owner:", self.owner)
        form.addRow("Due date:", self.due_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.assessment.currentIndexChanged.connect(self._show_due_date)
        self.severity.currentIndexChanged.connect(self._show_due_date)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._show_due_date()
        if self.assessment.count() == 0:
            self._show_error("There is no open assessment to add a finding to: start one first.")
            self.ok_button.setEnabled(False)

    def _show_due_date(self) -> None:
        assessment_id = self.assessment.currentData()
        if assessment_id is None:
            self.due_label.setText("—")
            return
        severity = self.severity.currentData()
        try:
            due = auditor_due_date(self.ctx, assessment_id, severity)
        except (Rejected, StoreError) as exc:
            self.due_label.setText("—")
            self._show_error(str(exc))
            return
        self.due_label.setText(f"{due.isoformat()}  (the rule for {SEVERITY_WORDS[severity].lower()} findings)")

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self) -> None:
        """Record the finding; stay open with the message if it is refused."""
        assessment_id = self.assessment.currentData()
        if assessment_id is None:
            return
        try:
            self.finding_id = add_auditor_finding(
                self.ctx, assessment_id, severity=self.severity.currentData(), title=self.title_edit.text(),
                detail=self.detail.toPlainText().strip(), action=self.action.toPlainText(),
                owner=self.owner.text().strip())
        except (Rejected, AnswerError, StoreError) as exc:
            self._show_error(str(exc))
            return
        self.accept()
