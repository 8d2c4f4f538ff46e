"""One supplier's due-diligence dossier: write it (one zip: README, the supplier's record, each assessment's
reports, data, corrective actions and evidence, the workbook records, the public key, a manifest, SHA256SUMS
and its signature) and verify one.

The dossier is signed with this database's Ed25519 key (dossier_key), which any recipient can check with the
public key the dossier carries (dossier_signing). A dossier is INTACT only when every file matches the manifest
and the signature holds; a signature that holds tells which key signed, so verifying names the key's
fingerprint and whether it is this database's own: the recipient compares it with the one the sender gave.
Dossiers of earlier builds, signed with an HMAC only their maker could check, were never released and read as
not signed.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fldd import __version__
from fldd.reports.dossier_names import safe_name
from fldd.reports.dossier_signing import KEY_FILE, SignatureCheck, check_signature, key_entry, public_key, public_pem
from fldd.reports.dossier_zip import README, DossierZip, check
from fldd.store.clock import now
from fldd.terminal_text import shown
from fldd.usecases.context import AppContext
from fldd.usecases.dossier_verdict import HMAC_WORDS, signature_lines
from fldd.usecases.errors import Rejected
from fldd.usecases.output_files import refuse_unwritable, write_atomically

Progress = Callable[[int, int, str], None]


class _Cancelled(Exception):
    """Raised inside the write so that the half-written file is dropped."""


def write_dossier(ctx: AppContext, supplier: str | int, target: Path | str, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Write the dossier of a supplier (id or exact name) to target (.zip); None, and no file, when cancelled.

    progress(done, total, path) after each file; cancelled() is asked between files."""
    from fldd.usecases.dossier_contents import plan_dossier
    from fldd.usecases.dossier_key import private_key
    from fldd.usecases.dossier_readme import readme_text
    from fldd.usecases.exchange import find_supplier

    target = Path(target)
    if target.suffix.lower() != ".zip":
        raise Rejected([f"{target}: a dossier is a zip file; give a name ending in .zip"])
    refuse_unwritable(target)
    plan = plan_dossier(ctx, find_supplier(ctx, supplier))
    key = private_key(ctx, create=True)
    header: dict[str, Any] = {
        "made_at": now(), "made_by": ctx.user, "made_as": ctx.role, "fldd_version": __version__,
        "signing_key": key_entry(public_key(key)), "supplier": {"uid": plan.supplier.uid, "id": plan.supplier.id,
                                               "name": plan.supplier.name, "country": plan.supplier.country}}
    today = ctx.today()
    root = f"dossier {safe_name(plan.supplier.name, 'supplier')[:60].rstrip(' .')} {today.isoformat()}"
    total = len(plan.items) + 3  # the README first, the public key, then the manifest, SHA256SUMS and signature

    def write(handle) -> None:
        out = DossierZip(handle, root, today)
        try:
            out.add_bytes(README, readme_text(plan, header), "This file: what the dossier holds and how to check it")
            _step(progress, cancelled, 1, total, README)
            for done, item in enumerate(plan.items, start=2):
                out.add(item.path, item.chunks(), item.what, size_hint=item.size_hint)
                _step(progress, cancelled, done, total, item.path)
            out.add_bytes(KEY_FILE, public_pem(public_key(key)), "The public key that signs this dossier (PEM, for "
                                                                 "openssl)")
            _step(progress, cancelled, total - 1, total, KEY_FILE)
        except BaseException:
            out.close()  # the half-written file is dropped by write_atomically
            raise
        out.finish(header, key)
        if progress:
            progress(total, total, "manifest.json")

    try:
        write_atomically(target, write)
    except _Cancelled:
        return None
    except ValueError as exc:  # an evidence file whose stored bytes no longer match their sha256
        raise Rejected([f"{exc}: the dossier was not written"]) from None
    return target


def _step(progress: Progress | None, cancelled: Callable[[], bool] | None, done: int, total: int, what: str) -> None:
    if progress:
        progress(done, total, what)
    if cancelled and cancelled():
        raise _Cancelled()


def verify_dossier(ctx: AppContext, path: Path | str) -> dict[str, Any]:
    """Check a dossier: every file against the manifest (changed, added, removed), SHA256SUMS against the
    manifest, and the signature against the public key the manifest names. {"intact", "lines", "files",
    "problems", "signature" ('valid', 'missing', 'malformed', 'invalid' or 'none'), "signature_problem",
    "fingerprint" (of the key the manifest names), "this_database" (whether that is this database's key),
    "own_fingerprint", "supplier", "made_at", "made_by"}; the lines show no control or bidi character raw.
    Rejected for a file that is not a readable zip."""
    from fldd.usecases.dossier_key import own_fingerprint

    path = Path(path)
    try:
        checked = check(path)
    except OSError as exc:
        raise Rejected([f"{path}: cannot read the file ({exc.strerror or exc})"]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise Rejected([f"{path}: not a dossier: the file is not a zip archive fldd can read ({exc})"]) from None
    manifest = checked.manifest
    if manifest is None:
        signature = SignatureCheck("none", None, "there is no readable manifest")
    else:
        signature = check_signature(manifest, checked.sums, checked.signature, checked.pem)
        if signature.status == "missing" and isinstance(manifest.get("signature"), dict):
            signature = SignatureCheck("missing", signature.fingerprint, signature.reason + HMAC_WORDS)
    ours = own_fingerprint(ctx)
    own = signature.fingerprint is not None and signature.fingerprint == ours
    intact = checked.intact and signature.status == "valid"
    lines = signature_lines(path, checked, signature, own, intact)
    manifest = manifest or {}
    return {"intact": intact, "lines": [shown(line) for line in lines], "files": checked.files,
            "problems": checked.problems, "signature": signature.status, "signature_problem": signature.reason,
            "fingerprint": signature.fingerprint, "this_database": own, "own_fingerprint": ours,
            "supplier": manifest.get("supplier"), "made_at": manifest.get("made_at"),
            "made_by": manifest.get("made_by")}
