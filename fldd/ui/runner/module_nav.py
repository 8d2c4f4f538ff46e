"""The list of modules on the left: each with how much of it is answered, skipped modules greyed."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)

ROLE_KEY = Qt.ItemDataRole.UserRole
ROLE_DONE = Qt.ItemDataRole.UserRole + 1
ROLE_TOTAL = Qt.ItemDataRole.UserRole + 2
ROLE_DETAIL = Qt.ItemDataRole.UserRole + 3  # the second line: "7 / 12", "skipped", "3 interviews"
ROLE_SKIPPED = Qt.ItemDataRole.UserRole + 4
INTERVIEWS = "__interviews__"
PAD = 6
BAR_WIDTH = 56
BAR_HEIGHT = 5
BAR_DONE = QColor("#3b7d4f")
BAR_EMPTY = QColor("#dde3ea")
SKIPPED_TEXT = QColor("#8a9099")


class ProgressDelegate(QStyledItemDelegate):
    """Paints the module title, then a thin bar and "answered / shown" under it."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        line = option.fontMetrics.lineSpacing()
        return QSize(160, line * 2 + PAD * 2 + 2)

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        skipped = bool(index.data(ROLE_SKIPPED))
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = option.palette.color(role) if selected or not skipped else SKIPPED_TEXT
        rect = option.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        line = option.fontMetrics.lineSpacing()
        painter.save()
        painter.setPen(colour)
        title = option.fontMetrics.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "",
                                              Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignVCenter, title)
        second = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        text_left = second.left()
        total = index.data(ROLE_TOTAL) or 0
        if total and not skipped:
            done = index.data(ROLE_DONE) or 0
            bar = QRect(second.left(), second.center().y() - BAR_HEIGHT // 2, BAR_WIDTH, BAR_HEIGHT)
            painter.fillRect(bar, BAR_EMPTY)
            painter.fillRect(QRect(bar.left(), bar.top(), round(BAR_WIDTH * done / total), BAR_HEIGHT), BAR_DONE)
            text_left = bar.right() + PAD + 2
        small = painter.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.drawText(QRect(text_left, second.top(), second.right() - text_left, line),
                         Qt.AlignmentFlag.AlignVCenter, index.data(ROLE_DETAIL) or "")
        painter.restore()


class ModuleNav(QListWidget):
    """One entry per module (and one for the interview records of an on-site assessment)."""

    module_selected = Signal(str)  # module id, or INTERVIEWS

    def __init__(self, entries: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moduleNav")
        self.setItemDelegate(ProgressDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.items: dict[str, QListWidgetItem] = {}
        for key, title in entries:
            item = QListWidgetItem(title)
            item.setData(ROLE_KEY, key)
            self.addItem(item)
            self.items[key] = item

        self.currentItemChanged.connect(self._changed)

    def _changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.module_selected.emit(current.data(ROLE_KEY))

    def set_progress(self, key: str, answered: int, shown: int, skipped: bool) -> None:
        """"answered / shown" with a bar, or "skipped" in grey."""
        item = self.items[key]
        detail = "skipped" if skipped else f"{answered} / {shown}"
        if (item.data(ROLE_DETAIL), item.data(ROLE_DONE), item.data(ROLE_TOTAL)) == (detail, answered, shown):
            return
        item.setData(ROLE_DONE, answered)
        item.setData(ROLE_TOTAL, shown)
        item.setData(ROLE_SKIPPED, skipped)
        item.setData(ROLE_DETAIL, detail)
        item.setToolTip("Skipped: no question of this module applies, given the answers so far" if skipped
                        else f"{answered} of {shown} questions answered")

    def set_detail(self, key: str, detail: str) -> None:
        """A free second line (the interview entry: "3 interviews")."""
        self.items[key].setData(ROLE_DETAIL, detail)

    def detail(self, key: str) -> str:
        """What the second line says, as a person reads it."""
        return self.items[key].data(ROLE_DETAIL) or ""

    def current_key(self) -> str | None:
        """The selected module id."""
        item = self.currentItem()
        return item.data(ROLE_KEY) if item is not None else None

    def select(self, key: str) -> None:
        """Select an entry (emits module_selected when it changes)."""
        self.setCurrentItem(self.items[key])

    def step(self, delta: int) -> None:
        """The next (+1) or previous (-1) entry, stopping at the ends."""
        row = self.currentRow() + delta
        if 0 <= row < self.count():
            self.setCurrentRow(row)
