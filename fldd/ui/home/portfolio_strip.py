"""The portfolio at a glance: suppliers by rating, findings not yet verified by severity, overdue actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from fldd.ui.layout import SPACING
from fldd.ui.theme import OVERDUE_COLOUR, RATING_COLOURS, RATING_WORDS, SEVERITY_COLOURS, SEVERITY_WORDS, badge_style
from fldd.usecases.rating_words import legend

UNRATED_COLOUR = "#e4e7eb"
RATINGS = ("low", "medium", "high", "severe", None)
SEVERITIES = ("priority", "major", "minor")


def _badge(colour: str) -> QLabel:
    label = QLabel()
    label.setStyleSheet(badge_style(colour))
    return label


class PortfolioStrip(QFrame):
    """One row of counts, each colour paired with its word; the overdue count opens the findings."""

    show_overdue = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("strip")
        self.setStyleSheet("QFrame#strip { border: 1px solid #d0d4d9; border-radius: 6px; }")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # as tall as its rows
        self.suppliers = QLabel()
        self.ratings = {rating: _badge(RATING_COLOURS.get(rating, UNRATED_COLOUR) if rating else UNRATED_COLOUR)
                        for rating in RATINGS}
        told = legend()
        for badge in self.ratings.values():  # drafts never count here: their rating is not final
            badge.setToolTip(f"Suppliers by the rating of their latest submitted assessment\n\n{told}")
        self.findings_label = QLabel("Open findings:")
        self.severities = {severity: _badge(SEVERITY_COLOURS[severity]) for severity in SEVERITIES}
        self.overdue = QPushButton()
        self.overdue.setFlat(True)
        self.overdue.setCursor(Qt.CursorShape.PointingHandCursor)

        self.rating_group = QWidget()
        ratings = QHBoxLayout(self.rating_group)
        ratings.setContentsMargins(0, 0, 0, 0)
        ratings.setSpacing(SPACING)
        ratings.addWidget(self.suppliers)
        for badge in self.ratings.values():
            ratings.addWidget(badge)
        ratings.addStretch(1)
        self.finding_group = QWidget()
        findings = QHBoxLayout(self.finding_group)
        findings.setContentsMargins(0, 0, 0, 0)
        findings.setSpacing(SPACING)
        findings.addWidget(self.findings_label)
        for badge in self.severities.values():
            findings.addWidget(badge)
        findings.addSpacing(SPACING * 2)
        findings.addWidget(self.overdue)
        findings.addStretch(1)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(SPACING + 4, SPACING, SPACING + 4, SPACING)
        self.box.setSpacing(SPACING * 3)
        self.box.addWidget(self.rating_group)
        self.box.addWidget(self.finding_group, 1)

        self.overdue.clicked.connect(self.show_overdue)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """One line where it fits, the findings under the ratings where it does not."""
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        margins = self.box.contentsMargins()
        needed = (self.rating_group.sizeHint().width() + self.finding_group.sizeHint().width()
                  + self.box.spacing() + margins.left() + margins.right())
        direction = QBoxLayout.Direction.LeftToRight if self.width() >= needed else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.box.setSpacing(SPACING * 3 if direction == QBoxLayout.Direction.LeftToRight else SPACING)

    def set_counts(self, counts: dict) -> None:
        """Show fldd.usecases.home.portfolio_counts."""
        n = counts["suppliers"]
        self.suppliers.setText(f"<b>{n}</b> supplier{'' if n == 1 else 's'}:")
        for rating, badge in self.ratings.items():
            badge.setText(f"{RATING_WORDS[rating]}  {counts['by_rating'].get(rating, 0)}")
            badge.setVisible(rating is not None or counts["by_rating"].get(None, 0) > 0)
        for severity, badge in self.severities.items():
            badge.setText(f"{SEVERITY_WORDS[severity]}  {counts['open_findings'].get(severity, 0)}")
        overdue = counts["overdue"]
        self.overdue.setText(f"{overdue} overdue action{'' if overdue == 1 else 's'}" if overdue
                             else "No overdue actions")
        colour = OVERDUE_COLOUR if overdue else "#1a1a1a"
        self.overdue.setStyleSheet(f"color: {colour}; font-weight: bold; text-decoration: underline; "
                                   "padding: 2px 4px;")
        self.overdue.setEnabled(overdue > 0)
        self._arrange()
