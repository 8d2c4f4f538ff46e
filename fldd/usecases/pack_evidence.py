"""Evidence files travelling in an answer pack zip: the manifest written on export, checked and stored on import
(by sha256, like any evidence, linked to its question, with who added it and when)."""

from __future__ import annotations

from typing import Any

from fldd.exchange.outcome import Change, Issue
from fldd.standard.model import Questionnaire
from fldd.store import evidence as store_evidence
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected


def manifest(ctx: AppContext, assessment_id: int) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The pack's `evidence` list and the files by sha256, each checked against its sha256 as it is read;
    Rejected when the zip would be more than the buyer's fldd takes."""
    from fldd.exchange.pack_zip import MAX_ZIP_BYTES
    from fldd.exchange.workbook_archive import MAX_MEMBERS

    entries: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for row in store_evidence.list_for(ctx.store, assessment_id=assessment_id):
        if row["sha256"] not in files:
            try:
                files[row["sha256"]] = store_evidence.content(ctx.store, row["id"])[1]
            except ValueError as exc:  # the stored bytes no longer match their sha256
                raise Rejected([str(exc)]) from None
        entries.append({"question": row["question_id"], "file_name": row["file_name"], "sha256": row["sha256"],
                        "size": row["size"], "media_type": row["media_type"], "note": row["note"],
                        "added_by": row["added_by"], "added_at": row["added_at"]})
    total = sum(len(data) for data in files.values())
    if total > MAX_ZIP_BYTES or len(files) + 1 > MAX_MEMBERS:
        raise Rejected([f"assessment {assessment_id}: its {len(files)} evidence files ({total / 1024 / 1024:.0f} MB) "
                        f"are more than one answer pack carries ({MAX_ZIP_BYTES // 1024 // 1024} MB, "
                        f"{MAX_MEMBERS - 1} files): the buyer's fldd would refuse it"])
    return entries, files


def problems(pack: dict, files: dict[str, bytes] | None, q: Questionnaire) -> list[Issue]:
    """Every way the pack's evidence list and the files it came with disagree (files None: a bare .json)."""
    listed = pack.get("evidence") or []
    if files is None:
        return [Issue(f"evidence: the pack lists {len(listed)} file(s), which travel only in the .zip it was written "
                      "as: import the .zip")] if listed else []
    found = []
    for i, entry in enumerate(listed):
        data = files.get(entry["sha256"])
        where = f"evidence.{i} ({entry['file_name']})"
        if data is None:
            found.append(Issue(f"{where}: the file is not in the zip"))
        elif len(data) != entry["size"]:
            found.append(Issue(f"{where}: the file has {len(data):,} bytes, the manifest says {entry['size']:,}"))
        if entry["question"] is not None and q.question(entry["question"]) is None:
            found.append(Issue(f"{where}: no question '{entry['question']}' in {q.ref}"))
    unlisted = set(files) - {entry["sha256"] for entry in listed}
    found += [Issue(f"evidence/{sha256}: a file in the zip that the manifest does not list") for sha256 in
              sorted(unlisted)]
    return found


def new_entries(ctx: AppContext, assessment_id: int | None, pack: dict) -> list[dict[str, Any]]:
    """The listed files the assessment does not hold yet for their question (the same file again is not added)."""
    held = set()
    if assessment_id is not None:
        held = {(row["question_id"], row["sha256"])
                for row in store_evidence.list_for(ctx.store, assessment_id=assessment_id)}
    fresh, seen = [], set()
    for entry in pack.get("evidence") or []:
        key = (entry["question"], entry["sha256"])
        if key not in held and key not in seen:
            seen.add(key)
            fresh.append(entry)
    return fresh


def changes(entries: list[dict[str, Any]], numbers: dict[str, str]) -> list[Change]:
    """The files a pack adds, as the import report lists changes."""
    return [Change(entry["question"] or "", numbers.get(entry["question"] or "", ""), "",
                   f"{entry['file_name']} ({entry['size']:,} bytes, sha256 {entry['sha256'][:12]}…)", what="evidence")
            for entry in entries]


def store(ctx: AppContext, assessment_id: int, entries: list[dict[str, Any]], files: dict[str, bytes]) -> None:
    """Inside the caller's transaction: keep each new file once by sha256, linked to its question, with who
    added it and when as the pack says."""
    for entry in entries:
        note = entry.get("note") or ""
        store_evidence.add(ctx.store, files[entry["sha256"]], entry["file_name"], assessment_id=assessment_id,
                           question_id=entry["question"], note=note, who=entry.get("added_by") or ctx.user,
                           added_at=entry.get("added_at"))
