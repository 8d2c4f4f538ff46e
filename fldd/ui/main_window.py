"""The main window: assembles the navigation list, the pages and the status bar; no logic of its own."""

from pathlib import Path

from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from fldd.ui.layout import hbox
from fldd.ui.placeholder_page import PlaceholderPage

TITLE = "fldd — forced-labour due diligence"
DEFAULT_SIZE = (1180, 680)  # fits a 1366x768 screen with a task bar and window decorations
MINIMUM_SIZE = (800, 500)
NAV_WIDTH = 180
NAV_ITEM_SPACING = 4

PAGES = (
    ("Home", "Forced-labour due diligence for suppliers, auditors and buyers, entirely offline."),
    ("Suppliers", "The supplier register: country, goods, identifiers and inherent risk."),
    ("Assessments", "Desktop self-assessments and on-site audits, with their answers and results."),
    ("Questionnaires", "The questionnaires of the fldd standard shipped with the app."),
    ("Findings", "Findings and corrective actions, with owners and due dates."),
)


class MainWindow(QMainWindow):
    """Navigation on the left, one page at a time on the right, the open database in the status bar."""

    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setSpacing(NAV_ITEM_SPACING)
        self.pages = QStackedWidget()
        for title, description in PAGES:
            self.nav.addItem(title)
            self.pages.addWidget(PlaceholderPage(title, description))
        self.db_label = QLabel(f"Database: {db_path}")

        central = QWidget()
        central.setLayout(hbox(self.nav, self.pages, stretch=(0, 1)))
        self.setCentralWidget(central)
        self.statusBar().addPermanentWidget(self.db_label)

        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
