"""The `_fldd` metadata of a workbook and its keyed signature.

The signature is HMAC-SHA256, keyed with the exporting database's secret, over every metadata value but the
signature itself (as canonical JSON). It binds the export id, supplier, questionnaire and question-row
fingerprint to the database that wrote them; answers are the supplier's and are not signed. The binding ties
the metadata to the workbook's own Supplier sheet (the export id shown there and what the buyer held for each
field), so that another workbook's hidden metadata copied in is caught.
"""

from __future__ import annotations

import hashlib
import hmac
import json

# In the order written; every key is required on import.
KEYS = ("protocol", "questionnaire", "version", "content_hash", "export_id", "supplier_uid", "supplier_name",
        "language", "exported_at", "exported_by", "fingerprint")
BINDING = "binding"  # written since the binding was added; an older workbook has none (see PROTOCOL.md)
SIGNATURE = "signature"


def canonical(meta: dict[str, str]) -> bytes:
    """The bytes that are signed: every key but the signature, sorted, as compact JSON."""
    signed = {k: v for k, v in meta.items() if k != SIGNATURE}
    return json.dumps(signed, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def sign(meta: dict[str, str], secret: str) -> str:
    """The signature of `meta` under the database's secret (hex)."""
    return hmac.new(bytes.fromhex(secret), canonical(meta), hashlib.sha256).hexdigest()


def verify(meta: dict[str, str], secret: str | None) -> bool:
    """Whether `meta` carries a valid signature under `secret` (compared in constant time)."""
    given = meta.get(SIGNATURE, "")
    if not secret or not given:
        return False
    return hmac.compare_digest(sign(meta, secret), given)


def binding(supplier_sheet: str, reference: str, on_file: list[tuple[str, str]]) -> str:
    """sha256 over the Supplier sheet's title, the export id it shows, and each field's key and value on file
    (whitespace collapsed, as spreadsheets rewrap text)."""
    digest = hashlib.sha256(f"fldd-binding-1\x1f{supplier_sheet}\x1f{reference}\x1e".encode())
    for key, value in on_file:
        digest.update(f"{key}\x1f{' '.join(value.split())}\x1e".encode())
    return digest.hexdigest()
