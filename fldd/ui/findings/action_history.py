"""The history of a corrective action as a person reads it, newest first: what happened, who did it and when, the
note they gave and the file they showed (with its sha256, so a copy can be checked against it)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from fldd.ui.layout import SPACING
from fldd.ui.theme import ACTION_STATUS_WORDS

# a step in words, by (from, to); anything else reads "Moved to <status>"
STEP_WORDS = {(None, "open"): "Created", ("open", "in_progress"): "Started", ("open", "done"): "Marked done",
              ("in_progress", "done"): "Marked done", ("done", "verified"): "Verified",
              ("done", "in_progress"): "Reopened"}
SHA_SHOWN = 12  # leading hex digits of a file's sha256 shown (assessments show --json has all 64)


def step_words(entry: dict) -> str:
    """'Marked done', 'Reopened'... for one history entry."""
    return STEP_WORDS.get((entry["from"], entry["to"]), f"Moved to {ACTION_STATUS_WORDS.get(entry['to'], entry['to'])}")


def when(stamp: str) -> str:
    """'2026-11-23 14:02 UTC' from a stored UTC stamp."""
    return f"{stamp[:10]} {stamp[11:16]} UTC" if len(stamp) >= 16 else stamp


def size_text(size: int) -> str:
    """A file size as a person reads it."""
    return f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"


FIELD_WORDS = {"owner": "Owner", "description": "Description", "due_date": "Due date",
               "closure_date": "Closure date"}
KIND_WORDS = {"edit": "Changed", "evidence": "File added"}  # entries that leave the status as it was


def entry_html(entry: dict) -> str:
    """One entry: when, then the step and who took it, the note, the file."""
    who = html.escape(entry["by"] or "someone")
    lines = [f"<span style='color:#555'>{html.escape(when(entry['at']))}</span>",
             f"<b>{html.escape(KIND_WORDS.get(entry['kind']) or step_words(entry))} by {who}</b>"]
    for field, (old, new) in entry.get("changes", {}).items():
        lines.append(f"{FIELD_WORDS.get(field, field)}: {html.escape(old or '(none)')} → "
                     f"{html.escape(new or '(none)')}")
    if entry["note"]:
        lines.append(html.escape(entry["note"]).replace("\n", "<br>"))
    if entry["evidence"]:
        file = entry["evidence"]
        lines.append(f"<span style='color:#555'>File: {html.escape(file['file_name'])} "
                     f"({size_text(file['size'])}, sha256 {file['sha256'][:SHA_SHOWN]}…)</span>")
    return "<br>".join(lines)


def gap_html(gap: dict) -> str:
    """A status the action reached before fldd kept a trail, said as such."""
    status = ACTION_STATUS_WORDS.get(gap["status"], gap["status"])
    by = f" by {html.escape(gap['by'])}" if gap["by"] else ""
    on = f" on {gap['on']}" if gap["on"] else ""
    return (f"<b>{status}{by}{on}</b><br><span style='color:#555'>Before fldd kept a history of actions: who "
            "took the earlier steps, and why, was not recorded.</span>")


class ActionHistory(QGroupBox):
    """The 'History' section of the action panel (set_history with action_trail.action_history's answer)."""

    def __init__(self) -> None:
        super().__init__("History")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def set_history(self, history: dict) -> None:
        """Show the entries newest first, a status reached before the trail on top."""
        blocks = [entry_html(entry) for entry in reversed(history["entries"])]
        if history.get("before_trail"):
            blocks.insert(0, gap_html(history["before_trail"]))
        self.text.setText("<br><br>".join(blocks) or "Nothing recorded yet.")
