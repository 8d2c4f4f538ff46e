"""The guided tour of Home: a few steps over the main window, each dimming the window but one part of it (the
navigation, the role switch, the strips, the to-do cards, the File and Help menus, where to start), with a callout
saying what it is for. Back, Next, Done; Escape ends it. It is one child widget of the window, so it follows the
window, and ending it deletes that widget and its event filter with it: nothing is left behind."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QWidget

from fldd.ui.firstrun.tour_steps import Step, steps_for
from fldd.ui.layout import SPACING, hbox, vbox

ACCENT = "#e07000"  # the outline and the callout's border: orange reads on white, grey and the blue selection
DIM = QColor(20, 30, 40, 110)
OUTLINE = 3
PAD = 4  # the outline stands this far outside its target
GAP = 14  # between the outline and the callout
CALLOUT_WIDTH = 380
EDGE = 8  # the callout keeps this far inside the window
CALLOUT_STYLE = (f"QFrame#tourCallout {{ background: palette(base); border: 2px solid {ACCENT}; "
                 f"border-radius: 8px; }} QFrame#tourCallout QLabel {{ background: transparent; }}")


class TourCallout(QFrame):
    """Step n of m, a title, a short text, and Back / Next / Done (buttons take no focus: the keys stay with
    the tour)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tourCallout")
        self.setStyleSheet(CALLOUT_STYLE)
        self.setFixedWidth(CALLOUT_WIDTH)
        self.counter = QLabel()
        self.counter.setStyleSheet("color: #555;")
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.back_button = QPushButton("< &Back")
        self.next_button = QPushButton("&Next >")
        self.done_button = QPushButton("&Done")
        for button in (self.back_button, self.next_button, self.done_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QWidget()
        buttons.setLayout(hbox(QWidget(), self.back_button, self.next_button, self.done_button,
                               stretch=(1, 0, 0, 0)))
        buttons.layout().setContentsMargins(0, SPACING, 0, 0)
        self.setLayout(vbox(self.counter, self.title, self.text, buttons))

    def show_step(self, number: int, count: int, step: Step) -> None:
        self.counter.setText(f"Step {number} of {count}")
        self.title.setText(step.title)
        self.text.setText(step.text)
        self.back_button.setEnabled(number > 1)
        self.next_button.setVisible(number < count)
        self.setFixedHeight(self.layout().totalHeightForWidth(CALLOUT_WIDTH))


class TourOverlay(QWidget):
    """Covers the window: dims it except the target, draws the outline, holds the callout, takes the keys."""

    def __init__(self, window: QWidget, tour: HomeTour) -> None:
        super().__init__(window)
        self.setObjectName("tourOverlay")
        self.window_ = window
        self.tour = tour
        self.target: QRect | None = None
        self.callout = TourCallout(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setGeometry(window.rect())
        window.installEventFilter(self)  # gone with this widget: Qt drops the filters of a deleted object

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window_ and event.type() in (QEvent.Type.Resize, QEvent.Type.Show,
                                                         QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self.follow)  # after the window's own layout has moved its parts
        return False

    def follow(self) -> None:
        """Cover the whole window and point at the step's target where it is now."""
        self.setGeometry(self.window_.rect())
        self.raise_()
        self.place()

    def place(self) -> None:
        step = self.tour.current()
        found = step.target() if step is not None else None
        self.target = found.adjusted(-PAD, -PAD, PAD, PAD).intersected(self.rect()) if found else None
        self.callout.move(callout_position(self.rect(), self.target, self.callout.size()))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dim = QPainterPath()
        dim.addRect(self.rect())
        if self.target is not None:
            hole = QPainterPath()
            hole.addRoundedRect(self.target, 6, 6)
            dim = dim.subtracted(hole)
        painter.fillPath(dim, DIM)
        if self.target is not None:
            painter.setPen(QPen(QColor(ACCENT), OUTLINE))
            painter.drawRoundedRect(self.target, 6, 6)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.tour.end()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.tour.next()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace):
            self.tour.back()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        """Tab stays with the tour: the window under it is not in use until the tour ends."""
        return True

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A click on the dimmed window does nothing but keep the keys with the tour."""
        self.setFocus()


def callout_position(area: QRect, target: QRect | None, size: QSize) -> QPoint:
    """Where the callout goes: beside the target (right of a tall one, below a wide one, then above, left: the
    first where it fits whole and covers nothing of it), else inside the target's lower right; always inside the
    window."""
    width, height = size.width(), size.height()
    inner = area.adjusted(EDGE, EDGE, -EDGE, -EDGE)

    def clamp(x: int, y: int) -> QPoint:
        x = max(inner.left(), min(x, inner.right() - width))
        y = max(inner.top(), min(y, inner.bottom() - height))
        return QPoint(x, y)

    if target is None:
        return clamp(area.center().x() - width // 2, area.center().y() - height // 2)
    right = (target.right() + GAP, target.top())
    below = (target.left(), target.bottom() + GAP)
    candidates = (
        *((right, below) if target.height() > target.width() else (below, right)),  # along a tall one's side
        (target.left(), target.top() - GAP - height),
        (target.left() - GAP - width, target.top()),
    )
    for x, y in candidates:
        point = clamp(x, y)
        box = QRect(point.x(), point.y(), width, height)
        if inner.contains(box) and not box.intersects(target):
            return point
    return clamp(target.right() - width - GAP, target.bottom() - height - GAP)


class HomeTour:
    """A few steps over the main window, each pointing at one part of Home (navigation, the to-do cards of the
    role, the portfolio and next-steps strips for a buyer, the File and Help menus) with Back, Next and Done;
    Escape ends it."""

    def __init__(self, window) -> None:
        self.window = window
        self.steps: list[Step] = []
        self.index = 0
        self.overlay: TourOverlay | None = None

    def start(self) -> None:
        """Show the first step (a tour already running on this window ends first)."""
        for running in self.window.findChildren(TourOverlay):
            running.tour.end()
        home = self.window.pages.get(0)
        titles = [] if home is None else [home.cards[name].heading.text()
                                          for name in home.data.get("sections", ()) if name in home.cards]
        self.steps = [step for step in steps_for(self.window, self.window.ctx.role, titles) if step.present()]
        if not self.steps:
            return
        self.index = 0
        self.overlay = TourOverlay(self.window, self)
        callout = self.overlay.callout
        callout.back_button.clicked.connect(self.back)
        callout.next_button.clicked.connect(self.next)
        callout.done_button.clicked.connect(self.end)
        self.overlay.show()
        self._show()

    def current(self) -> Step | None:
        return self.steps[self.index] if self.overlay is not None and self.steps else None

    def next(self) -> None:
        if self.overlay is not None and self.index < len(self.steps) - 1:
            self.index += 1
            self._show()

    def back(self) -> None:
        if self.overlay is not None and self.index > 0:
            self.index -= 1
            self._show()

    def end(self) -> None:
        """Take the tour off the window: the overlay (with its callout and event filter) is deleted."""
        overlay, self.overlay = self.overlay, None
        if overlay is None:
            return
        overlay.hide()
        overlay.setParent(None)
        overlay.deleteLater()
        self.window.activateWindow()

    def _show(self) -> None:
        callout = self.overlay.callout
        callout.show_step(self.index + 1, len(self.steps), self.steps[self.index])
        callout.done_button.setDefault(self.index == len(self.steps) - 1)
        self.overlay.follow()
        self.overlay.setFocus()
