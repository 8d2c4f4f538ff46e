"""Export a questionnaire as workbooks to fill in anywhere: for one supplier (prefilled from an assessment when
re-sending; or an assessment as a JSON answer pack for another fldd), or for many at once into a folder, in the
background with progress and Cancel, ending with what was written and what was refused."""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fldd.store.errors import StoreError
from fldd.ui.job_worker import JobWorker
from fldd.ui.exchange.job_dialog import JobDialog
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.theme import STATUS_WORDS
from fldd.usecases.answer_pack import export_pack
from fldd.usecases.assessments import list_assessments
from fldd.usecases.bulk_export import run_bulk_export
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook
from fldd.usecases.preferences import LANGUAGE_NAMES, language_for
from fldd.usecases.questionnaires import list_questionnaires
from fldd.usecases.suppliers import register

MIN_WIDTH = 600
TIER_WORDS = {"desktop": "Desktop self-assessment", "onsite": "On-site assessment"}
WORKBOOK, PACK, ZIP = "xlsx", "json", "zip"  # a zip is an answer pack with its evidence files
FILTERS = {WORKBOOK: "Workbooks (*.xlsx)", PACK: "Answer packs (*.json)", ZIP: "Answer packs with evidence (*.zip)"}
ONE, SELECTED, SHOWN, ALL = range(4)  # whom the workbooks are for
NAMES_SHOWN = 3  # suppliers named in the hint before "and N more"
REFUSALS_HEIGHT = 110
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(supplier: str, questionnaire: str, lang: str, kind: str) -> str:
    """A file name that says who and what it is for, safe on every system."""
    stem = " ".join(_UNSAFE.sub(" ", f"{supplier} - {questionnaire} - {lang}").split()).strip(" .")
    return f"{stem[:120]}.{kind}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class ExportDialog(JobDialog):
    """Chooses for whom (one supplier, the suppliers selected or shown in the register, or all), questionnaire,
    language and, for one supplier, what to prefill; writes the file or the folder of workbooks."""

    exported = Signal(str)  # the path written (one supplier)
    bulk_done = Signal(list)  # a BulkOutcome per supplier reached (fewer than chosen when cancelled)
    progressed = Signal(int, int)  # workbooks done, in all; emitted in the worker thread
    data_changed = Signal()  # workbooks were logged as sent

    def __init__(self, ctx, prompter, parent: QWidget | None = None, supplier_id: int | None = None,
                 selected_ids: list[int] | None = None, shown_ids: list[int] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prompter = prompter
        self.path: Path | None = None
        self.folder: Path | None = None
        self.outcomes: list = []
        self.worker: JobWorker | None = None
        self.setWindowTitle("Export workbooks")
        self.setMinimumWidth(MIN_WIDTH)

        rows = sorted(register(ctx), key=lambda r: r["name"].casefold())
        self._names = {row["id"]: row["name"] for row in rows}
        self._groups = {SELECTED: [i for i in selected_ids or [] if i in self._names],
                        SHOWN: [i for i in shown_ids or [] if i in self._names],
                        ALL: [row["id"] for row in rows]}
        self.supplier = QComboBox()
        self.supplier.setEditable(True)  # type to find one among hundreds
        self.supplier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.supplier.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.supplier.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        for row in rows:
            self.supplier.addItem(f"{row['name']} ({row['country']})", row["id"])
        self.scope = QButtonGroup(self)
        self.scope_buttons = {ONE: QRadioButton("&One supplier:"),
                              SELECTED: QRadioButton(f"The {_plural(len(self._groups[SELECTED]), 'supplier')} "
                                                     "&selected in the register"),
                              SHOWN: QRadioButton(f"The {_plural(len(self._groups[SHOWN]), 'supplier')} the "
                                                  "register s&hows (its search and filters)"),
                              ALL: QRadioButton(f"&All {_plural(len(rows), 'supplier')} in the register")}
        for key, button in self.scope_buttons.items():
            self.scope.addButton(button, key)
        offered = {ONE: True, SELECTED: len(self._groups[SELECTED]) > 1,
                   SHOWN: 0 < len(self._groups[SHOWN]) < len(rows), ALL: len(rows) > 1}
        for key, button in self.scope_buttons.items():
            button.setVisible(offered[key])
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
        self.kind.addItem("Answer pack with its evidence files (.zip)", ZIP)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m workbooks")
        self.cancel_button = QPushButton("Ca&ncel")
        self.cancel_button.setToolTip("Stop after the workbook being written")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusals = QPlainTextEdit()
        self.refusals.setReadOnly(True)
        self.refusals.setMaximumHeight(REFUSALS_HEIGHT)
        self.refusals.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)

        one = QHBoxLayout()
        one.setSpacing(SPACING)
        one.addWidget(self.scope_buttons[ONE])
        one.addWidget(self.supplier, 1)
        whom = QVBoxLayout()
        whom.setSpacing(SPACING // 2)
        whom.addLayout(one)
        for key in (SELECTED, SHOWN, ALL):
            whom.addWidget(self.scope_buttons[key])
        form = QFormLayout()
        form.setSpacing(SPACING)
        form.addRow("For:", whom)
        form.addRow("&Questionnaire:", self.questionnaire)
        form.addRow("&Language:", self.language)
        form.addRow("&Prefill from:", self.prefill)
        form.addRow("&Format:", self.kind)
        running = QHBoxLayout()
        running.setSpacing(SPACING)
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        self.running = QWidget()
        self.running.setLayout(running)
        running.setContentsMargins(0, 0, 0, 0)
        self.running.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.running)
        layout.addWidget(self.status)
        layout.addWidget(self.refusals)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.supplier.currentIndexChanged.connect(self._fill_prefill)
        self.scope.idToggled.connect(lambda _key, on: on and self._settle())
        self.questionnaire.currentIndexChanged.connect(self._questionnaire_changed)
        self.prefill.currentIndexChanged.connect(self._settle)
        self.kind.currentIndexChanged.connect(self._settle)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel)
        self.progressed.connect(self._on_progress)
        if supplier_id is not None and self.supplier.findData(supplier_id) >= 0:
            self.supplier.setCurrentIndex(self.supplier.findData(supplier_id))
        self.scope_buttons[SELECTED if offered[SELECTED] else ONE].setChecked(True)
        self._questionnaire_changed()
        if self.supplier.count() == 0:
            self._show_error("The register has no supplier yet: add one first.")

    # ---------------------------------------------------------------- choosing

    def chosen_ids(self) -> list[int]:
        """The suppliers the workbooks are for, as chosen now."""
        scope = self.scope.checkedId()
        if scope == ONE:
            return [self.supplier.currentData()] if self.supplier.currentData() is not None else []
        return list(self._groups.get(scope, []))

    @property
    def several(self) -> bool:
        """Whether the choice is a group of suppliers (one workbook each, into a folder)."""
        return self.scope.checkedId() in (SELECTED, SHOWN, ALL)

    def _questionnaire_changed(self) -> None:
        row = self._questionnaires.get(self.questionnaire.currentData())
        self.language.clear()
        for lang in row["languages"] if row else []:
            self.language.addItem(f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})", lang)
        if row and row["languages"]:  # the workspace's language (Settings) when the questionnaire comes in it
            self.language.setCurrentIndex(self.language.findData(language_for(self.ctx, row["languages"])))
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
        """Enable what makes sense for the choice, and say what Export will do."""
        busy = self.worker is not None
        several = self.several
        if several:  # new, empty workbooks: an assessment and an answer pack belong to one supplier
            for combo in (self.prefill, self.kind):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
        pack = self.kind.currentData() in (PACK, ZIP)
        has_assessment = self.prefill.currentData() is not None
        for button in self.scope_buttons.values():
            button.setEnabled(not busy)
        self.supplier.setEnabled(not busy and not several)
        self.questionnaire.setEnabled(not busy)
        self.language.setEnabled(not busy and not pack)
        self.prefill.setEnabled(not busy and not several)
        self.kind.setEnabled(not busy and not several)
        count = len(self.chosen_ids())
        self.export_button.setText(f"&Export {_plural(count, 'workbook')}…" if several else "&Export…")
        self.export_button.setEnabled(not busy and count > 0 and (has_assessment or not pack))
        if several:
            names = [self._names[i] for i in self.chosen_ids()[:NAMES_SHOWN]]
            more = count - len(names)
            listed = ", ".join(names) + (f" and {more:,} more" if more else "")
            self.hint.setText(f"One new, empty workbook for each of the {count:,} suppliers ({listed}), written "
                              "into a folder you choose. Each is logged as sent, so Home shows whose has not come "
                              "back.")
        elif pack and not has_assessment:
            self.hint.setText("An answer pack carries an assessment: choose one under Prefill from.")
        elif pack:
            files = " and evidence files" if self.kind.currentData() == ZIP else ""
            self.hint.setText(f"The pack holds the assessment's answers, comments{files}, sealed against changes, "
                              "for another fldd to import.")
        elif has_assessment:
            self.hint.setText("The workbook comes prefilled with the assessment's answers; when it comes back, "
                              "importing it updates that assessment as a new revision.")
        else:
            self.hint.setText("Send the workbook to the supplier; they fill it in with Excel or LibreOffice and "
                              "send it back for you to import.")

    # ---------------------------------------------------------------- one supplier

    def export(self) -> None:
        """Several suppliers: ask for a folder and write there in the background. One: ask where to save, write
        the file, and close; stay open with the message if it is refused."""
        if self.worker is not None:
            return
        if self.several:
            self._export_many()
            return
        supplier_id, questionnaire = self.supplier.currentData(), self.questionnaire.currentData()
        if supplier_id is None or questionnaire is None:
            return
        kind, lang, assessment_id = self.kind.currentData(), self.language.currentData(), self.prefill.currentData()
        name = self.supplier.itemText(self.supplier.currentIndex()).rsplit(" (", 1)[0]
        suggested = suggested_name(name, questionnaire, lang or "", kind)
        title = "Save the answer pack" if kind in (PACK, ZIP) else "Save the workbook"
        filters = FILTERS[kind]
        chosen = self.prompter.save_file(self, title, suggested, filters)
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(f".{kind}") else Path(f"{chosen}.{kind}")
        try:
            if kind in (PACK, ZIP):
                self.path = export_pack(self.ctx, assessment_id, path)
            else:
                self.path = export_workbook(self.ctx, supplier_id, questionnaire, path, lang=lang,
                                            assessment_id=assessment_id).path
        except (Rejected, StoreError, OSError) as exc:
            self._show_error(str(exc))
            return
        self.exported.emit(str(self.path))
        if kind == WORKBOOK:
            self.data_changed.emit()
        self.prompter.inform(self, title.replace("Save", "Saved"), f"Saved to {self.path}")
        self.accept()

    # ---------------------------------------------------------------- several suppliers

    def _export_many(self) -> None:
        ids = self.chosen_ids()
        chosen = self.prompter.open_folder(self, f"Choose the folder for the {_plural(len(ids), 'workbook')}")
        if not chosen:
            return
        self.folder = Path(chosen)
        questionnaire, lang = self.questionnaire.currentData(), self.language.currentData()
        ctx, folder = self.ctx, self.folder

        def job(progress, cancelled):
            return run_bulk_export(ctx, ids, questionnaire, folder, lang, cancelled=cancelled,
                                   progress=lambda n, total, outcome: progress(n, total, outcome.supplier))

        self._show_error("")
        self.outcomes = []
        self.refusals.clear()
        self.refusals.hide()
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.running.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(f"Writing {_plural(len(ids), 'workbook')} into {folder}…")
        worker = JobWorker(job, self)
        worker.progress.connect(lambda n, total, _name: self.progressed.emit(n, total),
                                Qt.ConnectionType.DirectConnection)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self.worker = worker
        self._settle()
        worker.start()

    def cancel(self) -> None:
        """Stop after the workbook being written (it is written and logged whole)."""
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling: finishing the workbook being written…")

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        if self.worker is not None and not self.worker.cancelled:
            self.status.setText(f"Writing into {self.folder}: {done:,} of {total:,} workbooks done…")

    def _on_done(self, outcomes: list) -> None:
        self.outcomes = outcomes
        self.status.setText(self._summary(outcomes, len(self.chosen_ids()), self.worker.cancelled))
        refused = [o for o in outcomes if not o.written]
        inside = f"{self.folder}{os.sep}"  # the summary names the folder: each reason names just the file
        self.refusals.setPlainText("\n".join(f"{o.supplier}: {'; '.join(o.reasons).replace(inside, '')}"
                                             for o in refused))
        self.refusals.setVisible(bool(refused))

    def _summary(self, outcomes: list, chosen: int, cancelled: bool) -> str:
        written = sum(o.written for o in outcomes)
        refused = len(outcomes) - written
        text = f"{_plural(written, 'workbook')} written to {self.folder}."
        if refused:
            text += f" {_plural(refused, 'supplier')} refused, with the reasons below."
        if cancelled and len(outcomes) < chosen:
            text = (f"Cancelled after {len(outcomes):,} of {chosen:,}: " + text[0].lower() + text[1:]
                    + f" The other {chosen - len(outcomes):,} were not written.")
        return text

    def _on_failed(self, message: str) -> None:
        self._show_error(message)
        self.status.setText("Stopped: no further workbook was written.")

    def _on_finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self.running.hide()
        self._settle()
        self.close_button.setDefault(True)  # Enter now closes: pressing it again must not send them all again
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        if any(o.written for o in self.outcomes):
            self.data_changed.emit()
        self.bulk_done.emit(self.outcomes)

    def _stopped(self) -> None:
        self.data_changed.emit()  # the workbooks written so far are logged as sent
