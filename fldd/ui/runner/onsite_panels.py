"""The checklist pages of an on-site assessment in the runner: their entries in the module list, building each
page the first time it is opened, and the "ticked" count under each entry."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from fldd.standard.model import pick
from fldd.ui.runner.checklist_panel import ChecklistPanel, checklist_key, module_of
from fldd.usecases.checklist import checklist_rows, has_checklist, progress


def with_checklists(session, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The module list's entries with a checklist entry just before each module that has one."""
    if session.questionnaire.tier != "onsite":
        return entries
    lang = session.record.language
    titles = {m.id: pick(m.title, lang) for m in session.questionnaire.modules}
    out = []
    for key, text in entries:
        if key in titles and has_checklist(session, key):
            number = text.split(".", 1)[0]
            out.append((checklist_key(key), f"{number}. Checklist"))  # just before its module
        out.append((key, text))
    return out


class ChecklistPages(QObject):
    """Builds and keeps the checklist pages of one assessment."""

    changed = Signal()  # a tick changed marks, and maybe answers

    def __init__(self, session, stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self.pages: dict[str, ChecklistPanel] = {}

    def open(self, key: str) -> ChecklistPanel | None:
        """Show the checklist behind a module-list key (None when the key is not a checklist's)."""
        module = module_of(key)
        if module is None:
            return None
        page = self.pages.get(module)
        if page is None:
            page = ChecklistPanel(self.session, module)
            page.set_read_only(self.session.read_only)
            page.changed.connect(self.changed)
            self.pages[module] = page
            self.stack.addWidget(page)
        else:
            page.reload()
        self.stack.setCurrentWidget(page)
        page.focus_table()
        return page

    def show_progress(self, nav) -> None:
        """"12 of 21 ticked" under each checklist entry."""
        for key in nav.items:
            module = module_of(key)
            if module is not None:
                done, total = progress(checklist_rows(self.session, module))
                nav.set_detail(key, f"{done} of {total} ticked")

    def set_read_only(self, read_only: bool) -> None:
        """A closed assessment's checklists are read, not changed."""
        for page in self.pages.values():
            page.set_read_only(read_only)

    def clear(self) -> None:
        """Forget the pages (another assessment is being opened)."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
