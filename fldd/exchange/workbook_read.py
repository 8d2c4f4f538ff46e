"""Open a returned workbook safely and read its cells as values (python-calamine; nothing is evaluated).

Before any parser sees the file: its size, that it is a zip holding a workbook, the members' declared sizes
(sum and compression ratio), and, for every part the reader will parse, that it inflates to exactly its
declared size (zipfile checks size and CRC), declares no DTD or entities, and places every cell inside the
area an fldd workbook uses (a tiny file with two cells far apart would make calamine allocate the whole
rectangle between them and abort the process). Formulas are found in the sheet XML itself: calamine gives
their cached values only.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from fldd.exchange.layout import COL_ANSWER
from fldd.exchange.outcome import Issue

MAX_FILE_BYTES = 20 * 1024 * 1024  # an fldd workbook is well under 1 MB
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # sum of the members' declared sizes
MAX_RATIO = 100  # declared size / compressed size, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
AREA = "A1:Z9999"
ANSWER_COLUMN = chr(ord("A") + COL_ANSWER)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A cell as Excel, LibreOffice and openpyxl write it, inside A1:Z9999: the fast check. Anything else (other
# attributes or quoting, prefixed names, duplicate or escaped references) goes through the full check.
# A cell as Excel, LibreOffice and openpyxl write it, inside A1:Z9999. One search finds any cell tag that is not
# of this form (other attributes or quoting, duplicate or escaped references, far cells); such a sheet, or one
# with prefixed element names, goes through the full check of every cell tag.
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z][0-9]{1,4}"(?: s="[0-9]{1,6}")?(?: t="[a-zA-Z]{1,9}")?'
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


class Unreadable(Exception):
    """The file is refused before or while it is read; `issues` say why."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


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

    def percent_cells(self, sheet: str) -> frozenset[str]:
        """Answer cells (column D) formatted as a percentage: a person typed "45%", and the cell holds 0.45."""
        self._check_sheet(sheet)
        return self._percents.get(sheet, frozenset())

    def _check_sheet(self, sheet: str) -> None:
        if sheet in self._formulas:
            return
        part = self._parts.get(sheet)
        if part is None:
            raise Unreadable([Issue("the workbook lists this sheet but holds no worksheet part for it", sheet=sheet)])
        xml = _member(self._data, self._infos, part)
        prefixed = _PREFIXED.search(xml) is not None
        if prefixed or _ODD_CELL.search(xml):
            problem = _cell_problem(xml)
            if problem:
                raise Unreadable([Issue(problem, sheet=sheet)])
        formulas = _FORMULA.search(xml) if prefixed else _FORMULA_START.search(xml)
        self._formulas[sheet] = _formula_cells(xml) if formulas else {}
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
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise Unreadable([Issue(f"not an Excel workbook (.xlsx): the zip archive is damaged ({exc})")]) from None
    _check_sizes(infos, len(data))
    members = {info.filename: info for info in infos}
    if "xl/workbook.xml" not in members or "[Content_Types].xml" not in members:
        raise Unreadable([Issue("a zip archive but not an Excel workbook (.xlsx): it has no xl/workbook.xml")])
    parts = _sheet_parts(data, members)
    if "xl/sharedStrings.xml" in members:  # calamine parses it when it opens the file
        _member(data, members, "xl/sharedStrings.xml")
    styles = _member(data, members, "xl/styles.xml") if "xl/styles.xml" in members else b""
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet_names = list(book.sheet_names)
    except Exception as exc:  # calamine's own errors: a damaged or foreign file
        raise Unreadable([Issue(f"the workbook cannot be read: {exc}")]) from None
    return WorkbookFile(path, hashlib.sha256(data).hexdigest(), len(data), _saved_at(data, members), sheet_names,
                        data, members, parts, book, _percent_styles(styles))


def _check_sizes(infos: list[zipfile.ZipInfo], size: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise Unreadable([Issue(f"the archive holds {len(infos)} files; an fldd workbook holds a few dozen")])
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise Unreadable([Issue(f"the archive would expand to {total / 1024 / 1024:.0f} MB (limit "
                                f"{MAX_UNCOMPRESSED // 1024 // 1024} MB): refused as a possible zip bomb")])
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise Unreadable([Issue(f"{info.filename} would expand {info.file_size // max(info.compress_size, 1)} "
                                    f"times (limit {MAX_RATIO}): refused as a possible zip bomb")])


def _member(data: bytes, members: dict[str, zipfile.ZipInfo], name: str) -> bytes:
    """A member's bytes, inflated to at most its declared size and CRC-checked; no DTD, so no entities."""
    out = _inflate(data, members[name])
    if out.startswith((b"\xff\xfe", b"\xfe\xff")) or out[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise Unreadable([Issue(f"part {name} is not UTF-8 XML; save the file again with Excel or LibreOffice")])
    if _declares_dtd(out):
        raise Unreadable([Issue(f"part {name} declares a DTD or XML entities, which fldd refuses")])
    return out


def _inflate(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """Inflate one member from the archive's bytes: a member that inflates past its declared size, or whose
    CRC differs, is refused (zipfile's own reader is about twice as slow for the same checks)."""
    damaged = Unreadable([Issue(f"part {info.filename} of the workbook is damaged (its size or checksum is wrong)")])
    if info.flag_bits & 0x1:
        raise Unreadable([Issue(f"part {info.filename} is encrypted: save the workbook without a password")])
    try:
        offset = info.header_offset
        if data[offset:offset + 4] != b"PK\x03\x04":
            raise damaged
        name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_length + extra_length
        raw = data[start:start + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            out = raw
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            out = zlib.decompressobj(-15).decompress(raw, info.file_size + 1)  # never more than declared + 1
        else:
            raise Unreadable([Issue(f"part {info.filename} uses a compression fldd does not read; save the file "
                                    "again with Excel or LibreOffice")])
    except (struct.error, zlib.error):
        raise damaged from None
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise damaged
    return out


def _declares_dtd(xml: bytes) -> bool:
    """Whether the prolog (before the root element, the only place a DTD can be) holds a <!DOCTYPE."""
    at = 0
    while True:
        at = xml.find(b"<", at)
        if at < 0:
            return False
        if xml.startswith(b"<?", at):
            end = xml.find(b"?>", at)
        elif xml.startswith(b"<!--", at):
            end = xml.find(b"-->", at)
        else:
            return xml.startswith(b"<!", at)
        if end < 0:
            return False
        at = end + 2


def _cell_problem(xml: bytes) -> str:
    """The full check of every cell tag: exactly one plain reference, inside A1:Z9999 ("" when all is well)."""
    tags = _ANY_CELL.findall(xml)
    if len(tags) != len(_ANY_CELL_START.findall(xml)):
        return "the sheet's XML has cell tags fldd cannot check; save the file again with Excel or LibreOffice"
    for attrs in tags:
        refs = [double or single for name, double, single in _ATTRIBUTE.findall(attrs) if name == b"r"]
        if len(refs) != 1:
            return ("the sheet has cells without a single position; save the file again with Excel or "
                    "LibreOffice")
        if not _INSIDE.fullmatch(refs[0]):
            return (f"the sheet has cells outside {AREA}, the area an fldd workbook uses (or written in a form "
                    "fldd does not read): clear them and save again")
    return ""


def _sheet_parts(data: bytes, members: dict[str, zipfile.ZipInfo]) -> dict[str, str]:
    """Sheet name -> worksheet member, resolved the way the workbook's relationships say."""
    workbook = _member(data, members, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = _member(data, members, rels_name) if rels_name in members else b""
    return dict(_parts_of(workbook, rels, frozenset(members)))


@lru_cache(maxsize=16)
def _parts_of(workbook: bytes, rels: bytes, members: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """The work of _sheet_parts, kept for the next file: the workbooks of one export (and those one spreadsheet
    program saved) share these parts byte for byte."""
    from xml.sax.saxutils import unescape

    targets = {}
    for match in _RELATIONSHIP.finditer(rels):
        attrs = dict(_ATTR.findall(match.group(1)))
        target = unescape(attrs.get(b"Target", b"").decode("utf-8", "replace"))
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        targets[attrs.get(b"Id", b"")] = path
    parts = {}
    for match in _SHEET.finditer(workbook):
        attrs = dict(_ATTR.findall(match.group(1)))
        name = unescape(attrs.get(b"name", b"").decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), b"")
        if targets.get(rid) in members:
            parts[name] = targets[rid]
    return tuple(parts.items())


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


def _xml_text(raw: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})


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
        match = _MODIFIED.search(_member(data, members, info.filename))
    except Unreadable:
        return None
    return match.group(1).decode("ascii", "replace") if match else None
