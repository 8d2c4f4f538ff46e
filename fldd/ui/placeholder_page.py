"""A page that names a part of the app not built yet, so navigation works end to end from day one."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from fldd.ui.layout import vbox


class PlaceholderPage(QWidget):
    """A heading and a short description of what the page will hold."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel(title)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.description = QLabel(description)
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.setLayout(vbox(self.heading, self.description, stretch=(0, 1)))
