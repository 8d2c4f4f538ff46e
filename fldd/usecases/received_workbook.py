"""A supplier with fldd answers the workbook its buyer sent: open it (checked against its fingerprint), answer it
in the runner, write the same workbook back for the buyer's import.

The buyer's signature is kept as received and written back unchanged: only the buyer's database holds its key,
so this database can neither check nor make it, and never re-signs. Everything else the buyer's import checks
(content hash, fingerprint, every question row) is checked on opening, and every file written back is first
read again the way the buyer's import reads it, so a file the buyer would refuse is never written.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import Issue
from fldd.standard.answers import to_json
from fldd.store import assessments as store_assessments
from fldd.store import exchange as store_exchange
from fldd.store import received as store_received
from fldd.store import suppliers as store_suppliers
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import revisable_assessment, with_file, workbook_secret

ANSWERED_SUFFIX = " - answered"


class FileInTheWay(Rejected):
    """Writing would replace a file that is not an earlier write-back: the caller asks, then passes overwrite."""


@dataclass(frozen=True)
class Opened:
    """A received workbook opened: the local assessment answering it and what the workbook brought."""

    assessment_id: int
    supplier_id: int
    export_id: str
    created: bool  # a new local assessment (else one answering an earlier workbook of the same export)
    answers: int  # answers the workbook holds
    changed: int  # answers and comments it set in the local assessment
    note: str = ""


@dataclass(frozen=True)
class WrittenBack:
    """A workbook written back: where, how many answers and comments, and evidence a workbook cannot carry."""

    path: Path
    answers: int
    comments: int
    evidence: int
    export_id: str


def open_received(ctx: AppContext, path: Path | str) -> Opened:
    """Check a workbook from a buyer and answer it in this database: a new local assessment (its uid the export
    id, its supplier from the Supplier sheet) prefilled with the workbook's answers, or, for a newer workbook of
    an export opened before, that assessment with the answers the new file holds set (never cleared)."""
    path = Path(path)
    checked, book = _checked(ctx, path)
    meta, q, lay = checked.meta, checked.questionnaire, checked.layout
    secret = workbook_secret(ctx)
    if secret:
        from fldd.exchange.metadata import verify

        if verify(meta, secret):
            raise Rejected([f"{path.name}: this database exported the workbook: import the supplier's answers "
                            "with File > Import (fldd workbook import); a supplier opens it in its own fldd"])
    sheet = _supplier_sheet(book, lay)
    supplier = _local_supplier(ctx, meta, sheet)
    issues: list[Issue] = []
    existing = revisable_assessment(ctx, meta["export_id"], supplier, q.ref, issues, f"export {meta['export_id']}",
                                    ": the buyer must send a new workbook") if supplier else None
    taken = store_assessments.find_by_uid(ctx.store, meta["export_id"]) if supplier is None else None
    if taken is not None:
        issues.append(Issue(f"export {meta['export_id']} is answered here by assessment {taken} of another "
                            "supplier"))
    if issues:
        raise Rejected([str(i) for i in with_file(issues, path)])
    data = book.data
    if existing is not None:
        seen = store_received.find(ctx.store, existing.id, book.sha256)
        if seen is not None:
            return Opened(existing.id, existing.supplier_id, meta["export_id"], False, len(checked.values), 0,
                          f"the same file was opened on {seen.received_at[:10]}")
    with ctx.store.write():
        if supplier is None:
            supplier = _add_supplier(ctx, meta, sheet, path)
        if existing is None:
            assessment_id = store_exchange.create_assessment(
                ctx.store, uid=meta["export_id"], supplier_id=supplier.id, questionnaire_id=q.id, version=q.version,
                tier=q.tier, assessor=ctx.user, language=meta["language"], source="workbook")
            stored = {}
        else:
            assessment_id = existing.id
            stored = store_assessments.answers(ctx.store, assessment_id)
        writes = _writes(stored, checked.values, checked.comments)
        if writes:
            store_assessments.save_answers(ctx.store, assessment_id, writes, who=ctx.user, source="workbook")
        store_received.add(ctx.store, assessment_id=assessment_id, export_id=meta["export_id"], file_name=path.name,
                           file_path=str(path.resolve()), sha256=book.sha256, data=data, metadata=meta,
                           supplier_sheet=sheet, who=ctx.user)
        from fldd.usecases.assessments import AssessmentSession

        AssessmentSession(ctx, assessment_id).save_result()
    return Opened(assessment_id, supplier.id, meta["export_id"], existing is None, len(checked.values), len(writes))


class _Book:
    """What opening keeps of the file: its bytes, sha256 and the rows read (the reader is closed)."""

    def __init__(self, data: bytes, sha256: str, rows) -> None:
        self.data, self.sha256, self.rows = data, sha256, rows


def _checked(ctx: AppContext, path: Path):
    """The workbook read through the import's guarded reader and checked as the import checks it, but for the
    buyer's signature; Rejected naming the file (and sheet, cell, question) otherwise."""
    from fldd.exchange.workbook_check import check_workbook, read_ahead
    from fldd.exchange.workbook_read import Unreadable, open_workbook

    if not path.is_file():
        raise Rejected([f"{path}: no such file"])
    try:
        book = open_workbook(path)
        data = path.read_bytes()  # kept as received: the bytes just checked (same sha256), or refused
    except Unreadable as exc:
        raise Rejected([str(i) for i in with_file(exc.issues, path)]) from None
    except OSError as exc:
        raise Rejected([f"{path.name}: cannot read the file ({exc.strerror or exc})"]) from None
    try:
        read_ahead(book, ctx.standard)
    finally:
        book.close()
    if hashlib.sha256(data).hexdigest() != book.sha256:
        raise Rejected([f"{path.name}: the file changed while it was read; open it again"])
    checked = check_workbook(book, ctx.standard, None, received=True)
    if checked.issues or checked.layout is None:
        issues = checked.issues or [Issue("the workbook cannot be read")]
        raise Rejected([str(i) for i in with_file(issues, path)] +
                       [f"{path.name}: the workbook was changed after the buyer sent it, or it is not an fldd "
                        "workbook: ask the buyer for the workbook again"])
    return checked, _Book(data, book.sha256, book.rows)


def _supplier_sheet(book: _Book, lay) -> dict[str, list[str]]:
    """field key -> [what the buyer holds, the supplier's correction], as the Supplier sheet has them."""
    from fldd.exchange.layout import SUP_CORRECTION, SUP_ON_FILE, normal_text
    from fldd.exchange.workbook_values import as_text, cell_value

    grid = book.rows(lay.supplier_title)
    return {f.key: [normal_text(as_text(cell_value(grid, f.row, SUP_ON_FILE))),
                    normal_text(as_text(cell_value(grid, f.row, SUP_CORRECTION)))] for f in lay.supplier_fields}


def _local_supplier(ctx: AppContext, meta: dict[str, str], sheet: dict[str, list[str]]):
    """This database's record of the supplier the workbook was sent to: by the buyer's uid, else by one of its
    identifiers, else by name and country; None when there is none yet."""
    found = store_suppliers.find_by_uid(ctx.store, meta["supplier_uid"])
    if found is None:
        owners = {store_suppliers.identifier_owner(ctx.store, key[3:], _given(sheet, key))
                  for key in sheet if key.startswith("id:") and _given(sheet, key)} - {None}
        found = owners.pop() if len(owners) == 1 else None
    if found is None:
        country = _given(sheet, "country").upper()
        same = [store_suppliers.get(ctx.store, i) for i in store_suppliers.find_by_name(ctx.store, _given(sheet, "name"))]
        same = [s for s in same if s.country == country]
        found = same[0].id if len(same) == 1 else None
    return store_suppliers.get(ctx.store, found) if found is not None else None


def _given(sheet: dict[str, list[str]], key: str) -> str:
    """The supplier's own word for a field: its correction, else what the buyer holds."""
    on_file, correction = sheet.get(key, ["", ""])
    return (correction or on_file).strip()


def _add_supplier(ctx: AppContext, meta: dict[str, str], sheet: dict[str, list[str]], path: Path):
    """The supplier as the Supplier sheet describes it, under the buyer's uid (so the buyer's next workbook and
    an answer pack from here find it); identifiers that do not pass their checks are left out."""
    from fldd.identifiers import IdentifierError, validate_identifier
    from fldd.usecases.suppliers import add_supplier

    identifiers = {}
    for key in sheet:
        if key.startswith("id:") and _given(sheet, key):
            try:
                identifiers[key[3:]] = validate_identifier(key[3:], _given(sheet, key))
            except IdentifierError:
                continue
            if store_suppliers.identifier_owner(ctx.store, key[3:], identifiers[key[3:]]) is not None:
                identifiers.pop(key[3:])
    contact = {k: _given(sheet, f"contact:{k}") for k in ("name", "email", "phone")}
    try:
        supplier_id = add_supplier(
            ctx, _given(sheet, "name") or meta["supplier_name"], _given(sheet, "country"),
            address=_given(sheet, "address"), goods=_given(sheet, "goods").split(","), sector=_given(sheet, "sector"),
            identifiers=identifiers, contacts=[contact] if contact["name"] else [], uid=meta["supplier_uid"])
    except Rejected as exc:
        raise Rejected([f"{path.name}: sheet Supplier: {m}" for m in exc.messages]) from None
    return store_suppliers.get(ctx.store, supplier_id)


def _writes(stored: dict, values: dict[str, Any], comments: dict[str, str]) -> dict[str, tuple]:
    """The answers and comments a received workbook sets: those it holds that differ from what is stored (a blank
    cell clears nothing: the supplier's answers given here stay)."""
    writes = {}
    for qid in dict.fromkeys([*values, *comments]):
        old = stored.get(qid)
        value = to_json(values[qid]) if qid in values else (old.value if old else None)
        comment = comments.get(qid) or (old.comment if old else "")
        if old is None or (old.value, old.comment) != (value, comment):
            writes[qid] = (value, comment)
    return writes


# ------------------------------------------------------------------------------------------------ write back


def received_workbook(ctx: AppContext, assessment_id: int) -> store_received.Received | None:
    """The workbook an assessment answers (the latest received), or None for one that came from elsewhere."""
    return store_received.latest(ctx.store, assessment_id)


def default_target(received: store_received.Received) -> Path | None:
    """Beside the received file: 'NAME - answered.xlsx' (None when where it came from is not known)."""
    if not received.file_path:
        return None
    source = Path(received.file_path)
    return source.with_name(f"{source.stem}{ANSWERED_SUFFIX}.xlsx")


def write_back(ctx: AppContext, assessment_id: int, target: Path | str | None = None, *,
               overwrite: bool = False) -> WrittenBack:
    """Write the received workbook back with this assessment's answers and comments: the same metadata
    (signature and export id as received), Supplier sheet and layout, to a new file beside the received one.

    An existing file is replaced only when asked (overwrite), or when it is an earlier write-back of this
    database; the file received is never replaced unless asked. The file is read back as the buyer's import will
    read it before it is put in place: answers that would not come back the same refuse the write."""
    from fldd.usecases.assessments import AssessmentSession
    from fldd.usecases.exchange import _write_atomically

    received = received_workbook(ctx, assessment_id)
    if received is None:
        raise Rejected([f"assessment {assessment_id} does not answer a workbook a buyer sent: send it as an answer "
                        "pack (fldd workbook export ... -o FILE.json --assessment ID)"])
    session = AssessmentSession(ctx, assessment_id)
    path = Path(target) if target else default_target(received)
    if path is None:
        raise Rejected([f"assessment {assessment_id}: say where to write the workbook (-o FILE.xlsx)"])
    if path.suffix.lower() != ".xlsx":
        raise Rejected([f"{path}: a workbook is written as .xlsx"])
    _may_write(ctx, path, received, overwrite)
    data = _workbook_bytes(ctx, session, received)
    _read_back(ctx, data, path, session)
    sha256 = hashlib.sha256(data).hexdigest()
    answers, comments = len(session.values), sum(1 for c in session.comments.values() if c.strip())
    with ctx.store.write():
        store_received.add_return(ctx.store, received.id, file_name=path.name, file_path=str(path.resolve()),
                                  sha256=sha256, answers=answers, comments=comments, who=ctx.user)
        _write_atomically(path, lambda handle: handle.write(data))
    from fldd.store import evidence as store_evidence

    evidence = len(store_evidence.list_for(ctx.store, assessment_id=assessment_id))
    return WrittenBack(path, answers, comments, evidence, received.export_id)


def _may_write(ctx: AppContext, path: Path, received: store_received.Received, overwrite: bool) -> None:
    """Rejected when writing would replace a file it must not."""
    if overwrite or not path.exists():
        return
    if received.file_path and path.resolve() == Path(received.file_path):
        raise FileInTheWay([f"{path}: this is the workbook as the buyer sent it; write the answers beside it, or "
                            "ask to replace it (--overwrite)"])
    from fldd.usecases.workbook_reading import file_sha256

    if path.is_file() and store_received.written_back(ctx.store, file_sha256(path)):
        return  # an earlier write-back of this database: the new answers replace it
    raise FileInTheWay([f"{path}: a file of this name exists; choose another name, or ask to replace it "
                        "(--overwrite)"])


def _workbook_bytes(ctx: AppContext, session, received: store_received.Received) -> bytes:
    """The workbook as the buyer wrote it, laid out again from its metadata, with the assessment's answers."""
    from fldd.exchange.layout import layout
    from fldd.exchange.workbook_write import WorkbookContent, write_workbook
    from fldd.standard.model import pick

    meta = received.metadata
    q = ctx.standard.get(f"{meta['questionnaire']}@{meta['version']}")
    if q is None or q.ref != session.questionnaire.ref or q.content_hash != meta["content_hash"]:
        raise Rejected([f"{received.file_name}: questionnaire {meta['questionnaire']}@{meta['version']} is not the "
                        "one this fldd ships any more: the workbook cannot be written back the same"])
    lay = layout(q, meta["language"])
    if lay.fingerprint != meta["fingerprint"]:
        raise Rejected([f"{received.file_name}: this fldd lays the questionnaire out differently from the workbook "
                        "received (another version of fldd): ask the buyer for a new workbook"])
    sheet = received.supplier_sheet
    intro = {"supplier": meta["supplier_name"], "title": pick(q.title, lay.lang), "sender": meta["exported_by"],
             "date": meta["exported_at"][:10], "minutes": str(q.estimated_minutes or 60)}
    comments = {qid: text for qid, text in session.comments.items() if text.strip()}
    content = WorkbookContent(dict(meta), {key: pair[0] for key, pair in sheet.items()}, dict(session.values),
                              comments, intro, corrections={key: pair[1] for key, pair in sheet.items() if pair[1]})
    handle = io.BytesIO()
    write_workbook(handle, lay, content)
    return handle.getvalue()


def _read_back(ctx: AppContext, data: bytes, path: Path, session) -> None:
    """Read the file as the buyer's import will and compare: Rejected (nothing written) naming each question
    whose answer or comment would not arrive as the assessment holds it."""
    from fldd.exchange.layout import numbering
    from fldd.exchange.workbook_check import check_workbook, read_ahead
    from fldd.exchange.workbook_read import Unreadable, open_bytes

    try:
        book = open_bytes(path, data)
        read_ahead(book, ctx.standard)
        book.close()
    except Unreadable as exc:
        raise Rejected([str(i) for i in with_file(exc.issues, path)]) from None
    checked = check_workbook(book, ctx.standard, None, received=True)
    problems = [str(i) for i in with_file(checked.issues, path)]
    numbers = numbering(session.questionnaire)
    held = {qid: to_json(v) for qid, v in session.values.items()}
    read = {qid: to_json(v) for qid, v in checked.values.items()}
    for qid in sorted(set(held) | set(read), key=lambda k: numbers.get(k, k)):
        if held.get(qid) != read.get(qid):
            problems.append(f"{path.name}: question {numbers.get(qid, '?')} ({qid}): the workbook would carry "
                            f"{read.get(qid)!r} where the assessment holds {held.get(qid)!r}")
    for qid, text in session.comments.items():
        if text.strip() and checked.comments.get(qid) != text.strip():
            problems.append(f"{path.name}: question {numbers.get(qid, '?')} ({qid}): the comment would not arrive "
                            "as written")
    if problems:
        raise Rejected(problems + [f"{path.name}: not written: the buyer's import would not read these answers "
                                   "as given"])
