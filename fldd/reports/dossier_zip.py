"""The dossier's container: one zip, every file under one folder, a manifest and a checksums file.

Written one entry at a time straight to the output (nothing is held whole but one member's buffer), in the
order given, each with the same timestamp and permissions, so the same data gives the same entries. The
manifest lists every file with its sha256 and size and names the public key that signs the dossier.
SHA256SUMS repeats the hashes, manifest.json's included, in the form `sha256sum -c` reads, and SHA256SUMS.sig
is the Ed25519 signature of SHA256SUMS's bytes (dossier_signing), so one signature covers every file.

Checking reads the zip's directory and hashes each member as a stream, never past the size the manifest gives
it; it trusts nothing the zip says about itself but the manifest, and the manifest only as far as the signature
(judged by the caller from what check() collects) holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fldd.reports.dossier_signing import KEY_FILE, SIGNATURE_FILE, sign

FORMAT = "fldd-dossier"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
README = "README.txt"
MAX_MEMBERS = 200_000
MAX_MANIFEST = 64 * 1024 * 1024
MAX_SIGNATURE = 4096  # an Ed25519 signature is 64 bytes; a bigger file is read no further than this
_CHUNK = 1024 * 1024
_STORED = (".pdf", ".xlsx", ".docx", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".mp4", ".mov",
           ".mp3", ".m4a", ".7z", ".gz")  # already compressed: deflating them again costs time and saves nothing


@dataclass(frozen=True)
class Entry:
    """One file written: its path under the dossier's folder, sha256, size and a line saying what it is."""

    path: str
    sha256: str
    size: int
    what: str

    def to_json(self) -> dict[str, Any]:
        """The entry as the manifest lists it."""
        return {"path": self.path, "sha256": self.sha256, "size": self.size, "what": self.what}


class DossierZip:
    """Writes the entries of one dossier to an open binary file."""

    def __init__(self, handle: BinaryIO, root: str, made_on: dt.date) -> None:
        self.root = root
        self.entries: list[Entry] = []
        self._stamp = (made_on.year, made_on.month, made_on.day, 12, 0, 0)
        self._zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)

    def add(self, path: str, chunks: Iterable[bytes], what: str, *, size_hint: int = 0) -> Entry:
        """Write one file from its chunks, hashing them on the way; returns (and keeps) its entry."""
        info = zipfile.ZipInfo(f"{self.root}/{path}", date_time=self._stamp)
        info.create_system = 3  # the same bytes whichever system writes the dossier
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_STORED if path.lower().endswith(_STORED) else zipfile.ZIP_DEFLATED
        sha, size = hashlib.sha256(), 0
        with self._zip.open(info, "w", force_zip64=size_hint > 2**31 - 2**20) as member:
            for chunk in chunks:
                sha.update(chunk)
                size += len(chunk)
                member.write(chunk)
        entry = Entry(path, sha.hexdigest(), size, what)
        self.entries.append(entry)
        return entry

    def add_bytes(self, path: str, data: bytes, what: str) -> Entry:
        """Write one file already in memory (the README, a JSON record)."""
        return self.add(path, [data], what)

    def add_file(self, path: str, source: Path, what: str) -> Entry:
        """Copy a file from disk into the zip, a chunk at a time."""
        with source.open("rb") as handle:
            return self.add(path, iter(lambda: handle.read(_CHUNK), b""), what, size_hint=source.stat().st_size)

    def finish(self, header: dict[str, Any], private_key: bytes) -> dict[str, Any]:
        """Write the manifest, SHA256SUMS and its signature after every other entry; returns the manifest."""
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, **header, "root": self.root,
                    "files": [e.to_json() for e in self.entries]}
        data = dumps(manifest)
        sums = sums_text(manifest["files"], hashlib.sha256(data).hexdigest())
        for name, content in ((MANIFEST, data), (SUMS, sums), (SIGNATURE_FILE, sign(private_key, sums))):
            info = zipfile.ZipInfo(f"{self.root}/{name}", date_time=self._stamp)
            info.create_system, info.external_attr = 3, 0o100644 << 16
            self._zip.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
        self._zip.close()
        return manifest

    def close(self) -> None:
        """Close the archive without a manifest (the caller throws the file away)."""
        self._zip.close()


def dumps(data: Any) -> bytes:
    """JSON as every file of the dossier holds it: UTF-8, indented, keys sorted (the same data, the same bytes)."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n").encode("utf-8")


def sums_text(files: list[dict[str, Any]], manifest_sha256: str) -> bytes:
    """SHA256SUMS: a line per file as `sha256sum -c` reads it, paths relative to the dossier's folder."""
    lines = [f"{f['sha256']}  {f['path']}\n" for f in files] + [f"{manifest_sha256}  {MANIFEST}\n"]
    return "".join(lines).encode("utf-8")


# ------------------------------------------------------------------------------------------------ checking


@dataclass
class Checked:
    """What the zip holds against its manifest: a line per file and per problem, and whether all is intact."""

    manifest: dict[str, Any] | None = None
    files: list[dict[str, str]] = field(default_factory=list)  # {"path", "status", "message"}
    problems: list[str] = field(default_factory=list)  # beyond single files: the manifest, SHA256SUMS
    sums: bytes | None = None  # SHA256SUMS as found (what the signature covers)
    signature: bytes | None = None  # SHA256SUMS.sig as found (at most MAX_SIGNATURE + 1 bytes)
    pem: bytes | None = None  # signing-key.pem as found, when it matched the manifest

    @property
    def intact(self) -> bool:
        """A readable manifest, every file as listed, none added or removed, SHA256SUMS matching."""
        return self.manifest is not None and not self.problems and all(f["status"] == "ok" for f in self.files)


def check(path: Path) -> Checked:
    """Every member of the zip against the manifest. Raises OSError or zipfile.BadZipFile for a file that is
    not a readable zip (the caller words it)."""
    out = Checked()
    with zipfile.ZipFile(path) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            out.problems.append(f"the zip holds {len(infos):,} files, more than any dossier ({MAX_MEMBERS:,})")
            return out
        manifests = [i for i in infos if i.filename.count("/") == 1 and i.filename.endswith("/" + MANIFEST)]
        if len(manifests) != 1:
            out.problems.append(f"{MANIFEST}: " + ("not found: this is not an fldd dossier, or its manifest was "
                                                   "removed" if not manifests else
                                                   "more than one: this is not one fldd dossier"))
            return out
        root = manifests[0].filename.split("/")[0]
        manifest, manifest_sha = _read_manifest(zf, manifests[0], out)
        if manifest is None:
            return out
        out.manifest = manifest
        _check_members(zf, infos, root, manifest, manifest_sha, out)
    return out


def _read_manifest(zf: zipfile.ZipFile, info: zipfile.ZipInfo, out: Checked) -> tuple[dict | None, str]:
    if info.file_size > MAX_MANIFEST:
        out.problems.append(f"{MANIFEST}: {info.file_size:,} bytes, more than a manifest ever holds")
        return None, ""
    try:
        data = zf.read(info)
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, zipfile.BadZipFile, EOFError, OSError) as exc:
        out.problems.append(f"{MANIFEST}: cannot be read ({exc}): it was changed or damaged")
        return None, ""
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if (not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(files, list)
            or not all(isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str)
                       and isinstance(f.get("size"), int) for f in files)):
        out.problems.append(f"{MANIFEST}: not the manifest of an fldd dossier (its format or file list is not "
                            "as fldd writes them)")
        return None, ""
    return manifest, hashlib.sha256(data).hexdigest()


def _check_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], root: str, manifest: dict,
                   manifest_sha: str, out: Checked) -> None:
    prefix = root + "/"
    listed = {f["path"]: f for f in manifest["files"]}
    seen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename.removeprefix(prefix)
        if name in seen:
            out.files.append(_line(name, "twice", "the zip holds this name twice: readers would disagree on which "
                                                  "one counts"))
        seen[name] = info
    for path, expected in listed.items():
        info = seen.get(path)
        if info is None:
            out.files.append(_line(path, "missing", "listed in the manifest, not in the zip (removed)"))
            continue
        if info.file_size != expected["size"]:  # known from the zip's directory: no need to read it
            out.files.append(_line(path, "changed", f"{info.file_size:,} bytes, not the {expected['size']:,} the "
                                                    "manifest gives (changed after the dossier was made)"))
            continue
        sha, size, damaged = _hash_member(zf, info, expected["size"])
        if damaged:
            out.files.append(_line(path, "damaged", f"the zip entry cannot be read ({damaged})"))
        elif sha != expected["sha256"] or size != expected["size"]:
            out.files.append(_line(path, "changed", "its sha256 is not the one in the manifest (changed after "
                                                    "the dossier was made)"))
        else:
            out.files.append(_line(path, "ok", ""))
            if path == KEY_FILE and size <= MAX_SIGNATURE:
                out.pem = zf.read(info)
    for name in seen:
        if name not in listed and name not in (MANIFEST, SUMS, SIGNATURE_FILE):
            out.files.append(_line(name, "added", "in the zip, not listed in the manifest (added after the "
                                                  "dossier was made)"))
    out.signature = _read_small(zf, seen.get(SIGNATURE_FILE), MAX_SIGNATURE)
    _check_sums(zf, seen.get(SUMS), manifest, manifest_sha, out)


def _check_sums(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, manifest: dict, manifest_sha: str,
                out: Checked) -> None:
    """SHA256SUMS against the manifest; what the signature covers is kept in out.sums."""
    if info is None:
        out.problems.append(f"{SUMS}: not in the zip (removed)")
        return
    out.sums = _read_small(zf, info, MAX_MANIFEST)
    if out.sums == sums_text(manifest["files"], manifest_sha):
        return
    if out.sums is not None and f"{manifest_sha}  {MANIFEST}\n".encode() not in out.sums:
        out.problems.append(f"{MANIFEST}: its sha256 is not the one in {SUMS} (the manifest was changed after the "
                            "dossier was made)")
    else:
        out.problems.append(f"{SUMS}: does not match the manifest (changed after the dossier was made)")


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo | None, limit: int) -> bytes | None:
    """A member's bytes, no more than limit + 1 of them (enough to tell it is too big); None when absent or
    unreadable."""
    if info is None:
        return None
    try:
        with zf.open(info) as member:
            return member.read(limit + 1)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
        return None


def _hash_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> tuple[str, int, str]:
    """sha256 and size of a member read as a stream, stopping as soon as it holds more than limit bytes (a
    member bigger than the manifest says is changed, however big); a reason when it cannot be read (bad CRC)."""
    sha, size = hashlib.sha256(), 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(min(_CHUNK, limit - size + 1)):
                sha.update(chunk)
                size += len(chunk)
                if size > limit:
                    break
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        return "", size, str(exc)
    return sha.hexdigest(), size, ""


def _line(path: str, status: str, message: str) -> dict[str, str]:
    return {"path": path, "status": status, "message": message}
