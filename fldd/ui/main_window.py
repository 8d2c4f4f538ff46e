"""The main window: assembles the navigation list, the pages and the status bar; no logic of its own.

Pages are built the first time they are shown, so the window appears as soon as the home page is ready.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from fldd.ui.layout import hbox
from fldd.ui.page import Page
from fldd.ui.prompter import Prompter

TITLE = "fldd — forced-labour due diligence"
DEFAULT_SIZE = (1280, 700)  # fits a 1366x768 screen with a task bar and window decorations
MAXIMISE_BELOW = 1440  # screens narrower than this get the whole screen: every page needs the width
ROOMY_SIZE = (1800, 1000)  # on a larger screen, at most this, centred (Home shows its cards three abreast)
ROOMY_MARGIN = (120, 60)  # and leaving at least this much of the screen, so it reads as a window
MINIMUM_SIZE = (1000, 560)
NAV_WIDTH = 170
NAV_ITEM_SPACING = 4

# (navigation label, module, class): each class is a Page taking (ctx, prompter).
PAGES = (
    ("Home", "fldd.ui.home.home_page", "HomePage"),
    ("Suppliers", "fldd.ui.register.register_page", "RegisterPage"),
    ("Next steps", "fldd.ui.queue.queue_page", "QueuePage"),
    ("Risk map", "fldd.ui.riskmap.risk_map_page", "RiskMapPage"),
    ("Assessments", "fldd.ui.assessments.assessments_page", "AssessmentsPage"),
    ("Findings", "fldd.ui.findings.findings_page", "FindingsPage"),
    ("Standard", "fldd.ui.standard_page", "StandardPage"),
)
RUNNER = ("fldd.ui.runner.runner_page", "RunnerPage")
HISTORY = ("fldd.ui.exchange.history_page", "ImportHistoryPage")  # File > Import history; no navigation entry
ROW_ASSESSMENTS = 4
ROW_FINDINGS = 5
ROW_SUPPLIERS = 1
ROW_QUEUE = 2
ROW_RISK_MAP = 3


def opening_geometry(available: QRect) -> QRect | None:
    """Where the window opens on a screen's available area: None (maximised) below 1440 px wide, else a large
    window centred."""
    if available.width() < MAXIMISE_BELOW:
        return None
    width = min(ROOMY_SIZE[0], available.width() - ROOMY_MARGIN[0])
    height = min(ROOMY_SIZE[1], available.height() - ROOMY_MARGIN[1])
    geometry = QRect(0, 0, width, height)
    geometry.moveCenter(available.center())
    return geometry


def _factory(module: str, name: str) -> Callable[..., Page]:
    return getattr(importlib.import_module(module), name)


class MainWindow(QMainWindow):
    """Navigation on the left, one page at a time on the right, the open database in the status bar."""

    first_painted = Signal()  # the window is on screen
    home_opened = Signal()  # Home is built and shown after the deferred start-up work (open_later)

    def __init__(self, ctx, prompter: Prompter | None = None, parent: QWidget | None = None, *,
                 open_later: Callable[[], None] | None = None):
        """open_later: work to do before Home is built (making the risk data current), run just after the window
        is first painted, so the window appears at once and Home fills a moment later; None builds Home now."""
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter or Prompter()
        self.setWindowTitle(TITLE)
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setSpacing(NAV_ITEM_SPACING)
        self.stack = QStackedWidget()
        self.pages: dict[int, Page] = {}
        self.runner: Page | None = None
        self.history: Page | None = None
        for label, _, _ in PAGES:
            self.nav.addItem(label)
        self.db_label = QLabel(f"{ctx.store.path}  ·  {ctx.user} ({ctx.role})")

        central = QWidget()
        central.setLayout(hbox(self.nav, self.stack, stretch=(0, 1)))
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.db_label)

        file_menu = self.menuBar().addMenu("&File")
        self.open_received_action = file_menu.addAction("&Open a workbook from a buyer…", self.open_received)
        self.open_received_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action = file_menu.addAction("&Import workbooks or answer packs…", self.open_import)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.export_action = file_menu.addAction("&Export workbooks for suppliers…", self.open_export)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.history_action = file_menu.addAction("Import &history", self.open_import_history)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        file_menu.addSeparator()
        self.risk_data_action = file_menu.addAction("&Risk data editions…", self.open_risk_data)
        file_menu.addSeparator()
        self.backup_action = file_menu.addAction("&Back up now…", self.back_up)
        self.backup_action.setShortcut(QKeySequence("Ctrl+B"))
        self.restore_action = file_menu.addAction("Restore from a bac&kup…", self.restore)
        file_menu.addSeparator()
        self.settings_action = file_menu.addAction("&Settings…", self.open_settings)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addSeparator()
        file_menu.addAction("&Quit", self.close).setShortcut(QKeySequence.StandardKey.Quit)
        help_menu = self.menuBar().addMenu("&Help")
        self.tour_action = help_menu.addAction("Guided &tour of Home", self.start_tour)
        self.about_action = help_menu.addAction("&About fldd", self.open_about)
        self.dialog: QWidget | None = None
        self.tour = None

        self.nav.currentRowChanged.connect(self.show_row)
        self.nav.itemSelectionChanged.connect(self._nav_reselected)
        self.nav.itemClicked.connect(lambda item: self.go_to(self.nav.row(item)))
        for row in range(len(PAGES)):
            QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self, activated=lambda row=row: self.go_to(row))
        self.open_later = open_later
        self.painted = False
        self.nav.installEventFilter(self)  # the navigation is painted with the window's first paint
        if open_later is None:
            self.nav.setCurrentRow(0)
        else:
            self.opening = QLabel("Opening your workspace…")
            self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(self.opening)
            self.nav.setEnabled(False)  # focus would choose a page before the start-up work is done

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        """The window's first paint: say so, and start the deferred work once that paint is on screen."""
        if not self.painted and watched is self.nav and event.type() == QEvent.Type.Paint:
            self.painted = True
            self.first_painted.emit()
            if self.open_later is not None:
                QTimer.singleShot(0, self._open_home)
        return super().eventFilter(watched, event)

    def _open_home(self) -> None:
        """After the first paint: the deferred start-up work, then Home."""
        work, self.open_later = self.open_later, None
        try:
            work()  # an error here is told by the crash handler; Home opens all the same, never stuck half-open
        finally:
            self.nav.setEnabled(True)
            self.nav.setCurrentRow(0)
            self.nav.setFocus()
            self.stack.removeWidget(self.opening)
            self.opening.deleteLater()
            self.home_opened.emit()

    def show_on_screen(self) -> None:
        """Show the window at the size its screen suits (opening_geometry)."""
        geometry = opening_geometry(self.screen().availableGeometry())
        if geometry is None:
            self.showMaximized()
        else:
            self.setGeometry(geometry)
            self.show()

    def page(self, row: int) -> Page:
        """The page of a navigation row, built on first use."""
        if row not in self.pages:
            _, module, name = PAGES[row]
            page = _factory(module, name)(self.ctx, self.prompter)
            self._connect(page)
            self.pages[row] = page
            self.stack.addWidget(page)
        return self.pages[row]

    def _connect(self, page: Page) -> None:
        page.open_assessment.connect(self.open_assessment)
        page.open_supplier.connect(self.open_supplier)
        page.data_changed.connect(self._data_changed)
        if hasattr(page, "open_findings"):
            page.open_findings.connect(self.open_findings)
        if hasattr(page, "role_changed"):
            page.role_changed.connect(self._role_changed)
        if hasattr(page, "open_queue"):
            page.open_queue.connect(self.open_queue)

    def go_to(self, row: int) -> None:
        """A navigation entry chosen by click or Ctrl+number, even the one highlighted already (Assessments
        stays highlighted inside an assessment): its page."""
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)
        elif self.stack.currentWidget() is not self.pages.get(row):
            self.show_row(row)

    def show_row(self, row: int) -> None:
        """Show the page of a navigation row, refreshed (a page just built has filled itself); back from an
        assessment, the list has it selected."""
        if row < 0:
            return
        left = self.stack.currentWidget()
        built = row in self.pages
        page = self.page(row)
        if built:
            page.refresh()
        self.stack.setCurrentWidget(page)
        if left is self.runner and self.runner is not None and self.runner.session is not None \
                and hasattr(page, "select_assessment"):
            page.select_assessment(self.runner.session.id)

    def open_assessment(self, assessment_id: int) -> None:
        """Open an assessment in the runner (the Assessments entry stays selected)."""
        if self.runner is None:
            self.runner = _factory(*RUNNER)(self.ctx, self.prompter)
            self._connect(self.runner)
            self.stack.addWidget(self.runner)
        self.runner.load(assessment_id)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(ROW_ASSESSMENTS)
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.runner)

    def open_findings(self, mode: str = "", action_id: int = 0) -> None:
        """Show the findings, filtered as asked (e.g. overdue) and with an action selected."""
        self.nav.setCurrentRow(ROW_FINDINGS)
        page = self.page(ROW_FINDINGS)
        if hasattr(page, "show_findings"):
            page.show_findings(mode, action_id)

    def open_queue(self, step: str = "", view: str = "all") -> None:
        """Show the Next steps page filtered to a step (every step when empty) and a view (all, undecided): Home's
        and the Risk map's counts by step ask for it."""
        self.nav.setCurrentRow(ROW_QUEUE)
        page = self.page(ROW_QUEUE)
        if hasattr(page, "show_filtered"):
            page.show_filtered(step, view)

    def open_import_history(self) -> None:
        """Show every file ever imported (no navigation entry is highlighted while it is shown)."""
        if self.history is None:
            self.history = _factory(*HISTORY)(self.ctx, self.prompter)
            self._connect(self.history)
            self.stack.addWidget(self.history)
        else:
            self.history.refresh()
        self.stack.setCurrentWidget(self.history)
        self.nav.clearSelection()  # the current row stays: an entry without one would be chosen on focus
        self.history.search.setFocus()

    def _nav_reselected(self) -> None:
        """The entry still current in the navigation chosen again while the import history is shown."""
        chosen = self.nav.selectedItems()
        if chosen and self.history is not None and self.stack.currentWidget() is self.history \
                and self.nav.row(chosen[0]) == self.nav.currentRow():
            self.show_row(self.nav.currentRow())

    def open_import(self) -> None:
        """The bulk import of returned workbooks and answer packs (window-modal, so tests are not blocked)."""
        from fldd.ui.exchange.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self.prompter, self)
        dialog.data_changed.connect(self._data_changed_everywhere)
        self._show_dialog(dialog)

    def open_received(self) -> None:
        """A supplier opens the workbook its buyer sent: checked, answered here in the runner."""
        from fldd.ui.exchange.open_received import open_from_buyer, opened_message

        opened = open_from_buyer(self.ctx, self.prompter, self)
        if opened is not None:
            self.open_assessment(opened.assessment_id)
            self.runner.header.say(opened_message(opened))

    def open_export(self) -> None:
        """Export questionnaire workbooks: for the supplier selected in the register, or the several selected
        there, or those it shows, or all."""
        from fldd.ui.exchange.export_dialog import ExportDialog

        register = self.pages.get(ROW_SUPPLIERS)
        found = register is not None and hasattr(register, "selected_ids")
        dialog = ExportDialog(self.ctx, self.prompter, self, supplier_id=register.selected_id() if found else None,
                              selected_ids=register.selected_ids() if found else None,
                              shown_ids=register.shown_ids() if found else None)
        dialog.data_changed.connect(self._data_changed_everywhere)
        self._show_dialog(dialog)

    def open_risk_data(self) -> None:
        """The editions of the risk data in force and the replaced ones; load a newer edition."""
        from fldd.ui.riskdata.editions_dialog import RiskDataDialog

        dialog = RiskDataDialog(self.ctx, self.prompter, self)
        dialog.data_changed.connect(self._data_changed_everywhere)
        self._show_dialog(dialog)

    def back_up(self) -> None:
        """Back up the workspace now (File > Back up now)."""
        from fldd.ui.backup.backup_actions import back_up_now

        back_up_now(self)

    def restore(self) -> None:
        """Put a backup in place of the database (File > Restore from a backup)."""
        from fldd.ui.backup.backup_actions import restore_from_backup

        restore_from_backup(self)

    def open_settings(self) -> None:
        """Role, language, where the database lives, backups."""
        from fldd.ui.settings.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, self.prompter)
        self._show_dialog(dialog)

    def open_about(self) -> None:
        """Version, data folder, questionnaire versions and risk-data editions."""
        from fldd.ui.settings.about_dialog import AboutDialog

        self._show_dialog(AboutDialog(self.ctx, self))

    def start_tour(self) -> None:
        """The guided tour of Home (also offered at the end of the first run)."""
        from fldd.ui.firstrun.tour import HomeTour

        self.go_to(0)
        self.tour = HomeTour(self)
        self.tour.start()

    def replace_context(self, ctx) -> None:
        """Work on another open database from now on (after a restore or a move): the old context is already
        closed; every page is built again on the new one, and Home is shown."""
        self.ctx = ctx
        if self.runner is not None:
            self.stack.removeWidget(self.runner)
            self.runner.deleteLater()
            self.runner = None
        if self.history is not None:
            self.stack.removeWidget(self.history)
            self.history.deleteLater()
            self.history = None
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._role_changed(ctx.role)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(0)
        self.nav.blockSignals(False)
        self.show_row(0)

    def role_changed_elsewhere(self) -> None:
        """The role was changed outside Home (Settings): the status bar and the current page follow."""
        self._role_changed(self.ctx.role)
        self._data_changed_everywhere()

    def _show_dialog(self, dialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _data_changed_everywhere(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()

    def _role_changed(self, role: str) -> None:
        self.db_label.setText(f"{self.ctx.store.path}  ·  {self.ctx.user} ({role})")

    def open_supplier(self, supplier_id: int) -> None:
        """Show a supplier in the register."""
        self.nav.setCurrentRow(ROW_SUPPLIERS)
        page = self.page(ROW_SUPPLIERS)
        if hasattr(page, "select_supplier"):
            page.select_supplier(supplier_id)

    def _data_changed(self) -> None:
        """Another page saved something: pages refresh when next shown (the current one right away)."""
        current = self.stack.currentWidget()
        if isinstance(current, Page) and current is not self.sender():
            current.refresh()
