"""The trail of a corrective action: which steps need a word from the person taking them, and every step and
edit kept (who, when, from, to, note, evidence, old and new values), so that a dispute over what was done, or
over a moved deadline, is settled by the record."""

from __future__ import annotations

import json

from fldd.store import findings as store_findings
from fldd.visible_text import visible_characters
from fldd.usecases.context import AppContext

# What a step needs from the person taking it: a claim (done) or a check (verified) stands on a note or a file;
# a rejection (done -> in progress) stands on a reason.
NEEDS = {("open", "done"): "note_or_file", ("in_progress", "done"): "note_or_file",
         ("done", "verified"): "note_or_file", ("done", "in_progress"): "note"}
ASKING = {"done": "to mark it done, write a note saying what was done or attach a file that shows it",
          "verified": "to verify it, write a note saying what you checked or attach a file that shows it"}

KIND_WORDS = {"edit": "changed", "evidence": "file added"}  # entries that are not a step, as trail_lines says them


def step_needs(current: str, target: str) -> str:
    """'note_or_file', 'note' (a reason) or '' (nothing asked) for moving an action from current to target."""
    return NEEDS.get((current, target), "")


def says_something(note: str) -> bool:
    """Whether a reader would see anything of the note: a pasted zero-width space is not a word on the record."""
    return visible_characters(note) > 0


def step_problems(action_id: int, current: str, target: str, note: str, has_file: bool) -> list[str]:
    """Why a step may not be taken with this note and file (empty when it may)."""
    needs = step_needs(current, target)
    if needs == "note" and not says_something(note):
        return [f"corrective action {action_id}: to reopen it, say why (what is missing or wrong)"]
    if needs == "note_or_file" and not says_something(note) and not has_file:
        return [f"corrective action {action_id}: {ASKING[target]}"]
    return []


def _entry(row: dict) -> dict:
    evidence = None
    if row["evidence_id"] is not None:
        evidence = {"id": row["evidence_id"], "file_name": row["file_name"], "sha256": row["sha256"],
                    "size": row["size"]}
    return {"uid": row["uid"], "kind": row["kind"], "from": row["from_status"], "to": row["to_status"],
            "by": row["changed_by"], "at": row["changed_at"], "note": row["note"], "evidence": evidence,
            "changes": json.loads(row["changes"])}


def before_trail(action: dict, entries: list[dict]) -> dict | None:
    """The status an action reached before fldd kept a trail (its last entry leads elsewhere), with what the
    action itself records of it; None when the trail accounts for the status."""
    status = action.get("status") or "open"
    steps = [e for e in entries if e["kind"] in ("created", "status")]  # edits and files leave the status alone
    if steps and steps[-1]["to"] == status:
        return None
    when = action.get("verified_at") if status == "verified" else action.get("done_at")
    return {"status": status, "on": (when or "")[:10],
            "by": (action.get("verified_by") or "") if status == "verified" else ""}


def action_history(ctx: AppContext, action_id: int) -> dict:
    """{'entries': every step oldest first, 'before_trail': see before_trail}."""
    from fldd.store import portfolio

    entries = [_entry(row) for row in store_findings.history(ctx.store, action_id=action_id)]
    action = portfolio.action(ctx.store, action_id) or {}
    return {"entries": entries, "before_trail": before_trail(action, entries) if action else None}


def action_record(ctx: AppContext, action_id: int) -> dict:
    """One action with its finding, its evidence and its history, as `fldd actions show --json` prints it."""
    from fldd.usecases.findings import get_action, list_evidence

    row = get_action(ctx, action_id)
    history = action_history(ctx, action_id)
    return {**row, "history": history["entries"], "before_trail": history["before_trail"],
            "evidence": list_evidence(ctx, action_id)}


def assessment_histories(ctx: AppContext, assessment_id: int) -> dict[int, list[dict]]:
    """The entries of every action of an assessment, by action id."""
    out: dict[int, list[dict]] = {}
    for row in store_findings.history(ctx.store, assessment_id=assessment_id):
        out.setdefault(row["action_id"], []).append(_entry(row))
    return out


def trail_lines(finding: dict) -> list[str]:
    """A finding's action history as lines of text, oldest first (for `fldd assessments show`)."""
    lines = []
    gap = finding.get("before_trail")
    for entry in finding.get("history", []):
        step = KIND_WORDS.get(entry["kind"]) or f"{entry['from'] or 'new'} -> {entry['to']}"
        line = f"{entry['at']} {step} by {entry['by'] or 'someone'}"
        if entry["changes"]:
            line += ": " + "; ".join(f"{field.replace('_', ' ')} '{old}' -> '{new}'"
                                     for field, (old, new) in entry["changes"].items())
        if entry["note"]:
            line += f": {entry['note']}"
        if entry["evidence"]:
            line += f" [file {entry['evidence']['file_name']}, sha256 {entry['evidence']['sha256']}]"
        lines.append(line)
    if gap:
        lines.append(f"{gap['on'] or '?'} -> {gap['status']}{' by ' + gap['by'] if gap['by'] else ''} "
                     "(before the history was kept: not recorded who or why)")
    return lines
