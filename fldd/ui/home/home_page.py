"""The home page: what needs doing next for the current role, the portfolio at a glance, the role switch,
and on an empty database a friendly start with the demo portfolio."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.backup.reminder_bar import BackupReminderBar
from fldd.ui.home.next_steps_strip import NextStepsStrip
from fldd.ui.home.portfolio_strip import PortfolioStrip
from fldd.ui.home.todo_card import TodoCard
from fldd.ui.layout import MARGIN, SPACING, hbox, page_heading, vbox
from fldd.ui.page import Page
from fldd.ui.prompter import Prompter
from fldd.ui.rating_legend import legend_label
from fldd.ui.theme import OVERDUE_COLOUR, SEVERITY_WORDS, STATUS_WORDS
from fldd.usecases.context import ROLES
from fldd.usecases.errors import Rejected
from fldd.usecases.home import DUE_SOON_DAYS, SECTIONS, switch_role, todo
from fldd.usecases.rating_words import of_row
from fldd.usecases.screening import PENDING_MEANS
from fldd.usecases.sent_workbooks import CHASE_AFTER_DAYS

TIER_WORDS = {"desktop": "Desktop", "onsite": "On-site"}
ROLE_WORDS = {"supplier": "Supplier", "auditor": "Field auditor", "buyer": "Buyer (compliance)"}
WIDE = 1500  # from this page width the cards sit three to a row
# section -> (heading, what it holds, text when empty, "show all" link text or "", findings mode)
CARDS = {
    "drafts": ("Drafts to finish", "Assessments still being filled in, with how much is answered.",
               "No drafts waiting to be finished.", "", ""),
    "to_review": ("Assessments to review", "Submitted or under review: check the answers and the findings, "
                  "then close them.", "Nothing waits for a review.", "", ""),
    "incomplete_imports": ("Imports that came back incomplete",
                           "Workbooks and answer packs accepted with required answers missing: drafts until the "
                           "supplier sends the rest (or you fill them in).",
                           "Every import came back complete.", "", ""),
    "to_verify": ("Corrective actions to verify", "Marked done: check the evidence, then verify or reopen.",
                  "No corrective action waits for verification.", "Show them in Findings", "to_verify"),
    "overdue_actions": ("Overdue corrective actions", "Open or in progress, past their due date; the most "
                        "overdue first.", "Nothing is overdue.", "Show them in Findings", "overdue"),
    "due_soon": ("Due in the next two weeks", f"Open or in progress, due within {DUE_SOON_DAYS} days.",
                 "Nothing is due in the next two weeks.", "Show open actions in Findings", "open"),
    "reassess": ("Next steps to decide", "Suppliers whose recommended step waits for a decision: results expired "
                 "or expiring within 60 days, never assessed, high inherent risk without an on-site result, "
                 "results or corrective actions past their dates.", "Every next step is decided or under way.",
                 "Show them in Next steps", ""),
    "corrections": ("Supplier profile corrections",
                    ("Changes suppliers suggested to their own details in returned workbooks: apply or dismiss "
                     "them on the supplier's page."),
                    "No supplier has suggested a correction.", "", ""),
    "screening": ("Possible entity-list matches to decide",
                  ("Suppliers whose name or alias resembles an entry on an entity list in force: confirm or dismiss "
                   "each match on the supplier's page. " + PENDING_MEANS + " A confirmed entity no longer "
                   "listed counts no more and is shown here to review."),
                  "No possible entity-list match waits for a decision.", "", ""),
    "awaiting": ("Workbooks awaiting return",
                 (f"Sent to suppliers and not back yet, the longest waiting first; over {CHASE_AFTER_DAYS} days in "
                  "red. Import what comes back with File > Import (Ctrl+I)."),
                 "Every workbook sent has come back.", "", ""),
}


# role -> what an empty workspace says to do first (a supplier answers its buyer's workbook, it adds no suppliers)
WELCOME_TEXT = {
    "buyer": "This database has no suppliers yet. Load the demo portfolio to explore the app with 40 suppliers, "
             "their assessments, findings and corrective actions — or add your first supplier on the Suppliers "
             "page.",
    "auditor": "This database has no workplaces yet. Load the demo portfolio to explore the app with 40 "
               "suppliers, their assessments, findings and corrective actions — or add the workplace you visit on "
               "the Suppliers page and start an on-site assessment there.",
    "supplier": "Nothing here yet. When your buyer sends you a questionnaire workbook, open it with File > Open a "
                "workbook from a buyer (Ctrl+O) and answer it here. To see how it works first, load the examples: "
                "40 made-up workplaces with their self-assessments and corrective actions.",
}


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def entry(section: str, row: dict) -> tuple[str, object, bool]:
    """The text of one entry, what choosing it opens, and whether it shows as overdue."""
    if section in ("drafts", "to_review", "incomplete_imports"):
        tier = TIER_WORDS.get(row["tier"], row["tier"])
        if section != "to_review":
            when = "imported" if section == "incomplete_imports" else "last change"
            text = f"{row['supplier']} — {tier}, {of_row(row).text}, {when} {row['last_change']}"
        else:
            text = (f"{row['supplier']} — {tier}, {STATUS_WORDS.get(row['status'], row['status'])}"
                    f"{' ' + row['assessed_on'] if row['assessed_on'] else ''}, {of_row(row).text}")
        return text, ("assessment", row["id"]), False
    if section == "reassess":
        more = f" (+{len(row['reasons']) - 1} more)" if len(row["reasons"]) > 1 else ""
        return (f"{row['supplier']} ({row['country']}) — {row['step_label']}: {row['reasons'][0]}{more}",
                ("supplier", row["supplier_id"]), row["urgent"])
    if section == "awaiting":
        tier = TIER_WORDS.get(row["tier"], row["questionnaire"])
        return (f"{row['supplier']} — {tier}, sent {row['sent_on']}, waiting {_days(row['days_since_sent'])}",
                ("supplier", row["supplier_id"]), row["overdue"])
    if section == "screening":
        said = [f"{row['count']} possible match{'es' if row['count'] != 1 else ''}"] if row["count"] else []
        if row.get("delisted"):
            said.append(f"{row['delisted']} confirmed listing{'s' if row['delisted'] != 1 else ''} no longer in "
                        f"force, to review")
        return (f"{row['supplier']} ({row['country']}) — on {', '.join(row['lists'])}: {' and '.join(said)}",
                ("supplier", row["supplier_id"]), False)
    if section == "corrections":
        return (f"{row['supplier']} — {row['count']} suggested: {', '.join(row['fields'])}",
                ("supplier", row["supplier_id"]), False)
    severity = SEVERITY_WORDS.get(row["severity"], row["severity"])
    days = row["days_left"]
    if section == "overdue_actions":
        owed = {"plan": "Plan overdue", "closure": "Closure overdue"}.get(row.get("deadline_kind"), "Overdue")
        when = f"{owed} by {_days(-days)}"
    elif section == "due_soon":
        owed = {"plan": "Plan due", "closure": "Closure due"}.get(row.get("deadline_kind"), "Due")
        when = f"{owed} today" if days == 0 else f"{owed} in {_days(days)}"
    else:
        when = f"Done, was due {row['due_date']}"
    mode = CARDS[section][4]
    return f"{when} · {severity} · {row['supplier']}: {row['title']}", ("action", row["action_id"], mode), \
        section == "overdue_actions"


class HomePage(Page):
    """What needs doing next, for the role chosen at the top."""

    title = "Home"
    open_findings = Signal(str, int)  # findings mode (open, overdue, to_verify, all), action id or 0
    role_changed = Signal(str)
    open_queue = Signal(str, str)  # the Next steps page filtered: step ("" = every step), view

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()
        self.loader = None  # DemoLoader while the demo portfolio loads
        self.data: dict = {}

        self.heading = page_heading("What needs doing next")
        self.role = QComboBox()
        self.role.setObjectName("roleSwitch")  # the guided tour points at these by name
        for role in ROLES:
            self.role.addItem(ROLE_WORDS[role], role)
        role_label = QLabel("Working &as:")
        role_label.setBuddy(self.role)
        self.strip = PortfolioStrip()
        self.next_steps = NextStepsStrip()
        self.report_button = QPushButton("&Portfolio report…")
        self.report_button.setObjectName("portfolioReport")
        self.report_button.setToolTip("The portfolio's figures for a board paper or a modern slavery statement, "
                                      "as PDF or Excel, with the reporting-law map filled in")
        self.report_dialog = None  # PortfolioReportDialog once opened
        cards_holder = QWidget()
        self.cards = {name: TodoCard(*CARDS[name][:4], parent=cards_holder) for name in SECTIONS}
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(SPACING * 2)
        self.columns = 0
        holder_layout = QVBoxLayout(cards_holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addLayout(self.grid)  # the cards share the height: their lists grow on a tall screen
        self.scroll = QScrollArea()
        self.scroll.setObjectName("todoCards")
        self.scroll.setWidget(cards_holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.welcome = page_heading("Welcome to fldd")
        self.welcome_text = QLabel()
        self.welcome_text.setWordWrap(True)
        self.demo_button = QPushButton("Load &demo portfolio")
        self.demo_button.setDefault(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.demo_status = QLabel()
        self.demo_status.setWordWrap(True)
        self.hint = QLabel("Tip: the Suppliers page adds a supplier with its country and goods; fldd then rates its "
                           "inherent risk and suggests which assessment it needs.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")

        top = QWidget()
        top.setLayout(hbox(self.heading, QWidget(), self.report_button, role_label, self.role,
                           stretch=(0, 1, 0, 0, 0)))
        top.layout().setContentsMargins(0, 0, 0, 0)
        self.content = QWidget()
        self.legend = legend_label()
        self.content.setLayout(vbox(self.strip, self.next_steps, self.scroll, self.legend, stretch=(0, 0, 1, 0)))
        self.content.layout().setContentsMargins(0, 0, 0, 0)
        demo_row = QWidget()
        demo_row.setLayout(hbox(self.demo_button, self.progress, QWidget(), stretch=(0, 0, 1)))
        demo_row.layout().setContentsMargins(0, 0, 0, 0)
        empty_box = QFrame()
        empty_box.setObjectName("welcomeBox")
        empty_box.setStyleSheet("QFrame#welcomeBox { border: 1px solid #d0d4d9; border-radius: 6px; }")
        empty_box.setMaximumWidth(640)
        empty_box.setLayout(vbox(self.welcome, self.welcome_text, demo_row, self.demo_status, self.hint))
        self.empty = QWidget()
        self.empty.setLayout(vbox(empty_box, QWidget(), stretch=(0, 1)))
        self.empty.layout().setContentsMargins(0, MARGIN * 2, 0, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty)
        self.backup_bar = BackupReminderBar()
        self.backup_bar.back_up.connect(self._back_up)
        self.setLayout(vbox(top, self.backup_bar, self.stack, stretch=(0, 0, 1)))

        self.role.activated.connect(self._role_chosen)
        for name, card in self.cards.items():
            card.chosen.connect(self._chosen)
            if name == "reassess":
                card.show_all.connect(lambda: self.open_queue.emit("", "undecided"))
            else:
                card.show_all.connect(lambda name=name: self.open_findings.emit(CARDS[name][4], 0))
        self.next_steps.open_queue.connect(self.open_queue)
        self.strip.show_overdue.connect(lambda: self.open_findings.emit("overdue", 0))
        self.demo_button.clicked.connect(self.load_demo)
        self.report_button.clicked.connect(self.portfolio_report)
        self.refresh()

    def portfolio_report(self):
        """Open the portfolio report dialog (period, format, file)."""
        from fldd.ui.reports.portfolio_dialog import PortfolioReportDialog  # when asked: keeps start-up short

        self.report_dialog = PortfolioReportDialog(self.ctx, self.prompter, self)
        self.report_dialog.show()
        return self.report_dialog

    def refresh(self) -> None:
        """Re-read what needs doing for the current role."""
        self.role.setCurrentIndex(max(0, self.role.findData(self.ctx.role)))
        self.report_button.setVisible(self.ctx.role == "buyer")
        self.backup_bar.update_for(self.ctx)
        try:
            self.data = todo(self.ctx)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot read what needs doing", str(exc))
            return
        counts = self.data["portfolio"]
        if counts["suppliers"] == 0:
            self.welcome_text.setText(WELCOME_TEXT.get(self.ctx.role, WELCOME_TEXT["buyer"]))
            self.hint.setVisible(self.ctx.role != "supplier")  # a supplier adds no suppliers
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        self.strip.set_counts(counts)
        steps = self.data.get("next_steps")
        self.next_steps.setVisible(steps is not None)
        if steps is not None:
            self.next_steps.set_counts(steps["by_step"], steps["undecided"])
        for name, card in self.cards.items():
            card.set_entries([entry(name, row) for row in self.data[name]])
        self._place_cards(force=True)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Three cards to a row on a wide page, two otherwise."""
        super().resizeEvent(event)
        self._place_cards()

    def _place_cards(self, force: bool = False) -> None:
        columns = 3 if self.width() >= WIDE else 2
        if columns == self.columns and not force:
            return
        self.columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
            card.hide()
        shown = [self.cards[name] for name in self.data.get("sections", ())]
        for row in range(len(SECTIONS)):
            self.grid.setRowStretch(row, 0)
        for position, card in enumerate(shown):
            row, column = divmod(position, columns)
            # a last card alone on its row spans it, as a strip at its own height: the full rows get the room
            alone = column == 0 and position == len(shown) - 1 and position > 0
            self.grid.addWidget(card, row, column, 1, columns if alone else 1)
            self.grid.setRowStretch(row, 0 if alone else 1)
            card.show()
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def _back_up(self) -> None:
        """The reminder's 'Back up now': the same as File > Back up now."""
        action = getattr(self.window(), "backup_action", None)
        if action is not None:
            action.trigger()

    def _chosen(self, data: tuple) -> None:
        kind = data[0]
        if kind == "assessment":
            self.open_assessment.emit(data[1])
        elif kind == "supplier":
            self.open_supplier.emit(data[1])
        else:
            self.open_findings.emit(data[2] or "all", data[1])

    def _role_chosen(self, index: int) -> None:
        role = self.role.itemData(index)
        if role == self.ctx.role:
            return
        try:
            switch_role(self.ctx, role)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Role not changed", str(exc))
            self.role.setCurrentIndex(self.role.findData(self.ctx.role))
            return
        self.refresh()
        self.role_changed.emit(role)

    def load_demo(self) -> None:
        """Build the demo portfolio in the background, then show it."""
        if self.loader is not None:
            return
        self.demo_button.setEnabled(False)
        self.progress.show()
        self.demo_status.setStyleSheet("")
        self.demo_status.setText("Loading the demo portfolio: 40 suppliers with their assessments and findings…")
        from fldd.ui.home.demo_loader import DemoLoader

        self.loader = DemoLoader(self.ctx, self)
        self.loader.done.connect(self._demo_loaded)
        self.loader.failed.connect(self._demo_failed)
        self.loader.finished.connect(self._loader_finished)
        QCoreApplication.instance().aboutToQuit.connect(self._wait_for_loader)
        self.loader.start()

    def _wait_for_loader(self) -> None:
        """Quitting while the demo is built: let it finish (seconds), rather than kill a thread mid-write."""
        if self.loader is not None:
            self.loader.wait()

    def _demo_loaded(self, counts: dict) -> None:
        self.demo_status.setText(f"Loaded {counts['suppliers']} suppliers, {counts['assessments']} assessments "
                                 f"and {counts['findings']} findings.")
        self.refresh()
        self.data_changed.emit()

    def _demo_failed(self, message: str) -> None:
        self.demo_status.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.demo_status.setText(f"The demo portfolio was not loaded: {message}")

    def _loader_finished(self) -> None:
        self.progress.hide()
        self.demo_button.setEnabled(True)
        if self.loader is not None:
            self.loader.deleteLater()
        self.loader = None
