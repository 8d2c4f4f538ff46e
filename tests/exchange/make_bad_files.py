"""The corpus of bad workbooks: each file is refused on import with a message that says why.

Built from a real export of the test's own database (the signature is keyed by that database, so the corpus
cannot be a set of stored files). The tests build it in a fixture; run this file to write one to a folder
and try it with the command line:

    .venv/bin/python tests/exchange/make_bad_files.py OUT_DIR
    .venv/bin/fldd --db OUT_DIR/fldd.sqlite3 workbook import OUT_DIR/bad
"""

from __future__ import annotations

import re
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from fldd.exchange import metadata
from fldd.exchange.layout import META_SHEET

# name -> (what is wrong, a fragment of the expected rejection message)
CASES: dict[str, tuple[str, str]] = {
    "not_xlsx": ("a text file renamed .xlsx", "the file is not a zip archive"),
    "old_xls": ("an old .xls (or password-protected) file", "old-style .xls file or a password-protected"),
    "zip_not_workbook": ("a zip archive that is not a workbook", "it has no xl/workbook.xml"),
    "other_tool": ("a workbook made by another tool", "not an fldd workbook"),
    "unknown_questionnaire": ("metadata naming a questionnaire fldd does not ship", "unknown questionnaire"),
    "unknown_version": ("metadata naming a version fldd does not ship", "is not shipped with this fldd"),
    "content_hash": ("metadata with another content hash", "differs from the one this fldd ships"),
    "unknown_protocol": ("a later exchange protocol", "exchange protocol 2 is unknown"),
    "edited_question": ("a question's text edited", "the question text was changed"),
    "moved_rows": ("two question rows swapped", "rows were moved"),
    "deleted_sheet": ("a module sheet deleted", "the sheet is missing"),
    "tampered_metadata": ("the supplier in the metadata changed", "the signature does not match"),
    "foreign_signature": ("signed by another database", "the signature does not match"),
    "text_in_number": ("text in a number answer", "is not a number"),
    "unknown_label": ("a label that is no option", "is not one of the answers"),
    "bad_tick": ("a multi-choice tick that is not x", "is not a tick"),
    "formula": ("a formula typed as an answer", "holds a formula"),
    "zip_bomb": ("members declaring 4 GB", "refused as a possible zip bomb"),
    "lying_sizes": ("a member larger than it declares", "is damaged"),
    "far_cells": ("a cell far outside the sheet (a memory bomb for readers)", "outside A1:Z9999"),
    "entities": ("XML with a DTD and entities", "declares a DTD"),
    "oversized": ("a 21 MB file", "limit 20 MB"),
    "empty": ("the workbook as it was sent, nothing filled in", "no answers at all"),
}

GOOD_ANSWERS = {"pr_workers_total": 120, "gov_policy_exists": "Yes", "fee_any_paid": "No"}


@dataclass(frozen=True)
class Case:
    """One bad file and what its import must say."""

    name: str
    path: Path
    about: str
    expected: str


def _rezip(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, change(info.filename, data))
    return target


def _edit(source: Path, target: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    wb = openpyxl.load_workbook(source)
    change(wb)
    wb.save(target)
    return target


def _meta(wb: openpyxl.Workbook) -> dict[str, str]:
    return {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows()}


def _set_meta(wb: openpyxl.Workbook, secret: str | None, **values: str) -> None:
    """Change metadata values, re-signing them with `secret` (None: leave the old signature)."""
    ws = wb[META_SHEET]
    rows = {row[0].value: row[1] for row in ws.iter_rows()}
    for key, value in values.items():
        rows[key].value = value
    if secret is not None:
        rows[metadata.SIGNATURE].value = metadata.sign({k: c.value for k, c in rows.items()}, secret)


def _module_sheet(wb: openpyxl.Workbook, title_part: str = "Policy"):
    return next(ws for ws in wb.worksheets if ws.title.startswith(title_part))


def _swap_rows(ws, a: int, b: int) -> None:
    for col in range(1, 9):
        top, bottom = ws.cell(row=a, column=col), ws.cell(row=b, column=col)
        top.value, bottom.value = bottom.value, top.value


def _patch_central_sizes(data: bytes, size: int) -> bytes:
    """Every member's declared uncompressed size set to `size` in the central directory."""
    out = bytearray(data)
    for match in re.finditer(rb"PK\x01\x02", data):
        out[match.start() + 24:match.start() + 28] = struct.pack("<I", size)
    return bytes(out)


def _shrink_declared(data: bytes, member: str) -> bytes:
    """One member's declared uncompressed size made smaller than it is, in both of its headers."""
    out = bytearray(data)
    name = member.encode()
    for match in re.finditer(rb"PK\x01\x02", data):
        start = match.start()
        name_len = struct.unpack("<H", data[start + 28:start + 30])[0]
        if data[start + 46:start + 46 + name_len] == name:
            out[start + 24:start + 28] = struct.pack("<I", 100)
            local = struct.unpack("<I", data[start + 42:start + 46])[0]
            out[local + 22:local + 26] = struct.pack("<I", 100)
    return bytes(out)


def build_corpus(good: Path, empty: Path, folder: Path, secret: str) -> list[Case]:
    """Every bad case, made from `good` (a filled, valid workbook) and `empty` (as exported)."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def path(name: str) -> Path:
        return folder / f"{name}.xlsx"

    path("not_xlsx").write_text("Dear buyer, please find our answers attached.\n", encoding="utf-8")
    made["not_xlsx"] = path("not_xlsx")
    path("old_xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    made["old_xls"] = path("old_xls")
    with zipfile.ZipFile(path("zip_not_workbook"), "w") as zf:
        zf.writestr("answers.txt", "yes, no, yes")
    made["zip_not_workbook"] = path("zip_not_workbook")
    other = openpyxl.Workbook()
    other.active.append(["Question", "Answer"])
    other.active.append(["Does your company have a written policy?", "Yes"])
    other.save(path("other_tool"))
    made["other_tool"] = path("other_tool")
    made["unknown_questionnaire"] = _edit(good, path("unknown_questionnaire"),
                                          lambda wb: _set_meta(wb, secret, questionnaire="fldd-nonesuch"))
    made["unknown_version"] = _edit(good, path("unknown_version"), lambda wb: _set_meta(wb, secret, version="9.9.9"))
    made["content_hash"] = _edit(good, path("content_hash"), lambda wb: _set_meta(wb, secret, content_hash="0" * 64))
    made["unknown_protocol"] = _edit(good, path("unknown_protocol"), lambda wb: _set_meta(wb, secret, protocol="2"))

    def edit_question(wb):
        ws = _module_sheet(wb)
        ws["C2"].value = "Does your company have a written policy that ALLOWS forced labour?"

    made["edited_question"] = _edit(good, path("edited_question"), edit_question)
    made["moved_rows"] = _edit(good, path("moved_rows"), lambda wb: _swap_rows(_module_sheet(wb), 15, 16))
    made["deleted_sheet"] = _edit(good, path("deleted_sheet"), lambda wb: wb.remove(_module_sheet(wb, "Working")))
    made["tampered_metadata"] = _edit(good, path("tampered_metadata"),
                                      lambda wb: _set_meta(wb, None, supplier_name="Someone Else Ltd"))
    made["foreign_signature"] = _edit(good, path("foreign_signature"),
                                      lambda wb: _set_meta(wb, "ab" * 32, exported_by="another buyer"))
    made["text_in_number"] = _edit(good, path("text_in_number"),
                                   lambda wb: _put(wb, "Site profile", "D2", "about a hundred"))
    made["unknown_label"] = _edit(good, path("unknown_label"), lambda wb: _put(wb, "Policy", "D2", "Maybe"))
    made["bad_tick"] = _edit(good, path("bad_tick"), lambda wb: _put(wb, "Policy", "D4", "perhaps"))
    made["formula"] = _edit(good, path("formula"), lambda wb: _put(wb, "Site profile", "D2", "=100+20", text=False))
    made["zip_bomb"] = path("zip_bomb")
    made["zip_bomb"].write_bytes(_patch_central_sizes(good.read_bytes(), 0xFFFF0000))
    made["lying_sizes"] = path("lying_sizes")
    made["lying_sizes"].write_bytes(_shrink_declared(good.read_bytes(), "xl/workbook.xml"))
    made["far_cells"] = _edit(good, path("far_cells"), lambda wb: _put(wb, "Site profile", "XFD1048576", "x"))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')
    made["entities"] = _rezip(good, path("entities"), lambda name, data: bomb + re.sub(rb"^<\?xml[^>]*\?>", b"", data)
                              if name == "xl/workbook.xml" else data)
    with path("oversized").open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    made["oversized"] = path("oversized")
    made["empty"] = path("empty")
    made["empty"].write_bytes(empty.read_bytes())
    assert set(made) == set(CASES), set(CASES) ^ set(made)
    return [Case(name, made[name], *CASES[name]) for name in CASES]


def _put(wb: openpyxl.Workbook, sheet_start: str, ref: str, value: str, *, text: bool = True) -> None:
    ws = next(ws for ws in wb.worksheets if ws.title.startswith(sheet_start))
    ws[ref].value = value
    if text:
        ws[ref].data_type = "s"


def main(argv: list[str]) -> int:
    """Write a database, a good workbook and the corpus of bad ones to a folder."""
    from fldd.usecases.context import open_context
    from fldd.usecases.exchange import export_workbook, workbook_secret
    from fldd.usecases.suppliers import add_supplier

    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    ctx = open_context(out / "fldd.sqlite3", user="buyer")
    supplier_id = add_supplier(ctx, "Corpus Supplier Ltd", "MY", goods=["Garments"])
    empty = export_workbook(ctx, supplier_id, "fldd-desktop", out / "sent.xlsx").path
    good = _fill_good(empty, out / "good.xlsx")
    cases = build_corpus(good, empty, out / "bad", workbook_secret(ctx))
    ctx.close()
    for case in cases:
        print(f"{case.path.name:28} {case.about}")
    return 0


def _fill_good(empty: Path, target: Path) -> Path:
    wb = openpyxl.load_workbook(empty)
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_col=1, max_col=4):
            if row[0].value in GOOD_ANSWERS:
                row[3].value = GOOD_ANSWERS[row[0].value]
    wb.save(target)
    return target


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
