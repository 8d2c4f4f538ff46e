"""An auditor records a finding of their own: which assessment, how severe, what was seen and what must be
done by whom, the question and ILO indicator it concerns (picked from lists that search as one types) and a
photo or file; the due date follows the severity rule and is shown before saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fldd.standard.answers import AnswerError
from fldd.store.errors import StoreError
from fldd.ui.findings.dialog_parts import FilePick, error_line, ok_cancel
from fldd.ui.findings.findings_model import TIER_WORDS
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.prompter import Prompter
from fldd.ui.theme import SEVERITY_WORDS, STATUS_WORDS
from fldd.usecases.assessments import add_auditor_finding, list_assessments
from fldd.usecases.errors import Rejected
from fldd.usecases.finding_links import link_choices
from fldd.usecases.findings import auditor_due_date

TEXT_HEIGHT = 70
MIN_WIDTH = 560
PICK_WIDTH = 48  # characters a question picker shows; the list it opens is as wide as the dialog
NO_QUESTION = "None: the finding is not about one question"
NO_INDICATOR = "None"


def searchable(placeholder: str) -> QComboBox:
    """A list to pick from that narrows to the entries containing what is typed (anywhere, any case)."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(PICK_WIDTH)
    combo.lineEdit().setPlaceholderText(placeholder)
    completer = combo.completer()
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return combo


def picked(combo: QComboBox, what: str) -> tuple[object, str]:
    """(the picked entry's data, '') or (None, why not) when the text typed names no entry of the list; nothing
    typed picks nothing."""
    if not combo.currentText().strip():
        return None, ""
    index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
    if index < 0:
        return None, f"{what}: no entry reads '{combo.currentText().strip()}'; pick one from the list"
    combo.setCurrentIndex(index)
    return combo.itemData(index), ""


class AddFindingDialog(QDialog):
    """Fills in a finding; accepted only once fldd.usecases.assessments.add_auditor_finding saved it."""

    def __init__(self, ctx, parent: QWidget | None = None, assessment_id: int | None = None,
                 prompter: Prompter | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.finding_id: int | None = None
        self.question_indicators: dict[str, list[int]] = {}
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
        self.question = searchable("Type words of the question to find it")
        self.question_text = QLabel()  # the picked question in full: the list shows only its start
        self.question_text.setWordWrap(True)
        self.question_text.setStyleSheet("color: #555;")
        self.question_text.hide()
        self.indicator = searchable("Type a word, e.g. documents")
        self.photo = FilePick(prompter or Prompter(), "Attach a photo or file to the finding",
                              "Attach a &photo or file…")
        self.due_label = QLabel()
        self.error = error_line()
        self.buttons, self.ok_button = ok_cancel("&Add finding")

        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow("A&ssessment:", self.assessment)
        form.addRow("Se&verity:", self.severity)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&What was seen:", self.detail)
        form.addRow("&Corrective action:", self.action)
        form.addRow("&Owner:", self.owner)
        form.addRow("&Question:", self.question)
        form.addRow("", self.question_text)
        form.addRow("&ILO indicator:", self.indicator)
        form.addRow("Evidence:", self.photo)
        form.addRow("Due date:", self.due_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.assessment.currentIndexChanged.connect(self._show_due_date)
        self.assessment.currentIndexChanged.connect(self._fill_links)
        self.severity.currentIndexChanged.connect(self._show_due_date)
        self.question.currentIndexChanged.connect(self._suggest_indicator)
        self.question.currentIndexChanged.connect(self._show_question)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._show_due_date()
        self._fill_links()
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

    def _fill_links(self) -> None:
        """The questions of the chosen assessment, and the eleven indicators."""
        assessment_id = self.assessment.currentData()
        self.question.clear()
        self.indicator.clear()
        self.question.addItem(NO_QUESTION, None)
        self.indicator.addItem(NO_INDICATOR, None)
        if assessment_id is None:
            return
        try:
            choices = link_choices(self.ctx, assessment_id)
        except (Rejected, StoreError) as exc:
            self._show_error(str(exc))
            return
        self.question_indicators = {}
        for question in choices["questions"]:
            self.question.addItem(f"{question['text']} ({question['module']})", question["id"])
            self.question.setItemData(self.question.count() - 1, question["text"], Qt.ItemDataRole.ToolTipRole)
            self.question_indicators[question["id"]] = question["indicators"]
        for number, label in choices["indicators"]:
            self.indicator.addItem(f"{number}. {label}", number)

    def _show_question(self) -> None:
        """The picked question in full below the list, and the list scrolled back to its start."""
        picked_id = self.question.currentData()
        self.question_text.setText(self.question.itemData(self.question.currentIndex(), Qt.ItemDataRole.ToolTipRole)
                                   if picked_id else "")
        self.question_text.setVisible(bool(picked_id))
        self.question.lineEdit().setCursorPosition(0)

    def _suggest_indicator(self) -> None:
        """A question's own first indicator, unless the auditor already chose one."""
        numbers = self.question_indicators.get(self.question.currentData()) or []
        if numbers and self.indicator.currentData() is None:
            self.indicator.setCurrentIndex(self.indicator.findData(numbers[0]))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save(self) -> None:
        """Record the finding; stay open with the message if it is refused."""
        assessment_id = self.assessment.currentData()
        if assessment_id is None:
            return
        question, wrong_question = picked(self.question, "question")
        indicator, wrong_indicator = picked(self.indicator, "ILO indicator")
        if wrong_question or wrong_indicator:
            self._show_error("\n".join(m for m in (wrong_question, wrong_indicator) if m))
            return
        try:
            self.finding_id = add_auditor_finding(
                self.ctx, assessment_id, severity=self.severity.currentData(), title=self.title_edit.text(),
                detail=self.detail.toPlainText().strip(), action=self.action.toPlainText(),
                owner=self.owner.text().strip(), question_id=question, indicator=indicator,
                evidence=self.photo.path)
        except (Rejected, AnswerError, StoreError) as exc:
            self._show_error(str(exc))
            return
        self.accept()
