"""The dossier's signature: Ed25519, so that anyone holding the public key can check it, not only the database
that made it (an HMAC could be checked only by its maker, and a recipient had to take the manifest on trust).

What is signed is the exact bytes of SHA256SUMS, which holds the sha256 of every file and of manifest.json: one
signature covers them all, and a recipient checks it with `openssl pkeyutl -verify -rawin` and then
`sha256sum -c`, with no fldd. The public key travels in the dossier (in the manifest and as signing-key.pem),
so a signature that holds tells only which key signed: the recipient compares the key's fingerprint with the
one the sender gave by another channel. The fingerprint is short enough to read out: 'fldd-ed25519:' and the
first 32 hex digits of the sha256 of the raw 32-byte public key, in groups of four.

The only module that imports cryptography.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "Ed25519"
PREFIX = "fldd-ed25519:"
KEY_FILE = "signing-key.pem"
SIGNATURE_FILE = "SHA256SUMS.sig"
SIGNATURE_SIZE = 64


def new_private_key() -> bytes:
    """A fresh private key, as its 32 raw bytes."""
    return Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                                      serialization.NoEncryption())


def public_key(private: bytes) -> bytes:
    """The 32 raw bytes of the public key of a private key."""
    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public: bytes) -> str:
    """'fldd-ed25519:' and 32 hex digits of the key's sha256 in groups of four: what a sender reads out."""
    hexed = hashlib.sha256(public).hexdigest()[:32]
    return PREFIX + "-".join(hexed[i:i + 4] for i in range(0, 32, 4))


def public_pem(public: bytes) -> bytes:
    """The public key as a PEM file openssl reads."""
    return Ed25519PublicKey.from_public_bytes(public).public_bytes(serialization.Encoding.PEM,
                                                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def sign(private: bytes, data: bytes) -> bytes:
    """The 64-byte signature of data."""
    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def key_entry(public: bytes) -> dict[str, str]:
    """The manifest's `signing_key`: the algorithm, the public key in hex and its fingerprint."""
    return {"algorithm": ALGORITHM, "public_key": public.hex(), "fingerprint": fingerprint(public)}


@dataclass(frozen=True)
class SignatureCheck:
    """What the signature tells: 'valid', 'missing', 'malformed' or 'invalid'; the fingerprint of the key the
    manifest names (None when it names none it can be read from), and why, when not valid."""

    status: str
    fingerprint: str | None
    reason: str = ""


def check_signature(manifest: dict[str, Any], sums: bytes | None, signature: bytes | None,
                    pem: bytes | None) -> SignatureCheck:
    """The signature of SHA256SUMS against the public key the manifest names (and signing-key.pem, when there,
    must be that key)."""
    entry = manifest.get("signing_key")
    claimed = entry.get("fingerprint") if isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str) \
        else None
    if signature is None:
        return SignatureCheck("missing", claimed, f"{SIGNATURE_FILE} is not in the zip")
    if entry is None:
        return SignatureCheck("missing", None, "the manifest names no signing key")
    public = _public(entry)
    if public is None:
        return SignatureCheck("malformed", claimed, "the manifest's signing key is not an Ed25519 public key")
    if claimed != fingerprint(public):
        return SignatureCheck("malformed", claimed, "the fingerprint in the manifest is not the one of the public "
                                                    "key beside it")
    if len(signature) != SIGNATURE_SIZE:
        return SignatureCheck("malformed", claimed, f"{SIGNATURE_FILE} holds {len(signature)} bytes, not the "
                                                    f"{SIGNATURE_SIZE} of an Ed25519 signature")
    if pem is not None and pem != public_pem(public):
        return SignatureCheck("invalid", claimed, f"{KEY_FILE} is not the key the manifest names")
    if sums is None:
        return SignatureCheck("invalid", claimed, "SHA256SUMS, which the signature covers, is not in the zip")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, sums)
    except InvalidSignature:
        return SignatureCheck("invalid", claimed, "it does not verify with the key the manifest names: SHA256SUMS "
                                                  "or the signature was changed after the dossier was signed")
    return SignatureCheck("valid", claimed)


def _public(entry: Any) -> bytes | None:
    if not isinstance(entry, dict) or entry.get("algorithm") != ALGORITHM or not isinstance(entry.get("public_key"),
                                                                                             str):
        return None
    try:
        public = bytes.fromhex(entry["public_key"])
        Ed25519PublicKey.from_public_bytes(public)
    except ValueError:
        return None
    return public
