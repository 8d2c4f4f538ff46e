"""File > Settings: the role the person works as, the language of questionnaires, workbooks and reports, where the
database lives, and backups. Choices take effect when OK or Apply is pressed, all in one go; Cancel changes
nothing. Moving the database, backing up and restoring are actions and happen at once (their buttons say so)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.firstrun.pages import ROLES as ROLE_TEXTS  # the words the first run used: one description
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.settings.backups_tab import BackupsTab
from fldd.ui.settings.database_tab import DatabaseTab, note
from fldd.usecases.context import ROLES
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import content_languages, preferences, save_preferences

SIZE = (760, 500)  # fits a 1366x768 screen with room for the task bar
TABS = ("You work as", "Language", "Database", "Backups")


def _radio_column(group: QButtonGroup, choices: list[tuple[str, str, str]]) -> tuple[QWidget, dict]:
    """A radio button per (key, label, explanation), the explanation indented under it."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACING // 2)
    buttons = {}
    for key, label, explanation in choices:
        button = QRadioButton(label)
        group.addButton(button)
        buttons[key] = button
        column.addWidget(button)
        if explanation:
            line = note(explanation)
            line.setContentsMargins(MARGIN * 2, 0, 0, SPACING)
            column.addWidget(line)
    return holder, buttons


class SettingsDialog(QDialog):
    """Role, language, the database's place (move, open folder), backups (folder, reminder, back up now,
    restore). Takes the main window (for its ctx and replace_context) and the prompter."""

    def __init__(self, window, prompter, parent=None) -> None:
        super().__init__(parent or window)
        self.main, self.prompter = window, prompter
        self.setWindowTitle("Settings")
        self.tabs = QTabWidget()

        self.role_group = QButtonGroup(self)
        role_page, self.role_buttons = _radio_column(
            self.role_group, [(role, ROLE_TEXTS[role][0], " ".join(ROLE_TEXTS[role][1:])) for role in ROLES])
        self.tabs.addTab(self._page(note("What you do with fldd decides what Home puts first; every page stays "
                                         "open to every role. You can also switch on Home, at the top right "
                                         "(Working as).", ""), role_page), TABS[0])

        self.language_group = QButtonGroup(self)
        language_page, self.language_buttons = _radio_column(self.language_group, self._language_choices())
        self.tabs.addTab(self._page(
            note("Questionnaires you start, workbooks you send to suppliers and the reports fldd writes are in this "
                 "language, when the questionnaire comes in it. Assessments already started keep their language.",
                 ""),
            language_page,
            note("The menus and screens of fldd are in English in this version.")), TABS[1])

        self.database = DatabaseTab(window, prompter)
        self.tabs.addTab(self.database, TABS[2])
        self.backups = BackupsTab(window, prompter)
        self.backups.restored.connect(self.load)
        self.tabs.addTab(self.backups, TABS[3])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        self.applied = QLabel()
        self.applied.setStyleSheet("color: #1b5e20;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.applied)
        layout.addWidget(self.buttons)
        self.resize(*SIZE)
        self.load()

    @staticmethod
    def _page(*widgets: QWidget) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setSpacing(SPACING * 2)
        for widget in widgets:
            column.addWidget(widget)
        column.addStretch(1)
        return page

    def _language_choices(self) -> list[tuple[str, str, str]]:
        """Each language questionnaires come in, with the questionnaires that have it (and those that do not)."""
        from fldd.usecases.preferences import LANGUAGE_NAMES

        standard = list(self.main.ctx.standard.questionnaires.values())
        choices = []
        for code, name in content_languages(self.main.ctx):
            has = [q.id for q in standard if code in q.languages]
            words = f"Questionnaires in {name}: {', '.join(has)}."
            for q in standard:
                if code not in q.languages:
                    first = LANGUAGE_NAMES.get(q.languages[0], q.languages[0])
                    words += f" {q.id} is not in {name}: it starts in {first}."
            choices.append((code, name, words))
        return choices

    def load(self) -> None:
        """Show the choices saved for the workspace the window works on (again after a restore)."""
        saved = preferences(self.main.ctx)
        self.role_buttons.get(saved.role, self.role_buttons["buyer"]).setChecked(True)
        self.language_buttons.get(saved.language, next(iter(self.language_buttons.values()))).setChecked(True)
        self.backups.load()
        self.database.refresh()

    def chosen_role(self) -> str:
        return next(key for key, button in self.role_buttons.items() if button.isChecked())

    def chosen_language(self) -> str:
        return next(key for key, button in self.language_buttons.items() if button.isChecked())

    def apply(self) -> bool:
        """Save every choice in one go; False (with the reason shown) when something could not be saved."""
        ctx = self.main.ctx
        try:
            self.backups.save_folder()
        except OSError as exc:
            self.prompter.error(self, "Settings not saved", f"Cannot write {exc.filename or 'the settings file'}: "
                                f"{exc.strerror or exc}. Nothing was changed.")
            return False
        try:
            save_preferences(ctx, role=self.chosen_role(), language=self.chosen_language(),
                             backup_reminder_days=self.backups.reminder_days())
        except Rejected as exc:
            self.prompter.error(self, "Settings not saved", "\n".join(exc.messages))
            return False
        except StoreError as exc:
            self.prompter.error(self, "Settings not saved", str(exc))
            return False
        self.main.role_changed_elsewhere()  # the status bar and the page shown follow (Home: its lists, reminder)
        self.backups.show_status()  # the reminder follows the new choice
        self.applied.setText("Saved.")
        return True

    def accept(self) -> None:
        """OK: save, then close (stays open when something could not be saved)."""
        if self.apply():
            super().accept()
