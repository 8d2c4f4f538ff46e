"""This database's dossier signing key: an Ed25519 key pair made on first use and kept in the settings table,
like the workbook secret. The private key never leaves the database (a backup of the database holds it); its
fingerprint is what the user gives recipients, by another channel than the dossier, to check it against."""

from __future__ import annotations

from fldd.reports.dossier_signing import fingerprint, new_private_key, public_key
from fldd.store import settings
from fldd.usecases.context import AppContext

SETTING = "dossier_signing_key"  # the 32 raw bytes of the Ed25519 private key, in hex


def private_key(ctx: AppContext, *, create: bool = False) -> bytes | None:
    """This database's private signing key; made now when create (the first dossier), else None if never made."""
    stored = settings.get(ctx.store, SETTING)
    if stored:
        return bytes.fromhex(stored)
    if not create:
        return None
    key = new_private_key()
    settings.put(ctx.store, SETTING, key.hex())
    return key


def own_fingerprint(ctx: AppContext, *, create: bool = False) -> str | None:
    """The fingerprint of this database's signing key (None when it has none and create is False)."""
    key = private_key(ctx, create=create)
    return fingerprint(public_key(key)) if key else None
