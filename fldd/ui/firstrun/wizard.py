"""The first run: what fldd is, the role, the language, demo or empty workspace, the tour. Nothing is kept until
Finish; then the choices are saved, the demo (if chosen) is built in the background, and the workspace is set up.
Or, on a new computer, a backup from the old one is restored in its place: it brings its own choices."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QStackedWidget, QWidget

from fldd.store.errors import StoreError
from fldd.ui.backup.backup_actions import choose_and_restore, restored_words
from fldd.ui.firstrun.pages import FinishPage, LanguagePage, RolePage, StartPage, WelcomePage
from fldd.ui.home.demo_loader import DemoLoader
from fldd.ui.layout import MARGIN, hbox, vbox
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import content_languages, mark_set_up, preferences, save_preferences

TITLE = "Set up fldd"
WIDTH = 680  # wide enough for the role descriptions on two lines, well inside a 1366x768 screen


@dataclass(frozen=True)
class FirstRunChoices:
    """What the person chose: role, language code, demo portfolio or empty workspace, take the tour; restored:
    a backup was restored instead (role and language are then the backup's own)."""

    role: str
    language: str
    demo: bool
    tour: bool
    restored: bool = False


class FirstRunWizard(QDialog):
    """Welcome; role; language; demo or empty (the demo loads in the background before it closes); tour or not.
    Accepted: the choices are saved (preferences, mark_set_up) and in self.choices. Rejected (closed): nothing
    saved, the app quits, and the first run comes again next start. A backup restored from the welcome page
    accepts at once; self.ctx is then the restored workspace's context (the one given is closed)."""

    def __init__(self, ctx, prompter, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.choices: FirstRunChoices | None = None
        self.loader: DemoLoader | None = None
        self._loaded: dict | None = None
        self._failure = ""
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(WIDTH)

        self.welcome = WelcomePage()
        self.role_page = RolePage()
        self.language_page = LanguagePage(content_languages(ctx))
        self.start_page = StartPage()
        self.finish_page = FinishPage()
        self.stack = QStackedWidget()
        for page in (self.welcome, self.role_page, self.language_page, self.start_page, self.finish_page):
            self.stack.addWidget(page)
        self.step = QLabel()
        self.step.setStyleSheet("color: #555;")
        self.back_button = QPushButton("< &Back")
        self.next_button = QPushButton("&Next >")
        self.cancel_button = QPushButton("Cancel")
        for button in (self.back_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter always means Next (or Finish), wherever the focus is
        self.next_button.setDefault(True)

        buttons = QWidget()
        buttons.setLayout(hbox(self.step, QWidget(), self.back_button, self.next_button, self.cancel_button,
                               stretch=(0, 1, 0, 0, 0)))
        buttons.layout().setContentsMargins(0, 0, 0, 0)
        layout = vbox(self.stack, buttons, stretch=(1, 0))
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN)
        self.setLayout(layout)

        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.cancel_button.clicked.connect(self.reject)
        self.welcome.restore_button.clicked.connect(self.restore_backup)
        self.role_page.changed.connect(self._update_buttons)
        self._show(0)

    # -- moving between pages

    def _show(self, index: int) -> None:
        page = self.stack.widget(index)
        if page is self.start_page:
            self.start_page.set_role(self.role_page.role())
        if page is self.finish_page:
            self.finish_page.set_summary(self.role_page.role(), self.language_page.language_name(),
                                         self.start_page.wants_demo())
            self._say("")
        self.stack.setCurrentIndex(index)
        self.step.setText(f"Step {index + 1} of {self.stack.count()}")
        self._update_buttons()
        page.first_focus().setFocus()

    def _update_buttons(self) -> None:
        index = self.stack.currentIndex()
        last = index == self.stack.count() - 1
        busy = self.loader is not None
        self.back_button.setEnabled(index > 0 and not busy)
        self.next_button.setText("&Finish" if last else "&Next >")
        self.next_button.setEnabled(self.stack.currentWidget().ready() and not busy)
        self.cancel_button.setEnabled(not busy)

    def back(self) -> None:
        if self.stack.currentIndex() > 0 and self.loader is None:
            self._show(self.stack.currentIndex() - 1)

    def next(self) -> None:
        if not self.next_button.isEnabled():
            return
        if self.stack.currentIndex() < self.stack.count() - 1:
            self._show(self.stack.currentIndex() + 1)
        else:
            self.finish()

    def reject(self) -> None:
        """Cancel, Escape or the close box: nothing is saved; not while the demo is being built (it cannot be
        stopped half-way, and it is all or nothing)."""
        if self.loader is None:
            super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.loader is not None:
            event.ignore()
            return
        super().closeEvent(event)

    # -- finishing

    def restore_backup(self) -> None:
        """Welcome page, Restore from a backup: the restored workspace replaces this new one, set up as it was."""
        if self.loader is not None:
            return
        restored = choose_and_restore(self, self.ctx, self.prompter)
        if restored is None:
            return  # stopped or refused (and said): the first run stays where it was
        self.ctx, facts, safety = restored
        kept = preferences(self.ctx)
        self.choices = FirstRunChoices(role=kept.role, language=kept.language, demo=False, tour=False,
                                       restored=True)
        self.prompter.inform(self, "Backup restored", restored_words(facts, safety))
        self.accept()

    def finish(self) -> None:
        """Save the role and language, build the demo if chosen, then mark the workspace set up."""
        role, language = self.role_page.role(), self.language_page.language()
        try:
            save_preferences(self.ctx, role=role, language=language)
        except (Rejected, StoreError) as exc:
            self._say(f"Your choices were not saved: {exc}", error=True)
            return
        if not self.start_page.wants_demo():
            self._set_up()
            return
        self._loaded, self._failure = None, ""
        self.loader = DemoLoader(self.ctx, self)
        self.loader.done.connect(self._demo_loaded)
        self.loader.failed.connect(self._demo_failed)
        self.loader.finished.connect(self._loader_finished)
        self.finish_page.progress.show()
        self._say("Loading the demo portfolio: 40 suppliers with their assessments and findings. This takes a "
                  "few seconds…")
        self._update_buttons()
        self.loader.start()

    def _demo_loaded(self, counts: dict) -> None:
        self._loaded = counts

    def _demo_failed(self, message: str) -> None:
        self._failure = message

    def _loader_finished(self) -> None:
        """The thread has ended (not merely sent its result): only now may the dialog close."""
        self.loader.deleteLater()
        self.loader = None
        self.finish_page.progress.hide()
        self._update_buttons()
        if self._loaded is None:
            self._say(f"The demo portfolio was not loaded, and nothing of it was kept: "
                      f"{self._failure.rstrip('.') or 'it stopped unexpectedly'}. Press Finish to try again, or go Back "
                      f"and choose an empty workspace.", error=True)
            return
        self._set_up()

    def _set_up(self) -> None:
        try:
            mark_set_up(self.ctx)
        except StoreError as exc:
            self._say(f"fldd could not note that it is set up: {exc}", error=True)
            return
        self.choices = FirstRunChoices(role=self.role_page.role(), language=self.language_page.language(),
                                       demo=self.start_page.wants_demo(), tour=self.finish_page.tour.isChecked())
        self.accept()

    def _say(self, text: str, error: bool = False) -> None:
        self.finish_page.status.setStyleSheet(f"color: {OVERDUE_COLOUR};" if error else "")
        self.finish_page.status.setText(text)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter is Next even where the default button would not get it (a list keeps no Enter of its own)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.next()
            return
        super().keyPressEvent(event)
