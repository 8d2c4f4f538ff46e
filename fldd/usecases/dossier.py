"""One supplier's due-diligence dossier: write it (one zip: README, the supplier's record, each assessment's
reports, data, corrective actions and evidence, the workbook records, a signed manifest and SHA256SUMS) and
verify one.

The manifest is signed like the workbooks and answer packs: an HMAC keyed with this database's secret, which
only this database can check. So verifying always checks every file against the manifest's sha256 (and that
none was added or removed), and checks the signature only when this database made it; of a dossier made
elsewhere it says plainly that the signature cannot be checked here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fldd import __version__
from fldd.exchange.answer_pack import check_signature, key_id
from fldd.reports.dossier_names import safe_name
from fldd.reports.dossier_zip import README, Checked, DossierZip, check
from fldd.store.clock import now
from fldd.usecases.context import AppContext
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
    from fldd.usecases.dossier_readme import readme_text
    from fldd.usecases.exchange import find_supplier, workbook_secret

    target = Path(target)
    refuse_unwritable(target)
    plan = plan_dossier(ctx, find_supplier(ctx, supplier))
    secret = workbook_secret(ctx, create=True)
    header: dict[str, Any] = {
        "made_at": now(), "made_by": ctx.user, "made_as": ctx.role, "fldd_version": __version__,
        "key_id": key_id(secret), "supplier": {"uid": plan.supplier.uid, "id": plan.supplier.id,
                                               "name": plan.supplier.name, "country": plan.supplier.country}}
    today = ctx.today()
    root = f"dossier {safe_name(plan.supplier.name, 'supplier')[:60].rstrip(' .')} {today.isoformat()}"
    total = len(plan.items) + 2  # the README first, the manifest and SHA256SUMS last

    def write(handle) -> None:
        out = DossierZip(handle, root, today)
        try:
            out.add_bytes(README, readme_text(plan, header), "This file: what the dossier holds and how to check it")
            _step(progress, cancelled, 1, total, README)
            for done, item in enumerate(plan.items, start=2):
                out.add(item.path, item.chunks(), item.what, size_hint=item.size_hint)
                _step(progress, cancelled, done, total, item.path)
        except BaseException:
            out.close()  # the half-written file is dropped by write_atomically
            raise
        out.finish(header, secret)
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
    manifest, and the signature when this database made it. {"intact", "lines", "files", "problems",
    "signature", "supplier", "made_at", "made_by"}; Rejected for a file that is not a readable zip."""
    from fldd.usecases.exchange import workbook_secret

    path = Path(path)
    try:
        checked = check(path)
    except OSError as exc:
        raise Rejected([f"{path}: cannot read the file ({exc.strerror or exc})"]) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise Rejected([f"{path}: not a dossier: the file is not a zip archive fldd can read ({exc})"]) from None
    manifest = checked.manifest or {}
    signature = _signature(manifest, workbook_secret(ctx)) if checked.manifest is not None else "none"
    intact = checked.intact and signature != "invalid"
    return {"intact": intact, "lines": _lines(path, checked, signature, intact), "files": checked.files,
            "problems": checked.problems, "signature": signature, "supplier": manifest.get("supplier"),
            "made_at": manifest.get("made_at"), "made_by": manifest.get("made_by"),
            "key_id": (manifest.get("signature") or {}).get("key_id") if isinstance(manifest, dict) else None}


def _signature(manifest: dict, secret: str | None) -> str:
    """'valid' or 'invalid' (signed by this database), 'elsewhere' (another database's key) or 'unsigned'."""
    sig = manifest.get("signature")
    if not isinstance(sig, dict) or not isinstance(sig.get("key_id"), str) or not isinstance(sig.get("hmac"), str):
        return "unsigned"
    found = check_signature(manifest, secret)
    if not found.ours:
        return "elsewhere"
    return "valid" if found.valid else "invalid"


SIGNATURE_WORDS = {
    "valid": "signed by this database (key {key}): valid",
    "invalid": "signed by this database (key {key}): INVALID: the manifest was changed after it was signed",
    "elsewhere": "signed by another database (key {key}): fldd cannot check a signature made elsewhere (only the "
                 "database that made the dossier holds its key); the files were checked against the manifest's "
                 "sha256 only",
    "unsigned": "not signed: the files were checked against the manifest's sha256 only",
    "none": "signature not checked: there is no readable manifest",
}
STATUS_WORDS = {"ok": "ok", "changed": "CHANGED", "missing": "REMOVED", "added": "ADDED", "damaged": "DAMAGED",
                "twice": "TWICE"}


def _lines(path: Path, checked: Checked, signature: str, intact: bool) -> list[str]:
    manifest = checked.manifest or {}
    lines = []
    if checked.manifest is not None:
        who = manifest.get("supplier") or {}
        lines.append(f"{path.name}: dossier of {who.get('name', '?')} (uid {who.get('uid', '?')}), made "
                     f"{manifest.get('made_at', '?')} by {manifest.get('made_by', '?')} with fldd "
                     f"{manifest.get('fldd_version', '?')}; {len(manifest.get('files', []))} files listed")
    for item in checked.files:
        word = STATUS_WORDS.get(item["status"], item["status"].upper())
        lines.append(f"{word:<8} {item['path']}" + (f": {item['message']}" if item["message"] else ""))
    lines += [f"PROBLEM  {problem}" for problem in checked.problems]
    key = (manifest.get("signature") or {}).get("key_id", "?") if isinstance(manifest.get("signature"), dict) else "?"
    lines.append(SIGNATURE_WORDS[signature].format(key=key))
    bad = sum(1 for f in checked.files if f["status"] != "ok") + len(checked.problems) + (signature == "invalid")
    lines.append("INTACT: every file matches the manifest" if intact else
                 f"NOT INTACT: {bad} problem{'s' if bad != 1 else ''} found")
    return lines
