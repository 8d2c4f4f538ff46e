"""A supplier with fldd opens the workbook its buyer sent: checked against its fingerprint and question rows, kept
as received, and answered in a local assessment (see write_back for the way back).

The buyer's signature is kept as received: only the buyer's database holds its key, so this database can
neither check nor make it, and never re-signs. Everything else the buyer's import checks (content hash,
fingerprint, every question row, every answer) is checked on opening, through the import's own reader.
"""

from __future__ import annotations

import hashlib
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
        latest = store_received.latest(ctx.store, existing.id)
        if latest is not None and meta["exported_at"] < latest.metadata["exported_at"]:
            raise Rejected([f"{path.name}: the buyer sent this workbook on {meta['exported_at'][:10]}, before "
                            f"{latest.file_name} (sent {latest.metadata['exported_at'][:10]}), which assessment "
                            f"{existing.id} already answers: the newer one counts"])
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
            if existing.status != "draft":  # the buyer sent it again: it wants answers changed, as Return does
                store_assessments.set_status(ctx.store, assessment_id, "draft", who=ctx.user)
        writes = _writes(stored, checked.values, checked.comments)
        if writes:
            store_assessments.save_answers(ctx.store, assessment_id, writes, who=ctx.user, source="workbook")
        store_received.add(ctx.store, assessment_id=assessment_id, export_id=meta["export_id"], file_name=path.name,
                           file_path=str(path.resolve()), sha256=book.sha256, data=data, metadata=meta,
                           supplier_sheet=sheet, who=ctx.user)
        from fldd.usecases.assessments import AssessmentSession

        AssessmentSession(ctx, assessment_id).save_result()
    reopened = existing is not None and existing.status != "draft"
    return Opened(assessment_id, supplier.id, meta["export_id"], existing is None, len(checked.values), len(writes),
                  f"it was {existing.status.replace('_', ' ')} and is a draft again" if reopened else "")


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
        if all(i.cell and i.cell[0] in "DE" and i.question for i in issues):  # answers typed in a spreadsheet
            hint = "correct or clear these answers in the workbook, save it, and open it again"
        else:
            hint = ("the workbook was changed after the buyer sent it, or it is not an fldd workbook: ask the buyer "
                    "to send it again")
        raise Rejected([str(i) for i in with_file(issues, path)] + [f"{path.name}: {hint}"])
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
        named = store_suppliers.find_by_name(ctx.store, _given(sheet, "name"))
        same = [store_suppliers.get(ctx.store, i) for i in named]
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
