"""The zip archive of a returned workbook, checked before any part of it is parsed.

An archive is ambiguous when two members share a name (readers disagree on which one is the part), so it is
refused; so is any member a workbook fldd sent cannot hold (a name outside the parts Excel, LibreOffice and
fldd write, a path that climbs out of the archive, a macro project), and any member larger than its kind of
part ever is. A part is then inflated from the archive's bytes to at most its declared size and must match
that size and its CRC, be UTF-8 and declare no DTD (so no entities).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from functools import lru_cache

from fldd.exchange.outcome import Issue

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # sum of the members' declared sizes
MAX_RATIO = 100  # declared size / compressed size, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 2000
MB = 1024 * 1024
# The largest each kind of part may declare. An fldd workbook's parts are a few KB to a few hundred KB; the
# bounds leave room for long comments (text cells hold at most 32,767 characters) and for the 64,000 cell
# formats Excel itself allows, and refuse a styles part of a million formats before anything parses it.
PART_LIMITS = (
    (re.compile(r"xl/worksheets/sheet\d+\.xml|xl/sharedStrings\.xml"), 32 * MB),
    (re.compile(r"xl/styles\.xml"), 4 * MB),
    (re.compile(r"xl/workbook\.xml|xl/_rels/workbook\.xml\.rels|\[Content_Types\]\.xml|_rels/\.rels"), 1 * MB),
    (re.compile(r"docProps/.*"), 1 * MB),
)
OTHER_LIMIT = 16 * MB

# Every member a workbook fldd sent can hold once Excel, LibreOffice, Numbers or Google Sheets saved it again
# (notes, pictures, printer settings, SharePoint properties, tables, pictures in cells, and the links a cell
# pasted from another workbook leaves, whose formulas are refused anyway); nothing else, and no path that
# climbs out of the archive, is ever opened.
_N = r"[1-9][0-9]{0,4}"
ALLOWED = re.compile(rf"""
    \[Content_Types\]\.xml | _rels/\.rels
  | docProps/(?:app|core|custom)\.xml | docProps/thumbnail\.(?:jpeg|jpg|png|emf|wmf)
  | xl/(?:workbook|styles|sharedStrings|calcChain|metadata)\.xml | xl/_rels/workbook\.xml\.rels
  | xl/theme/theme{_N}\.xml | xl/theme/_rels/theme{_N}\.xml\.rels
  | xl/worksheets/sheet{_N}\.xml | xl/worksheets/_rels/sheet{_N}\.xml\.rels
  | xl/printerSettings/printerSettings{_N}\.bin
  | xl/comments{_N}\.xml | xl/comments/comment{_N}\.xml
  | xl/threadedComments/threadedComment{_N}\.xml | xl/persons/person(?:{_N})?\.xml
  | xl/drawings/(?:drawing{_N}\.xml|vmlDrawing{_N}\.vml)
  | xl/drawings/_rels/(?:drawing{_N}\.xml|vmlDrawing{_N}\.vml)\.rels
  | xl/media/image{_N}\.(?:png|jpeg|jpg|gif|emf|wmf|bmp|tif|tiff)
  | customXml/item{_N}\.xml | customXml/itemProps{_N}\.xml | customXml/_rels/item{_N}\.xml\.rels
  | xl/tables/table{_N}\.xml | xl/richData/[A-Za-z]{{1,40}}\.xml | xl/richData/_rels/[A-Za-z]{{1,40}}\.xml\.rels
  | xl/externalLinks/externalLink{_N}\.xml | xl/externalLinks/_rels/externalLink{_N}\.xml\.rels
""", re.VERBOSE)
_MACRO = re.compile(r"(?i)vbaProject|vbaData|activeX|embeddings/")
_MACRO_TYPES = re.compile(rb"macroEnabled|vbaProject|ms-excel\.sheet\.binary|ms-office\.activeX")


class Unreadable(Exception):
    """The file is refused before or while it is read; `issues` say why."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


def refuse(message: str, **where: str) -> Unreadable:
    """An Unreadable with one issue."""
    return Unreadable([Issue(message, **where)])


def members_of(data: bytes) -> dict[str, zipfile.ZipInfo]:
    """The archive's members by name, once every check that needs no inflating has passed."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise refuse(f"not an Excel workbook (.xlsx): the zip archive is damaged ({exc})") from None
    except NotImplementedError as exc:  # a zip version or feature Python's zipfile does not read
        raise refuse(f"not an Excel workbook fldd can read: the zip archive asks for a feature fldd does not read "
                     f"({exc}); open it in Excel or LibreOffice and save it again") from None
    if len(infos) > MAX_MEMBERS:
        raise refuse(f"the archive holds {len(infos)} files; an fldd workbook holds a few dozen")
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    for info in infos:
        name = info.orig_filename  # as stored: zipfile cuts a name at a NUL, other readers do not
        if name in members or name.casefold() in folded:
            raise refuse(f"the archive holds two parts named '{_shown(name)}': a damaged or forged file (readers "
                         "would disagree on which one is the workbook)")
        members[name] = info
        folded.add(name.casefold())
    if "xl/workbook.xml" not in members or "[Content_Types].xml" not in members:
        raise refuse("a zip archive but not an Excel workbook (.xlsx): it has no xl/workbook.xml")
    problem = _names_problem(tuple(members))
    if problem:
        raise refuse(problem)
    _check_sizes(infos)
    return members


def _shown(name: str) -> str:
    return name.encode("unicode_escape").decode("ascii")[:120]


@lru_cache(maxsize=64)
def _names_problem(names: tuple[str, ...]) -> str:
    """Why these member names cannot be a workbook fldd sent ("" when they can); kept for the next file, whose
    members most often have the same names."""
    for name in names:
        if _MACRO.search(name):
            return (f"the workbook holds a macro project or an embedded program ({_shown(name)}): fldd never sends "
                    "one and refuses it; save the workbook as an Excel Workbook (.xlsx) without macros or objects")
        if not ALLOWED.fullmatch(name):
            return (f"the archive holds '{_shown(name)}', which no workbook fldd sent holds: copy the answers into "
                    "the workbook fldd sent, or save it again with Excel or LibreOffice")
    return ""


@lru_cache(maxsize=1024)
def _limit(name: str) -> int:
    """The largest size a part of this name may declare."""
    return next((size for kind, size in PART_LIMITS if kind.fullmatch(name)), OTHER_LIMIT)


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise refuse(f"the archive would expand to {total / MB:.0f} MB (limit {MAX_UNCOMPRESSED // MB} MB): refused "
                     "as a possible zip bomb")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refuse(f"{info.filename} would expand {info.file_size // max(info.compress_size, 1)} times "
                         f"(limit {MAX_RATIO}): refused as a possible zip bomb")
        limit = _limit(info.filename)
        if info.file_size > limit:
            raise refuse(f"part {info.filename} would expand to {info.file_size / MB:.1f} MB; that part of a "
                         f"workbook is never over {limit // MB} MB: refused before reading it")


def check_content_types(data: bytes, members: dict[str, zipfile.ZipInfo]) -> None:
    """A macro-enabled or binary workbook saved under an .xlsx name says so in its content types."""
    found = _MACRO_TYPES.search(member(data, members, "[Content_Types].xml"))
    if found:
        raise refuse(f"the workbook is a macro-enabled or binary workbook ({found.group(0).decode()}): fldd never "
                     "sends one; save it as an Excel Workbook (.xlsx)")


def member(data: bytes, members: dict[str, zipfile.ZipInfo], name: str) -> bytes:
    """A member's bytes, inflated to at most its declared size and CRC-checked; no DTD, so no entities."""
    out = inflate(data, members[name])
    if out.startswith((b"\xff\xfe", b"\xfe\xff")) or out[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise refuse(f"part {name} is not UTF-8 XML; save the file again with Excel or LibreOffice")
    if declares_dtd(out):
        raise refuse(f"part {name} declares a DTD or XML entities, which fldd refuses")
    return out


def inflate(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """Inflate one member from the archive's bytes: a member that inflates past its declared size, or whose
    CRC differs, is refused (zipfile's own reader is about twice as slow for the same checks)."""
    damaged = refuse(f"part {info.filename} of the workbook is damaged (its size or checksum is wrong)")
    if info.flag_bits & 0x1:
        raise refuse(f"part {info.filename} is encrypted: save the workbook without a password")
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
            raise refuse(f"part {info.filename} uses a compression fldd does not read; save the file again with "
                         "Excel or LibreOffice")
    except (struct.error, zlib.error):
        raise damaged from None
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise damaged
    return out


def declares_dtd(xml: bytes) -> bool:
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
