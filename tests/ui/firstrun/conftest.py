"""A new workspace per test (the data folder in tmp_path), and a person walking the first run with keys and
clicks as they would: Enter for Next, Space or a click to choose."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fldd.ui.firstrun import pages
from fldd.ui.firstrun.wizard import FirstRunWizard
from fldd.ui.prompter import ScriptedPrompter
from fldd.usecases.context import open_context

TODAY = dt.date(2026, 11, 23)
DEMO_TIMEOUT = 180_000  # the demo portfolio on a slow shared machine


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """fldd's data folder in tmp_path: nothing reaches the real user folders. The computer's language is taken
    to be English, whatever the machine running the tests speaks."""
    monkeypatch.setenv("FLDD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(pages.QLocale, "system", staticmethod(lambda: QLocale("en_GB")))
    return tmp_path / "data"


@pytest.fixture
def db(tmp_path):
    return tmp_path / "workspace.sqlite3"


@pytest.fixture
def ctx(db):
    """A new, empty workspace, opened as the app opens it (no role given: the default until one is chosen)."""
    context = open_context(db, user="tester")
    context.today = lambda: TODAY
    yield context
    context.close()


@pytest.fixture
def wizard(qtbot, ctx):
    dialog = FirstRunWizard(ctx, ScriptedPrompter())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def focused(dialog: QWidget) -> QWidget:
    """Where a key pressed now would go in that window."""
    return dialog.focusWidget() or dialog


def press(qtbot, dialog: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(focused(dialog), key)


def click_choice(qtbot, button) -> None:
    """A click on a radio button's circle (its text may be shorter than the row it sits in)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def page_title(dialog: FirstRunWizard) -> str:
    return dialog.stack.currentWidget().heading.text()


def walk(qtbot, dialog: FirstRunWizard, role: str, *, spanish: bool = False, demo: bool | None = None,
         tour: bool = True) -> None:
    """Welcome, role, language, demo or empty, tour: everything but the last Enter (Finish). demo None keeps
    what the start page chose for the role."""
    assert page_title(dialog) == "Welcome to fldd"
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert page_title(dialog) == "How will you use fldd?"
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert page_title(dialog) == "How will you use fldd?", "Next goes on only once a role is chosen"
    page = dialog.role_page
    if role == "supplier":  # the keyboard starts on the first choice: Space takes it
        assert focused(dialog) is page.buttons["supplier"]
        press(qtbot, dialog, Qt.Key.Key_Space)
    elif role == "auditor":
        click_choice(qtbot, page.buttons["auditor"])
    else:  # a click on the description chooses too
        label = next(w for w in page.findChildren(QWidget) if getattr(w, "text", lambda: "")().startswith(
            "You keep the register"))
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert page.role() == role and dialog.next_button.isEnabled()
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert page_title(dialog) == "Your language"
    if spanish:
        press(qtbot, dialog, Qt.Key.Key_Down)
        assert dialog.language_page.language() == "es"
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert page_title(dialog) == "Start with examples or an empty workspace?"
    if demo is not None:
        start = dialog.start_page
        click_choice(qtbot, start.demo if demo else start.empty)
    press(qtbot, dialog, Qt.Key.Key_Return)
    assert page_title(dialog) == "Ready to start"
    assert focused(dialog) is dialog.finish_page.tour and dialog.finish_page.tour.isChecked()
    if not tour:
        press(qtbot, dialog, Qt.Key.Key_Space)
    assert dialog.next_button.text() == "&Finish"


def top_level_dialogs() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunWizard) and w.isVisible()]
