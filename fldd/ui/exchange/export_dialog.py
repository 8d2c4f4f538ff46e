"""Export a questionnaire for a supplier as a workbook to fill in anywhere, prefilled from an assessment when
re-sending; or an assessment as a JSON answer pack for another fldd."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.theme import OVERDUE_COLOUR, STATUS_WORDS
from fldd.usecases.answer_pack import export_pack
from fldd.usecases.assessments import list_assessments
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook
from fldd.usecases.questionnaires import list_questionnaires
from fldd.usecases.suppliers import register

MIN_WIDTH = 560
TIER_WORDS = {"desktop": "Desktop self-assessment", "onsite": "On-site assessment"}
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "zh": "中文", "th": "ไทย", "ar": "العربية",
                  "pt": "Português", "vi": "Tiếng Việt", "id": "Bahasa Indonesia", "ms": "Bahasa Melayu"}
WORKBOOK, PACK = "xlsx", "json"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(supplier: str, questionnaire: str, lang: str, kind: str) -> str:
    """A file name that says who and what it is for, safe on every system."""
    stem = " ".join(_UNSAFE.sub(" ", f"{supplier} - {questionnaire} - {lang}").split()).strip(" .")
    return f"{stem[:120]}.{kind}"


class ExportDialog(QDialog):
    """Chooses supplier, questionnaire, language and what to prefill; writes the file where the person says."""

    exported = Signal(str)  # the path written

    def __init__(self, ctx, prompter, parent: QWidget | None = None, supplier_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.path: Path | None = None
        self.setWindowTitle("Export workbook")
        self.setMinimumWidth(MIN_WIDTH)

        self.supplier = QComboBox()
        self.supplier.setEditable(True)  # type to find one among hundreds
        self.supplier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.supplier.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.supplier.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        for row in sorted(register(ctx), key=lambda r: r["name"].casefold()):
            self.supplier.addItem(f"{row['name']} ({row['country']})", row["id"])
        self.questionnaire = QComboBox()
        self._questionnaires = {r["id"]: r for r in list_questionnaires()}
        for row in self._questionnaires.values():
            self.questionnaire.addItem(f"{TIER_WORDS.get(row['tier'], row['tier'])} ({row['id']} {row['version']})",
                                       row["id"])
        self.language = QComboBox()
        self.prefill = QComboBox()
        self.kind = QComboBox()
        self.kind.addItem("Workbook for the supplier to fill in (.xlsx)", WORKBOOK)
        self.kind.addItem("Answer pack for another fldd (.json)", PACK)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("&Export…")

        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow("&Supplier:", self.supplier)
        form.addRow("&Questionnaire:", self.questionnaire)
        form.addRow("&Language:", self.language)
        form.addRow("&Prefill from:", self.prefill)
        form.addRow("&Format:", self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.supplier.currentIndexChanged.connect(self._fill_prefill)
        self.questionnaire.currentIndexChanged.connect(self._questionnaire_changed)
        self.prefill.currentIndexChanged.connect(self._settle)
        self.kind.currentIndexChanged.connect(self._settle)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        if supplier_id is not None and self.supplier.findData(supplier_id) >= 0:
            self.supplier.setCurrentIndex(self.supplier.findData(supplier_id))
        self._questionnaire_changed()
        if self.supplier.count() == 0:
            self._show_error("The register has no supplier yet: add one first.")

    def _questionnaire_changed(self) -> None:
        row = self._questionnaires.get(self.questionnaire.currentData())
        self.language.clear()
        for lang in row["languages"] if row else []:
            self.language.addItem(f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})", lang)
        self._fill_prefill()

    def _fill_prefill(self) -> None:
        """Nothing, or one of the supplier's assessments on the chosen questionnaire (to re-send or pack)."""
        self.prefill.blockSignals(True)
        self.prefill.clear()
        self.prefill.addItem("Nothing: a new, empty workbook", None)
        supplier_id, questionnaire = self.supplier.currentData(), self.questionnaire.currentData()
        if supplier_id is not None:
            try:
                rows = list_assessments(self.ctx, supplier_id)
            except StoreError as exc:
                rows = []
                self._show_error(str(exc))
            for row in rows:
                if row["questionnaire_id"] == questionnaire:
                    status = STATUS_WORDS.get(row["status"], row["status"])
                    started = (row["started_at"] or "")[:10]
                    self.prefill.addItem(f"Assessment #{row['id']}, {status}, started {started}", row["id"])
        self.prefill.blockSignals(False)
        self._settle()

    def _settle(self) -> None:
        pack = self.kind.currentData() == PACK
        has_assessment = self.prefill.currentData() is not None
        self.language.setEnabled(not pack)
        self.export_button.setEnabled(self.supplier.count() > 0 and (has_assessment or not pack))
        if pack and not has_assessment:
            self.hint.setText("An answer pack carries an assessment: choose one under Prefill from.")
        elif pack:
            self.hint.setText("The pack holds the assessment's answers and comments, sealed against changes, for "
                              "another fldd to import.")
        elif has_assessment:
            self.hint.setText("The workbook comes prefilled with the assessment's answers; when it comes back, "
                              "importing it updates that assessment as a new revision.")
        else:
            self.hint.setText("Send the workbook to the supplier; they fill it in with Excel or LibreOffice and "
                              "send it back for you to import.")

    def export(self) -> None:
        """Ask where to save, write the file, and close; stay open with the message if it is refused."""
        supplier_id, questionnaire = self.supplier.currentData(), self.questionnaire.currentData()
        if supplier_id is None or questionnaire is None:
            return
        kind, lang, assessment_id = self.kind.currentData(), self.language.currentData(), self.prefill.currentData()
        name = self.supplier.itemText(self.supplier.currentIndex()).rsplit(" (", 1)[0]
        suggested = suggested_name(name, questionnaire, lang or "", kind)
        title = "Save the answer pack" if kind == PACK else "Save the workbook"
        filters = "Answer packs (*.json)" if kind == PACK else "Workbooks (*.xlsx)"
        chosen = self.prompter.save_file(self, title, suggested, filters)
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(f".{kind}") else Path(f"{chosen}.{kind}")
        try:
            if kind == PACK:
                self.path = export_pack(self.ctx, assessment_id, path)
            else:
                self.path = export_workbook(self.ctx, supplier_id, questionnaire, path, lang=lang,
                                            assessment_id=assessment_id).path
        except (Rejected, StoreError, OSError) as exc:
            self._show_error(str(exc))
            return
        self.exported.emit(str(self.path))
        self.prompter.inform(self, title.replace("Save", "Saved"), f"Saved to {self.path}")
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
