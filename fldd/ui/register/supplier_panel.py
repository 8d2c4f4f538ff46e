"""The selected supplier at a glance: who and where, what it makes, why its inherent risk is what it is,
its open findings and assessments, each one click from opening, the workbooks sent to it (returned, or waiting
how long), and the profile corrections it suggested that wait for a decision."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from fldd.identifiers import IDENTIFIER_SCHEMES
from fldd.risk.countries import UnknownCountryError, country_name
from fldd.store.errors import NotFound, StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.register.correction_list import SuggestedCorrections
from fldd.ui.register.screening_box import ScreeningBox
from fldd.ui.register.supplier_findings import SupplierFindings
from fldd.ui.register.supplier_model import INHERENT_WORDS, TIER_WORDS
from fldd.ui.theme import OVERDUE_COLOUR, RATING_COLOURS, STATUS_WORDS, badge_style
from fldd.usecases.assessments import list_assessments
from fldd.usecases.corrections import SuggestedCorrection, pending_corrections
from fldd.usecases.findings import list_findings
from fldd.usecases.rating_words import legend, of_row
from fldd.usecases.sent_workbooks import sent_workbooks
from fldd.usecases.suppliers import get_supplier

PANEL_MIN_WIDTH = 320
NOTICE_COLOUR = "#7a4b00"  # dark amber: worth noticing, not an error
SENT_SHOWN = 8  # the newest sent workbooks listed; older ones are counted
LEGEND = legend()
STATUS_OF_SUPPLIER = {"active": "Active", "onboarding": "Onboarding", "suspended": "Suspended",
                      "inactive": "Inactive"}


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _heading(text: str, scale: float = 1.15) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class SupplierPanel(QWidget):
    """Details of one supplier; empty with a hint when none is selected."""

    edit_requested = Signal(int)  # supplier id
    open_assessment = Signal(int)  # assessment id
    hide_requested = Signal()
    apply_correction = Signal(int)  # suggested correction id
    dismiss_correction = Signal(int)
    open_action = Signal(int)  # corrective action id, to show in the Findings page
    dossier_requested = Signal(int)  # supplier id
    screening_decided = Signal(int)  # supplier id, after an entity-list match was confirmed, dismissed or reopened

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supplier_id: int | None = None
        self.setMinimumWidth(PANEL_MIN_WIDTH)
        self.name = _heading("", 1.3)
        self.notice = _wrapped("")  # says so when the supplier shown is not in the register's list
        self.notice.setStyleSheet(f"color: {NOTICE_COLOUR};")
        self.notice.hide()
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setToolTip("Change this supplier's details")
        self.dossier_button = QPushButton("&Dossier…")
        self.dossier_button.setObjectName("dossierButton")
        self.dossier_button.setToolTip("Write this supplier's due-diligence dossier: its assessment reports, data, "
                                       "evidence, corrective actions and import log, in one zip with a signed "
                                       "manifest")
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Hide the details (double-click a row or press Enter to show them again)")
        self.fields = {key: _value_label() for key in ("country", "address", "goods", "aliases", "corridors",
                                                        "materials", "sector", "chain_tier", "status", "identifiers",
                                                        "contacts")}
        self.risk_badge = QLabel()
        self.reasons = _value_label()
        self.assessments_heading = _heading("Assessments")
        self.assessments = QGridLayout()
        self.no_assessments = QLabel("None yet. Start one with the buttons above the table.")
        self.no_assessments.setWordWrap(True)
        self.open_buttons: dict[int, QPushButton] = {}
        self.sent_heading = _heading("Sent workbooks")
        self.sent_lines = QGridLayout()
        self.sent_lines.setColumnStretch(0, 1)
        self.sent_lines.setHorizontalSpacing(SPACING)
        self.sent: list[dict] = []
        self.corrections = SuggestedCorrections()
        self.findings = SupplierFindings()  # open findings come first: what needs doing, before the profile
        self.pending: list[SuggestedCorrection] = []
        self.screening = ScreeningBox(ctx)  # possible entity-list matches, to decide

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        column.setSpacing(SPACING)
        column.addWidget(self.name)
        column.addWidget(self.notice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.dossier_button)
        buttons.addWidget(self.hide_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.corrections)
        column.addWidget(self.screening)
        column.addWidget(self.findings)
        self.facts = QWidget()  # the supplier's fields and its inherent risk: hidden while none is shown
        form = QFormLayout(self.facts)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, caption in (("country", "Country"), ("address", "Address"), ("goods", "Goods"),
                             ("aliases", "Other names"), ("corridors", "Workers from"),
                             ("materials", "Raw materials"), ("sector", "Sector"), ("chain_tier", "Tier in chain"),
                             ("status", "Status"), ("identifiers", "Identifiers"), ("contacts", "Contacts")):
            form.addRow(caption, self.fields[key])
        column.addWidget(self.facts)
        self.risk_heading = _heading("Inherent risk")
        column.addWidget(self.risk_heading)
        column.addWidget(self.risk_badge, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.reasons)
        column.addWidget(self.assessments_heading)
        column.addWidget(self.no_assessments)
        column.addLayout(self.assessments)
        column.addWidget(self.sent_heading)
        column.addLayout(self.sent_lines)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.edit_button.clicked.connect(lambda: self.supplier_id and self.edit_requested.emit(self.supplier_id))
        self.hide_button.clicked.connect(self.hide_requested)
        self.dossier_button.clicked.connect(
            lambda: self.supplier_id and self.dossier_requested.emit(self.supplier_id))
        self.corrections.apply_requested.connect(self.apply_correction)
        self.corrections.dismiss_requested.connect(self.dismiss_correction)
        self.findings.open_action.connect(self.open_action)
        self.screening.decided.connect(self.screening_decided)
        self.show_supplier(None)

    def show_supplier(self, supplier_id: int | None) -> None:
        """Show a supplier read fresh from the store (None: a hint to select one)."""
        supplier = None
        if supplier_id is not None:
            try:
                supplier = get_supplier(self.ctx, supplier_id)
                assessments = list_assessments(self.ctx, supplier_id)
                pending = pending_corrections(self.ctx, supplier_id)
                sent = sent_workbooks(self.ctx, supplier_id=supplier_id)
                findings = list_findings(self.ctx, supplier_id=supplier_id, only_open=True)
            except (NotFound, StoreError):
                supplier = None
        self.supplier_id = supplier.id if supplier else None
        self.screening.show_supplier(self.supplier_id)
        self.edit_button.setEnabled(supplier is not None)
        self.dossier_button.setEnabled(supplier is not None and self.ctx.role != "supplier")
        self.facts.setVisible(supplier is not None)
        self.risk_heading.setVisible(supplier is not None)
        if supplier is None:
            self.name.setText("No supplier selected")
            for label in self.fields.values():
                label.clear()
            self.risk_badge.hide()
            self.reasons.setText("Select a supplier in the table to see its details here.")
            self._show_assessments([])
            self._show_sent([])
            self._show_corrections([])
            self.findings.hide()
            return
        self.name.setText(supplier.name)
        try:
            place = f"{supplier.country} — {country_name(supplier.country)}"
        except UnknownCountryError:
            place = supplier.country
        tier = supplier.chain_tier
        self.fields["country"].setText(place)
        self.fields["address"].setText(supplier.address or "—")
        self.fields["goods"].setText(", ".join(supplier.goods) or "—")
        self.fields["aliases"].setText("; ".join(supplier.aliases) or "—")
        self.fields["corridors"].setText(", ".join(_country_words(c) for c in supplier.corridors) or "—")
        self.fields["materials"].setText(", ".join(f"{m['material']} from {_country_words(m['country'])}"
                                                   for m in supplier.materials) or "—")
        self.fields["sector"].setText(supplier.sector or "—")
        self.fields["chain_tier"].setText(f"{tier} (direct supplier)" if tier == 1 else str(tier))
        self.fields["status"].setText(STATUS_OF_SUPPLIER.get(supplier.status, supplier.status))
        self.fields["identifiers"].setText("\n".join(
            f"{IDENTIFIER_SCHEMES[s][0] if s in IDENTIFIER_SCHEMES else s}: {v}"
            for s, v in supplier.identifiers.items()) or "—")
        self.fields["contacts"].setText("\n".join(
            "\n".join(line for line in (" · ".join(p for p in (c.get("name"), c.get("role")) if p), c.get("email"),
                                         c.get("phone")) if line)
            for c in supplier.contacts) or "—")
        self._show_risk(supplier)
        self._show_assessments(assessments)
        self._show_sent(sent)
        self._show_corrections(pending)
        self.findings.set_rows(findings)
        self.findings.show()

    def set_notice(self, text: str) -> None:
        """A line under the name about what is shown (empty: none)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _show_corrections(self, pending: list[SuggestedCorrection]) -> None:
        self.pending = pending
        self.corrections.set_corrections(pending, self.ctx.role)

    def _show_risk(self, supplier) -> None:
        """The stored inherent risk: each factor with its points, the edition of the table it came from and its
        source (the full citation in the tooltip); never recomputed here from the tables fldd ships."""
        if supplier.inherent_factors is None or supplier.inherent_level is None:
            self.risk_badge.hide()
            self.reasons.setText("Inherent risk not rated yet (unknown country, or not computed): edit the supplier "
                                 "to check its country.")
            self.reasons.setToolTip("")
            return
        level, score = supplier.inherent_level, supplier.inherent_score
        self.risk_badge.setText(f"{INHERENT_WORDS.get(level, level)} ({score:g}/10)")
        self.risk_badge.setStyleSheet(badge_style(RATING_COLOURS.get(level, "#eeeeee")))
        self.risk_badge.show()
        self.reasons.setText("\n".join(factor_lines(supplier.inherent_factors)))
        self.reasons.setToolTip("\n".join(dict.fromkeys(f"{f['source']}: {f['source_title']}"
                                                         for f in supplier.inherent_factors)))

    def _show_assessments(self, rows: list[dict]) -> None:
        """One line per assessment: tier, status, rating, date and an Open button."""
        while self.assessments.count():
            widget = self.assessments.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # until it is deleted, it would still paint over the new lines
                widget.deleteLater()
        self.open_buttons = {}
        self.no_assessments.setVisible(not rows and self.supplier_id is not None)
        self.assessments_heading.setVisible(self.supplier_id is not None)
        for line, row in enumerate(rows):
            when = (row.get("assessed_on") or row.get("started_at") or "")[:10]
            what = QLabel(f"{TIER_WORDS.get(row.get('tier'), row.get('tier') or '')} "
                          f"{row.get('questionnaire_version') or ''} · "
                          f"{STATUS_WORDS.get(row.get('status'), row.get('status') or '')}\n{when}")
            what.setWordWrap(True)  # a narrow panel wraps "On-site · Under review" rather than clip it
            rating = QLabel(of_row(row).text)
            rating.setObjectName("assessmentRating")
            rating.setToolTip(LEGEND)
            rating.setWordWrap(True)  # "Medium risk so far (62 of 80 answered)" in a narrow panel
            if row.get("rating") in RATING_COLOURS:
                rating.setStyleSheet(badge_style(RATING_COLOURS[row["rating"]]))
            rating.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button = QPushButton("Open")
            button.setToolTip(f"Open assessment {row['id']}")
            button.clicked.connect(lambda _=False, aid=row["id"]: self.open_assessment.emit(aid))
            self.open_buttons[row["id"]] = button
            for col, widget in enumerate((what, rating, button)):
                self.assessments.addWidget(widget, line, col)
        self.assessments.setColumnStretch(0, 1)

    def _show_sent(self, rows: list[dict]) -> None:
        """One line per workbook sent, newest first: when and what, and whether it came back or for how long it
        has been waiting (in red past the time to chase)."""
        while self.sent_lines.count():
            widget = self.sent_lines.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.sent = list(reversed(rows))
        self.sent_heading.setVisible(self.supplier_id is not None)
        if self.supplier_id is None:
            return
        if not rows:
            self.sent_lines.addWidget(_wrapped("None yet. File > Export (Ctrl+E) writes one to send."), 0, 0, 1, 2)
            return
        for line, row in enumerate(self.sent[:SENT_SHOWN]):
            what = _wrapped(f"{row['sent_on']} · {TIER_WORDS.get(row['tier'], row['questionnaire'])} "
                            f"({row['language']})")
            state = _wrapped(sent_state(row))
            state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            if row["overdue"]:
                state.setStyleSheet(f"color: {OVERDUE_COLOUR};")
            state.setToolTip(row["file_name"])
            what.setToolTip(row["file_name"])
            self.sent_lines.addWidget(what, line, 0)
            self.sent_lines.addWidget(state, line, 1)
        if len(rows) > SENT_SHOWN:
            more = len(rows) - SENT_SHOWN
            self.sent_lines.addWidget(_wrapped(f"… and {more} sent before (fldd workbook sent lists them all)"),
                                      SENT_SHOWN, 0, 1, 2)


def factor_lines(factors: list[dict]) -> list[str]:
    """'• +4 The 2024 DOL list names …' and under it where it comes from: the table's edition and the source key
    (a factor from no table, such as recruiting across borders, gives its source alone)."""
    lines = []
    for f in factors:
        lift = f" (at least {f['lifts_to']} risk)" if f.get("lifts_to") else ""
        note = f" ({f['note']})" if f.get("note") else ""
        lines.append(f"• +{f['rule_points']} {f['words']}{lift}{note}")
        lines.append("   " + " · ".join(p for p in (f["edition"], f"source: {f['source']}") if p))
    return lines


def _country_words(code: str) -> str:
    try:
        return f"{country_name(code)} ({code})"
    except UnknownCountryError:
        return code


def sent_state(row: dict) -> str:
    """'Waiting 47 days', 'Returned 2026-10-12' (with ', an earlier copy' when that came back instead), 'Sent
    again 2026-10-16' (replaced by a newer workbook)."""
    if row["status"] == "returned":
        return f"Returned {row['returned_on']}" + (", an earlier copy" if row["returned_copy_sent_on"] else "")
    if row["status"] == "replaced":
        return f"Sent again {row['replaced_on']}"
    if row["status"] == "not_chased":
        return f"Not chased: supplier {row['supplier_status']}"
    days = row["days_since_sent"]
    return f"Waiting {days} day{'' if days == 1 else 's'}"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
