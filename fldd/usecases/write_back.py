"""Write the workbook a buyer sent back with the local assessment's answers: the same metadata (the buyer's
signature and export id as received), Supplier sheet and layout, to a new file beside the received one.

Every file is first read again the way the buyer's import reads it and compared with the assessment, so a file
the buyer would refuse, or read differently, is never written.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fldd.standard.answers import to_json
from fldd.store import received as store_received
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import with_file

ANSWERED_SUFFIX = " - answered"
# Characters XML 1.0 cannot carry (openpyxl refuses them): an answer holding one cannot go into a workbook.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class FileInTheWay(Rejected):
    """Writing would replace a file that is not an earlier write-back: the caller asks, then passes overwrite."""


@dataclass(frozen=True)
class WrittenBack:
    """A workbook written back: where, how many answers and comments, and evidence a workbook cannot carry."""

    path: Path
    answers: int
    comments: int
    evidence: int
    export_id: str


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
    from fldd.usecases.output_files import write_bytes_atomically

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
    values, comments = _as_written(session)
    data = _workbook_bytes(ctx, session, received, values, comments)
    _read_back(ctx, data, path, session, values, comments)
    sha256 = hashlib.sha256(data).hexdigest()
    answers, comments_count = len(values), len(comments)
    with ctx.store.write():
        store_received.add_return(ctx.store, received.id, file_name=path.name, file_path=str(path.resolve()),
                                  sha256=sha256, answers=answers, comments=comments_count, who=ctx.user)
        write_bytes_atomically(path, data)
    from fldd.store import evidence as store_evidence

    evidence = len(store_evidence.list_for(ctx.store, assessment_id=assessment_id))
    return WrittenBack(path, answers, comments_count, evidence, received.export_id)


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


def _as_written(session) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers and comments as the workbook carries them: line ends as "\n" (spreadsheets keep no other),
    comments trimmed as the import trims them; Rejected, naming each question, for text holding a character a
    workbook cannot hold (a control character pasted in), which the supplier must remove."""
    from fldd.exchange.layout import numbering

    numbers = numbering(session.questionnaire)
    values = {qid: _lines(v) if isinstance(v, str) else v for qid, v in session.values.items()}
    comments = {qid: _lines(text).strip() for qid, text in session.comments.items() if text.strip()}
    problems = []
    for what, items in (("answer", values), ("comment", comments)):
        for qid, text in items.items():
            found = _UNWRITABLE.search(text) if isinstance(text, str) else None
            if found:
                problems.append(f"question {numbers.get(qid, '?')} ({qid}): the {what} holds a control character "
                                f"(U+{ord(found.group()):04X}) that a workbook cannot carry: remove it and write "
                                "again")
    if problems:
        raise Rejected(problems)
    return values, comments


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _workbook_bytes(ctx: AppContext, session, received: store_received.Received, values: dict[str, Any],
                    comments: dict[str, str]) -> bytes:
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
    corrections = {key: pair[1] for key, pair in sheet.items() if pair[1]}
    content = WorkbookContent(dict(meta), {key: pair[0] for key, pair in sheet.items()}, dict(values), comments,
                              intro, corrections=corrections)
    handle = io.BytesIO()
    write_workbook(handle, lay, content)
    return handle.getvalue()


def _read_back(ctx: AppContext, data: bytes, path: Path, session, values: dict[str, Any],
               comments: dict[str, str]) -> None:
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
    order = {qid: i for i, qid in enumerate(numbers)}
    held = {qid: to_json(v) for qid, v in values.items()}
    read = {qid: to_json(v) for qid, v in checked.values.items()}
    for qid in sorted(set(held) | set(read), key=lambda k: order.get(k, len(order))):
        if held.get(qid) != read.get(qid):
            problems.append(f"{path.name}: question {numbers.get(qid, '?')} ({qid}): the workbook would carry "
                            f"{read.get(qid)!r} where the assessment holds {held.get(qid)!r}")
    for qid in sorted(set(comments) | set(checked.comments), key=lambda k: order.get(k, len(order))):
        if checked.comments.get(qid) != comments.get(qid):
            problems.append(f"{path.name}: question {numbers.get(qid, '?')} ({qid}): the comment would not arrive "
                            "as written")
    if problems:
        raise Rejected(problems + [f"{path.name}: not written: the buyer's import would not read these answers "
                                   "as given"])
