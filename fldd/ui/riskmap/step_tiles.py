"""The suppliers counted by recommended next step, as a row of tiles; each opens the Next steps page on that step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fldd.ui.layout import SPACING
from fldd.usecases.queue import STEP_LABELS, STEPS

TILE_STYLE = ("QPushButton {{ background: {ground}; color: #1a1a1a; border: {border}; border-radius: 4px;"
              " padding: 4px 10px; text-align: left; font-weight: {weight}; }}"
              " QPushButton:focus {{ border: 2px solid #1f4e79; }}")
PLAIN = {"border": "1px solid #b8c2cc", "weight": "normal"}
CHOSEN = {"border": "2px solid #1a1a1a", "weight": "bold"}  # the step the map is filtered to
# The more demanding the step, the warmer its tile (the words carry the meaning).
GROUNDS = {"relationship": "#f8c4c4", "enhanced": "#ffd8b0", "onsite": "#ffe6c7", "desktop": "#fff6d6",
           "none": "#e6f2e8"}


class StepTiles(QWidget):
    """One tile per step: its words and how many suppliers (of those the filters keep) it recommends."""

    step_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.caption = QLabel("Next steps:")
        self.tiles: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.caption)
        for step in STEPS:
            tile = QPushButton()
            tile.setToolTip(f"Suppliers the map's filters keep whose recommended next step is: {STEP_LABELS[step]}. "
                            "Click to open Next steps on this step (for every supplier: the map's other filters "
                            "stay here).")
            tile.clicked.connect(lambda _=False, s=step: self.step_chosen.emit(s))
            self.tiles[step] = tile
            layout.addWidget(tile)
        layout.addStretch(1)

    def set_counts(self, counts: dict[str | None, int], chosen: str | None = None) -> None:
        """Show each step's count, the step the map is filtered to in bold."""
        for step, tile in self.tiles.items():
            n = counts.get(step, 0)
            tile.setStyleSheet(TILE_STYLE.format(ground=GROUNDS.get(step, "#eeeeee"),
                                                 **(CHOSEN if step == chosen else PLAIN)))
            tile.setText(f"{STEP_LABELS[step]}: {n:,}")
            tile.setAccessibleName(f"{STEP_LABELS[step]}: {n:,} suppliers")
