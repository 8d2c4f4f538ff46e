"""Decide…: the buyer's decision against a supplier's recommended next step (agree, defer, another step, no
action), with a date where it has one and the reason, which is required. Usable from the keyboard: every field
has a mnemonic, Enter records, Escape cancels."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QWidget)

from fldd.store.errors import StoreError
from fldd.ui.layout import hbox, vbox
from fldd.usecases.errors import Rejected
from fldd.usecases.queue import STEP_LABELS, STEPS
from fldd.usecases.queue_decisions import DECISIONS, decide

DECISION_WORDS = {"agree": "Agree: plan the recommended step", "defer": "Defer until a date",
                  "other": "Take another step", "none": "No action"}


class DecideDialog(QDialog):
    """Record one decision for one supplier; `decided` carries the supplier's new queue row."""

    decided = Signal(dict)

    def __init__(self, ctx, row: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.setWindowTitle(f"Decide: {row['supplier']}")
        self.setMinimumWidth(520)

        self.heading = QLabel(f"Recommended: <b>{STEP_LABELS[row['step']]}</b>")
        self.why = QLabel("\n".join(f"• {reason}" for reason in row["reasons"]))
        self.why.setWordWrap(True)
        self.decision = QComboBox()
        for value in DECISIONS:
            self.decision.addItem(DECISION_WORDS[value], value)
        self.step = QComboBox()
        for value in STEPS:
            if value != row["step"]:
                self.step.addItem(STEP_LABELS[value], value)
        self.dated = QCheckBox("&By a date")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        today = ctx.today()
        self.date.setMinimumDate(QDate(today.year, today.month, today.day))
        soon = today + dt.timedelta(days=30)
        self.date.setDate(QDate(soon.year, soon.month, soon.day))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Why (required): who agreed, what was arranged, what you wait for")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Record decision")

        form = QFormLayout()
        labels = (("&Decision:", self.decision), ("&Step instead:", self.step), ("Da&te:", None), ("&Reason:", self.reason))
        for text, field in labels:
            if field is None:
                date_row = QWidget()
                date_row.setLayout(hbox(self.dated, self.date, QWidget(), stretch=(0, 0, 1)))
                date_row.layout().setContentsMargins(0, 0, 0, 0)
                label = QLabel(text)
                label.setBuddy(self.date)
                form.addRow(label, date_row)
                continue
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        holder = QWidget()
        holder.setLayout(form)
        self.setLayout(vbox(self.heading, self.why, holder, self.message, self.buttons))

        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.dated.toggled.connect(self.date.setEnabled)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self.reason.returnPressed.connect(self.record)
        self._decision_changed()
        self.reason.setFocus()

    def _decision_changed(self) -> None:
        """A deferral always has a date; a plan or another step may; no action has none."""
        value = self.decision.currentData()
        self.step.setEnabled(value == "other")
        self.dated.setEnabled(value in ("agree", "other"))
        if value == "defer":
            self.dated.setChecked(True)
        elif value == "none":
            self.dated.setChecked(False)
        self.date.setEnabled(self.dated.isChecked())
        self.dated.setText({"agree": "&Planned for", "other": "&Planned for", "defer": "&Until"}.get(value, "&By a date"))

    def record(self) -> None:
        """Record the decision; on refusal say why in the dialog and keep it open."""
        value = self.decision.currentData()
        until = self.date.date().toString("yyyy-MM-dd") if self.dated.isChecked() else None
        try:
            row = decide(self.ctx, self.row["supplier_id"], value, reason=self.reason.text(),
                         step=self.step.currentData() if value == "other" else None, until=until)
        except Rejected as exc:
            self.message.setText("\n".join(m.split(": ", 1)[-1].capitalize() for m in exc.messages))
            self.reason.setFocus()
            return
        except StoreError as exc:
            self.message.setText(exc.message)
            return
        self.decided.emit(row)
        self.accept()
