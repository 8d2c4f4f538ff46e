"""The detail of one finding and its corrective action: why it was raised, who does what by when, the
status steps the lifecycle and role allow, and the evidence that it was done."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fldd.standard.answers import AnswerError
from fldd.store.errors import StoreError
from fldd.ui.findings.action_history import ActionHistory, size_text
from fldd.ui.findings.dialog_parts import EVIDENCE_FILTERS
from fldd.ui.findings.findings_model import assessment_text, overdue_text
from fldd.ui.findings.step_dialog import StepDialog
from fldd.ui.layout import MARGIN, SPACING, hbox
from fldd.ui.prompter import Prompter
from fldd.ui.theme import ACTION_STATUS_WORDS, OVERDUE_COLOUR, SEVERITY_COLOURS, SEVERITY_WORDS, badge_style
from fldd.usecases import findings as uc
from fldd.usecases.action_trail import action_history, step_needs
from fldd.usecases.errors import Rejected
from fldd.usecases.finding_links import finding_evidence, link_text

ERRORS = (Rejected, AnswerError, StoreError)
DESCRIPTION_HEIGHT = 84
EVIDENCE_HEIGHT = 84
PANEL_MIN_WIDTH = 340


def _section(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
    layout.setSpacing(SPACING // 2)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)  # extra height goes below the content, never between the lines
    return box


def _wrapping(text: str = "", selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ActionPanel(QScrollArea):
    """Shows one action (load(action_id)); edits and status steps go through fldd.usecases.findings."""

    changed = Signal(int)  # action id: saved something the table shows
    open_assessment = Signal(int)
    open_supplier = Signal(int)

    def __init__(self, ctx, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.action_id: int | None = None
        self.row: dict | None = None
        self.dirty = False
        self.step_dialog: StepDialog | None = None
        self.finding_names: dict[str, str] = {}  # link -> file name of the finding's own files

        self.placeholder = _wrapping("Select a finding to see why it was raised and work on its corrective "
                                     "action.", selectable=False)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.heading = _wrapping()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.severity_badge = QLabel()
        self.status_badge = QLabel()
        self.status_badge.setStyleSheet(badge_style("#e4e7eb"))
        self.overdue_label = QLabel()
        self.overdue_label.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: bold;")
        self.where = _wrapping(selectable=False)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.rule = _wrapping()
        self.rule.setStyleSheet("color: #555;")
        self.because = _wrapping()
        self.because.setTextFormat(Qt.TextFormat.RichText)
        self.link = _wrapping()  # the question and ILO indicator an auditor's finding names
        self.finding_files = _wrapping(selectable=False)  # photos and files kept with the finding: a link each
        self.finding_files.setTextFormat(Qt.TextFormat.RichText)
        self.finding_files.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                   | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.finding_files.setToolTip("Click a file to save a copy of it")

        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(DESCRIPTION_HEIGHT)
        self.owner = QLineEdit()
        self.owner.setPlaceholderText("Who carries it out, e.g. HR manager")
        self.due = QDateEdit()  # when the corrective-action plan is due
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.closure = QDateEdit()  # when the work itself is to be finished
        self.closure.setCalendarPopup(True)
        self.closure.setDisplayFormat("yyyy-MM-dd")
        self.save_button = QPushButton("&Save changes")
        self.error = _wrapping()
        self.error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.error.hide()
        self.start_button = QPushButton("S&tart")
        self.done_button = QPushButton("&Mark done")
        self.verify_button = QPushButton("&Verify")
        self.reopen_button = QPushButton("Re&open")
        self.step_hint = _wrapping(selectable=False)
        self.step_hint.setStyleSheet("color: #555;")
        self.evidence = QListWidget()
        self.evidence.setFixedHeight(EVIDENCE_HEIGHT)
        self.evidence.setWordWrap(True)  # a long name wraps rather than hide who added it
        self.evidence.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attach_button = QPushButton("&Attach…")
        self.copy_button = QPushButton("Save a &copy…")
        self.remedy = _wrapping()
        self.history = ActionHistory()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(SPACING // 2)
        form.addRow("&Description:", self.description)
        form.addRow("O&wner:", self.owner)
        form.addRow("Plan d&ue:", self.due)
        form.addRow("C&losure due:", self.closure)
        self.form = form
        form_holder = QWidget()
        form_holder.setLayout(form)
        self.save_row = save_row = QWidget()
        save_row.setLayout(hbox(self.save_button, QWidget(), stretch=(0, 1)))
        save_row.layout().setContentsMargins(0, 0, 0, 0)
        self.steps = steps = QWidget()
        steps_grid = QGridLayout(steps)  # two by two: fits a narrow panel
        steps_grid.setContentsMargins(0, 0, 0, 0)
        steps_grid.setSpacing(SPACING // 2)
        for position, button in enumerate((self.start_button, self.done_button, self.verify_button,
                                           self.reopen_button)):
            steps_grid.addWidget(button, position // 2, position % 2)
        evidence_buttons = QWidget()
        evidence_buttons.setLayout(hbox(self.attach_button, self.copy_button, QWidget(), stretch=(0, 0, 1)))
        evidence_buttons.layout().setContentsMargins(0, 0, 0, 0)
        badges = QWidget()
        badges.setLayout(hbox(self.severity_badge, self.status_badge, self.overdue_label, QWidget(),
                              stretch=(0, 0, 0, 1)))
        badges.layout().setContentsMargins(0, 0, 0, 0)
        self.why_box = _section("Why it was raised", self.rule, self.because, self.link, self.finding_files)
        self.action_box = _section("Corrective action", form_holder, save_row, self.error, steps, self.step_hint)
        self.evidence_box = _section("Evidence it was done", self.evidence, evidence_buttons)
        self.remedy_box = _section("What the standard asks for", self.remedy)
        self.body = QWidget()
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        body_layout.setSpacing(SPACING)
        for widget in (self.placeholder, self.heading, badges, self.where, self.why_box, self.action_box,
                       self.evidence_box, self.history, self.remedy_box):
            body_layout.addWidget(widget)
        body_layout.addStretch(1)
        self.details = [self.heading, badges, self.where, self.why_box, self.action_box, self.evidence_box,
                        self.history, self.remedy_box]
        self.setWidget(self.body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(max(PANEL_MIN_WIDTH, self.body.minimumSizeHint().width() + scrollbar))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.description.textChanged.connect(self._edited)
        self.owner.textEdited.connect(self._edited)
        self.owner.returnPressed.connect(lambda: self.save_pending())
        self.due.dateChanged.connect(self._edited)
        self.closure.dateChanged.connect(self._edited)
        self.save_button.clicked.connect(lambda: self.save_pending())
        QShortcut(QKeySequence.StandardKey.Save, self, activated=lambda: self.save_pending())
        self.start_button.clicked.connect(lambda: self.move_to("in_progress"))
        self.done_button.clicked.connect(lambda: self.move_to("done"))
        self.verify_button.clicked.connect(lambda: self.move_to("verified"))
        self.reopen_button.clicked.connect(lambda: self.move_to("in_progress"))
        self.attach_button.clicked.connect(self.attach)
        self.copy_button.clicked.connect(lambda: self.save_copy(self.evidence.currentItem()))
        self.finding_files.linkActivated.connect(lambda href: self._save_copy(int(href.partition(":")[2]),
                                                                             self.finding_names[href]))
        self.evidence.currentRowChanged.connect(lambda row: self.copy_button.setEnabled(row >= 0))
        self.where.linkActivated.connect(self._link)
        self.clear()

    def clear(self) -> None:
        """Show the hint instead of an action."""
        self.action_id = None
        self.row = None
        self.dirty = False
        self.placeholder.show()
        for widget in self.details:
            widget.hide()

    def load(self, action_id: int) -> None:
        """Show one action as the store has it now (unsaved edits of another action are dropped)."""
        try:
            row = uc.get_action(self.ctx, action_id)
            text = uc.describe_finding(self.ctx, row)
            evidence = uc.list_evidence(self.ctx, action_id)
            history = action_history(self.ctx, action_id)
            link = link_text(self.ctx, row)
            files = finding_evidence(self.ctx, row["id"])
        except ERRORS as exc:
            self.clear()
            self.prompter.error(self, "Cannot show this finding", str(exc))
            return
        self.action_id = action_id
        self.row = row
        self.placeholder.hide()
        for widget in self.details:
            widget.show()
        self.heading.setText(row["title"])
        self.severity_badge.setText(SEVERITY_WORDS.get(row["severity"], row["severity"]))
        self.severity_badge.setStyleSheet(badge_style(SEVERITY_COLOURS.get(row["severity"], "#e4e7eb")))
        self.status_badge.setText(ACTION_STATUS_WORDS.get(row["status"], row["status"]))
        self.overdue_label.setText(overdue_text(row))
        self.where.setText(
            f'<a href="supplier:{row["supplier_id"]}">{html.escape(row["supplier"])}</a> · '
            f'<a href="assessment:{row["assessment_id"]}">{assessment_text(row)} '
            f'{html.escape(text["questionnaire"])}</a> · raised {row["raised_on"]}')
        if row["source"] == "auditor":
            detail = row["detail"]
            self.rule.setText(f"Recorded by an auditor: {detail}" if detail else "Recorded by an auditor.")
        elif text["sources"]:  # one fact, several sources: each says how it was established
            self.rule.setText("Established by: " + "; ".join(text["sources"]))
        else:
            self.rule.setText(f"Rule: {text['rule']}")
        self.because.setText("<br><br>".join(
            f"<b>{html.escape(question)}</b><br>{html.escape(answer)}" for question, answer in text["because"]))
        self.because.setVisible(bool(text["because"]))
        self.link.setText(link)
        self.link.setVisible(bool(link))
        self.finding_names = {f"evidence:{f['id']}": f["file_name"] for f in files}
        self.finding_files.setText("<br>".join(
            f'<a href="evidence:{f["id"]}">{html.escape(f["file_name"])}</a> ({size_text(f["size"])}, added by '
            f'{html.escape(f["added_by"] or "someone")} on {f["added_at"][:10]})' for f in files))
        self.finding_files.setVisible(bool(files))
        self.history.set_history(history)
        # a rule's remedy is usually the action's first description: show it only once the action says otherwise
        same = " ".join(text["remedy"].split()) == " ".join((row["description"] or "").split())
        self.remedy.setText("" if same else text["remedy"])
        self.remedy_box.setVisible(bool(self.remedy.text()))
        self._fill_edits(row)
        self._fill_evidence(evidence)
        self._enable_steps(row["status"])
        self._show_error("")

    def _fill_edits(self, row: dict) -> None:
        edits = (self.description, self.owner, self.due, self.closure)
        for widget in edits:
            widget.blockSignals(True)
        self.description.setPlainText(row["description"] or "")
        self.owner.setText(row["owner"] or "")
        raised = dt.date.fromisoformat(row["raised_on"])
        for edit, day in ((self.due, row["due_date"]), (self.closure, row.get("closure_date"))):
            edit.setMinimumDate(QDate(raised.year, raised.month, raised.day))
            if day:
                edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
        # an action recorded with one date (before plans and closures were told apart) shows only that date
        self.form.setRowVisible(self.closure, bool(row.get("closure_date")))
        for widget in edits:
            widget.blockSignals(False)
        closed = row["status"] == "verified"
        for widget in edits:
            widget.setEnabled(not closed)
        self.save_row.setVisible(not closed)
        self.steps.setVisible(not closed)
        self.dirty = False
        self.save_button.setEnabled(False)

    def _fill_evidence(self, evidence: list[dict]) -> None:
        self.evidence.clear()
        for item in evidence:
            entry = QListWidgetItem(f"{item['file_name']}  ({size_text(item['size'])}, added by "
                                    f"{item['added_by'] or 'someone'} on {item['added_at'][:10]})")
            entry.setData(Qt.ItemDataRole.UserRole, item["id"])
            entry.setToolTip(f"sha256 {item['sha256']}")
            self.evidence.addItem(entry)
        if not evidence:
            self.evidence.addItem("No evidence yet.")
            self.evidence.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.attach_button.setEnabled(self.row is not None and self.row["status"] != "verified")
        self.copy_button.setEnabled(False)

    def _enable_steps(self, status: str) -> None:
        moves = uc.allowed_moves(self.ctx, status)
        self.start_button.setEnabled(status == "open" and "in_progress" in moves)
        self.done_button.setEnabled("done" in moves)
        self.verify_button.setEnabled("verified" in moves)
        self.reopen_button.setEnabled(status == "done" and "in_progress" in moves)
        if status == "done" and "verified" not in moves:
            self.step_hint.setText("Done. An auditor or a buyer verifies it; a supplier cannot verify its own "
                                   "corrective action.")
        elif status == "done":
            self.step_hint.setText("Done. Check the evidence, then verify it, or reopen it if more is needed.")
        elif status == "verified":
            self.step_hint.setText(f"Verified by {self.row['verified_by'] or 'someone'} on "
                                   f"{(self.row['verified_at'] or '')[:10]}. It is closed.")
        else:
            self.step_hint.setText("")
        self.step_hint.setVisible(bool(self.step_hint.text()))

    def _edited(self, *_) -> None:
        self.dirty = True
        self.save_button.setEnabled(True)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save_pending(self, notify: bool = True) -> bool:
        """Save edited owner, due date and description; False (message shown) if they were refused. With
        notify, `changed` tells the page to re-read the table."""
        if self.action_id is None or not self.dirty:
            return True
        due, closure = self.due.date(), self.closure.date()
        try:
            uc.update_action(self.ctx, self.action_id, owner=self.owner.text(),
                             description=self.description.toPlainText(),
                             due_date=dt.date(due.year(), due.month(), due.day()),
                             closure_date=(dt.date(closure.year(), closure.month(), closure.day())
                                           if self.row.get("closure_date") else None))
        except ERRORS as exc:
            self._show_error(str(exc))
            return False
        self.dirty = False
        self.save_button.setEnabled(False)
        self._show_error("")
        if notify:
            self.changed.emit(self.action_id)
        return True

    def move_to(self, status: str) -> None:
        """Save pending edits, then take the lifecycle step; a step that needs a note or a file asks for it in a
        small dialog first."""
        edited = self.dirty
        if self.action_id is None or self.row is None or not self.save_pending(notify=False):
            return
        needs = step_needs(self.row["status"], status)
        if needs:
            self.step_dialog = StepDialog(self.ctx, self.prompter, self.action_id, status, needs, self)
            self.step_dialog.accepted.connect(lambda action_id=self.action_id: self._stepped(action_id))
            if edited:
                self.changed.emit(self.action_id)
            self.step_dialog.open()
            return
        try:
            uc.set_action_status(self.ctx, self.action_id, status)
        except ERRORS as exc:
            self._show_error(str(exc))
            if edited:
                self.changed.emit(self.action_id)
            return
        self._stepped(self.action_id)

    def _stepped(self, action_id: int) -> None:
        self.load(action_id)
        self.changed.emit(action_id)

    def attach(self) -> None:
        """Ask for a file and keep it as evidence of this action."""
        if self.action_id is None:
            return
        path = self.prompter.open_file(self, "Attach evidence that the action was done", EVIDENCE_FILTERS)
        if not path:
            return
        try:
            uc.attach_evidence(self.ctx, self.action_id, path)
            evidence = uc.list_evidence(self.ctx, self.action_id)
            history = action_history(self.ctx, self.action_id)
        except ERRORS as exc:
            self.prompter.error(self, "Evidence not attached", str(exc))
            return
        self._fill_evidence(evidence)
        self.history.set_history(history)  # not load(): that would drop edits not yet saved
        self.evidence.setCurrentRow(self.evidence.count() - 1)

    def save_copy(self, item: QListWidgetItem | None) -> None:
        """Write the selected evidence file where the person chooses."""
        evidence_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if evidence_id is not None:
            self._save_copy(evidence_id, item.text().split("  (")[0])

    def _save_copy(self, evidence_id: int, name: str) -> None:
        target = self.prompter.save_file(self, "Save a copy of the evidence", name)
        if not target:
            return
        try:
            uc.save_evidence_copy(self.ctx, evidence_id, target)
        except ERRORS as exc:
            self.prompter.error(self, "Copy not saved", str(exc))

    def _link(self, href: str) -> None:
        kind, _, number = href.partition(":")
        (self.open_supplier if kind == "supplier" else self.open_assessment).emit(int(number))
