"""The buttons at the bottom that move an assessment along: submit, review, return, close."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fldd.ui.layout import MARGIN, SPACING

MISSING_IN_TOOLTIP = 12


class StatusActions(QWidget):
    """Shows only the moves the current status allows; Submit waits until every required answer is given."""

    move = Signal(str)  # the status to move to
    next_missing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusActions")
        self.missing_label = QLabel()
        self.missing_label.setObjectName("missing")
        self.next_button = QPushButton("Next &unanswered")
        self.next_button.setToolTip("Go to the next required question without an answer")
        self.submit = QPushButton("&Submit")
        self.submit.setObjectName("submit")
        self.start_review = QPushButton("Start &review")
        self.return_button = QPushButton("Return to su&pplier")
        self.return_button.setToolTip("Send the assessment back to draft so the supplier can change answers")
        self.close_button = QPushButton("C&lose assessment")
        self.close_button.setToolTip("Close the review: the assessment becomes read-only")

        layout = QHBoxLayout()
        layout.setContentsMargins(MARGIN, SPACING // 2, MARGIN, SPACING // 2)
        layout.setSpacing(SPACING)
        layout.addWidget(self.missing_label, 1)
        for button in (self.next_button, self.return_button, self.start_review, self.close_button, self.submit):
            layout.addWidget(button)
        self.setLayout(layout)

        self.next_button.clicked.connect(self.next_missing)
        self.submit.clicked.connect(lambda: self.move.emit("submitted"))
        self.start_review.clicked.connect(lambda: self.move.emit("under_review"))
        self.return_button.clicked.connect(lambda: self.move.emit("draft"))
        self.close_button.clicked.connect(lambda: self.move.emit("closed"))

    def show_state(self, status: str, missing: list[str], tier: str = "desktop", role: str = "buyer") -> None:
        """Which buttons apply; `missing` names the required questions still open, as people read them.
        Reviewing and closing are the buyer's or auditor's: a supplier does not see those buttons."""
        draft = status == "draft"
        reviewer = role != "supplier"
        self.return_button.setText("Return to su&pplier" if tier == "desktop" else "Reo&pen as draft")
        self.submit.setVisible(draft)
        self.next_button.setVisible(draft and bool(missing))
        self.start_review.setVisible(reviewer and status == "submitted")
        self.return_button.setVisible(reviewer and status in ("submitted", "under_review"))
        self.close_button.setVisible(reviewer and status == "under_review")
        self.submit.setEnabled(draft and not missing)
        if missing:
            listed = "\n".join(f"• {m}" for m in missing[:MISSING_IN_TOOLTIP])
            more = f"\n… and {len(missing) - MISSING_IN_TOOLTIP} more" if len(missing) > MISSING_IN_TOOLTIP else ""
            self.submit.setToolTip(f"Answer every required question first. Still open:\n{listed}{more}")
        else:
            self.submit.setToolTip("Submit the answers for review (Ctrl+Enter)")
        if draft:
            self.missing_label.setText(f"{len(missing)} required answer{'s' if len(missing) != 1 else ''} missing"
                                       if missing else "Every required question is answered: ready to submit.")
        else:
            self.missing_label.setText("")
