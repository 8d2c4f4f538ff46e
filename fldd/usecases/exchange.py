"""Use cases of the workbook exchange: export a questionnaire for a supplier; import returned workbooks in bulk.

Each file is checked in full before anything is written, then applied in one transaction or not at all.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import Change, FileReport, Issue
from fldd.standard.answers import to_json
from fldd.standard.model import Questionnaire, pick
from fldd.store import exports as store_exports
from fldd.store import settings
from fldd.store import suppliers as store_suppliers
from fldd.store.clock import now
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.output_files import write_atomically

SECRET_KEY = "workbook_secret"

__all__ = ["Change", "Exported", "FileReport", "Issue", "expand_paths", "export_workbook", "find_supplier",
           "import_paths", "supplier_sheet_values", "workbook_secret", "write_report_xlsx"]


@dataclass(frozen=True)
class Exported:
    """A written workbook: where, under which export id, how many questions and prefilled answers."""

    path: Path
    export_id: str
    questions: int
    prefilled: int


def workbook_secret(ctx: AppContext, *, create: bool = False) -> str | None:
    """This database's signing key (made on the first export); None if it never exported."""
    secret = settings.get(ctx.store, SECRET_KEY) or None
    if secret is None and create:
        secret = secrets.token_hex(32)
        settings.put(ctx.store, SECRET_KEY, secret)
    return secret


def find_supplier(ctx: AppContext, ref: str | int) -> int:
    """A supplier by id or by exact name (case-insensitive); Rejected when unknown or ambiguous."""
    text = str(ref).strip()
    if text.isdigit():
        try:
            return store_suppliers.get(ctx.store, int(text)).id
        except NotFound:
            pass
    found = store_suppliers.find_by_name(ctx.store, text)
    if len(found) == 1:
        return found[0]
    if found:
        raise Rejected([f"{len(found)} suppliers are named '{text}' (ids {', '.join(map(str, found))}): "
                        "give the id instead"])
    raise Rejected([f"no supplier with the id or name '{text}' (see `fldd suppliers list`)"])


def export_workbook(ctx: AppContext, supplier_id: int, questionnaire_ref: str, path: Path | str, lang: str = "en",
                    assessment_id: int | None = None, *, overwrite: bool = True) -> Exported:
    """Write the workbook of a questionnaire for a supplier (prefilled from an assessment, when given), and log
    it as sent in the same transaction: a file that cannot be written leaves no row, and a row that cannot be
    committed takes its file away again, so the log of sent workbooks matches what went out.

    Re-sending an assessment keeps its uid as the export id, so the returned file updates that assessment;
    a new export gets a new id, which becomes the uid of the assessment its first import creates. With
    overwrite False an existing file is never replaced (FileExistsError: the caller chooses another name).
    """
    from fldd.exchange.layout import PROTOCOL, layout
    from fldd.exchange.metadata import BINDING, binding, sign
    from fldd.exchange.workbook_write import WorkbookContent, write_workbook

    q = ctx.standard.get(questionnaire_ref)
    if q is None:
        raise Rejected([f"no questionnaire '{questionnaire_ref}' (known: {', '.join(ctx.standard.questionnaires)})"])
    if lang not in q.languages:
        raise Rejected([f"{q.id} has no language '{lang}' (it has: {', '.join(q.languages)})"])
    try:
        supplier = store_suppliers.get(ctx.store, supplier_id)
    except NotFound:
        raise Rejected([f"no supplier {supplier_id}"]) from None
    values: dict[str, Any] = {}
    comments: dict[str, str] = {}
    export_id = str(uuid.uuid4())
    if assessment_id is not None:
        from fldd.usecases.assessments import AssessmentSession

        session = AssessmentSession(ctx, assessment_id)
        if "@" not in questionnaire_ref and session.questionnaire.id == q.id:
            q = session.questionnaire  # re-sent on the version it is answered on (moving it is the buyer's choice)
        if session.record.supplier_id != supplier_id or session.questionnaire.ref != q.ref:
            raise Rejected([f"assessment {assessment_id} is of another supplier or questionnaire "
                            f"({session.supplier.name}, {session.questionnaire.ref})"])
        # the supplier's own declaration goes back to it: returning a corrected value unread is no agreement
        values, comments, export_id = dict(session.as_declared), dict(session.comments), session.record.uid
    _refuse_unwritable(values, comments)
    lay = layout(q, lang)
    meta = {"protocol": PROTOCOL, "questionnaire": q.id, "version": q.version, "content_hash": q.content_hash,
            "export_id": export_id, "supplier_uid": supplier.uid, "supplier_name": supplier.name,
            "language": lang, "exported_at": now(), "exported_by": ctx.user, "fingerprint": lay.fingerprint}
    on_file = supplier_sheet_values(supplier)
    meta[BINDING] = binding(lay.supplier_title, export_id,
                            [(f.key, on_file.get(f.key, "")) for f in lay.supplier_fields])
    intro = {"supplier": supplier.name, "title": pick(q.title, lang), "sender": ctx.user,
             "date": ctx.today().isoformat(), "minutes": str(q.estimated_minutes or 60)}
    target = Path(path)
    written = False
    try:
        with ctx.store.write():
            meta["signature"] = sign(meta, workbook_secret(ctx, create=True))
            store_exports.record(ctx.store, export_id=export_id, supplier_id=supplier.id, questionnaire_id=q.id,
                                 version=q.version, tier=q.tier, language=lang, file_name=target.name,
                                 exported_by=ctx.user, exported_at=meta["exported_at"], assessment_id=assessment_id)
            content = WorkbookContent(meta, on_file, values, comments, intro)
            write_atomically(target, lambda handle: write_workbook(handle, lay, content), overwrite=overwrite)
            written = True
    except BaseException:
        if written:  # the file is out but its row was not committed
            target.unlink(missing_ok=True)
        raise
    return Exported(target, export_id, len(q.questions), len(values))


def _refuse_unwritable(values: dict[str, Any], comments: dict[str, str]) -> None:
    """Rejected, naming each question, for text no workbook can carry (kept before such text was refused where
    it is typed): the export stops with a message instead of failing half way."""
    from fldd.standard.answers import unwritable_character, unwritable_message

    problems = [f"question {qid}: {unwritable_message(what, bad)}"
                for what, items in (("answer", values), ("comment", comments)) for qid, text in items.items()
                if isinstance(text, str) and (bad := unwritable_character(text))]
    if problems:
        raise Rejected(problems)


def supplier_sheet_values(supplier: store_suppliers.Supplier) -> dict[str, str]:
    """What the register holds about a supplier as its workbook's Supplier sheet shows it, by field key (the
    first contact stands for the supplier's contact)."""
    contact = supplier.contacts[0] if supplier.contacts else {}
    fields = {"name": supplier.name, "country": supplier.country, "address": supplier.address,
              "goods": ", ".join(supplier.goods), "sector": supplier.sector}
    fields.update({f"id:{scheme}": value for scheme, value in supplier.identifiers.items()})
    fields.update({f"contact:{key}": contact.get(key) or "" for key in ("name", "email", "phone")})
    return fields


def write_report_xlsx(reports: list[FileReport], path: Path | str) -> Path:
    """Save the per-file import report as a spreadsheet (one row per file, one per problem, one per change)."""
    from fldd.exchange.report_xlsx import write_report

    target = Path(path)
    write_atomically(target, lambda handle: write_report(handle, reports))
    return target


# ------------------------------------------------------------------------------------------------ import


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders become their .xlsx workbooks and .json / .zip answer packs (sorted; Office lock files
    and hidden files skipped)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() in (".xlsx", ".json", ".zip") and p.is_file()
                            and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return found


def import_paths(ctx: AppContext, paths: Iterable[Path | str], *, dry_run: bool = False,
                 progress: Callable[[int, int, Path], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[FileReport]:
    """Import workbooks (files or folders); one report per file, in order.

    Each file is checked fully, then applied in one transaction or not at all, and logged in the imports
    table (dry_run: checked and reported only, nothing written). progress(done, total, path) is called after
    each file; when cancelled() turns true, the files not yet started are left out of the reports.
    """
    from fldd.usecases.workbook_import import Importer

    return Importer(ctx, dry_run=dry_run).run_all(expand_paths(paths), progress, cancelled)


def changes_between(q: Questionnaire, numbers: dict[str, str], lang: str, stored: dict[str, Any],
                    values: dict[str, Any], comments: dict[str, str]) -> tuple[list[Change], dict[str, tuple]]:
    """What applying `values` and `comments` changes in the stored answers: for the report, and for the store
    (question id -> (JSON value, comment))."""
    from fldd.exchange.workbook_values import answer_words

    changes: list[Change] = []
    writes: dict[str, tuple] = {}
    if not stored:  # a new assessment: everything given is new; the report counts answers instead of listing them
        for qid in dict.fromkeys([*values, *comments]):
            writes[qid] = (to_json(values[qid]) if qid in values else None, comments.get(qid, ""))
        return changes, writes
    for question in q.questions:
        qid = question.id
        old = stored.get(qid)
        old_value = old.value if old is not None else None
        old_comment = old.comment if old is not None else ""
        new_value = to_json(values[qid]) if qid in values else None
        new_comment = comments.get(qid, "")
        if old_value == new_value and old_comment == new_comment:
            continue
        writes[qid] = (new_value, new_comment)
        number = numbers.get(qid, "")
        if old_value != new_value:
            changes.append(Change(qid, number, answer_words(question, _typed(old_value), lang),
                                  answer_words(question, values.get(qid), lang)))
        if old_comment != new_comment:
            changes.append(Change(qid, number, old_comment, new_comment, what="comment"))
    return changes, writes


def _typed(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def with_file(issues: list[Issue], path: Path) -> list[Issue]:
    """The issues, each naming the file."""
    return [replace(issue, file=path.name) for issue in issues]



def log_import(ctx: AppContext, report: FileReport, saved_at: str | None = None, kind: str | None = None) -> None:
    """Record one file's outcome in the import log (workbooks and answer packs alike; rejected ones too)."""
    from fldd.exchange.outcome import ACCEPTED, INCOMPLETE
    from fldd.store import exchange as store_exchange

    applied = report.outcome in (ACCEPTED, INCOMPLETE)
    detail: dict[str, Any] = {"questionnaire": report.questionnaire, "supplier": report.supplier}
    if kind:
        detail["kind"] = kind
    if applied:
        detail["answered"] = report.answered
    if report.note:
        detail["note"] = report.note
    for name in ("changes", "missing", "corrections"):
        items = getattr(report, name)
        if items:
            detail[name] = [item.to_json() for item in items]
    store_exchange.record_import(
        ctx.store, file_name=report.path.name, sha256=report.sha256, outcome=report.outcome,
        errors=[str(replace(e, file=None)) for e in report.errors], assessment_id=report.assessment_id,
        export_id=report.export_id, saved_at=saved_at, revision=report.revision if applied else None, detail=detail)


def revisable_assessment(ctx: AppContext, uid: str, supplier: store_suppliers.Supplier, ref: str | None,
                         issues: list[Issue], named: str, closed_hint: str = ""):
    """The assessment a returned file revises (None if there is none yet), when that file may still change it:
    of the same supplier and questionnaire (`ref`; None: not checked), and not closed. Otherwise the reason
    goes into `issues` (the uid shown as `named`) and None is returned."""
    from fldd.store import assessments as store_assessments

    found = store_assessments.find_by_uid(ctx.store, uid)
    if found is None:
        return None
    record = store_assessments.get(ctx.store, found)
    if record.supplier_id == supplier.id and ref is not None and record.ref != ref \
            and record.questionnaire_id == ref.partition("@")[0]:
        issues.append(Issue(f"{named} was answered on {ref}, but assessment {record.id} ({supplier.name}) has moved "
                            f"to version {record.questionnaire_version} since it was sent: send the supplier the "
                            f"workbook of version {record.questionnaire_version} (re-send the assessment)"))
        return None
    if record.supplier_id != supplier.id or (ref is not None and record.ref != ref):
        issues.append(Issue(f"{named} belongs to assessment {record.id} of another supplier or questionnaire"))
        return None
    if record.status == "closed":
        issues.append(Issue(f"assessment {record.id} ({supplier.name}) is closed, so its answers can no longer "
                            f"change{closed_hint}"))
        return None
    return record
