"""Help > About fldd: what this copy is (version, Python, Qt, bundle or source), where the person's data lives (with
Open folder), which questionnaire versions it carries and which risk-data editions are in force, with their
caveats; Copy details puts all of it on the clipboard as plain text for a support email."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fldd.ui.layout import MARGIN, SPACING, page_heading
from fldd.ui.prompter import Prompter
from fldd.ui.settings.folders import open_folder_button, path_label
from fldd.usecases import backup_words
from fldd.usecases.about import WHAT_IT_IS, about_facts, about_text, where_words
from fldd.usecases.preferences import LANGUAGE_NAMES

SIZE = (880, 660)  # fits a 1366x768 screen with a task bar; the sections scroll inside when taller
TIER_WORDS = {"desktop": "desktop self-assessment", "onsite": "on-site assessment"}
NOTE_STYLE = "color: #444;"


def _wrapped(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if style:
        label.setStyleSheet(style)
    return label


def _bold(text: str) -> QLabel:
    label = _wrapped(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class AboutDialog(QDialog):
    """Version, database and data folder, questionnaire versions, risk-data editions; copy for support."""

    def __init__(self, ctx, parent=None, prompter: Prompter | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or getattr(parent, "prompter", None) or Prompter()
        self.setWindowTitle("About fldd")
        self.facts = about_facts(ctx) | {"qt": qVersion(), "pyside": PySide6.__version__}
        facts = self.facts

        heading = page_heading(f"fldd {facts['version']}")
        heading.setObjectName("aboutHeading")
        intro = _wrapped(WHAT_IT_IS)

        sections = QWidget()
        column = QVBoxLayout(sections)
        column.setContentsMargins(0, 0, MARGIN, 0)
        column.setSpacing(SPACING * 2)
        column.addWidget(self._this_copy())
        column.addWidget(self._your_data())
        column.addWidget(self._standard())
        column.addWidget(self._risk_data())
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(sections)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setToolTip("Copy everything shown here as plain text, to paste into an email to support")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.copied = QLabel()
        self.copied.setStyleSheet(NOTE_STYLE)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(SPACING)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.resize(*SIZE)
        self.close_button.setFocus()

    def _this_copy(self) -> QGroupBox:
        facts = self.facts
        running = ("the installed app (bundle)" if facts["bundle"]
                   else "the source code, in a Python environment")
        rows = (("Version", f"fldd {facts['version']}"), ("Running from", running),
                ("Python", facts["python"]), ("Qt / PySide6", f"Qt {facts['qt']}, PySide6 {facts['pyside']}"),
                ("System", facts["system"]))
        box = QGroupBox("This copy")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(SPACING * 2)
        for row, (name, value) in enumerate(rows):
            grid.addWidget(QLabel(f"{name}:"), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(path_label(value), row, 1)
        return box

    def _your_data(self) -> QGroupBox:
        facts = self.facts
        box = QGroupBox("Your data")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(SPACING * 2)
        last = backup_words.when(facts["last_backup"]) if facts["last_backup"] else "none yet"
        places = (("Database", f"{facts['database']}  ({backup_words.size(facts['database_size'])})",
                   facts["database"], True, "Everything you record, evidence files included, is in this one file."),
                  ("Data folder", facts["data_folder"], facts["data_folder"], False,
                   f"Holds fldd's settings file ({facts['config_file']}) and, if fldd ever meets an unexpected "
                   f"problem, its error log ({facts['error_log']}): send that file to whoever supports you."),
                  ("Backup folder", facts["backup_folder"], facts["backup_folder"], False,
                   f"Where File > Back up now writes (change it in File > Settings). Last backup: {last}."))
        self.open_buttons = {}
        for index, (name, shown, path, holds_file, note) in enumerate(places):
            row = index * 2
            grid.addWidget(QLabel(f"{name}:"), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(path_label(shown), row, 1)
            button = open_folder_button(self.prompter, self, lambda path=path: path, holds_file=holds_file)
            self.open_buttons[name] = button
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_wrapped(note, NOTE_STYLE), row + 1, 1, 1, 2)
        return box

    def _standard(self) -> QGroupBox:
        box = QGroupBox("The standard: questionnaires in this copy")
        column = QVBoxLayout(box)
        column.setSpacing(SPACING // 2)
        for q in self.facts["questionnaires"]:
            column.addWidget(_bold(f"{q['id']} version {q['version']}: {q['title']}"))
            languages = ", ".join(LANGUAGE_NAMES.get(code, code) for code in q["languages"])
            also = (f" Assessments answered on version {', '.join(q['earlier_versions'])} are still read and scored."
                    if q["earlier_versions"] else "")
            column.addWidget(_wrapped(f"The {TIER_WORDS.get(q['tier'], q['tier'])}, in {languages}.{also}",
                                      NOTE_STYLE))
            column.addSpacing(SPACING // 2)
        return box

    def _risk_data(self) -> QGroupBox:
        box = QGroupBox("Risk data in force")
        column = QVBoxLayout(box)
        column.setSpacing(SPACING // 2)
        column.addWidget(_wrapped("Supplier risk (country and goods) is computed from these editions. A newer "
                                  "edition can be loaded in File > Risk data editions.", NOTE_STYLE))
        column.addSpacing(SPACING // 2)
        for e in self.facts["risk_editions"]:
            column.addWidget(_bold(f"{e['name']}: {e['shown']}"))
            published = f"published {e['published']}" if e["published"] else "publication date not known"
            column.addWidget(_wrapped(f"{published[0].upper()}{published[1:]}; {where_words(e)}; "
                                      f"{e['rows']:,} rows.", NOTE_STYLE))
            for words in ([e["note"]] if e["note"] else []) + e["basis"]:
                column.addWidget(_wrapped(f"• {words}", NOTE_STYLE))
            column.addSpacing(SPACING // 2)
        return box

    def details(self) -> str:
        """The plain text Copy details puts on the clipboard."""
        return about_text(self.facts)

    def copy_details(self) -> None:
        """Put the details on the clipboard and say so."""
        QGuiApplication.clipboard().setText(self.details())
        self.copied.setText("Copied. Paste it into your email to support.")
