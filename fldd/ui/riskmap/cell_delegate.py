"""Paints one risk-map cell from the model's prepared values: its colour, the count in bold, what the colour
means for it underneath, a corner mark when results have expired, and a frame for the chosen cell."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from fldd.ui.riskmap.grid_model import EXPIRED_ROLE, LINES_ROLE

CELL_SIZE = QSize(92, 50)
GAP = 1  # white between cells, so neighbours of one colour still read as cells
MARK = 9  # side of the expired-results corner triangle
TEXT = QColor("#1a1a1a")
FAINT = QColor("#8a8f95")
FRAME = QColor("#1f4e79")


class CellDelegate(QStyledItemDelegate):
    """Paints cells; no editing."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._bold = QFont()
        self._bold.setBold(True)
        self._small = QFont()
        self._small.setPointSizeF(max(7.0, self._small.pointSizeF() * 0.85))

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt's name
        return CELL_SIZE

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        box = option.rect.adjusted(GAP, GAP, -GAP, -GAP)
        painter.fillRect(option.rect, Qt.GlobalColor.white)
        painter.fillRect(box, index.data(Qt.ItemDataRole.BackgroundRole))
        count, middle, extra = index.data(LINES_ROLE) or ("", "", "")
        if not count:
            painter.setPen(FAINT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "–")
        else:
            self._text(painter, box, count, middle, extra)
        if index.data(EXPIRED_ROLE):
            corner = box.topRight()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TEXT)
            painter.drawPolygon(QPolygonF([QPointF(corner.x() - MARK, corner.y()), QPointF(corner.x() + 1, corner.y()),
                                           QPointF(corner.x() + 1, corner.y() + MARK + 1)]))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if selected or focused:
            pen = QPen(FRAME, 3 if selected else 1, Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box.adjusted(1, 1, -2, -2))
        painter.restore()

    def _text(self, painter: QPainter, box: QRect, count: str, middle: str, extra: str) -> None:
        lines = [(count, self._bold), (middle, self._small)] + ([(extra, self._small)] if extra else [])
        heights = [painter.fontMetrics().height() if font is None else _height(painter, font) for _, font in lines]
        top = box.top() + (box.height() - sum(heights)) // 2
        painter.setPen(TEXT)
        for (text, font), height in zip(lines, heights):
            painter.setFont(font)
            shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, box.width() - 4)
            painter.drawText(QRect(box.left(), top, box.width(), height), Qt.AlignmentFlag.AlignCenter, shown)
            top += height


def _height(painter: QPainter, font: QFont) -> int:
    painter.setFont(font)
    return painter.fontMetrics().height()
