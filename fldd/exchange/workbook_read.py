"""Open a returned workbook safely and read its cells as values (python-calamine; nothing is evaluated).

Before any parser sees the file: its size, that it is a zip holding a workbook and nothing a workbook fldd sent
cannot hold (see workbook_archive), and, for every part the reader will parse, that it inflates to exactly its
declared size, declares no DTD or entities, and places every cell inside the area an fldd workbook uses (a tiny
file with two cells far apart would make calamine allocate the whole rectangle between them and abort the
process). The sheets the workbook lists must be the sheets calamine lists, with no name twice, so that the part
checked is the part read. Formulas and error values are found in the sheet XML itself: calamine gives a
formula's cached value and reads an error value as an empty cell.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from fldd.exchange.layout import COL_ANSWER
from fldd.exchange.outcome import Issue
from fldd.exchange.workbook_archive import Unreadable, check_content_types, member, members_of, refuse

MAX_FILE_BYTES = 20 * 1024 * 1024  # an fldd workbook is well under 1 MB
AREA = "A1:Z9999"
ANSWER_COLUMN = chr(ord("A") + COL_ANSWER)

__all__ = ["Unreadable", "WorkbookFile", "open_bytes", "open_workbook"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A cell as Excel, LibreOffice and openpyxl write it, inside A1:Z9999, and not an error value. One search finds any
# cell tag that is not of this form (other attributes or quoting, duplicate or escaped references, far cells,
# t="e"); such a sheet, or one with prefixed element names, goes through the full check of every cell tag.
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z][0-9]{1,4}"(?: s="[0-9]{1,6}")?(?: t="(?!e")[a-zA-Z]{1,9}")?'
                       rb'(?: (?:cm|vm)="[0-9]{1,6}")*(?: ph="[01]")? ?/?>)')
_PREFIXED = re.compile(rb":[cf][\s/>]")
_ANY_CELL_START = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_ANY_CELL = re.compile(rb'<(?:[\w.-]+:)?c((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*/?>')
_ATTRIBUTE = re.compile(rb'([^\s=/>]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_INSIDE = re.compile(rb"[A-Z][0-9]{1,4}")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
_FORMULA_START = re.compile(rb"<f[\s/>]")
_CELL = re.compile(rb'<(?:[\w.-]+:)?c(?=[\s/>])([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)', re.DOTALL)
_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>\s*([^<\s]{1,40})\s*<")
_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\s([^>]*)/?>")
_ATTR = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\s([^>]*)/?>")


@dataclass
class WorkbookFile:
    """An opened workbook: its bytes' sha256, its own save time, and checked access to its sheets."""

    path: Path
    sha256: str
    size: int
    saved_at: str | None
    sheet_names: list[str]
    _data: bytes
    _infos: dict[str, zipfile.ZipInfo]
    _parts: dict[str, str]  # sheet name -> zip member
    _book: Any
    _percent_styles: frozenset[bytes] = frozenset()  # cell style indexes whose number format shows a percentage
    _formulas: dict[str, dict[str, str]] = field(default_factory=dict)
    _errors: dict[str, dict[str, str]] = field(default_factory=dict)
    _percents: dict[str, frozenset[str]] = field(default_factory=dict)
    _grids: dict[str, list[list[Any]] | Unreadable] = field(default_factory=dict)

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row of a sheet from A1, as values (str, float, bool, date/datetime; "" when empty).
        Read once: later calls (also after close) return the same rows."""
        if sheet not in self._grids:
            self._grids[sheet] = self._read(sheet)
        found = self._grids[sheet]
        if isinstance(found, Unreadable):
            raise found
        return found

    def read_ahead(self, sheets: list[str]) -> None:
        """Read these sheets now (those the workbook has), keeping any problem for when they are asked for."""
        for sheet in sheets:
            if sheet in self.sheet_names and sheet not in self._grids:
                self._grids[sheet] = self._read(sheet)

    def _read(self, sheet: str) -> list[list[Any]] | Unreadable:
        try:
            self._check_sheet(sheet)
            return self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Unreadable as exc:
            return exc
        except Exception as exc:  # calamine's own errors: a damaged or foreign file, not a bug of ours
            return Unreadable([Issue(f"the sheet cannot be read: {exc}", sheet=sheet)])

    def formulas(self, sheet: str) -> dict[str, str]:
        """Cells of a sheet that hold a formula: cell reference -> the formula as written."""
        self._check_sheet(sheet)
        return self._formulas[sheet]

    def error_values(self, sheet: str) -> dict[str, str]:
        """Cells of a sheet that hold an error value (#N/A, #DIV/0!...): cell reference -> the value as written.
        calamine reads them as empty cells, which must never pass for a blank answer."""
        self._check_sheet(sheet)
        return self._errors[sheet]

    def percent_cells(self, sheet: str) -> frozenset[str]:
        """Answer cells (column D) formatted as a percentage: a person typed "45%", and the cell holds 0.45."""
        self._check_sheet(sheet)
        return self._percents.get(sheet, frozenset())

    def _check_sheet(self, sheet: str) -> None:
        if sheet in self._formulas:
            return
        part = self._parts.get(sheet)
        if not part:
            raise Unreadable([Issue("the workbook lists this sheet but holds no worksheet part for it", sheet=sheet)])
        xml = member(self._data, self._infos, part)
        prefixed = _PREFIXED.search(xml) is not None
        odd = prefixed or _ODD_CELL.search(xml) is not None  # an error value's cell (t="e") is odd too
        if odd:
            problem = _cell_problem(xml)
            if problem:
                raise Unreadable([Issue(problem, sheet=sheet)])
        formulas = _FORMULA.search(xml) if prefixed else _FORMULA_START.search(xml)
        self._formulas[sheet] = _formula_cells(xml) if formulas else {}
        self._errors[sheet] = _error_cells(xml) if odd else {}
        if self._percent_styles:
            self._percents[sheet] = frozenset(ref.decode() for ref, style in _STYLED_CELL.findall(xml)
                                              if style in self._percent_styles)

    def close(self) -> None:
        """Release the file (sheets already read stay readable)."""
        self._data = b""
        with contextlib.suppress(Exception):  # calamine's WorkbookClosed: closing twice is harmless
            self._book.close()


def open_workbook(path: Path) -> WorkbookFile:
    """Check and open one workbook; Unreadable (with the reason) when it is not one fldd can safely read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Unreadable([Issue(f"the file is {size / 1024 / 1024:.1f} MB; an fldd workbook is far smaller "
                                    f"(limit {MAX_FILE_BYTES // 1024 // 1024} MB)")])
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable([Issue(f"cannot read the file: {exc.strerror or exc}")]) from None
    return open_bytes(path, data)


def open_bytes(path: Path, data: bytes) -> WorkbookFile:
    """Check and open a workbook already read into memory."""
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable([Issue(f"the file is {len(data) / 1024 / 1024:.1f} MB; an fldd workbook is far smaller "
                                f"(limit {MAX_FILE_BYTES // 1024 // 1024} MB)")])
    if data.startswith(_OLE):
        raise Unreadable([Issue("this is an old-style .xls file or a password-protected workbook: open it, "
                                "remove any password and save it as an Excel workbook (.xlsx)")])
    if not data.startswith(b"PK"):
        raise Unreadable([Issue("not an Excel workbook (.xlsx): the file is not a zip archive")])
    members = members_of(data)
    check_content_types(data, members)
    parts = _sheet_parts(data, members)
    if "xl/sharedStrings.xml" in members:  # calamine parses it when it opens the file
        member(data, members, "xl/sharedStrings.xml")
    styles = member(data, members, "xl/styles.xml") if "xl/styles.xml" in members else b""
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet_names = list(book.sheet_names)
    except Exception as exc:  # calamine's own errors: a damaged or foreign file
        raise Unreadable([Issue(f"the workbook cannot be read: {exc}")]) from None
    if sheet_names != list(parts):  # the list calamine reads from is not the one checked here
        raise refuse("the workbook's list of sheets is written in a form fldd does not read; save the file again "
                     "with Excel or LibreOffice")
    return WorkbookFile(path, hashlib.sha256(data).hexdigest(), len(data), _saved_at(data, members), sheet_names,
                        data, members, parts, book, _percent_styles(styles))


def _cell_problem(xml: bytes) -> str:
    """The full check of every cell tag: exactly one plain reference, inside A1:Z9999 ("" when all is well)."""
    tags = _ANY_CELL.findall(xml)
    if len(tags) != len(_ANY_CELL_START.findall(xml)):
        return "the sheet's XML has cell tags fldd cannot check; save the file again with Excel or LibreOffice"
    for attrs in tags:
        pairs = _ATTRIBUTE.findall(attrs)
        refs = [double or single for name, double, single in pairs if name == b"r"]
        if len(refs) != 1:
            return ("the sheet has cells without a single position; save the file again with Excel or "
                    "LibreOffice")
        if len({name for name, _, _ in pairs}) != len(pairs):
            return ("the sheet has cells with an attribute given twice (readers would disagree on the cell); save "
                    "the file again with Excel or LibreOffice")
        if not _INSIDE.fullmatch(refs[0]):
            return (f"the sheet has cells outside {AREA}, the area an fldd workbook uses (or written in a form "
                    "fldd does not read): clear them and save again")
    return ""


def _sheet_parts(data: bytes, members: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Sheet name -> worksheet member ("" when it has none), in the workbook's order, resolved the way the
    workbook's relationships say; a name listed twice, a relationship id given twice or a worksheet target in
    a form other than the ones Excel, LibreOffice and fldd write is refused: readers would disagree on the part."""
    workbook = member(data, members, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = member(data, members, rels_name) if rels_name in members else b""
    return dict(_parts_of(workbook, rels, frozenset(members)))


_TARGET = re.compile(r"/xl/(worksheets/sheet[0-9]{1,5}\.xml)|(worksheets/sheet[0-9]{1,5}\.xml)")


@lru_cache(maxsize=16)
def _parts_of(workbook: bytes, rels: bytes, members: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The work of _sheet_parts, kept for the next file: the workbooks of one export (and those one spreadsheet
    program saved) share these parts byte for byte."""
    targets: dict[bytes, str] = {}
    for match in _RELATIONSHIP.finditer(rels):
        attrs = dict(_ATTR.findall(match.group(1)))
        rid = attrs.get(b"Id", b"")
        if rid in targets:
            raise refuse("the workbook's relationships give one id twice: a damaged or forged file")
        found = _TARGET.fullmatch(_xml_text(attrs.get(b"Target", b"")))
        targets[rid] = "xl/" + (found.group(1) or found.group(2)) if found else ""
    parts: dict[str, str] = {}
    folded: set[str] = set()
    for match in _SHEET.finditer(workbook):
        attrs = dict(_ATTR.findall(match.group(1)))
        name = _xml_text(attrs.get(b"name", b""))
        if name.casefold() in folded:
            raise refuse(f"the workbook lists two sheets named '{name}': a damaged or forged file (readers would "
                         "disagree on which one to read)")
        folded.add(name.casefold())
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), b"")
        part = targets.get(rid, "")
        parts[name] = part if part in members else ""
    return tuple(parts.items())


_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^>]*)?>(.*?)</", re.DOTALL)


def _error_cells(xml: bytes) -> dict[str, str]:
    """Cells whose type is an error value (t="e"), with the value."""
    found = {}
    for match in _CELL.finditer(xml):
        attrs = {name: double or single for name, double, single in _ATTRIBUTE.findall(match.group(1))}
        if attrs.get(b"t") == b"e":
            value = _VALUE.search(match.group(2) or b"")
            found[attrs.get(b"r", b"?").decode("ascii", "replace")] = _xml_text(value.group(1)) if value else "#?"
    return found


def _formula_cells(xml: bytes) -> dict[str, str]:
    found = {}
    for match in _CELL.finditer(xml):
        body = match.group(2)
        if body and _FORMULA.search(body):
            ref = _REF.search(b" " + match.group(1))
            formula = re.search(rb"<(?:[\w.-]+:)?f[^>]*>(.*?)</", body, re.DOTALL)
            cell = (ref.group(1) + ref.group(2)).decode() if ref else "?"
            found[cell] = "=" + _xml_text(formula.group(1)) if formula else "(shared formula)"
    return found


_ENTITY = re.compile(r"&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_text(raw: bytes) -> str:
    """Attribute or element text with XML's references resolved (numeric ones too, as every XML parser does)."""
    return _ENTITY.sub(_resolve, raw.decode("utf-8", "replace"))


def _resolve(match: re.Match) -> str:
    ref = match.group(1)
    if ref[0] != "#":
        return _NAMED[ref]
    code = int(ref[2:], 16) if ref[1] in "xX" else int(ref[1:])
    return chr(code) if 0 < code < 0x110000 else "\ufffd"


_CELL_XFS = re.compile(rb"<(?:[\w.-]+:)?cellXfs\b.*?</(?:[\w.-]+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:[\w.-]+:)?xf\b([^>]*)>")
_NUM_FMT = re.compile(rb"<(?:[\w.-]+:)?numFmt\b([^>]*)>")
# Styled answer cells: only the answer column matters (a search for this longer prefix is about 3x faster than
# for every styled cell, and fldd's own sheets style every cell).
_STYLED_CELL = re.compile(rb'<c r="(' + ANSWER_COLUMN.encode() + rb'[0-9]{1,4})" s="([0-9]{1,6})"')
PERCENT_FORMATS = {b"9", b"10"}  # the built-in 0% and 0.00%


@lru_cache(maxsize=16)
def _percent_styles(styles: bytes) -> frozenset[bytes]:
    """Indexes (as written in a cell's s attribute) of the cell styles that show numbers as percentages (kept
    for the next file, whose styles part is most often the same bytes)."""
    custom = set()
    for match in _NUM_FMT.finditer(styles):
        attrs = {name: double or single for name, double, single in _ATTRIBUTE.findall(match.group(1))}
        code = attrs.get(b"formatCode", b"").replace(b"&quot;", b'"')
        code = re.sub(rb'"[^"]*"|\\.', b"", code)  # a quoted or escaped % is literal text
        if b"%" in code:
            custom.add(attrs.get(b"numFmtId", b""))
    block = _CELL_XFS.search(styles)
    found = set()
    for index, match in enumerate(_XF.finditer(block.group(0) if block else b"")):
        attrs = {name: double or single for name, double, single in _ATTRIBUTE.findall(match.group(1))}
        if attrs.get(b"numFmtId") in PERCENT_FORMATS | custom:
            found.add(str(index).encode())
    return frozenset(found)


def _saved_at(data: bytes, members: dict[str, zipfile.ZipInfo]) -> str | None:
    """When the file says it was last saved (docProps/core.xml), if it says."""
    info = members.get("docProps/core.xml")
    if info is None or info.file_size > 65536:
        return None
    try:
        match = _MODIFIED.search(member(data, members, info.filename))
    except Unreadable:
        return None
    return match.group(1).decode("ascii", "replace") if match else None
