"""The JSON answer pack: one assessment as it travels from one fldd to another, checked before it is trusted.

A pack is refused before parsing when it is too big; parsed strictly (no duplicate keys, no NaN); validated
against the published schema (questionnaires/schema/answer-pack.schema.json), every problem naming its field;
and its digest recomputed. The digest catches a pack changed after export; the HMAC signature, keyed with the
exporting database's secret, can only be checked by that same database (there is no shared key between a
supplier's and a buyer's fldd), so a pack from another database is trusted for its content hash and for
answers that its questionnaire accepts, nothing more.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

FORMAT = "fldd-answer-pack"
PROTOCOL = 1
MAX_BYTES = 5 * 1024 * 1024  # a 400-question pack with long comments is well under 1 MB
MAX_KEYS = 5000  # keys in one JSON object: the schema's maxProperties of answers and comments
# Keys in the whole pack: answers and comments (5,000 each), two per money answer, the header's few. Counted
# before parsing, as a closing quote followed by a colon, and the counting stops past the limit: a pack of
# 350,000 keys is refused in milliseconds (parsing it would take half a second before any check could run).
MAX_TOTAL_KEYS = 50_000
_KEY_END = re.compile(rb'"[ \t\r\n]*:')
SCHEMA_FILE = "answer-pack.schema.json"
UNSIGNED = ("digest", "signature")


class PackError(ValueError):
    """A pack that cannot be read or does not fit the schema; `problems` name the field of each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Signature:
    """What the signature tells: whether the pack was signed, by this database, and whether it holds."""

    present: bool
    ours: bool
    valid: bool


def canonical(pack: dict[str, Any]) -> bytes:
    """The bytes that the digest and the signature cover: the pack without them, as canonical JSON."""
    body = {k: v for k, v in pack.items() if k not in UNSIGNED}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def digest(pack: dict[str, Any]) -> str:
    """'sha256:' and the hex digest of the canonical content."""
    return "sha256:" + hashlib.sha256(canonical(pack)).hexdigest()


def key_id(secret: str) -> str:
    """A short public name of a secret key (16 hex digits of its SHA-256): tells whose key signed a pack."""
    return hashlib.sha256(bytes.fromhex(secret)).hexdigest()[:16]


def seal(pack: dict[str, Any], secret: str | None) -> dict[str, Any]:
    """The pack with its digest and, when a secret is given, its signature."""
    sealed = {k: v for k, v in pack.items() if k not in UNSIGNED}
    sealed["digest"] = digest(sealed)
    sealed["signature"] = None
    if secret:
        mac = hmac.new(bytes.fromhex(secret), canonical(sealed), hashlib.sha256).hexdigest()
        sealed["signature"] = {"key_id": key_id(secret), "hmac": mac}
    return sealed


def check_signature(pack: dict[str, Any], secret: str | None) -> Signature:
    """Whether the pack is signed, with this database's key, and whether the signature holds."""
    signature = pack.get("signature")
    if not signature:
        return Signature(False, False, False)
    if not secret or signature["key_id"] != key_id(secret):
        return Signature(True, False, False)
    mac = hmac.new(bytes.fromhex(secret), canonical(pack), hashlib.sha256).hexdigest()
    return Signature(True, True, hmac.compare_digest(mac, signature["hmac"]))


def dumps(pack: dict[str, Any]) -> bytes:
    """The file's bytes: readable, UTF-8, keys in a stable order."""
    return (json.dumps(pack, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def loads(data: bytes, max_entries: int = MAX_KEYS) -> dict[str, Any]:
    """A pack from a file's bytes, validated against the schema and its digest; PackError names each problem.

    max_entries: the most answers (and comments) a pack may hold, checked before the schema (whose validation
    costs about 0.1 ms an entry): the importer passes the question count of its largest questionnaire."""
    if len(data) > MAX_BYTES:
        raise PackError([f"the file is {len(data):,} bytes; an answer pack is at most {MAX_BYTES:,}"])
    if sum(1 for _ in islice(_KEY_END.finditer(data), MAX_TOTAL_KEYS + 1)) > MAX_TOTAL_KEYS:
        raise PackError([f"not an answer pack: it holds more than {MAX_TOTAL_KEYS:,} keys (an answer pack holds a "
                         "few hundred): refused before reading it"])
    try:
        text = data.decode("utf-8-sig")
        pack = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise PackError(["not an answer pack: the file is not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise PackError([f"not an answer pack: invalid JSON at line {exc.lineno}, column {exc.colno} "
                         f"({exc.msg})"]) from None
    except RecursionError:
        raise PackError(["not an answer pack: nested too deeply"]) from None
    except ValueError as exc:
        raise PackError([f"not an answer pack: {exc}"]) from None
    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        raise PackError([f"not an answer pack: 'format' is not \"{FORMAT}\""])
    for name in ("answers", "comments"):
        held = pack.get(name)
        if isinstance(held, dict) and len(held) > max_entries:
            raise PackError([f"{name}: {len(held):,} entries, more than any questionnaire here has questions "
                             f"({max_entries}): refused before reading them"])
    problems = schema_problems(pack)
    if problems:
        raise PackError(problems)
    if pack["digest"] != digest(pack):
        raise PackError(["digest: the content does not match its digest: the pack was changed after it was "
                         "exported"])
    return pack


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """One JSON object, refused when it has more keys than any pack holds or a key twice (in linear time: a
    pack of 350,000 keys is refused at once, not after minutes)."""
    if len(pairs) > MAX_KEYS:
        raise ValueError(f"an object holds {len(pairs):,} keys; an answer pack holds at most {MAX_KEYS:,} in one")
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        doubled = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise ValueError(f"the key '{doubled}' appears twice in one object")
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    from fldd.paths import questionnaires_dir

    schema = json.loads((questionnaires_dir() / "schema" / SCHEMA_FILE).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def schema_problems(pack: object) -> list[str]:
    """Every way the pack breaks the published schema, each as 'field.path: what is wrong'."""
    problems = []
    for error in sorted(_validator().iter_errors(pack), key=lambda e: [str(p) for p in e.absolute_path]):
        field = ".".join(str(p) for p in error.absolute_path) or "(the pack)"
        problems.append(f"{field}: {_message(error)}")
    return problems


def _message(error) -> str:
    """jsonschema's message, put plainly for the cases a person meets."""
    value = json.dumps(error.instance, ensure_ascii=False)
    value = value if len(value) <= 60 else value[:57] + "..."
    if error.validator == "oneOf":
        return (f"{value} is not an answer value (text, a number, a list of option values, or "
                "{\"amount\": ..., \"currency\": \"XXX\"})")
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field(s)")
    if error.validator == "pattern":
        return f"{value} is not {error.schema.get('description', 'in the expected form')}"
    return error.message
