"""An answer pack with its evidence files: one zip holding `pack.json` and each file as `evidence/<sha256>`.

The pack's `evidence` list is the manifest (question, file name, sha256, size of each file); it is inside the
pack, so its digest and signature cover it. A zip is refused before anything is inflated when it is too big,
holds too many members, would expand past the workbook limits or more than 100 times, or names a member
anything but those two forms (so no path, `..`, absolute or duplicate name is ever met); each member is then
inflated no further than its declared size, CRC-checked, and each evidence file must hash to its own name.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from fldd.exchange.answer_pack import MAX_BYTES as MAX_PACK_JSON
from fldd.exchange.answer_pack import PackError
from fldd.exchange.workbook_archive import MAX_MEMBERS, MAX_RATIO, MAX_UNCOMPRESSED, RATIO_FLOOR

PACK_MEMBER = "pack.json"
EVIDENCE_PREFIX = "evidence/"
MAX_ZIP_BYTES = MAX_UNCOMPRESSED  # a zip never holds more than it expands to, give or take its directory
_EVIDENCE_NAME = re.compile(r"evidence/[0-9a-f]{64}")
_CHUNK = 1024 * 1024
_ENTRY_MAX = 256  # bytes of one directory entry: 46 fixed, a name of at most 73, room for extra fields


@dataclass
class PackZip:
    """What a checked zip holds: the pack's JSON bytes and the evidence files by sha256."""

    pack: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    sha256: str = ""


def member_name(sha256: str) -> str:
    """Where an evidence file sits in the zip."""
    return f"{EVIDENCE_PREFIX}{sha256}"


def write_pack_zip(pack: bytes, files: dict[str, bytes]) -> bytes:
    """The zip's bytes: pack.json first, then every file once under its sha256."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr(PACK_MEMBER, pack)
        for sha256, data in sorted(files.items()):
            zf.writestr(member_name(sha256), data)
    return out.getvalue()


def read_pack_zip(path: Path, max_file: int) -> PackZip:
    """Check and read a pack zip; PackError naming each problem (and member) when it is refused."""
    try:
        size = path.stat().st_size
        if size > MAX_ZIP_BYTES:
            raise PackError([f"the file is {size / 1024 / 1024:.0f} MB; an answer pack with its evidence is at most "
                             f"{MAX_ZIP_BYTES // 1024 // 1024} MB"])
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
            handle.seek(0)
            if handle.read(4) != b"PK\x03\x04":
                raise PackError(["not an answer pack: a .zip pack is a zip archive, and this file is not one"])
            _count_members(handle, size)
            handle.seek(0)
            with zipfile.ZipFile(handle) as zf:
                infos = zf.infolist()
                check_members(infos, max_file)
                found = PackZip(b"", sha256=digest)
                for info in infos:
                    data = _inflate(zf, info)
                    if info.filename == PACK_MEMBER:
                        found.pack = data
                    else:
                        _check_hash(info.filename, data)
                        found.files[info.filename[len(EVIDENCE_PREFIX):]] = data
                return found
    except OSError as exc:
        raise PackError([f"cannot read the file ({exc.strerror or exc})"]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise PackError([f"not an answer pack: the zip archive is damaged or uses a form fldd does not read "
                         f"({exc})"]) from None


def check_members(infos: list[zipfile.ZipInfo], max_file: int) -> None:
    """The guards on the zip's directory, before anything is inflated."""
    if len(infos) > MAX_MEMBERS:
        raise PackError([f"the archive holds {len(infos)} files (limit {MAX_MEMBERS})"])
    names = [info.filename for info in infos]
    problems = []
    strange = [n for n in names if n != PACK_MEMBER and not _EVIDENCE_NAME.fullmatch(n)]
    if strange:
        shown = ", ".join(repr(n[:80]) for n in strange[:5])
        problems.append(f"the archive holds {len(strange)} member(s) an answer pack never has ({shown}): only "
                        f"{PACK_MEMBER} and {EVIDENCE_PREFIX}<sha256> belong in one")
    if len(set(names)) != len(names):
        problems.append("the archive names a member twice: readers would disagree on which one counts")
    if names.count(PACK_MEMBER) == 0:
        problems.append(f"the archive holds no {PACK_MEMBER}")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        problems.append(f"the archive would expand to {total / 1024 / 1024:.0f} MB (limit "
                        f"{MAX_UNCOMPRESSED // 1024 // 1024} MB): refused as a possible zip bomb")
    for info in infos:
        limit = MAX_PACK_JSON if info.filename == PACK_MEMBER else max_file
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(f"{info.filename[:80]} would expand {info.file_size // max(info.compress_size, 1)} "
                            f"times (limit {MAX_RATIO}): refused as a possible zip bomb")
        elif info.file_size > limit:
            problems.append(f"{info.filename[:80]} is {info.file_size / 1024 / 1024:.1f} MB (limit "
                            f"{limit / 1024 / 1024:.0f} MB)")
        if info.flag_bits & 0x1:
            problems.append(f"{info.filename[:80]} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            problems.append(f"{info.filename[:80]} uses a compression fldd does not read")
    if problems:
        raise PackError(problems)


def _count_members(handle, size: int) -> None:
    """Refuse an archive whose directory lists too many members before zipfile builds an object for each (a
    200 MB file can list millions): the count is read from the end-of-directory record."""
    tail = min(size, 65536 + 22)  # the record, with the longest comment a zip may carry
    handle.seek(size - tail)
    data = handle.read(tail)
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(data):
        raise PackError(["not an answer pack: the zip archive is damaged (no end of its directory)"])
    entries = int.from_bytes(data[at + 10:at + 12], "little")
    directory = int.from_bytes(data[at + 12:at + 16], "little")
    if directory > MAX_MEMBERS * _ENTRY_MAX:  # a count that lies is caught by the directory's size
        raise PackError([f"the archive's directory is {directory:,} bytes: far more than {MAX_MEMBERS} members need"])
    if entries > MAX_MEMBERS:  # 0xFFFF, a zip64 archive, also: an answer pack never needs one
        many = f"{entries} or more" if entries == 0xFFFF else str(entries)
        raise PackError([f"the archive lists {many} files (limit {MAX_MEMBERS})"])


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than declared (zipfile stops there and checks the CRC at the end)."""
    out = bytearray()
    with zf.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
            if len(out) > info.file_size:
                break
    if len(out) != info.file_size:
        raise PackError([f"{info.filename[:80]}: the member is damaged (its size is not the one declared)"])
    return bytes(out)


def _check_hash(name: str, data: bytes) -> None:
    if hashlib.sha256(data).hexdigest() != name[len(EVIDENCE_PREFIX):]:
        raise PackError([f"{name}: the file's content does not match its sha256: it was changed or damaged"])
