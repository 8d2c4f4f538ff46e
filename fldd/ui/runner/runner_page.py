"""The assessment runner page: module list, the questions of one module, and the live result; every answer is
saved the moment it is given."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from fldd.risk.currencies import local_currency
from fldd.standard.answers import AnswerError, coerce
from fldd.standard.model import Question, pick
from fldd.store.errors import StoreError
from fldd.ui.page import Page
from fldd.ui.reports.assessment_reports import AssessmentReportButton
from fldd.ui.runner.correction_ui import Corrector
from fldd.ui.runner.focus import focused_card, outline, skipped_follow_up
from fldd.ui.runner.import_history import ImportHistoryPanel
from fldd.ui.runner.interviews_panel import InterviewsPanel
from fldd.ui.runner.module_nav import INTERVIEWS, ModuleNav
from fldd.ui.runner.module_view import ModuleView
from fldd.ui.runner.onsite_panels import ChecklistPages, with_checklists
from fldd.ui.runner.question_card import QuestionCard
from fldd.ui.runner.received_bar import ReceivedBar
from fldd.ui.runner.result_panel import ResultPanel
from fldd.ui.runner.retired_panel import RETIRED, RetiredPanel, retired_entry
from fldd.ui.runner.runner_header import RunnerHeader
from fldd.ui.runner.sample_banner import SampleBanner, ask_sample_reason
from fldd.ui.runner.status_actions import StatusActions
from fldd.ui.runner.version_bar import VersionBar
from fldd.ui.runner.wording import numbering, short
from fldd.usecases.assessments import AssessmentSession
from fldd.usecases.errors import Rejected
from fldd.usecases.evidence import attach_evidence, list_evidence, remove_evidence
from fldd.usecases.import_log import assessment_imports
from fldd.usecases.interview_records import interview_count
from fldd.usecases.version_moves import retired_answers

EVIDENCE_FILTERS = "Documents and images (*.pdf *.jpg *.jpeg *.png *.heic *.doc *.docx *.xls *.xlsx *.csv *.txt);;" \
                   "All files (*)"
CARD_STYLE = ("#questionCard { background: palette(base); border: 1px solid #d5dae0; border-radius: 6px; }"
              "#questionCard[current=\"true\"] { border: 1px solid #4a7bd0; }"
              # answers of a closed assessment are read, so they keep a dark text when disabled
              "#questionCard QLineEdit:disabled, #questionCard QRadioButton:disabled, "
              "#questionCard QCheckBox:disabled, #questionCard QComboBox:disabled, "
              "#questionCard QPlainTextEdit:disabled, #questionCard QLabel:disabled { color: #3f454c; }")
PROBLEMS = (Rejected, StoreError)


class RunnerPage(Page):
    """Open one assessment with load(assessment_id)."""

    title = "Assessment"

    def __init__(self, ctx, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.session: AssessmentSession | None = None
        self.views: dict[str, ModuleView] = {}
        self.interviews: InterviewsPanel | None = None
        self.checklists: ChecklistPages | None = None
        self.retired: RetiredPanel | None = None
        self.evidence: dict[str, list[dict]] = {}
        self.number: dict[str, str] = {}
        self._last_answered: str | None = None
        self._sync_timer = QTimer(self)  # cards appear and disappear once the focus change that saved is over
        self._sync_timer.setSingleShot(True)
        self._sync_timer.setInterval(0)
        self._sync_timer.timeout.connect(self._sync_current)
        self.setObjectName("runnerPage")
        self.setStyleSheet(CARD_STYLE)

        self.header = RunnerHeader()
        self.report = AssessmentReportButton(ctx, prompter)
        self.report.before_write = self.flush
        self.header.row.addWidget(self.report)
        self.version = VersionBar(ctx, prompter)
        self.received = ReceivedBar(ctx, prompter, self.flush)
        self.history = ImportHistoryPanel()
        self.nav: ModuleNav | None = None
        self.results: ResultPanel | None = None
        self.stack = QStackedWidget()
        self.stack.setMinimumWidth(420)
        self.empty = QLabel("No assessment is open.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.sample = SampleBanner()
        self.actions = StatusActions()
        self.corrector = Corrector(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)

        layout = QVBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.version)
        layout.addWidget(self.received)
        layout.addWidget(self.history)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.sample)
        layout.addWidget(self.actions)
        self.setLayout(layout)

        self.actions.move.connect(self.move_to)
        self.version.moved.connect(self._moved)
        self.received.said.connect(self.header.say)
        self.history.go_to_question.connect(self.go_to_question)
        self.actions.next_missing.connect(self.go_to_next_missing)
        for keys, slot in (("Ctrl+PgDown", lambda: self.nav and self.nav.step(1)),
                           ("Ctrl+PgUp", lambda: self.nav and self.nav.step(-1)),
                           ("Ctrl+Return", self._submit_by_key), ("Ctrl+Enter", self._submit_by_key)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        QApplication.instance().focusChanged.connect(self._focus_moved)  # a method: let go with the page

    # --- opening ---------------------------------------------------------------------------------------

    def load(self, assessment_id: int) -> None:
        """Open an assessment: header, module list, result, and its first module with open questions."""
        try:
            session = AssessmentSession(self.ctx, assessment_id)
        except (*PROBLEMS, LookupError) as exc:
            self.empty.setText(f"Assessment {assessment_id} cannot be opened: {exc}")
            self.report.show_assessment(None)
            self.stack.setCurrentWidget(self.empty)
            return
        self._clear()
        self.session = session
        self.corrector.notes = {}
        q = session.questionnaire
        lang = session.record.language
        self.number = numbering(q)
        self.evidence = {}
        for row in list_evidence(self.ctx, session.id):
            self.evidence.setdefault(row["question_id"], []).append(row)
        entries = [(m.id, f"{i}. {pick(m.title, lang)}") for i, m in enumerate(q.modules, start=1)]
        if q.tier == "onsite":
            entries.append((INTERVIEWS, "Interview records"))
        kept = retired_answers(self.ctx, session.id, q)  # from an earlier version: shown read-only, last
        if kept:
            self.retired = RetiredPanel(kept, lang, q.version)
            self.stack.addWidget(self.retired)
            entries.append((RETIRED, retired_entry(kept)[0]))
        self.checklists = ChecklistPages(session, self.stack, self)
        self.checklists.changed.connect(self._interviews_saved)  # the same: answers changed off the cards
        self.nav = ModuleNav(with_checklists(session, entries))
        self.nav.setMinimumWidth(170)
        self.results = ResultPanel(q, self.ctx.standard, self.number, lang)
        self.splitter.insertWidget(0, self.nav)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(1, 1)
        width = max(self.width(), 900)
        nav, result = _between(width * 0.15, 205, 260), _between(width * 0.27, 300, 460)
        self.splitter.setSizes([nav, width - nav - result, result])
        self.header.show_session(session)
        self.header.say("")
        self.report.show_assessment(session.id, session.supplier.name, q.tier)
        self.version.show_for(session)
        self.received.show_for(session)
        self._show_imports()
        self.nav.module_selected.connect(self.open_module)
        self.results.go_to_question.connect(self.go_to_question)
        self._refresh_state()
        missing = session.result.completeness.missing
        first = q.question(missing[0]).module if missing else q.modules[0].id
        self.nav.select(first)

    def refresh(self) -> None:
        """Shown again: reload only if the assessment changed elsewhere (an import, another page), keeping
        the module that was open."""
        if self.session is None:
            return
        self._show_imports()
        try:
            stored = AssessmentSession(self.ctx, self.session.id)
        except (*PROBLEMS, LookupError):
            return
        if (stored.values, stored.as_declared, stored.corrections, stored.comments, stored.record.status,
                stored.questionnaire.ref) == \
                (self.session.values, self.session.as_declared, self.session.corrections, self.session.comments,
                 self.session.record.status, self.session.questionnaire.ref):
            return
        module = self.nav.current_key()
        self.load(self.session.id)
        if module in self.nav.items:
            self.nav.select(module)

    def _moved(self, words: str) -> None:
        """Moved to another questionnaire version: open it again on the new version and say what changed."""
        self.load(self.session.id)
        self.header.say(words)
        self.data_changed.emit()

    def _show_imports(self) -> None:
        """The files imported into this assessment, if it came from workbooks or answer packs."""
        session = self.session
        try:
            entries = assessment_imports(self.ctx, session.id)
        except (*PROBLEMS, LookupError):
            entries = []
        lang = session.record.language

        def question(qid: str) -> str:
            found = session.questionnaire.question(qid)
            return f"{self.number.get(qid, '?')} {short(pick(found.text, lang), 70)}" if found else qid

        self.history.show_entries(entries, question)

    def _clear(self) -> None:
        """Forget the previous assessment's widgets."""
        for view in self.views.values():
            self.stack.removeWidget(view)
            view.setParent(None)
            view.deleteLater()
        self.views = {}
        if self.checklists is not None:
            self.checklists.clear()
            self.checklists.deleteLater()
            self.checklists = None
        if self.interviews is not None:
            self.stack.removeWidget(self.interviews)
            self.interviews.deleteLater()
            self.interviews = None
        if self.retired is not None:
            self.stack.removeWidget(self.retired)
            self.retired.deleteLater()
            self.retired = None
        for widget in (self.nav, self.results):
            if widget is not None:
                widget.setParent(None)  # out of the splitter now, so the new ones take their places
                widget.deleteLater()
        self.nav = self.results = None

    def open_module(self, key: str) -> None:
        """Show a module (building its cards the first time) and put the focus on its first open question."""
        if key == INTERVIEWS:
            if self.interviews is None:
                self.interviews = InterviewsPanel(self.session, self.prompter)
                self.interviews.set_read_only(self.session.read_only)
                self.interviews.saved.connect(self._interviews_saved)
                self.stack.addWidget(self.interviews)
            self.stack.setCurrentWidget(self.interviews)
            self.interviews.code.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if key == RETIRED:
            self.stack.setCurrentWidget(self.retired)
            return
        if self.checklists.open(key) is not None:
            return
        view = self.views.get(key) or self._build_view(key)
        self._sync(view)
        self.stack.setCurrentWidget(view)
        card = view.first_open_card(self.session.values)
        if card is not None:
            view.reveal(card)
            card.editor.focus_first()

    def _build_view(self, key: str) -> ModuleView:
        q = self.session.questionnaire
        index = [m.id for m in q.modules].index(key)
        view = ModuleView(q.modules[index], self.number, self.session, self._make_card,
                          has_next=index + 1 < len(q.modules) or q.tier == "onsite")
        view.next_module.connect(lambda: self.nav.step(1))
        self.views[key] = view
        self.stack.addWidget(view)
        self._apply_computed(view)
        return view

    def _make_card(self, question: Question, number: str) -> QuestionCard:
        session = self.session
        card = QuestionCard(question, number, session.record.language, self.ctx.standard, self._currency())
        card.editor.set_value(session.values.get(question.id))
        card.set_comment(session.comments.get(question.id, ""))
        card.set_evidence(self.evidence.get(question.id, []))
        card.set_read_only(session.read_only)
        self.corrector.show_on(card)
        card.editor.committed.connect(lambda card=card: self.commit(card))
        card.comment_finished.connect(self._comment)
        card.evidence_add.connect(self._add_evidence)
        card.evidence_remove.connect(self._remove_evidence)
        return card

    def _currency(self) -> str:
        """The base wage's currency once it is given, else the currency of the site's country."""
        wage = self.session.values.get("pr_monthly_base_wage")
        return getattr(wage, "currency", None) or local_currency(self.session.supplier.country)

    # --- answering -------------------------------------------------------------------------------------

    def commit(self, card: QuestionCard) -> None:
        """Save one answer; a bad one shows its message under the question and changes nothing."""
        qid = card.question.id
        raw = card.editor.value()
        try:
            if coerce(card.question, raw, self.session.record.language) == self.session.values.get(qid):
                card.set_error(None)
                return
            if self.session.corrects:  # a submitted answer: a correction, with the reason asked first
                self.corrector.ask(card, raw)
                return
            self.session.answer(qid, raw)
        except AnswerError as exc:
            card.set_error(exc.message)
            return
        except PROBLEMS as exc:
            card.set_error(str(exc))
            return
        card.set_error(None)
        self.answered(qid)

    def answered(self, qid: str) -> None:
        """An answer (or a correction) was saved: show what follows from it."""
        self._last_answered = qid
        card = self._card(qid)
        if card is not None:
            self.corrector.show_on(card)
        self._refresh_state()

    def _refresh_state(self) -> None:
        """Everything that follows from the answers: result, progress, what may be done, and (just after) the
        questions shown."""
        session = self.session
        result = session.result
        self.results.update_result(result, session.record.status)
        self._sync_timer.start()
        for module in session.questionnaire.modules:
            shown = [qu.id for qu in module.questions if qu.id in result.visible]
            self.nav.set_progress(module.id, sum(1 for qid in shown if qid in session.values), len(shown),
                                  not shown)
        if RETIRED in self.nav.items:
            self.nav.set_detail(RETIRED, retired_entry(self.retired.answers)[1])
        if INTERVIEWS in self.nav.items:
            count = interview_count(session)
            self.nav.set_detail(INTERVIEWS, f"{count} interview{'s' if count != 1 else ''}")
        self.checklists.show_progress(self.nav)
        self.sample.show_session(session)
        missing = [f"{self.number[qid]} {short(pick(session.questionnaire.question(qid).text, session.record.language), 60)}"
                   for qid in result.completeness.missing]
        self.actions.show_state(session.record.status, missing, session.questionnaire.tier, self.ctx.role)
        self.data_changed.emit()

    def _sync(self, view: ModuleView) -> list[str]:
        """Show the cards the answers make visible; money questions follow the base wage's currency."""
        changed = view.sync(self.session.result.visible)
        currency = self._currency()
        for card in view.cards.values():
            if card.question.type == "money" and card.question.id not in self.session.values:
                card.editor.suggest_currency(currency)
        return changed

    def _sync_current(self) -> None:
        """Re-apply show_if to the module on screen. When an answer opened follow-up questions and Tab had
        already moved on past them, the focus goes back to the first follow-up: the next thing to answer."""
        view = self.stack.currentWidget()
        if not isinstance(view, ModuleView) or self.session is None:
            return
        revealed = [qid for qid in self._sync(view) if not view.cards[qid].isHidden()]
        answered, self._last_answered = self._last_answered, None
        follow_up = skipped_follow_up(view, answered, revealed)
        if follow_up is not None:
            follow_up.editor.focus_first()

    def _comment(self, qid: str, text: str) -> None:
        card = self._card(qid)
        try:
            self.session.comment(qid, text)
        except PROBLEMS as exc:
            if card is not None:
                card.set_error(f"The comment was not saved: {exc}")
            return
        self.data_changed.emit()

    def _add_evidence(self, qid: str) -> None:
        path = self.prompter.open_file(self, "Attach evidence", EVIDENCE_FILTERS)
        if not path:
            return
        self._change_evidence(qid, lambda: attach_evidence(self.ctx, self.session.id, qid, path))

    def _remove_evidence(self, qid: str, evidence_id: int) -> None:
        name = next((r["file_name"] for r in self.evidence.get(qid, []) if r["id"] == evidence_id), "this file")
        if self.prompter.confirm(self, "Remove evidence", f"Remove {name} from the evidence of this answer?"):
            self._change_evidence(qid, lambda: remove_evidence(self.ctx, self.session.id, evidence_id))

    def _change_evidence(self, qid: str, change) -> None:
        card = self._card(qid)
        try:
            change()
        except PROBLEMS as exc:
            card.set_error(str(exc))
            return
        self.evidence[qid] = list_evidence(self.ctx, self.session.id, qid)
        card.set_error(None)
        card.set_evidence(self.evidence[qid])
        self.data_changed.emit()

    def _interviews_saved(self) -> None:
        """New counts from the interview records: show them where they are answers."""
        for view in self.views.values():
            for qid, card in view.cards.items():
                card.editor.set_value(self.session.values.get(qid))
            self._apply_computed(view)
        self._refresh_state()

    def _apply_computed(self, view: ModuleView) -> None:
        """Counts computed from interview records are read-only where they are shown as answers."""
        tallied = [c for c in view.cards.values() if c.question.tally]
        if not tallied:
            return
        count = interview_count(self.session)
        for card in tallied:  # the count is computed; a comment or evidence can still be added
            card.editor.set_read_only(self.session.read_only or count > 0)
            card.set_note(f"Computed from {count} interview{'s' if count != 1 else ''} (see Interview records)."
                          if count else None)

    def flush(self) -> None:
        """Save what is being typed right now: the page is being left or the window closed."""
        card = self._focused_card()
        if card is not None and self.session is not None and not self.session.read_only:
            if self.session.corrects:  # a half-typed correction is dropped: none is recorded without its reason
                card.editor.set_value(self.session.values.get(card.question.id))
            card.editor.finish()
            card.save_comment()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Leaving the page (or closing the window) never loses a half-typed answer."""
        self.flush()
        super().hideEvent(event)

    # --- moving along ----------------------------------------------------------------------------------

    def move_to(self, status: str) -> None:
        """Submit or close (each after asking), start the review, or return to the supplier."""
        if status == "closed" and not self.prompter.confirm(
                self, "Close assessment", "Close this assessment? Its answers, evidence and result can then no "
                                          "longer change."):
            return
        if status == "submitted" and not self.prompter.confirm(self, "Submit assessment", submit_question(self.session)):
            return
        reason = ask_sample_reason(self.prompter, self, self.session) if status == "submitted" else None
        if reason == "":
            return  # the auditor went back to sample more
        try:
            self.session.move_to(status, sample_reason=reason)
        except PROBLEMS as exc:
            self.prompter.error(self, "The status did not change", str(exc))
            return
        self.header.show_session(self.session)
        if status == "submitted":
            found = len(self.session.findings())
            self.header.say(f"Submitted. {found} finding{'s' if found != 1 else ''} with corrective actions "
                            "recorded." if found else "Submitted. No finding was raised.")
        else:
            self.header.say("")
        read_only = self.session.read_only
        for view in self.views.values():
            for card in view.cards.values():
                card.set_read_only(read_only)
                self.corrector.show_on(card)
            self._apply_computed(view)
        if self.interviews is not None:
            self.interviews.set_read_only(read_only)
        self.checklists.set_read_only(read_only)
        self._refresh_state()


    def _submit_by_key(self) -> None:
        if self.actions.submit.isVisible() and self.actions.submit.isEnabled():
            self.actions.submit.click()

    # --- finding one's way -----------------------------------------------------------------------------

    def go_to_question(self, qid: str) -> None:
        """Open the question's module, scroll to it and put the focus on its answer."""
        question = self.session.questionnaire.question(qid) if self.session else None
        if question is None:
            return
        self.nav.select(question.module)
        view = self.views[question.module]
        card = view.cards[qid]
        if not card.isHidden():
            view.reveal(card)
            card.editor.focus_first()

    def go_to_next_missing(self) -> None:
        """The next required question without an answer, after the one being answered."""
        missing = list(self.session.result.completeness.missing)
        if not missing:
            return
        order = list(self.number)
        current = self._focused_card()
        here = order.index(current.question.id) if current is not None else -1
        after = [qid for qid in missing if order.index(qid) > here]
        self.go_to_question((after or missing)[0])

    def _card(self, qid: str) -> QuestionCard | None:
        question = self.session.questionnaire.question(qid)
        view = self.views.get(question.module) if question else None
        return view.cards.get(qid) if view else None

    def _focused_card(self) -> QuestionCard | None:
        return focused_card(self)

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        outline(old, new)


def submit_question(session: AssessmentSession) -> str:
    """What submitting does, asked before it is done."""
    raised = sum(1 for t in session.result.triggers if t.action == "finding")
    record = "the supplier's declaration" if session.questionnaire.tier == "desktop" else "the record of this visit"
    findings = (f"{raised} finding{'s' if raised != 1 else ''} will become corrective action"
                f"{'s' if raised != 1 else ''} with due dates." if raised else
                "No answer raises a finding, so no corrective action will be created.")
    return (f"Submit this assessment?\n\nIts answers become {record} as of {session.ctx.today().isoformat()}, "
            f"for review.\n\n{findings}")


def _between(value: float, low: int, high: int) -> int:
    """value kept within [low, high], as a whole number of pixels."""
    return int(max(low, min(high, value)))
