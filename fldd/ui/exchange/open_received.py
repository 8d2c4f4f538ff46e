"""File > Open a workbook from a buyer: choose the file, have it checked and answered in this database."""

from __future__ import annotations

from fldd.store.errors import StoreError
from fldd.usecases.errors import Rejected

TITLE = "Open a workbook from a buyer"


def open_from_buyer(ctx, prompter, parent):
    """Ask for a workbook and open it (fldd.usecases.received_workbook.Opened), or None when cancelled or
    refused (the refusal shown with every reason, naming the file, sheet and cell)."""
    from fldd.usecases.received_workbook import open_received

    path = prompter.open_file(parent, TITLE, "Workbooks (*.xlsx)")
    if not path:
        return None
    try:
        return open_received(ctx, path)
    except (Rejected, StoreError) as exc:
        prompter.error(parent, "The workbook was not opened", str(exc))
        return None


def opened_message(opened) -> str:
    """What opening did, in a sentence for the runner's message line."""
    given = f"{opened.answers} answer{'s' if opened.answers != 1 else ''} already in the workbook"
    if opened.created:
        return f"Opened the buyer's workbook: {given}. Answer the rest here, then write the workbook back."
    if opened.changed == 0 and opened.note.startswith("the same file"):
        return f"This assessment already answers that workbook ({opened.note})."
    reopened = f" The assessment {opened.note}." if opened.note else ""
    return (f"Opened the buyer's newer workbook for this assessment: {given}, {opened.changed} of them new or "
            f"changed here.{reopened}")
