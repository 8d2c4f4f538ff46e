"""The runner's line about the questionnaire version: which version the assessment is on when a newer one is
current, the moves recorded beside it, and "Move to version ..." with the report confirmed first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.usecases.errors import Rejected
from fldd.usecases.version_moves import MOVABLE, move_assessment, moves, report_lines

BAR_STYLE = "QWidget#versionBar { background: #eef3fb; border-bottom: 1px solid #c9d6ea; }"
REVIEWERS = ("buyer", "auditor")


class VersionBar(QWidget):
    """Hidden while the assessment is on the current version and was never moved."""

    moved = Signal(str)  # what the move did, in one line

    def __init__(self, ctx, prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.session = None
        self.target = None
        self.setObjectName("versionBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # so the bar's colour is painted
        self.setStyleSheet(BAR_STYLE)
        self.text = QLabel()
        self.text.setObjectName("versionText")
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("moveVersion")
        self.button.clicked.connect(self.move)
        layout = QHBoxLayout()
        layout.setContentsMargins(MARGIN, SPACING // 2, MARGIN, SPACING // 2)
        layout.setSpacing(SPACING)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.setLayout(layout)
        self.hide()

    def show_for(self, session) -> None:
        """Say which version the assessment is on and offer the move where it may be made."""
        self.session = session
        q = session.questionnaire
        current = self.ctx.standard.get(q.id)
        self.target = current if current is not None and current.version != q.version else None
        try:
            done = moves(self.ctx, session.id)
        except StoreError:
            done = []
        parts = []
        if self.target is not None:
            parts.append(f"This assessment is on version {q.version} of the questionnaire; version "
                         f"{self.target.version} is current. Its answers are scored by the rules of {q.version}.")
        for move in done[-2:]:
            parts.append(f"Moved from version {move['from_version']} to {move['to_version']} by "
                         f"{move['moved_by'] or '-'} on {move['moved_at'][:10]} (it was "
                         f"{move['status'].replace('_', ' ')}).")
        self.text.setText(" ".join(parts))
        movable = self.target is not None and session.record.status in MOVABLE and self.ctx.role in REVIEWERS
        if self.target is not None:
            self.button.setText(f"&Move to version {self.target.version}…")
        self.button.setVisible(movable)
        self.setVisible(bool(parts))

    def move(self) -> None:
        """Show what the move would do; move only once the person confirms it."""
        session, target = self.session, self.target
        if session is None or target is None:
            return
        try:
            preview = move_assessment(self.ctx, session.id, target.version, dry_run=True)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot move the assessment", _words(exc))
            return
        heading = (f"Move {session.supplier.name}'s assessment from version {preview['from']} to {preview['to']}? "
                   "Answers are carried where the question is unchanged; new questions are left to answer; answers "
                   "to questions no longer asked are kept read-only. The move is recorded with the assessment.")
        if not self.prompter.review(self, "Move to another questionnaire version", heading, report_lines(preview),
                                    f"&Move to version {preview['to']}"):
            return
        try:
            report = move_assessment(self.ctx, session.id, target.version)
        except (Rejected, StoreError) as exc:
            self.prompter.error(self, "Cannot move the assessment", _words(exc))
            return
        after = report["after"]
        self.moved.emit(f"Moved to version {report['to']}: {len(report['carried'])} answers carried, "
                        f"{len(report['dropped'])} not carried, {len(report.get('to_answer', []))} new questions to "
                        f"answer; {after['rating_text']}.")


def _words(exc: Exception) -> str:
    return "\n".join(exc.messages) if isinstance(exc, Rejected) else str(exc)
