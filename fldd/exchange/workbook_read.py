"""Open a returned workbook safely and read its cells as values (python-calamine; nothing is evaluated).

Before any parser sees the file: its size, that it is a zip holding a workbook, the members' declared sizes
(sum and compression ratio), and, for every part the reader will parse, that it inflates to exactly its
declared size (zipfile checks size and CRC), declares no DTD or entities, and places every cell inside the
area an fldd workbook uses (a tiny file with two cells far apart would make calamine allocate the whole
rectangle between them and abort the process). Formulas are found in the sheet XML itself: calamine gives
their cached values only.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import Issue

MAX_FILE_BYTES = 20 * 1024 * 1024  # an fldd workbook is well under 1 MB
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # sum of the members' declared sizes
MAX_RATIO = 100  # declared size / compressed size, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
MAX_ROW = 9999  # every cell read must lie within A1:Z9999
AREA = "A1:Z9999"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_OUTSIDE = re.compile(rb'\sr="(?:[A-Za-z]{2,}|[A-Za-z]?\d{5,}")')  # a column past Z or a row past 9999
_CELL_WITHOUT_REF = re.compile(rb'<(?:[\w.-]+:)?c(?=[\s/>])(?![^>]*\sr=")')
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
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
    _zip: zipfile.ZipFile
    _parts: dict[str, str]  # sheet name -> zip member
    _book: Any
    _formulas: dict[str, dict[str, str]] = field(default_factory=dict)

    def rows(self, sheet: str) -> list[list[Any]]:
        """Every row of a sheet from A1, as values (str, float, bool, date/datetime; "" when empty)."""
        self._check_sheet(sheet)
        try:
            return self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine's own errors: a damaged or foreign file, not a bug of ours
            raise Unreadable([Issue(f"the sheet cannot be read: {exc}", sheet=sheet)]) from None

    def formulas(self, sheet: str) -> dict[str, str]:
        """Cells of a sheet that hold a formula: cell reference -> the formula as written."""
        self._check_sheet(sheet)
        return self._formulas[sheet]

    def _check_sheet(self, sheet: str) -> None:
        if sheet in self._formulas:
            return
        part = self._parts.get(sheet)
        if part is None:
            raise Unreadable([Issue("the workbook lists this sheet but holds no worksheet part for it", sheet=sheet)])
        xml = _member(self._zip, part)
        if _OUTSIDE.search(xml):
            raise Unreadable([Issue(f"the sheet has cells outside {AREA}, the area an fldd workbook uses: "
                                    "clear them and save again", sheet=sheet)])
        if _CELL_WITHOUT_REF.search(xml):
            raise Unreadable([Issue("the sheet has cells without a position; save the file again with Excel or "
                                    "LibreOffice", sheet=sheet)])
        self._formulas[sheet] = _formula_cells(xml) if _FORMULA.search(xml) else {}

    def close(self) -> None:
        """Release the file."""
        self._zip.close()
        try:
            self._book.close()
        except Exception:  # noqa: BLE001 - closing twice is harmless
            pass


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
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise Unreadable([Issue(f"not an Excel workbook (.xlsx): the zip archive is damaged ({exc})")]) from None
    _check_sizes(infos, len(data))
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise Unreadable([Issue("a zip archive but not an Excel workbook (.xlsx): it has no xl/workbook.xml")])
    parts = _sheet_parts(zf, names)
    for name in ("xl/sharedStrings.xml", "xl/styles.xml"):  # calamine parses these when it opens the file
        if name in names:
            _member(zf, name)
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet_names = list(book.sheet_names)
    except Exception as exc:  # calamine's own errors: a damaged or foreign file
        raise Unreadable([Issue(f"the workbook cannot be read: {exc}")]) from None
    return WorkbookFile(path, hashlib.sha256(data).hexdigest(), len(data), _saved_at(zf, names), sheet_names, zf,
                        parts, book)


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


def _member(zf: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, bounded by its declared size and CRC-checked, with no DTD (no entities)."""
    try:
        data = zf.read(name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, KeyError) as exc:
        raise Unreadable([Issue(f"part {name} of the workbook is damaged ({exc})")]) from None
    except RuntimeError as exc:  # encrypted member
        raise Unreadable([Issue(f"part {name} of the workbook cannot be read ({exc})")]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise Unreadable([Issue(f"part {name} is not UTF-8 XML; save the file again with Excel or LibreOffice")])
    if _DTD.search(data):
        raise Unreadable([Issue(f"part {name} declares a DTD or XML entities, which fldd refuses")])
    return data


def _sheet_parts(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet name -> worksheet member, resolved the way the workbook's relationships say."""
    from xml.sax.saxutils import unescape

    workbook = _member(zf, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = _member(zf, rels_name) if rels_name in names else b""
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
        if targets.get(rid) in names:
            parts[name] = targets[rid]
    return parts


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


def _saved_at(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """When the file says it was last saved (docProps/core.xml), if it says."""
    name = "docProps/core.xml"
    if name not in names or zf.getinfo(name).file_size > 65536:
        return None
    try:
        match = _MODIFIED.search(_member(zf, name))
    except Unreadable:
        return None
    return match.group(1).decode("ascii", "replace") if match else None
