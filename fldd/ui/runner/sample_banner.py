"""The on-site samples against the protocol's minimum, under the questions: shown before Submit, so the
auditor sees a shortfall ("12 of 20 workers interviewed for a site of 450 workers") in time, and after it,
with the reason that was recorded."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from fldd.ui.layout import MARGIN, SPACING
from fldd.usecases.sampling import sample_checks, shortfalls, stored_reasons

SHORT_STYLE = "background: #fff4d6; color: #1a1a1a; border: 1px solid #e8cf8a; border-radius: 4px; padding: 6px;"
MET_STYLE = "background: #eef3ee; color: #1a1a1a; border: 1px solid #c9d8c9; border-radius: 4px; padding: 6px;"


class SampleBanner(QWidget):
    """One line per sample rule, and the recorded reasons; hidden when nothing is known yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleBanner")
        self.label = QLabel()
        self.label.setObjectName("sampleText")
        self.label.setWordWrap(True)
        layout = QHBoxLayout()
        layout.setContentsMargins(MARGIN, SPACING // 2, MARGIN, 0)
        layout.addWidget(self.label)
        self.setLayout(layout)
        self.hide()

    def show_session(self, session) -> None:
        """The samples of the session's answers as they are now, and the reasons kept with it."""
        checks = [c for c in sample_checks(session) if c.minimum is not None]
        reasons = stored_reasons(session)
        if not checks and not reasons:
            self.hide()
            return
        short = [c for c in checks if c.short]
        lines = []
        if checks:
            parts = [f"{c.text} (minimum not met)" if c.short else f"{c.text} ✓" for c in checks]
            lines.append("Sample: " + "; ".join(parts) + ".")
        if short and session.record.status == "draft":
            lines.append("Submit will ask for your reason for the smaller sample; it is kept with your name.")
        if reasons:
            last = reasons[-1]
            lines.append(f"Reason recorded by {last['given_by']} at {last['given_at'][:16].replace('T', ' ')} UTC "
                         f"({last['done']} of {last['minimum']}): {last['reason']}")
        self.label.setText("\n".join(lines))
        self.label.setStyleSheet(SHORT_STYLE if short or reasons else MET_STYLE)
        self.show()


def ask_sample_reason(prompter, parent: QWidget, session) -> str | None:
    """The auditor's reason for samples below the minimum ('' when they chose to go back and sample more), or
    None when every sample is large enough."""
    short = shortfalls(session)
    if not short:
        return None
    listed = "\n".join(f"• {check.text}" for check in short)
    return prompter.reason(
        parent, "Sample below the minimum",
        f"The protocol asks for a larger sample at a site of this size:\n{listed}\n\nSubmit anyway only with "
        "the reason (it is kept with your name and the time, and shown with the assessment), or cancel and "
        "sample more.") or ""
