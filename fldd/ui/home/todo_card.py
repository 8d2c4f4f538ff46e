"""One card of the home view: a heading with a count, a line on what it holds, and a short clickable list."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from fldd.ui.layout import SPACING, hbox
from fldd.ui.theme import OVERDUE_COLOUR

ENTRY_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 6
MAX_ENTRIES = 50
CARD_STYLE = ("QFrame#card { background: palette(base); border: 1px solid #d0d4d9; border-radius: 6px; }"
              "QFrame#card QListWidget { border: none; }")


class EntryList(QListWidget):
    """A list whose entries are chosen by a click or by Enter (never twice for one double-click)."""

    chosen = Signal(object)  # the entry's data

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.itemClicked.connect(self._choose)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As tall as its minimum: a short list, growing only where the page has room to spare."""
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._choose(self.currentItem())
            return
        super().keyPressEvent(event)

    def _choose(self, item: QListWidgetItem) -> None:
        data = item.data(ENTRY_ROLE)
        if data is not None:
            self.chosen.emit(data)


class TodoCard(QFrame):
    """Shows one section of fldd.usecases.home.todo; entries carry what to open when chosen."""

    chosen = Signal(object)  # ("assessment", id) | ("supplier", id) | ("action", action id, findings mode)
    show_all = Signal()

    def __init__(self, title: str, blurb: str, empty: str, show_all_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.empty_text = empty
        self.has_show_all = bool(show_all_text)
        self.heading = QLabel(title)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.count = QLabel("0")
        self.count.setFont(font)
        self.blurb = QLabel(blurb)
        self.blurb.setWordWrap(True)
        self.blurb.setStyleSheet("color: #555;")
        self.entries = EntryList()
        row_height = self.entries.fontMetrics().lineSpacing() + 2
        self.entries.setMinimumHeight(row_height * VISIBLE_ROWS + 2 * self.entries.frameWidth())
        self.more = QPushButton(show_all_text or "Show all")
        self.more.setVisible(self.has_show_all)
        self.more.setFlat(True)
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.setStyleSheet("text-align: left; color: palette(link); padding: 0;")

        top = QWidget()
        top.setLayout(hbox(self.heading, QWidget(), self.count, stretch=(0, 1, 0)))
        top.layout().setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING + 4, SPACING, SPACING + 4, SPACING)
        layout.setSpacing(SPACING // 2)
        for widget in (top, self.blurb, self.entries, self.more):
            layout.addWidget(widget, 1 if widget is self.entries else 0)

        self.entries.chosen.connect(self.chosen)
        self.more.clicked.connect(self.show_all)

    def set_entries(self, entries: list[tuple[str, object, bool]], total: int | None = None) -> None:
        """Fill the list: (text, data to emit, shown as overdue); total when more exist than are given."""
        total = len(entries) if total is None else total
        self.count.setText(str(total))
        self.entries.clear()
        red = QBrush(QColor(OVERDUE_COLOUR))
        for text, data, overdue in entries[:MAX_ENTRIES]:
            item = QListWidgetItem(text)
            item.setData(ENTRY_ROLE, data)
            item.setToolTip(text)
            if overdue:
                item.setForeground(red)
            self.entries.addItem(item)
        if total > MAX_ENTRIES and not self.has_show_all:
            note = QListWidgetItem(f"… and {total - MAX_ENTRIES} more")
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.entries.addItem(note)
        if not entries:
            note = QListWidgetItem(self.empty_text)
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.entries.addItem(note)
        self.more.setEnabled(total > 0)
