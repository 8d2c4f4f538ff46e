"""Use cases of the JSON answer pack: a supplier's fldd exports a completed assessment; the buyer imports it.

An import checks the whole pack (schema, digest, signature when it is this database's, questionnaire,
every answer) before anything is written, then applies it in one transaction and logs it, like a workbook:
the same pack twice changes nothing; a newer pack for the same assessment uid becomes a new revision.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import ACCEPTED, INCOMPLETE, NOT_ANSWERED, REJECTED, SUPERSEDED, UNCHANGED, FileReport, Issue
from fldd.standard.answers import coerce_all, to_json
from fldd.standard.model import Questionnaire
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.store import suppliers as store_suppliers
from fldd.store.clock import now
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.output_files import write_bytes_atomically
from fldd.usecases.exchange import changes_between, log_import, revisable_assessment, with_file, workbook_secret
from fldd.usecases.sampling import short_sample_issues

SOURCE = "answer_pack"  # as the assessments table names it


def export_pack(ctx: AppContext, assessment_id: int, path: Path | str) -> Path:
    """Write an assessment with its answers and comments as a sealed JSON answer pack; a .zip path also carries
    its evidence files, listed in the pack with their sha256 (see fldd/exchange/pack_zip.py)."""
    from fldd.exchange.answer_pack import FORMAT, PROTOCOL, dumps, schema_problems, seal
    from fldd.usecases.assessments import AssessmentSession

    try:
        session = AssessmentSession(ctx, assessment_id)
    except NotFound:
        raise Rejected([f"no assessment {assessment_id}"]) from None
    record, supplier, q = session.record, session.supplier, session.questionnaire
    pack = {
        "format": FORMAT, "protocol": PROTOCOL, "questionnaire": q.id, "version": q.version,
        "content_hash": q.content_hash,
        "supplier": {"uid": supplier.uid, "name": supplier.name, "country": supplier.country,
                     "identifiers": dict(supplier.identifiers)},
        "assessment": {"uid": record.uid, "language": record.language, "status": record.status,
                       "assessed_on": record.assessed_on, "exported_at": now(), "exported_by": ctx.user},
        "answers": {qid: to_json(value) for qid, value in session.values.items()},
        "comments": {qid: text for qid, text in session.comments.items() if text},
    }
    target = Path(path)
    files: dict[str, bytes] | None = None
    if is_zip(target):
        from fldd.usecases import pack_evidence

        pack["evidence"], files = pack_evidence.manifest(ctx, assessment_id)
    sealed = seal(pack, workbook_secret(ctx, create=True))
    problems = schema_problems(sealed)
    if problems:  # the store holds something the published format cannot carry: say so, write nothing
        raise Rejected([f"assessment {assessment_id} cannot be written as an answer pack: {p}" for p in problems])
    if files is None:
        write_bytes_atomically(target, dumps(sealed))
    else:
        from fldd.exchange.pack_zip import write_pack_zip

        write_bytes_atomically(target, write_pack_zip(dumps(sealed), files))
    return target


def is_pack(path: Path) -> bool:
    """Whether a path is imported as an answer pack (by its suffix: .json, or .zip with evidence files)."""
    return path.suffix.lower() == ".json" or is_zip(path)


def is_zip(path: Path) -> bool:
    """Whether a path is an answer pack zip, which carries evidence files besides the pack."""
    return path.suffix.lower() == ".zip"


def import_pack(ctx: AppContext, path: Path, *, dry_run: bool = False,
                seen: dict[str, FileReport] | None = None) -> FileReport:
    """Check one answer pack fully, then apply it atomically and log it (dry_run: check and report only).

    seen: sha256 -> report of the files already handled in this run (a bulk import passes its own), so that
    the same pack twice in one run is reported unchanged the second time.
    """
    from fldd.exchange.answer_pack import MAX_BYTES

    path = Path(path)
    if is_zip(path):
        return _import_zip(ctx, path, dry_run, seen)
    try:
        if path.stat().st_size > MAX_BYTES:
            report = FileReport(path, REJECTED, errors=[Issue(
                f"the file is {path.stat().st_size:,} bytes; an answer pack is at most {MAX_BYTES:,}", file=path.name)])
            return _logged(ctx, report, dry_run)
        data = path.read_bytes()
    except OSError as exc:
        return FileReport(path, REJECTED, errors=[Issue(f"cannot read the file ({exc.strerror or exc})",
                                                        file=path.name)])
    return _import(ctx, path, data, hashlib.sha256(data).hexdigest(), None, dry_run, seen)


def _import_zip(ctx: AppContext, path: Path, dry_run: bool, seen: dict[str, FileReport] | None) -> FileReport:
    """A pack zip: its guards first (size, members, names, expansion; see pack_zip), then the pack inside it."""
    from fldd.exchange.answer_pack import PackError
    from fldd.exchange.pack_zip import read_pack_zip
    from fldd.store.evidence import MAX_EVIDENCE_BYTES
    from fldd.usecases.workbook_reading import file_sha256

    try:
        found = read_pack_zip(path, MAX_EVIDENCE_BYTES)
    except PackError as exc:
        report = FileReport(path, REJECTED, sha256=file_sha256(path),
                            errors=with_file([Issue(p) for p in exc.problems], path))
        return _logged(ctx, report, dry_run, seen) if report.sha256 else report
    return _import(ctx, path, found.pack, found.sha256, found.files, dry_run, seen)


def _import(ctx: AppContext, path: Path, data: bytes, sha256: str, files: dict[str, bytes] | None, dry_run: bool,
            seen: dict[str, FileReport] | None) -> FileReport:
    """The pack's checks, outcome and transaction, for a .json pack (files None) or the pack of a zip."""
    from fldd.exchange.answer_pack import PackError, check_signature, loads
    from fldd.usecases import pack_evidence

    report = FileReport(path, REJECTED, sha256=sha256)
    prior = (seen or {}).get(report.sha256)
    applied = store_exchange.applied_import(ctx.store, report.sha256) if prior is None else None
    if (prior is not None and prior.outcome in (ACCEPTED, INCOMPLETE)) or applied is not None:
        report.outcome = UNCHANGED
        report.assessment_id = prior.assessment_id if prior else applied["assessment_id"]
        report.export_id = prior.export_id if prior else applied["export_id"]
        detail = json.loads(applied.get("detail") or "{}") if applied else {}
        report.supplier = prior.supplier if prior else detail.get("supplier", "")
        report.questionnaire = prior.questionnaire if prior else detail.get("questionnaire", "")
        report.note = f"the same pack was imported {'earlier in this import' if prior else 'on ' + applied['imported_at']}"
        return _logged(ctx, report, dry_run, seen)
    try:
        largest = max(len(q.questions) for q in [*ctx.standard.questionnaires.values(),
                                                 *(r for v in ctx.standard.releases.values() for r in v.values())])
        pack = loads(data, max_entries=largest)
    except PackError as exc:
        report.errors = with_file([Issue(p) for p in exc.problems], path)
        return _logged(ctx, report, dry_run, seen)
    assessment = pack["assessment"]
    report.export_id = assessment["uid"]
    report.supplier = pack["supplier"]["name"]
    report.questionnaire = f"{pack['questionnaire']}@{pack['version']}"
    issues: list[Issue] = []
    signature = check_signature(pack, workbook_secret(ctx))
    if signature.ours and not signature.valid:
        issues.append(Issue("signature: this database signed the pack, and the signature no longer matches: "
                            "the pack was changed after it was exported"))
    q = _questionnaire(ctx, pack, issues)
    values: dict[str, Any] = {}
    if q is not None:
        values = _values(q, pack, issues)
        issues += pack_evidence.problems(pack, files, q)
    supplier = _supplier(ctx, pack["supplier"], issues) if not issues else None
    target = _assessment(ctx, assessment["uid"], supplier, q, issues) if supplier is not None else None
    if issues or q is None or supplier is None:
        report.errors = with_file(issues, path)
        return _logged(ctx, report, dry_run, seen)
    report.supplier = supplier.name
    report.answered = len(values)
    latest = store_exchange.latest_applied(ctx.store, report.export_id)
    if latest and latest["saved_at"] and assessment["exported_at"] < latest["saved_at"]:
        report.outcome, report.assessment_id = SUPERSEDED, latest["assessment_id"]
        report.note = (f"exported {assessment['exported_at']}, before the pack already imported for this "
                       f"assessment (exported {latest['saved_at']}); the newer answers are kept")
        return _logged(ctx, report, dry_run, seen)
    from fldd.exchange.layout import numbering

    stored = store_assessments.answers(ctx.store, target.id) if target else {}
    comments = {k: v for k, v in pack["comments"].items() if v}
    report.changes, writes = changes_between(q, numbering(q), assessment["language"], stored, values, comments)
    evidence = pack_evidence.new_entries(ctx, target.id if target else None, pack)
    report.changes += pack_evidence.changes(evidence, numbering(q))  # listed for a first import too
    if target is not None and not writes and not evidence:
        report.outcome, report.assessment_id = UNCHANGED, target.id
        report.note = f"assessment {target.id} already holds these answers"
        return _logged(ctx, report, dry_run, seen, assessment["exported_at"])
    report.missing = _missing(ctx, q, values, supplier, path)
    report.outcome = INCOMPLETE if report.missing else ACCEPTED
    if target is not None:
        from fldd.usecases.assessments import corrections_note

        report.note = corrections_note(ctx, target.id, writes, numbering(q))
    report.revision = target.revision + 1 if target else 1
    report.assessment_id = target.id if target else None
    if dry_run:
        return _seen(report, seen)
    with ctx.store.write():
        report.assessment_id = _apply(ctx, report, pack, q, supplier, target, writes)
        if evidence:
            pack_evidence.store(ctx, report.assessment_id, evidence, files or {})
        _logged(ctx, report, dry_run, seen, assessment["exported_at"])
    return report


def _questionnaire(ctx: AppContext, pack: dict, issues: list[Issue]) -> Questionnaire | None:
    ref = f"{pack['questionnaire']}@{pack['version']}"
    q = ctx.standard.get(ref)
    if q is None:
        issues.append(Issue(f"questionnaire: {ref} is not shipped with this fldd (update fldd, or ask for a pack "
                            "of a version it has)"))
        return None
    if pack["content_hash"] != q.content_hash:
        issues.append(Issue(f"content_hash: the pack was answered on a different text of {ref} than this fldd "
                            "ships"))
    if pack["assessment"]["language"] not in q.languages:
        issues.append(Issue(f"assessment.language: {q.id} has no language '{pack['assessment']['language']}' "
                            f"(it has: {', '.join(q.languages)})"))
    return q


def _values(q: Questionnaire, pack: dict, issues: list[Issue]) -> dict[str, Any]:
    """Typed answers; every answer the questionnaire refuses becomes an issue naming the field and question."""
    from fldd.exchange.layout import numbering

    numbers = numbering(q)
    values, errors = coerce_all(q, pack["answers"], pack["assessment"]["language"])
    for error in errors:
        number = numbers.get(error.question)
        question = f"{number} ({error.question})" if number else error.question
        issues.append(Issue(f"answers.{error.question}: {error.message}", question=question))
    for qid in pack["comments"]:
        if q.question(qid) is None:
            issues.append(Issue(f"comments.{qid}: no such question in {q.ref}", question=qid))
    return values


def _supplier(ctx: AppContext, given: dict, issues: list[Issue]) -> store_suppliers.Supplier | None:
    """The buyer's supplier: by uid, else by one of its identifiers, else by its exact name and country."""
    found = store_suppliers.find_by_uid(ctx.store, given["uid"])
    if found is None:
        owners = {store_suppliers.identifier_owner(ctx.store, scheme, value)
                  for scheme, value in given.get("identifiers", {}).items()} - {None}
        if len(owners) == 1:
            found = owners.pop()
    if found is None:
        same = [store_suppliers.get(ctx.store, i) for i in store_suppliers.find_by_name(ctx.store, given["name"])]
        same = [s for s in same if s.country == given["country"]]
        if len(same) == 1:
            return same[0]
    if found is None:
        issues.append(Issue(f"supplier: {given['name']} ({given['country']}) is not in this register (looked "
                            "for its uid, its identifiers, then its name and country): add it, then import again"))
        return None
    return store_suppliers.get(ctx.store, found)


def _assessment(ctx: AppContext, uid: str, supplier: store_suppliers.Supplier, q: Questionnaire | None,
                issues: list[Issue]) -> store_assessments.Assessment | None:
    """The assessment this pack revises, if it was imported before; checks it may still change."""
    return revisable_assessment(ctx, uid, supplier, q.ref if q is not None else None, issues,
                                f"assessment.uid {uid}")


def _missing(ctx: AppContext, q: Questionnaire, values: dict[str, Any], supplier: store_suppliers.Supplier,
             path: Path) -> list[Issue]:
    from fldd.exchange.layout import numbering
    from fldd.standard.engine import score
    from fldd.usecases.inherent import scoring_inputs

    numbers = numbering(q)
    result = score(q, values, inputs=scoring_inputs(ctx, supplier), as_of=ctx.today())
    missing = [Issue(NOT_ANSWERED, question=f"{numbers.get(qid, '?')} ({qid})", file=path.name)
               for qid in result.completeness.missing]
    missing += short_sample_issues(q, values, result.derived, numbers, path.name)
    return missing


def _apply(ctx: AppContext, report: FileReport, pack: dict, q: Questionnaire, supplier: store_suppliers.Supplier,
           target: store_assessments.Assessment | None, writes: dict[str, tuple]) -> int:
    """Inside the caller's transaction: create or revise the assessment, save answers, settle its status."""
    from fldd.usecases.assessments import AssessmentSession, sync_findings

    if target is None:
        assessment_id = store_assessments.create(
            ctx.store, supplier.id, q.id, q.version, q.tier, assessor=ctx.user,
            language=pack["assessment"]["language"], source=SOURCE, uid=pack["assessment"]["uid"])
    else:
        assessment_id = target.id
        store_exchange.next_revision(ctx.store, assessment_id)
    store_assessments.save_answers(ctx.store, assessment_id, writes, who=ctx.user, source=SOURCE)
    complete = report.outcome == ACCEPTED
    store_assessments.set_status(ctx.store, assessment_id, "submitted" if complete else "draft", who=ctx.user)
    session = AssessmentSession(ctx, assessment_id)
    if complete:
        session.record.assessed_on = ctx.today().isoformat()
        session.rescore()
    session.save_result()
    if complete:
        sync_findings(ctx, session)
    return assessment_id


def _seen(report: FileReport, seen: dict[str, FileReport] | None) -> FileReport:
    if seen is not None and report.sha256:
        seen.setdefault(report.sha256, report)
    return report


def _logged(ctx: AppContext, report: FileReport, dry_run: bool, seen: dict[str, FileReport] | None = None,
            exported_at: str | None = None) -> FileReport:
    """Record the outcome in the imports log (not in a dry run); every pack is logged, rejected ones too."""
    _seen(report, seen)
    if dry_run:
        return report
    log_import(ctx, report, exported_at, kind=SOURCE)
    return report
