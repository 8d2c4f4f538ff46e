"""The pages of the first run and their words: what fldd is, the role, the language, demo or empty, the tour.
Each page only shows choices and says what they mean; the wizard moves between them and saves."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fldd.ui.layout import SPACING, page_heading
from fldd.usecases.backup import BACKUP_SUFFIX
from fldd.usecases.preferences import DEFAULT_LANGUAGE

HINT_STYLE = "color: #555;"
INDENT = 26  # a choice's description starts under its title, past the radio button

WELCOME = (
    "fldd helps you find and follow up the risk of forced labour where goods are made: questionnaires about "
    "workplaces, on-site audits with worker interviews, findings and the corrective actions agreed, and a "
    "buyer's register of suppliers.",
    "Everything stays on this computer. fldd needs no internet connection and sends nothing anywhere; your "
    "work is kept in one file that you can back up from the File menu.",
    "Setting up takes a minute: how you will use fldd, your language, and whether to start with examples.",
)
RESTORE_HEADING = "Moving to a new computer?"
RESTORE_TEXT = (f"If you used fldd before, restore the backup you made there (a file whose name ends in "
                f"{BACKUP_SUFFIX}) instead of setting up: your suppliers, assessments, evidence, role and language "
                "come back as they were.")
# role -> (title, what the person does, what Home will show them)
ROLES = {
    "supplier": ("Supplier",
                 "You answer a buyer's questionnaire about your own workplace and work through the corrective "
                 "actions agreed.",
                 "Home shows your questionnaires to finish and your corrective actions coming due."),
    "auditor": ("Field auditor",
                "You visit workplaces: review documents, observe the site and interview workers.",
                "Home shows your on-site assessments in progress, results to review and corrective actions to "
                "verify."),
    "buyer": ("Buyer (compliance)",
              "You keep the register of your suppliers: their risk, who gets which assessment, the follow-up.",
              "Home shows your portfolio at a glance, each supplier's next step, results to review and "
              "workbooks awaiting return."),
}
LANGUAGE_TEXT = ("Questionnaires, the workbooks you send or fill in, and reports start in this language (a "
                 "questionnaire that does not come in it stays in its own first language).")
MENUS_ENGLISH = ("fldd's own menus and buttons are in English in this version, whatever you choose here. You can "
                 "change the language later in File > Settings.")
# (demo title, demo meaning, empty title, empty meaning): a supplier has one workplace, not a portfolio
START_WORDS = {
    "supplier": ("Explore examples first",
                 "40 made-up workplaces with their self-assessments, findings and corrective actions, as a buyer "
                 "would see them: to try how answering and follow-up work. The examples stay in this workspace.",
                 "Start with an empty workspace (recommended)",
                 "To answer the questionnaire about your own workplace: open the workbook your buyer sent you "
                 "with File > Open a workbook from a buyer (Ctrl+O)."),
    "auditor": ("Start with the demo portfolio",
                "40 example suppliers with desktop and on-site assessments, findings and corrective actions: to "
                "explore. The examples stay in this workspace, mixed with anything you add.",
                "Start with an empty workspace",
                "To start on your own: add the workplaces you visit and their on-site assessments."),
    "buyer": ("Start with the demo portfolio",
              "40 example suppliers in 20 countries with their risk, assessments, findings and corrective "
              "actions: to explore. The examples stay in this workspace, mixed with anything you add.",
              "Start with an empty workspace",
              "To start on your own: add your suppliers one by one or import them."),
}
START_LATER = ("Starting empty? Home offers the examples again until you add your first supplier or "
               "workplace.")
DEMO_FIRST = {"supplier": False, "auditor": True, "buyer": True}  # what is chosen until the person chooses


class ClickableLabel(QLabel):
    """A description under a radio button: clicking it chooses the button, as clicking its title does."""

    clicked = Signal()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.clicked.emit()
        super().mousePressEvent(event)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class WizardPage(QWidget):
    """A heading and a column of content; first_focus is where the keyboard starts on the page."""

    heading_text = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = page_heading(self.heading_text)
        self.heading.setWordWrap(True)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(SPACING)
        self.column.addWidget(self.heading)
        self.column.addSpacing(SPACING)
        self.holders: dict[QRadioButton, QWidget] = {}  # each choice's block, to put them in order

    def first_focus(self) -> QWidget:
        return self

    def ready(self) -> bool:
        """Whether Next may be pressed."""
        return True

    def _choice(self, group: QButtonGroup, key: int, title: str, *texts: str) -> tuple[QRadioButton, list[QLabel]]:
        """A radio button with a bold title and its descriptions indented below, all of them clickable."""
        button = QRadioButton(title)
        font = button.font()
        font.setBold(True)
        button.setFont(font)
        group.addButton(button, key)
        holder = QWidget()
        choice = QVBoxLayout(holder)
        choice.setContentsMargins(0, 0, 0, SPACING)
        choice.setSpacing(2)  # a choice's lines read as one block; the blocks stand apart
        choice.addWidget(button)
        labels = []
        for index, text in enumerate(texts):
            label = ClickableLabel(text)
            label.setWordWrap(True)
            label.setContentsMargins(INDENT, 0, 0, 0)
            if index:
                label.setStyleSheet(HINT_STYLE)
            label.clicked.connect(button.click)
            choice.addWidget(label)
            labels.append(label)
        self.column.addWidget(holder)
        self.holders[button] = holder
        return button, labels


class WelcomePage(WizardPage):
    """What fldd is; and, for someone on a new computer, the way to bring back their workspace instead."""

    heading_text = "Welcome to fldd"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = [QLabel(text) for text in WELCOME]
        for label in self.texts:
            label.setWordWrap(True)
            self.column.addWidget(label)
        self.column.addSpacing(SPACING)
        self.restore_heading = QLabel(f"<b>{RESTORE_HEADING}</b>")
        self.restore_text = _hint(RESTORE_TEXT)
        self.restore_button = QPushButton("&Restore from a backup…")
        self.restore_button.setAutoDefault(False)  # Enter stays Next
        for widget in (self.restore_heading, self.restore_text):
            self.column.addWidget(widget)
        self.column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addStretch(1)


class RolePage(WizardPage):
    """Supplier, field auditor or buyer; nothing is chosen for the person."""

    heading_text = "How will you use fldd?"
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for key, (role, (title, does, home)) in enumerate(ROLES.items()):
            self.buttons[role], _ = self._choice(self.group, key, title, does, home)
        self.column.addWidget(_hint("You can change this later on Home (Working as) or in File > Settings."))
        self.column.addStretch(1)
        self.group.idToggled.connect(lambda *_: self.changed.emit())

    def role(self) -> str | None:
        key = self.group.checkedId()
        return list(ROLES)[key] if key >= 0 else None

    def ready(self) -> bool:
        return self.role() is not None

    def first_focus(self) -> QWidget:
        return self.buttons[self.role()] if self.role() else self.buttons["supplier"]


def system_language(codes: list[str]) -> str:
    """The computer's language when questionnaires come in it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in codes else DEFAULT_LANGUAGE


class LanguagePage(WizardPage):
    heading_text = "Your language"

    def __init__(self, languages: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meaning = QLabel(LANGUAGE_TEXT)
        self.meaning.setWordWrap(True)
        self.column.addWidget(self.meaning)
        self.list = QListWidget()
        self.list.setObjectName("languages")
        for code, name in languages:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        rows = max(len(languages), 2)
        self.list.setMaximumHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4)
        self.list.setMaximumWidth(320)
        chosen = system_language([code for code, _ in languages])
        self.list.setCurrentRow(next(i for i, (code, _) in enumerate(languages) if code == chosen))
        self.column.addWidget(self.list)
        self.english = _hint(MENUS_ENGLISH)
        self.column.addWidget(self.english)
        self.column.addStretch(1)

    def language(self) -> str:
        return self.list.currentItem().data(Qt.ItemDataRole.UserRole)

    def language_name(self) -> str:
        return self.list.currentItem().text()

    def first_focus(self) -> QWidget:
        return self.list


class StartPage(WizardPage):
    """Demo or empty, worded for the role chosen (a supplier has one workplace, not a portfolio)."""

    heading_text = "Start with examples or an empty workspace?"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.demo, self.demo_labels = self._choice(self.group, 1, "", "")
        self.empty, self.empty_labels = self._choice(self.group, 0, "", "")
        self.column.addWidget(_hint(START_LATER))
        self.column.addStretch(1)
        self.role = ""

    def set_role(self, role: str) -> None:
        """Word the choices for the role; the first time (or on a new role) choose what suits it."""
        demo_title, demo_text, empty_title, empty_text = START_WORDS[role]
        self.demo.setText(demo_title)
        self.demo_labels[0].setText(demo_text)
        self.empty.setText(empty_title)
        self.empty_labels[0].setText(empty_text)
        if role != self.role:
            first, second = (self.demo, self.empty) if DEMO_FIRST[role] else (self.empty, self.demo)
            first.setChecked(True)
            at = min(self.column.indexOf(self.holders[b]) for b in (first, second))
            for button in (first, second):  # what suits the role comes first
                self.column.removeWidget(self.holders[button])
            self.column.insertWidget(at, self.holders[first])
            self.column.insertWidget(at + 1, self.holders[second])
            QWidget.setTabOrder(first, second)
            self.role = role

    def wants_demo(self) -> bool:
        return self.demo.isChecked()

    def first_focus(self) -> QWidget:
        return self.demo if self.demo.isChecked() else self.empty


class FinishPage(WizardPage):
    """What was chosen, the tour (offered, checked), and the demo loading when it was chosen."""

    heading_text = "Ready to start"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tour = QCheckBox("&Take a 1-minute tour of Home")
        self.tour.setChecked(True)
        self.later = _hint("The tour is also in Help > Guided tour of Home. Press Finish to start.")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        for widget in (self.summary, self.tour, self.later, self.progress, self.status):
            self.column.addWidget(widget)
        self.column.addStretch(1)

    def set_summary(self, role: str, language_name: str, demo: bool) -> None:
        start = START_WORDS[role][0 if demo else 2].replace(" (recommended)", "")
        self.summary.setText(f"You will work as: <b>{ROLES[role][0]}</b><br>Language of questionnaires and "
                             f"reports: <b>{language_name}</b><br>{start}.")

    def first_focus(self) -> QWidget:
        return self.tour
