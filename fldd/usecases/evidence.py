"""Evidence files attached to an answer: read from disk, kept in the database by sha256, listed and removed."""

from __future__ import annotations

from pathlib import Path

from fldd.store import assessments as store_assessments
from fldd.store import evidence as store_evidence
from fldd.store.errors import NotFound
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.output_files import refuse_live_database


def read_evidence(path: Path | str) -> tuple[str, bytes]:
    """A file's name and bytes for any evidence a person attaches; Rejected naming the file if it cannot be kept:
    unreadable, empty (no proof of anything, e.g. /dev/null) or over the size limit."""
    path = Path(path)
    refuse_live_database(path, "attaching")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Rejected([f"{path}: cannot read the file ({exc.strerror or exc})"]) from None
    if not data:
        raise Rejected([f"{path}: the file is empty (0 bytes), so it shows nothing: attach the file itself"])
    try:
        store_evidence.check_size(data, path.name)
    except ValueError as exc:
        raise Rejected([str(exc)]) from None
    return path.name, data


def attach_evidence(ctx: AppContext, assessment_id: int, question_id: str | None, path: Path | str,
                    note: str = "") -> int:
    """Read a file and keep it as evidence of one answer (or of the whole assessment); returns its id."""
    _open_assessment(ctx, assessment_id, question_id)
    name, data = read_evidence(path)
    try:
        return store_evidence.add(ctx.store, data, name, assessment_id=assessment_id, question_id=question_id,
                                  note=note, who=ctx.user)
    except ValueError as exc:  # over the size limit
        raise Rejected([str(exc)]) from None


def list_evidence(ctx: AppContext, assessment_id: int, question_id: str | None = None) -> list[dict]:
    """Evidence records (name, sha256, size, who and when; no bytes) of an assessment or one of its answers."""
    return store_evidence.list_for(ctx.store, assessment_id=assessment_id, question_id=question_id)


def evidence_counts(ctx: AppContext, assessment_id: int) -> dict[str | None, int]:
    """How many files each question of an assessment has (None: attached to the whole assessment)."""
    counts: dict[str | None, int] = {}
    for row in list_evidence(ctx, assessment_id):
        counts[row["question_id"]] = counts.get(row["question_id"], 0) + 1
    return counts


def remove_evidence(ctx: AppContext, assessment_id: int, evidence_id: int) -> None:
    """Unlink one evidence file from a draft. Once submitted, the files submitted with the answers are part of
    the record: a reviewer may add files (kept with who and when), never take one away; the assessment goes
    back to draft for that."""
    rows = {row["id"]: row for row in list_evidence(ctx, assessment_id)}
    if evidence_id not in rows:
        raise Rejected([f"evidence {evidence_id} does not belong to assessment {assessment_id}"])
    _open_assessment(ctx, assessment_id, rows[evidence_id]["question_id"])
    status = store_assessments.get(ctx.store, assessment_id).status
    if status != "draft":
        raise Rejected([f"assessment {assessment_id} is {status.replace('_', ' ')}: the evidence submitted with it "
                        f"stays on the record ({rows[evidence_id]['file_name']}); return it to draft to remove a file"])
    store_evidence.remove(ctx.store, evidence_id)


def evidence_content(ctx: AppContext, evidence_id: int) -> tuple[str, bytes]:
    """The file name and bytes of one evidence record, checked against its sha256."""
    try:
        return store_evidence.content(ctx.store, evidence_id)
    except (NotFound, ValueError) as exc:
        raise Rejected([str(exc)]) from None


def _open_assessment(ctx: AppContext, assessment_id: int, question_id: str | None) -> None:
    """Rejected unless the assessment exists, is not closed, and (if given) has this question."""
    try:
        record = store_assessments.get(ctx.store, assessment_id)
    except NotFound:
        raise Rejected([f"assessment {assessment_id} does not exist"]) from None
    if record.status == "closed":
        raise Rejected([f"assessment {assessment_id} is closed: its evidence can no longer change"])
    if question_id is not None:
        q = ctx.standard.get(record.ref)
        if q is None or q.question(question_id) is None:
            raise Rejected([f"{question_id}: no such question in {record.ref}"])
