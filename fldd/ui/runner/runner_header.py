"""The runner's head: whose assessment, on which questionnaire, in what status and language."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fldd.standard.model import pick
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.theme import STATUS_WORDS, badge_style

LANGUAGES = {"en": "English", "es": "Spanish (Español)"}
TIERS = {"desktop": "Desktop self-assessment", "onsite": "On-site assessment"}
STATUS_COLOURS = {"draft": "#e6e8eb", "submitted": "#dbe8fb", "under_review": "#fff1c2", "closed": "#d8f0dc"}
BANNER_STYLE = "background: #fff4d6; color: #1a1a1a; border: 1px solid #e8cf8a; border-radius: 4px; padding: 6px;"


class RunnerHeader(QWidget):
    """Supplier, questionnaire, status word on its colour, language; and the read-only banner when closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.supplier = QLabel()
        self.supplier.setObjectName("supplierName")
        font = self.supplier.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.supplier.setFont(font)
        self.questionnaire = QLabel()
        self.questionnaire.setObjectName("questionnaireTitle")
        self.questionnaire.setStyleSheet("color: #3a4450;")
        self.status = QLabel()
        self.status.setObjectName("statusWord")
        self.language = QLabel()
        self.language.setStyleSheet("color: #3a4450;")
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.message = QLabel()
        self.message.setObjectName("statusMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        row = QHBoxLayout()
        row.setSpacing(SPACING)
        row.addWidget(self.supplier)
        row.addWidget(self.status)
        row.addStretch(1)
        row.addWidget(self.language)
        self.row = row  # the runner adds its Report button at the end
        layout = QVBoxLayout()
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, SPACING // 2)
        layout.setSpacing(SPACING // 2)
        layout.addLayout(row)
        layout.addWidget(self.questionnaire)
        layout.addWidget(self.banner)
        layout.addWidget(self.message)
        self.setLayout(layout)

    def show_session(self, session) -> None:
        """Fill in from an open assessment session."""
        q = session.questionnaire
        record = session.record
        supplier = session.supplier
        self.supplier.setText(f"{supplier.name}")
        self.supplier.setToolTip(f"{supplier.name} ({supplier.country})")
        self.questionnaire.setText(f"{pick(q.title, record.language)} {q.version} · {TIERS.get(q.tier, q.tier)} · "
                                   f"{supplier.country}" + (f" · assessor {record.assessor}" if record.assessor else ""))
        self.language.setText(f"Language: {LANGUAGES.get(record.language, record.language)}")
        self.status.setText(STATUS_WORDS.get(record.status, record.status))
        self.status.setStyleSheet(badge_style(STATUS_COLOURS.get(record.status, "#e6e8eb")))
        closed = record.status == "closed"
        if closed:
            day = (record.closed_at or "")[:10] or "an earlier date"
            self.banner.setText(f"Closed on {day}: read-only")
        self.banner.setVisible(closed)

    def say(self, text: str) -> None:
        """A one-line message about what just happened (empty hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
