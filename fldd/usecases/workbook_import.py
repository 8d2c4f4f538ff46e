"""Importing returned workbooks: each is read and checked fully (see workbook_reading), then its outcome is
decided against the database, applied in one transaction if accepted, and logged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import ACCEPTED, INCOMPLETE, NOT_ANSWERED, REJECTED, SUPERSEDED, UNCHANGED, FileReport, Issue
from fldd.standard.engine import score
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.store import suppliers as store_suppliers
from fldd.usecases.answer_pack import is_pack  # answer packs travel through the same import
from fldd.usecases.assessments import corrections_note, values_in_force
from fldd.usecases.context import AppContext
from fldd.usecases.corrections import record_suggestions
from fldd.usecases.exchange import changes_between, log_import, revisable_assessment, with_file, workbook_secret
from fldd.usecases.sampling import short_sample_issues
from fldd.usecases.inherent import inputs_by_uid, scoring_inputs
from fldd.usecases.workbook_reading import Loaded, Scoring, file_sha256, load, loaded_files


@dataclass
class _Target:
    """Where a checked workbook's answers go."""

    supplier: store_suppliers.Supplier
    assessment: store_assessments.Assessment | None


@dataclass
class _Scored:
    """What sync_findings reads of an assessment session, for an assessment scored here."""

    id: int
    result: Any
    supplier: store_suppliers.Supplier
    day: Any

    def as_of(self):
        """The assessment date."""
        return self.day


class Importer:
    """Imports files into one database, with what stays the same across files read once."""

    def __init__(self, ctx: AppContext, *, dry_run: bool = False) -> None:
        self.ctx = ctx
        self.dry_run = dry_run
        self.secret = workbook_secret(ctx)
        self.seen: dict[str, FileReport] = {}  # sha256 -> the report of a file already seen in this run
        self._suppliers: dict[str, store_suppliers.Supplier | None] = {}

    def run(self, path: Path) -> FileReport:
        """Import one file and log it; never raises for a bad file (the report says what is wrong)."""
        if is_pack(path):
            return self.one(path, partial(self.run_pack, path))
        loaded = load(path, self.ctx.standard, self.secret)
        return self.one(path, partial(self.finish, loaded), loaded.sha256)

    def one(self, path: Path, work: Callable[[], FileReport], sha256: str | None = None) -> FileReport:
        """work() for one file; whatever it raises but a database error rejects that file alone (file_guard)."""
        from fldd.usecases.file_guard import guarded

        def refused(issue: Issue) -> FileReport:
            report = FileReport(path, REJECTED, errors=[issue],
                                sha256=sha256 if sha256 is not None else file_sha256(path))
            if report.sha256:
                self._log(report)
            return report

        return guarded(path, work, refused)

    def run_all(self, files: list[Path], progress: Callable[[int, int, Path], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[FileReport]:
        """Import files in order (read and checked ahead, see workbook_reading); stop before the next file
        once cancelled() is true."""
        reports: list[FileReport] = []
        if cancelled is not None and cancelled():
            return reports
        loading = loaded_files([f for f in files if not is_pack(f)], self.ctx.standard, self.secret,
                               self._scoring)
        try:
            for done, path in enumerate(files, start=1):
                if is_pack(path):
                    reports.append(self.one(path, partial(self.run_pack, path)))
                else:
                    loaded = next(loading)
                    reports.append(self.one(path, partial(self.finish, loaded), loaded.sha256))
                if progress is not None:
                    progress(done, len(files), path)
                if cancelled is not None and cancelled():
                    break
        finally:
            loading.close()
        return reports

    def run_pack(self, path: Path) -> FileReport:
        """A JSON answer pack, through its own importer (same outcomes, same log, same 'seen' set)."""
        from fldd.usecases.answer_pack import import_pack

        report = import_pack(self.ctx, path, dry_run=self.dry_run, seen=self.seen)
        self.seen.setdefault(report.sha256, report)
        return report

    def finish(self, loaded: Loaded) -> FileReport:
        """Decide a checked file's outcome against the database, apply it if it is accepted, log it."""
        path = loaded.path
        report = FileReport(path, REJECTED, sha256=loaded.sha256)
        if loaded.checked is None:
            report.errors = with_file(loaded.issues, path)
            if loaded.sha256:
                self._log(report)
            return report
        report = self._decide(report, loaded, loaded.checked)
        self.seen.setdefault(report.sha256, report)
        return report

    def _decide(self, report: FileReport, loaded: Loaded, checked) -> FileReport:
        path = loaded.path
        meta = checked.meta
        report.export_id = meta.get("export_id") or None
        report.supplier = meta.get("supplier_name", "")
        if meta.get("questionnaire"):
            report.questionnaire = f"{meta['questionnaire']}@{meta.get('version', '')}"
        prior = self.seen.get(loaded.sha256)
        applied = store_exchange.applied_import(self.ctx.store, loaded.sha256) if prior is None else None
        if prior is not None and prior.outcome in (ACCEPTED, INCOMPLETE) or applied is not None:
            report.outcome = UNCHANGED
            report.assessment_id = prior.assessment_id if prior else applied["assessment_id"]
            report.export_id = prior.export_id if prior else applied["export_id"]
            when = "earlier in this import" if prior else f"on {applied['imported_at']}"
            report.note = f"the same file was imported {when}"
            if prior is not None:
                report.supplier = prior.supplier or report.supplier
            self._log(report)
            return report
        issues = list(checked.issues)
        target = self._target(meta, checked.questionnaire, issues) if not issues else None
        if issues or target is None or checked.layout is None:
            report.errors = with_file(issues, path)
            self._log(report)
            return report
        q, lay = checked.questionnaire, checked.layout
        report.supplier = target.supplier.name
        report.corrections = checked.corrections
        report.answered = len(checked.values)
        assessment = target.assessment
        if assessment is None and not checked.values and not checked.comments:
            report.errors = [Issue("no answers at all: this is the workbook as it was sent, not filled in",
                                   file=path.name)]
            self._log(report)
            return report
        latest = store_exchange.latest_applied(self.ctx.store, report.export_id)
        if latest and latest["saved_at"] and loaded.saved_at and loaded.saved_at < latest["saved_at"]:
            report.outcome, report.assessment_id = SUPERSEDED, latest["assessment_id"]
            report.note = (f"saved {loaded.saved_at}, before the file already imported for this export "
                           f"(saved {latest['saved_at']}); the newer answers are kept")
            self._log(report, loaded.saved_at)
            return report
        stored = store_assessments.answers(self.ctx.store, assessment.id) if assessment else {}
        changes, writes = changes_between(q, lay.numbers, lay.lang, stored, checked.values, checked.comments)
        report.changes = changes
        if assessment is not None and not writes:
            report.outcome, report.assessment_id = UNCHANGED, assessment.id
            report.note = f"assessment {assessment.id} already holds these answers"
            self._log(report, loaded.saved_at)
            return report
        today = self.ctx.today()
        inputs = scoring_inputs(self.ctx, target.supplier)
        result = loaded.result  # scored by a worker, with the same supplier inputs and day
        if result is None:
            result = score(q, checked.values, inputs=inputs, as_of=today, lang=lay.lang)
        report.missing = [self._missing(lay, qid, path) for qid in result.completeness.missing]
        in_force = values_in_force(self.ctx, assessment.id, q, checked.values) if assessment else None
        report.missing += short_sample_issues(q, in_force or checked.values, result.derived, lay.numbers, path.name,
                                              lay.answer_place)
        report.outcome = INCOMPLETE if report.missing else ACCEPTED  # the supplier's declaration decides
        if in_force is not None and report.outcome == ACCEPTED:  # corrections count once it is submitted
            result = score(q, in_force, inputs=inputs, as_of=today, lang=lay.lang)
        if in_force is not None:
            report.note = corrections_note(self.ctx, assessment.id, writes, lay.numbers)
        report.revision = assessment.revision + 1 if assessment else 1
        report.assessment_id = assessment.id if assessment else None
        if self.dry_run:
            return report
        with self.ctx.store.write():
            report.assessment_id = self._apply(report, meta, q, target, writes, result, today)
            self._log(report, loaded.saved_at)
        return report

    def _target(self, meta: dict[str, str], q, issues: list[Issue]) -> _Target | None:
        """The supplier and (if it exists) the assessment this workbook's answers belong to."""
        uid = meta["supplier_uid"]
        if uid not in self._suppliers:
            found = store_suppliers.find_by_uid(self.ctx.store, uid)
            self._suppliers[uid] = store_suppliers.get(self.ctx.store, found) if found is not None else None
        supplier = self._suppliers[uid]
        if supplier is None:
            issues.append(Issue(f"the supplier this workbook was sent to ({meta['supplier_name']}) is no longer in "
                                "this database"))
            return None
        before = len(issues)
        assessment = revisable_assessment(self.ctx, meta["export_id"], supplier, q.ref, issues,
                                          f"export {meta['export_id']}",
                                          ": export a new workbook for a new assessment")
        return _Target(supplier, assessment) if len(issues) == before else None

    def _scoring(self) -> Scoring:
        """What worker processes need to score files as this importer would."""
        return Scoring(self.ctx.today(), inputs_by_uid(self.ctx))

    def _missing(self, lay, qid: str, path: Path) -> Issue:
        place = lay.answer_place(qid)
        sheet, cell = place if place else (None, None)
        return Issue(NOT_ANSWERED, sheet=sheet, cell=cell,
                     question=f"{lay.numbers.get(qid, '?')} ({qid})", file=path.name)

    def _apply(self, report: FileReport, meta: dict[str, str], q, target: _Target, writes: dict[str, tuple],
               result, today) -> int:
        """Inside the caller's transaction: create or revise the assessment, save answers, settle its status."""
        from fldd.usecases.assessments import sync_findings

        ctx = self.ctx
        if target.assessment is None:
            assessment_id = store_exchange.create_assessment(
                ctx.store, uid=meta["export_id"], supplier_id=target.supplier.id, questionnaire_id=q.id,
                version=q.version, tier=q.tier, assessor=ctx.user, language=meta["language"], source="workbook")
        else:
            assessment_id = target.assessment.id
            store_exchange.next_revision(ctx.store, assessment_id)
        store_exchange.put_answers(ctx.store, assessment_id, writes, who=ctx.user, source="workbook")
        record_suggestions(ctx, target.supplier, report)
        complete = report.outcome == ACCEPTED
        data = result.to_json()
        if not complete:
            data.update(expires=None, as_of=None)  # a draft has no assessment date, so no expiry yet
        store_exchange.settle(ctx.store, assessment_id, "submitted" if complete else "draft", data)
        if complete and any(t.action == "finding" for t in result.triggers):
            sync_findings(ctx, _Scored(assessment_id, result, target.supplier, today))  # type: ignore[arg-type]
        return assessment_id

    def _log(self, report: FileReport, saved_at: str | None = None) -> None:
        if not self.dry_run:
            log_import(self.ctx, report, saved_at)
