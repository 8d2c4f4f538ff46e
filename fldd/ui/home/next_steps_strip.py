"""Home's count of suppliers by recommended next step: each count opens the Next steps page filtered to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QWidget

from fldd.ui.layout import hbox
from fldd.usecases.queue import STEP_LABELS, STEPS


def _link(text: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet("text-align: left; color: palette(link); padding: 0 4px;")
    return button


class NextStepsStrip(QFrame):
    """One row: 'Next steps:' then a link per step with its count, and how many need a decision."""

    open_queue = Signal(str, str)  # step ("" = every step), view ("all", "undecided")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextSteps")
        self.setStyleSheet("QFrame#nextSteps { border: 1px solid #d0d4d9; border-radius: 6px; }")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.label = QLabel("<b>Next steps:</b>")
        self.steps = {step: _link() for step in STEPS}
        self.undecided = _link()
        self.undecided.setObjectName("undecided")
        for step, button in self.steps.items():
            button.setToolTip(f"Show the suppliers whose recommended next step is: {STEP_LABELS[step]}")
            button.clicked.connect(lambda _=False, step=step: self.open_queue.emit(step, "all"))
        self.undecided.setToolTip("Show the suppliers with a next step and no decision that holds")
        self.undecided.clicked.connect(lambda: self.open_queue.emit("", "undecided"))
        self.setLayout(hbox(self.label, *self.steps.values(), QWidget(), self.undecided,
                            stretch=(0,) * (len(STEPS) + 1) + (1, 0)))

    def set_counts(self, counts: dict[str, int], undecided: int) -> None:
        """Counts by step (fldd.usecases.queue.step_counts) and how many need a decision."""
        for step, button in self.steps.items():
            button.setText(f"{STEP_LABELS[step]}: {counts.get(step, 0)}")
        self.undecided.setText(f"Needs a decision: {undecided}")
