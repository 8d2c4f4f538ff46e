"""Spacing constants and tiny box helpers, so every panel is laid out the same way."""

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

MARGIN = 12
SPACING = 8


def _box(layout: QBoxLayout, items: tuple[QWidget, ...], stretch: tuple[int, ...]) -> QBoxLayout:
    """Fill layout with items (stretch factor per item, default 0) and the house margins."""
    layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout.setSpacing(SPACING)
    for index, item in enumerate(items):
        layout.addWidget(item, stretch[index] if index < len(stretch) else 0)
    return layout


def hbox(*items: QWidget, stretch: tuple[int, ...] = ()) -> QHBoxLayout:
    """A horizontal row of widgets."""
    return _box(QHBoxLayout(), items, stretch)


def vbox(*items: QWidget, stretch: tuple[int, ...] = ()) -> QVBoxLayout:
    """A vertical column of widgets."""
    return _box(QVBoxLayout(), items, stretch)


HEADING_SCALE = 1.4


def page_heading(text: str) -> QLabel:
    """The bold title at the top of a page, the same size on every page."""
    label = QLabel(text)
    label.setObjectName("heading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * HEADING_SCALE)
    font.setBold(True)
    label.setFont(font)
    return label
