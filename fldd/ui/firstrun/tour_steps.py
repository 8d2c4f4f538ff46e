"""The steps of the tour of Home, worded for the role, and where on the window each one points.

A target is found when the step is shown (the window may have moved or been resized since): a widget by its
object name, a navigation entry, or a menu of the menu bar. A step whose target is not shown now (the strips on
an empty workspace, the welcome box on a full one) is left out of the tour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QMainWindow, QWidget


@dataclass(frozen=True)
class Step:
    """title and text of the callout; target: where it points in window coordinates, None when not shown."""

    name: str
    title: str
    text: str
    target: Callable[[], QRect | None]
    present: Callable[[], bool]


def _in_window(window: QWidget, widget: QWidget, rect: QRect) -> QRect:
    return rect.translated(widget.mapTo(window, QPoint(0, 0)))


def named(window: QMainWindow, name: str) -> tuple[Callable[[], QRect | None], Callable[[], bool]]:
    """The part of the widget called name that is on screen (a card area that scrolls shows only part)."""
    def find() -> QWidget | None:
        home = window.pages.get(0)
        widget = home.findChild(QWidget, name) if home is not None else None
        widget = widget or window.findChild(QWidget, name)
        return widget if widget is not None and widget.isVisibleTo(window) else None

    def target() -> QRect | None:
        widget = find()
        if widget is None or not widget.isVisible():
            return None
        shown = shown_part(window, widget)
        return shown if not shown.isEmpty() else None
    return target, lambda: find() is not None


def shown_part(window: QWidget, widget: QWidget) -> QRect:
    """The widget's rectangle in window coordinates, cut to what each of its parents shows of it."""
    shown = _in_window(window, widget, widget.rect())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        shown = shown.intersected(_in_window(window, parent, parent.rect()))
        parent = parent.parentWidget()
    return shown


def nav_entry(window: QMainWindow, label: str) -> tuple[Callable[[], QRect | None], Callable[[], bool]]:
    """One entry of the navigation list."""
    def item():
        found = window.nav.findItems(label, Qt.MatchFlag.MatchExactly)
        return found[0] if found else None

    def target() -> QRect | None:
        entry = item()
        if entry is None or not window.nav.isVisible():
            return None
        viewport = window.nav.viewport()
        return _in_window(window, viewport, window.nav.visualItemRect(entry))
    return target, lambda: item() is not None


def menu(window: QMainWindow, title: str) -> tuple[Callable[[], QRect | None], Callable[[], bool]]:
    """A menu's title in the menu bar (File, Help)."""
    bar = window.menuBar()

    def action():
        return next((a for a in bar.actions() if a.menu() is not None and a.text().replace("&", "") == title),
                    None)

    def target() -> QRect | None:
        found = action()
        if found is None or not bar.isVisible():
            return None
        return _in_window(window, bar, bar.actionGeometry(found))
    return target, lambda: action() is not None


NAVIGATION = {
    "buyer": "Home is what needs doing next. Suppliers is your register; Next steps and Risk map show who needs "
             "which assessment and where the risk lies; Assessments and Findings hold the results and the "
             "corrective actions.",
    "auditor": "Home is what needs doing next. Suppliers lists the workplaces you visit; Assessments holds your "
               "on-site assessments and Findings the corrective actions to follow up.",
    "supplier": "Home is what needs doing next. Assessments holds the questionnaires you answer and Findings the "
                "corrective actions agreed with your buyer.",
}
NAVIGATION_ALL = " Standard shows every question and why it is asked. Ctrl+1 to Ctrl+7 jump between the pages."
ROLE_NAMES = {"buyer": "buyer", "auditor": "field auditor", "supplier": "supplier"}
FILE_MENU = {
    "buyer": "Export questionnaire workbooks for your suppliers (Ctrl+E) and import the ones that come back "
             "(Ctrl+I). Back up your work (Ctrl+B) and restore a backup here too; Settings changes your role and "
             "language.",
    "auditor": "Import and export workbooks; back up your work (Ctrl+B), worth doing after every visit, and restore "
               "a backup. Settings changes your role and language.",
    "supplier": "Open the workbook your buyer sent you (Ctrl+O) to answer it here. Back up your work (Ctrl+B) and "
                "restore a backup; Settings changes your role and language.",
}
HELP_MENU = ("Take this tour again, or see About fldd: the version, where your work is kept and the editions of "
             "the risk data in force.")
# role -> (navigation entry, what to do there) once the workspace has data
START = {
    "buyer": ("Suppliers", "Open Suppliers to add a supplier (its country and goods give its inherent risk) or to "
                           "start an assessment for one. The examples are there to try things on."),
    "auditor": ("Suppliers", "Open Suppliers, choose the workplace you visit and press Start on-site assessment; "
                             "your drafts then wait on Home and in Assessments."),
    "supplier": ("Assessments", "Open Assessments to look through the example self-assessments. For your own "
                                "workplace, open the workbook your buyer sends with File > Open a workbook from a "
                                "buyer (Ctrl+O)."),
}
EMPTY_START = {
    "buyer": "Add your first supplier on the Suppliers page, or load the demo portfolio here to explore with "
             "examples.",
    "auditor": "Add the workplace you visit on the Suppliers page and start an on-site assessment there, or load "
               "the demo portfolio here to explore with examples.",
    "supplier": "When your buyer's questionnaire arrives, open it with File > Open a workbook from a buyer "
                "(Ctrl+O). Or load the examples here to see how answering works.",
}


def steps_for(window: QMainWindow, role: str, card_titles: list[str]) -> list[Step]:
    """Every step that may be shown for a role, in order; the tour keeps those whose target is present."""
    cards = ", ".join(card_titles[:4]) + (" and more" if len(card_titles) > 4 else "")
    start_entry, start_text = START[role]
    steps = [
        Step("navigation", "The pages of fldd", NAVIGATION[role] + NAVIGATION_ALL, *named(window, "navigation")),
        Step("role", "Working as", f"Home shows what a {ROLE_NAMES[role]} needs. If you also do another job, "
             "switch here; File > Settings changes it too.", *named(window, "roleSwitch")),
        Step("portfolio", "Your portfolio at a glance", "How many suppliers, their latest ratings, open findings by "
             "severity and the corrective actions overdue (click that count to see them).",
             *named(window, "strip")),
        Step("next_steps", "Each supplier's next step", "How many suppliers need a decision on the relationship, "
             "enhanced due diligence, an on-site or a desktop assessment. Click a count to list them in Next "
             "steps.", *named(window, "nextSteps")),
        Step("cards", "What needs doing", f"One card per kind of work: {cards}. Click an entry (or press Enter on "
             "it) to open it.", *named(window, "todoCards")),
        Step("file", "The File menu", FILE_MENU[role], *menu(window, "File")),
        Step("help", "The Help menu", HELP_MENU, *menu(window, "Help")),
        Step("start", "Where to start", start_text, *nav_entry(window, start_entry))
        if not _empty(window) else
        Step("start", "Where to start", EMPTY_START[role], *named(window, "welcomeBox")),
    ]
    # the strips are the buyer's: Home shows counts to every role, but only a buyer keeps a portfolio
    return [step for step in steps if role == "buyer" or step.name not in ("portfolio", "next_steps")]


def _empty(window: QMainWindow) -> bool:
    home = window.pages.get(0)
    box = home.findChild(QWidget, "welcomeBox") if home is not None else None
    return box is not None and box.isVisibleTo(window)
