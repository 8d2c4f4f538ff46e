"""Text from a file someone else made, as fldd prints it to a terminal: a RIGHT-TO-LEFT OVERRIDE in a supplier's
name or a file name would turn the rest of the line around (so 'gpj.exe' reads 'exe.jpg'), and a control
character can move the cursor or clear the line. Such characters are shown as <U+202E>, never sent raw."""

from __future__ import annotations

import json
import re
import unicodedata

_HIDDEN = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")  # controls, bidi and other format marks, separators, unknown
_ANY_HIDDEN = re.compile("[^\x20-\x7e]")
_JSON_HIDDEN = re.compile("[^\x20-\x7e\n]")  # json.dumps escapes a newline inside a string: the rest is layout


def shown(text: str) -> str:
    """text with every control, format (bidi, zero-width) and unassigned character written as <U+XXXX>."""
    return _ANY_HIDDEN.sub(lambda m: _escape(m.group()) if _hidden(m.group()) else m.group(), text)


def json_shown(data: object) -> str:
    """data as indented JSON for a terminal: readable in any script, with those characters as \\u escapes (the
    JSON means the same)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return _JSON_HIDDEN.sub(lambda m: _json_escape(m.group()) if _hidden(m.group()) else m.group(), text)


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN


def _escape(char: str) -> str:
    return f"<U+{ord(char):04X}>"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
