"""Names inside a dossier zip that are safe wherever it is unpacked.

Evidence file names come from users and from other databases (answer packs), so they are hostile: a name may
climb out of its folder (`../`, `/etc`, `C:\\`), hold characters Windows refuses or a device name it reserves
(CON, NUL, COM1), end in a dot or a space that Windows drops, or equal another name in the same folder, in any
case (Windows and macOS fold case), so that unpacking would overwrite one file with the other. A name is made
one plain file name, and a clash in its folder gets " (2)", " (3)" before its extension.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 80  # characters of one name: a dossier unpacked deep in a Windows profile stays under 260 in all
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)", re.IGNORECASE)
_INVISIBLE = ("Cc", "Cf", "Zl", "Zp")  # controls, bidi overrides, line and paragraph separators


def safe_name(name: str, fallback: str = "file") -> str:
    """One file name that stays a single path component on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join("_" if unicodedata.category(ch) in _INVISIBLE else ch for ch in text)
    text = _BAD.sub("_", text)
    text = " ".join(text.split())  # tabs, runs of spaces
    text = text.strip(" .")  # '..', '.hidden', 'name.' (Windows drops a trailing dot or space)
    if not text.strip("_"):
        text = fallback
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if _RESERVED.fullmatch(stem.split(".")[0].rstrip(" ")):
        text = f"_{text}"
    if len(text) > MAX_NAME:
        ext = ext[:16]
        keep = MAX_NAME - (len(ext) + 1 if ext else 0)
        text = text[:keep].rstrip(" .") + (f".{ext}" if ext else "")
    return text


class Folder:
    """Names given out in one folder of the zip: each unique, ignoring case."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, name: str, fallback: str = "file") -> str:
        """A safe name for `name` that no earlier claim in this folder holds (in any case)."""
        base = safe_name(name, fallback)
        stem, dot, ext = base.rpartition(".")
        if not dot or not stem:
            stem, dot, ext = base, "", ""
        candidate, n = base, 1
        while candidate.casefold() in self._taken:
            n += 1
            candidate = f"{stem} ({n}){dot}{ext}"
        self._taken.add(candidate.casefold())
        return candidate
