"""Send a questionnaire to many suppliers at once: one workbook per supplier in a folder, each logged as sent.

The file names are meant to be read in a mail client and to sort by supplier: "Klang Valley Gloves Sdn Bhd -
fldd-desktop - 2026-11-23.xlsx" (the language is named when it is not English). They are safe on Windows, macOS
and Linux, bounded in length, and never replace a file already in the folder (" (2)" is added instead).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from fldd.store import suppliers as store_suppliers
from fldd.store.errors import NotFound, StoreError
from fldd.usecases.context import AppContext, own_connection
from fldd.usecases.errors import Rejected
from fldd.usecases.exchange import export_workbook

SUFFIX = ".xlsx"
MAX_STEM_CHARS = 100  # leaves room for " (2)", the temporary ".part" name and a deep folder on Windows
MAX_STEM_BYTES = 180  # Linux and macOS count a name's UTF-8 bytes (255 at most); a Thai or Chinese name is long
MAX_NUMBER = 999
# Windows refuses these in a name; macOS and Linux refuse / (and NUL); the rest confuse shells and mail clients.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Control, format (bidirectional overrides that could show ".xlsx" as something else), line and paragraph separators.
_INVISIBLE = ("Cc", "Cf", "Zl", "Zp")


@dataclass(frozen=True)
class BulkOutcome:
    """What became of one supplier: the workbook written (path, export id), or the reasons it was refused."""

    supplier_id: int
    supplier: str
    path: Path | None = None
    export_id: str | None = None
    reasons: tuple[str, ...] = ()

    @property
    def written(self) -> bool:
        """Whether the workbook was written and logged."""
        return self.path is not None

    def to_json(self) -> dict:
        """The outcome as the command line prints it with --json."""
        return {"supplier_id": self.supplier_id, "supplier": self.supplier, "written": self.written,
                "path": str(self.path) if self.path else None, "export_id": self.export_id,
                "refused": list(self.reasons)}


def safe_name_part(text: str) -> str:
    """Text made safe in a file name on every system: unsafe and invisible characters become spaces, runs of
    spaces one, no leading dot, dash, '~' or '$' (a leading dot hides a file; '~$' marks Office's lock files,
    which an import skips). A trailing dot stays ("Co."): the name never ends with this part."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) in _INVISIBLE else c for c in _UNSAFE.sub(" ", text))
    return " ".join(text.split()).lstrip(" .-~$").rstrip()


def workbook_file_name(supplier: str, questionnaire: str, lang: str, day: dt.date, number: int = 1) -> str:
    """'Supplier - questionnaire - [language - ]date[ (n)].xlsx', the supplier's name cut at a word where the
    whole would be too long."""
    tail = " - ".join(safe_name_part(part) for part in (questionnaire, "" if lang == "en" else lang) if part)
    tail = f" - {tail} - {day.isoformat()}" + (f" ({number})" if number > 1 else "")
    room_chars = MAX_STEM_CHARS - len(tail)
    room_bytes = MAX_STEM_BYTES - len(tail.encode("utf-8"))
    head = safe_name_part(supplier) or "Supplier"
    if len(head) > room_chars or len(head.encode("utf-8")) > room_bytes:
        cut = head[:room_chars]
        while len(cut.encode("utf-8")) > room_bytes:
            cut = cut[:-1]
        word = cut if head[len(cut)] == " " else cut.rsplit(" ", 1)[0]
        head = safe_name_part(word if len(word) >= len(cut) // 2 else cut)
    return f"{head}{tail}{SUFFIX}"


def export_workbooks(ctx: AppContext, supplier_ids: Iterable[int], questionnaire_ref: str, folder: Path | str,
                     lang: str = "en", progress: Callable[[int, int, BulkOutcome], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[BulkOutcome]:
    """Write one new, empty workbook of a questionnaire per supplier into a folder (made if missing), each
    logged as sent; one outcome per supplier, in the order given (a supplier named twice gets one workbook).

    A supplier that cannot be served (unknown, a language the questionnaire lacks, a file that cannot be
    written) is refused with the reasons and the others go on. progress(done, total, outcome) is called after
    each supplier; once cancelled() is true no further workbook is started (the one being written is
    finished), and the suppliers not reached have no outcome. Rejected when the folder cannot be made.
    """
    ids = list(dict.fromkeys(supplier_ids))
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        taken = {entry.name.casefold() for entry in os.scandir(target)}  # Windows and macOS ignore case
    except OSError as exc:
        raise Rejected([f"{target}: cannot write workbooks there ({exc.strerror or exc})"]) from None
    q = ctx.standard.get(questionnaire_ref)
    questionnaire = q.id if q is not None else questionnaire_ref.split("@")[0]
    day = ctx.today()
    outcomes: list[BulkOutcome] = []
    for supplier_id in ids:
        if cancelled is not None and cancelled():
            break
        outcome = _export_one(ctx, supplier_id, questionnaire_ref, target, lang, taken,
                              lambda name, n: workbook_file_name(name, questionnaire, lang, day, n))
        outcomes.append(outcome)
        if progress is not None:
            progress(len(outcomes), len(ids), outcome)
    return outcomes


def _export_one(ctx: AppContext, supplier_id: int, questionnaire_ref: str, folder: Path, lang: str,
                taken: set[str], name_for: Callable[[str, int], str]) -> BulkOutcome:
    try:
        supplier = store_suppliers.get(ctx.store, supplier_id)
    except NotFound:
        return BulkOutcome(supplier_id, f"supplier {supplier_id}", reasons=(f"no supplier {supplier_id}",))
    except StoreError as exc:
        return BulkOutcome(supplier_id, f"supplier {supplier_id}", reasons=(exc.message,))
    for number in range(1, MAX_NUMBER + 1):
        name = name_for(supplier.name, number)
        if name.casefold() in taken:
            continue
        taken.add(name.casefold())
        try:
            done = export_workbook(ctx, supplier.id, questionnaire_ref, folder / name, lang=lang, overwrite=False)
        except FileExistsError:  # it appeared since the folder was read
            continue
        except Rejected as exc:
            return BulkOutcome(supplier.id, supplier.name, reasons=tuple(exc.messages))
        except StoreError as exc:
            return BulkOutcome(supplier.id, supplier.name, reasons=(exc.message,))
        return BulkOutcome(supplier.id, supplier.name, done.path, done.export_id)
    full = f"{folder}: {MAX_NUMBER} files already have this supplier's name: choose another folder"
    return BulkOutcome(supplier.id, supplier.name, reasons=(full,))


def run_bulk_export(ctx: AppContext, supplier_ids: Iterable[int], questionnaire_ref: str, folder: Path | str,
                    lang: str = "en", progress: Callable[[int, int, BulkOutcome], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[BulkOutcome]:
    """export_workbooks on a connection of its own (a worker thread cannot use the window's), closed after."""
    with own_connection(ctx) as own:
        return export_workbooks(own, supplier_ids, questionnaire_ref, folder, lang, progress, cancelled)
