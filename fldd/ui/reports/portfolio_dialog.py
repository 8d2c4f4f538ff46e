"""The portfolio report from Home: choose the period and the format, then the file; the report is written in the
background (progress, Cancel) and opened when done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialogButtonBox, QFormLayout, QLabel, QWidget

from fldd.ui.reports.report_dialog import ReportDialog
from fldd.usecases.portfolio_figures import EARLIEST
from fldd.usecases.report_jobs import PORTFOLIO, ReportRequest, file_name

FORMATS = {".pdf": ("PDF (board paper, statement figures)", "PDF files (*.pdf)"),
           ".xlsx": ("Excel (the figures as tables)", "Excel workbooks (*.xlsx)")}
DATE_FORMAT = "yyyy-MM-dd"


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to today: a modern slavery statement reports on a year."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + dt.timedelta(days=1), today


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class PortfolioReportDialog(ReportDialog):
    """Period (from, to), format, and 'Write report…'."""

    def __init__(self, ctx, prompter, parent: QWidget | None = None) -> None:
        self.options = QWidget()
        since, until = default_period(ctx.today())
        self.since = QDateEdit(_qdate(since))
        self.until = QDateEdit(_qdate(until))
        for edit in (self.since, self.until):  # a report describes days that have happened, none before EARLIEST
            edit.setDateRange(_qdate(EARLIEST), _qdate(ctx.today()))
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        self.format = QComboBox()
        for suffix, (words, _filter) in FORMATS.items():
            self.format.addItem(words, suffix)
        about = QLabel("The figures a modern slavery statement and a board paper ask for, with the previous period "
                       "of the same length beside them, and the reporting-law map with the figures filled in.")
        about.setWordWrap(True)
        form = QFormLayout(self.options)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(about)
        form.addRow("Period &from:", self.since)
        form.addRow("&to:", self.until)
        form.addRow("&Format:", self.format)
        super().__init__(ctx, prompter, None, parent, options=self.options)
        self.setWindowTitle("Portfolio report")
        self.write_button = self.buttons.addButton("&Write report…", QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("writePortfolio")
        self.write_button.setDefault(True)
        self.cancel_button.setText("C&lose")
        self.write_button.clicked.connect(self.choose_and_write)

    def period(self) -> tuple[dt.date, dt.date]:
        """The period chosen."""
        return _day(self.since.date()), _day(self.until.date())

    def choose_and_write(self) -> None:
        """Check the period, ask for the file, write the report."""
        since, until = self.period()
        if since > until:
            self._show_error("The period starts after it ends: choose a 'from' date on or before the 'to' date.")
            return
        suffix = self.format.currentData()
        suggested = file_name(PORTFOLIO, "Portfolio", until, suffix).replace(" - Portfolio report", "", 1)
        chosen = self.prompter.save_file(self, "Save the portfolio report as", suggested, FORMATS[suffix][1])
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() not in FORMATS:
            target = target.with_name(target.name + suffix)
        self.options.setEnabled(False)
        self.write_button.setEnabled(False)
        self.cancel_button.setText("&Cancel")
        self.start(ReportRequest(PORTFOLIO, target, since=since, until=until))

    def _on_finished(self) -> None:
        super()._on_finished()
        self.options.setEnabled(True)
        self.write_button.setEnabled(True)
