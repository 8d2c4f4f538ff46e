"""What `fldd report verify` says of a dossier, a line per file and per problem, then the signature: the key's
fingerprint and whether it is this database's own or another's, which the recipient must compare with the
fingerprint the sender gave by another channel (a valid signature only says which key signed)."""

from __future__ import annotations

from pathlib import Path

from fldd.reports.dossier_signing import SignatureCheck
from fldd.reports.dossier_zip import Checked

STATUS_WORDS = {"ok": "ok", "changed": "CHANGED", "missing": "REMOVED", "added": "ADDED", "damaged": "DAMAGED",
                "twice": "TWICE"}
HMAC_WORDS = (" (it carries the HMAC of an earlier build of fldd, which no recipient can check: make the dossier "
              "again)")
ANOTHER = "another database: compare this fingerprint with the one the sender gave you"


def signature_lines(path: Path, checked: Checked, signature: SignatureCheck, own: bool, intact: bool) -> list[str]:
    """The lines verify prints (raw: the caller escapes what the dossier's own text may hold)."""
    manifest = checked.manifest or {}
    lines = []
    if checked.manifest is not None:
        who = manifest.get("supplier") if isinstance(manifest.get("supplier"), dict) else {}
        lines.append(f"{path.name}: dossier of {who.get('name', '?')} (uid {who.get('uid', '?')}), made "
                     f"{manifest.get('made_at', '?')} by {manifest.get('made_by', '?')} with fldd "
                     f"{manifest.get('fldd_version', '?')}; {len(manifest.get('files', []))} files listed")
    for item in checked.files:
        word = STATUS_WORDS.get(item["status"], item["status"].upper())
        lines.append(f"{word:<8} {item['path']}" + (f": {item['message']}" if item["message"] else ""))
    lines += [f"PROBLEM  {problem}" for problem in checked.problems]
    lines.append(_signature_line(signature, own))
    bad = sum(1 for f in checked.files if f["status"] != "ok") + len(checked.problems) + (signature.status != "valid")
    lines.append(f"INTACT: every file matches the manifest, and the signature of key {signature.fingerprint} "
                 f"({'this database' if own else 'another database'}) holds" if intact else
                 f"NOT INTACT: {bad} problem{'s' if bad != 1 else ''} found")
    return lines


def _signature_line(signature: SignatureCheck, own: bool) -> str:
    key = signature.fingerprint
    if signature.status == "valid":
        return f"signed by key {key} ({'this database' if own else ANOTHER}): the signature is valid"
    if signature.status == "none":
        return f"signature not checked: {signature.reason}"
    if signature.status == "missing":
        claim = f"; the manifest names this database's own key {key}, yet the dossier carries no signature" if own \
            else ""
        return (f"signature INVALID: not signed ({signature.reason}): nothing shows who made this dossier or that its "
                f"files are the ones signed{claim}")
    claim = f"; the manifest names this database's own key {key}, yet this signature does not hold" if own else ""
    named = f" (the manifest names key {key})" if key and not own else ""
    word = "malformed: " if signature.status == "malformed" else ""
    return f"signature INVALID: {word}{signature.reason}{named}{claim}"
