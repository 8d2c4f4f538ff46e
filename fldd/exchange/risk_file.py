"""Read a risk list a buyer loads (CSV or Excel .xlsx) into plain text rows, each with its sheet and row number,
for the pure parsers of fldd/risk/editions_parse.py.

An Excel file passes the same guards as a returned workbook before anything parses it (workbook_archive: size,
zip bomb, duplicate or foreign parts, macros, DTDs); every cell must sit in A1:Z{MAX_ROWS + 10}, and formulas
and error values are refused by cell (values are read, never evaluated). A CSV may be UTF-8 (with or without a
byte-order mark), UTF-16 with a mark (Excel's "Unicode text"), or else Windows-1252/Latin-1, and separated by
commas, semicolons (Excel in much of Europe) or tabs.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fldd.exchange.outcome import Issue
from fldd.exchange.workbook_archive import Unreadable, check_content_types, member, members_of, refuse
from fldd.exchange.workbook_read import _error_cells, _formula_cells, _sheet_parts

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_ROWS = 100_000  # a risk list's rows; the UFLPA Entity List has a few hundred, DOL's list a few thousand
MAX_SHOWN = 20  # formula and error cells named before "and N more"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_CELL_REF = re.compile(rb'<(?:[\w.-]+:)?c\s(?:[^>]*?\s)?r="([A-Z]{1,3})([0-9]{1,7})"')

__all__ = ["MAX_ROWS", "RiskFile", "Sheet", "Unreadable", "read_risk_file"]


@dataclass
class Sheet:
    """One sheet (or the CSV), its non-blank rows as text with their 1-based row numbers."""

    name: str | None  # None for a CSV
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass
class RiskFile:
    """A file read: its name, its bytes' sha256, and its sheets in the file's order."""

    path: Path
    sha256: str
    sheets: list[Sheet]
    encoding: str = ""  # a CSV's, as found


def read_risk_file(path: Path) -> RiskFile:
    """Read a .csv, .txt or .xlsx file; Unreadable (with every reason found) when it cannot be read safely."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(f"the file is {size / 1024 / 1024:.1f} MB; a risk list is far smaller (limit "
                         f"{MAX_FILE_BYTES // 1024 // 1024} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise refuse(f"cannot read the file: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"PK"):
        return RiskFile(path, digest, _xlsx_sheets(data))
    if data.startswith(_OLE):
        raise refuse("this is an old-style .xls file or a password-protected workbook: open it, remove any "
                     "password and save it as an Excel workbook (.xlsx) or as CSV")
    if path.suffix.casefold() in (".xlsx", ".xlsm", ".xls"):
        raise refuse("not an Excel workbook (.xlsx): the file is not a zip archive")
    text, encoding = _decoded(data)
    return RiskFile(path, digest, [_csv_sheet(text)], encoding)


def _decoded(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8 (with byte-order mark)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16"
    if b"\x00" in data[:4096]:
        raise refuse("the file holds binary data: not a CSV or text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace") if _cp1252(data) else data.decode("latin-1"), "windows-1252"


def _cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _csv_sheet(text: str) -> Sheet:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=lambda d: len(next(csv.reader([first], delimiter=d), [])))
    sheet = Sheet(None)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(sheet.rows) > MAX_ROWS:
                    raise refuse(f"the file has more than {MAX_ROWS:,} rows; a risk list is far smaller")
                sheet.rows.append((reader.line_num, record))
    except csv.Error as exc:
        raise refuse(f"line {reader.line_num}: not readable as CSV ({exc})") from None
    return sheet


def _xlsx_sheets(data: bytes) -> list[Sheet]:
    members = members_of(data)
    check_content_types(data, members)
    parts = _sheet_parts(data, members)
    if "xl/sharedStrings.xml" in members:
        member(data, members, "xl/sharedStrings.xml")  # inflated and checked before calamine parses it
    problems: list[Issue] = []
    for name, part in parts.items():
        if part:
            _check_cells(name, member(data, members, part), problems)
    if problems:
        raise Unreadable(problems)
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if names != list(parts):
            raise refuse("the workbook's list of sheets is written in a form fldd does not read; save the file "
                         "again with Excel or LibreOffice")
        sheets = []
        for name in names:
            if not parts[name]:
                continue  # a chart sheet: no cells
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = [(number, [_text(v) for v in row]) for number, row in enumerate(grid, start=1)
                    if any(v not in ("", None) for v in row)]
            sheets.append(Sheet(name, rows))
        book.close()
    except Unreadable:
        raise
    except Exception as exc:  # calamine's own errors: a damaged or foreign file
        raise refuse(f"the workbook cannot be read: {exc}") from None
    return sheets


def _check_cells(sheet: str, xml: bytes, problems: list[Issue]) -> None:
    """Every cell has one plain position inside A1:Z(MAX_ROWS + 10); no formulas, no error values."""
    refs = _CELL_REF.findall(xml)
    if len(refs) != len(_CELL_TAG.findall(xml)):
        problems.append(Issue("the sheet has cells without a plain position; save the file again with Excel or "
                              "LibreOffice", sheet=sheet))
        return
    last = MAX_ROWS + 10
    far = next(((col, row) for col, row in refs if len(col) > 1 or int(row) > last), None)
    if far:
        problems.append(Issue(f"the sheet has cells beyond column Z or row {last:,} (cell "
                              f"{far[0].decode()}{far[1].decode()}); a risk list has a few columns and at most "
                              f"{MAX_ROWS:,} rows", sheet=sheet))
        return
    for kind, found in (("a formula", _formula_cells(xml)), ("an error value", _error_cells(xml))):
        cells = sorted(found, key=_cell_order)
        for cell in cells[:MAX_SHOWN]:
            problems.append(Issue(f"the cell holds {kind} ({found[cell][:60]}); fldd reads typed values only, never "
                                  "a formula's result: paste the values instead", sheet=sheet, cell=cell))
        if len(cells) > MAX_SHOWN:
            problems.append(Issue(f"and {len(cells) - MAX_SHOWN} more cells holding {kind}", sheet=sheet))


def _cell_order(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits or 0), cell


def _text(value: Any) -> str:
    """A cell's value as the text a person sees: 12.0 -> '12', True -> 'TRUE', a date -> 2024-09-05."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) and value.time() == dt.time() else value.isoformat()
    return str(value)
