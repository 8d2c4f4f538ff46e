"""The dossier's signature, as a hostile sender would test it: a file changed and every hash recomputed, with the
signature kept, emptied, removed or replaced by a made-up one, or the whole dossier re-signed with another key.
Each must read INVALID (or name the other key) on the database that made the dossier and on a recipient's; a
genuine dossier is INTACT on both, naming the key by its fingerprint. Also what verify must never do: read on
through a member far bigger than the manifest says, or print a supplier's bidi override raw to the terminal."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fldd.cli import main
from fldd.reports.dossier_signing import fingerprint, key_entry, public_key, public_pem
from fldd.reports.dossier_zip import _hash_member, dumps, sums_text
from fldd.usecases.context import open_context
from fldd.usecases.dossier import verify_dossier, write_dossier
from fldd.usecases.dossier_key import own_fingerprint
from fldd.usecases.errors import Rejected
from fldd.usecases.suppliers import add_supplier
from tests.usecases.test_dossier import members, rewrite, root_of

FORGED = b'{"name": "A Clean Supplier"}\n'


@pytest.fixture
def dossier(ctx, tmp_path):
    add_supplier(ctx, "Mekong Prawn Farm", "VN", goods=["Shrimp"])
    return write_dossier(ctx, "Mekong Prawn Farm", tmp_path / "mekong.zip")


@pytest.fixture
def recipient(tmp_path):
    """Another database: the customer's or the authority's that receives the dossier."""
    other = open_context(tmp_path / "recipient.sqlite3", user="inspector")
    yield other
    other.close()


def forge(path: Path, signature: str, *, key: bytes | None = None) -> None:
    """Swap supplier.json for a forged one, rewrite its sha256 and size in the manifest and SHA256SUMS (none of
    which is secret), and do `signature` to SHA256SUMS.sig: 'keep' it, make it 'empty', leave it 'absent',
    put a 'made-up' key and signature in, or 'resign' with key (a forger's own private key)."""
    root = root_of(path)

    def change(files):
        manifest = json.loads(files[f"{root}/manifest.json"])
        for entry in manifest["files"]:
            if entry["path"] == "supplier.json":
                entry.update(sha256=hashlib.sha256(FORGED).hexdigest(), size=len(FORGED))
        out = {**files, f"{root}/supplier.json": FORGED}
        if signature in ("made-up", "resign"):
            forger = key or Ed25519PrivateKey.generate().private_bytes_raw()
            manifest["signing_key"] = key_entry(public_key(forger))
            out[f"{root}/signing-key.pem"] = pem = public_pem(public_key(forger))
            for entry in manifest["files"]:
                if entry["path"] == "signing-key.pem":
                    entry.update(sha256=hashlib.sha256(pem).hexdigest(), size=len(pem))
        data = dumps(manifest)
        sums = sums_text(manifest["files"], hashlib.sha256(data).hexdigest())
        out[f"{root}/manifest.json"], out[f"{root}/SHA256SUMS"] = data, sums
        if signature == "empty":
            out[f"{root}/SHA256SUMS.sig"] = b""
        elif signature == "absent":
            del out[f"{root}/SHA256SUMS.sig"]
        elif signature == "made-up":
            out[f"{root}/SHA256SUMS.sig"] = bytes(64)
        elif signature == "resign":
            out[f"{root}/SHA256SUMS.sig"] = Ed25519PrivateKey.from_private_bytes(forger).sign(sums)
        return out

    rewrite(path, change)


def text(outcome) -> str:
    return "\n".join(outcome["lines"])


def test_a_genuine_dossier_is_intact_here_and_elsewhere_and_names_its_key(ctx, recipient, dossier):
    key = own_fingerprint(ctx)
    assert re.fullmatch(r"fldd-ed25519:[0-9a-f]{4}(-[0-9a-f]{4}){7}", key)
    here, there = verify_dossier(ctx, dossier), verify_dossier(recipient, dossier)
    assert here["intact"] and there["intact"] and here["signature"] == there["signature"] == "valid"
    assert here["fingerprint"] == there["fingerprint"] == key
    assert f"signed by key {key} (this database): the signature is valid" in here["lines"]
    assert (f"signed by key {key} (another database: compare this fingerprint with the one the sender gave you): "
            "the signature is valid") in there["lines"]
    assert "this database)" not in text(there) and here["this_database"] and not there["this_database"]
    assert here["lines"][-1].startswith("INTACT") and there["lines"][-1].startswith("INTACT")
    manifest = json.loads(next(v for k, v in members(dossier).items() if k.endswith("/manifest.json")))
    assert manifest["signing_key"]["fingerprint"] == key and "signature" not in manifest and "key_id" not in manifest


@pytest.mark.parametrize("how", ["keep", "empty", "absent", "made-up"])
def test_a_changed_file_with_every_hash_recomputed_is_invalid_here_and_elsewhere(ctx, recipient, dossier, how):
    forge(dossier, how)
    for where in (ctx, recipient):
        outcome = verify_dossier(where, dossier)
        assert not outcome["intact"] and outcome["signature"] != "valid", (how, text(outcome))
        assert outcome["lines"][-1].startswith("NOT INTACT")
        assert all(f["status"] == "ok" for f in outcome["files"]), "the hashes themselves were made to match"
    assert verify_dossier(recipient, dossier)["this_database"] is False


@pytest.mark.parametrize("how, status", [("keep", "invalid"), ("empty", "malformed"), ("absent", "missing")])
def test_the_maker_says_its_own_key_is_named_but_the_signature_does_not_hold(ctx, dossier, how, status):
    forge(dossier, how)
    outcome = verify_dossier(ctx, dossier)
    assert outcome["signature"] == status and outcome["this_database"]
    assert f"signature INVALID: {'malformed: ' if how == 'empty' else ''}" in text(outcome)
    assert f"the manifest names this database's own key {own_fingerprint(ctx)}, yet " in text(outcome)


def test_a_made_up_fingerprint_that_is_not_the_public_keys_is_malformed(ctx, recipient, dossier):
    root = root_of(dossier)

    def claim_ours(files):  # another key, but the manifest claims the maker's fingerprint for it
        manifest = json.loads(files[f"{root}/manifest.json"])
        manifest["signing_key"]["public_key"] = public_key(bytes(32)).hex()
        data = dumps(manifest)
        return {**files, f"{root}/manifest.json": data,
                f"{root}/SHA256SUMS": sums_text(manifest["files"], hashlib.sha256(data).hexdigest())}

    rewrite(dossier, claim_ours)
    for where in (ctx, recipient):
        outcome = verify_dossier(where, dossier)
        assert outcome["signature"] == "malformed" and not outcome["intact"]
        assert "the fingerprint in the manifest is not the one of the public key beside it" in text(outcome)


def test_a_dossier_re_signed_with_another_key_names_that_key_and_never_this_database(ctx, recipient, dossier):
    forger = Ed25519PrivateKey.generate().private_bytes_raw()
    theirs = fingerprint(public_key(forger))
    forge(dossier, "resign", key=forger)
    for where in (ctx, recipient):
        outcome = verify_dossier(where, dossier)
        assert outcome["fingerprint"] == theirs != own_fingerprint(ctx) and not outcome["this_database"]
        assert (f"signed by key {theirs} (another database: compare this fingerprint with the one the sender gave "
                "you): the signature is valid") in outcome["lines"]
        assert "(this database)" not in text(outcome)
    readme = members(dossier)[f"{root_of(dossier)}/README.txt"].decode("utf-8")
    flat = " ".join(readme.split())
    assert "compare the key's fingerprint with the one the sender gives you by another channel" in flat
    assert "If the fingerprint you were given is another one, the dossier was not signed by the sender" in flat
    assert own_fingerprint(ctx) in flat, "the README names the maker's key (a forger's README would name theirs)"


def test_a_removed_checksums_file_leaves_the_signature_nothing_to_cover(ctx, recipient, dossier):
    rewrite(dossier, lambda files: {k: v for k, v in files.items() if not k.endswith("/SHA256SUMS")})
    for where in (ctx, recipient):
        outcome = verify_dossier(where, dossier)
        assert outcome["signature"] == "invalid" and "PROBLEM  SHA256SUMS: not in the zip (removed)" in text(outcome)


def test_a_dossier_of_an_earlier_build_signed_with_an_hmac_reads_as_not_signed(ctx, dossier):
    root = root_of(dossier)

    def hmac_era(files):
        manifest = json.loads(files[f"{root}/manifest.json"])
        del manifest["signing_key"]
        manifest["signature"] = {"key_id": "0123456789abcdef", "hmac": "00" * 32}
        out = {k: v for k, v in files.items() if not k.endswith(("/SHA256SUMS.sig", "/signing-key.pem"))}
        manifest["files"] = [f for f in manifest["files"] if f["path"] != "signing-key.pem"]
        data = dumps(manifest)
        return {**out, f"{root}/manifest.json": data,
                f"{root}/SHA256SUMS": sums_text(manifest["files"], hashlib.sha256(data).hexdigest())}

    rewrite(dossier, hmac_era)
    outcome = verify_dossier(ctx, dossier)
    assert outcome["signature"] == "missing" and not outcome["intact"]
    assert "the HMAC of an earlier build of fldd, which no recipient can check" in text(outcome)


def test_a_member_far_bigger_than_the_manifest_says_is_not_read_through(ctx, dossier, monkeypatch):
    name = next(n for n in members(dossier) if n.endswith("/supplier.json"))
    rewrite(dossier, lambda files: {**files, name: bytes(16 * 1024 * 1024)})  # listed with its few bytes
    read = []
    original = zipfile.ZipExtFile.read
    monkeypatch.setattr(zipfile.ZipExtFile, "read", lambda self, n=-1: read.append(original(self, n)) or read[-1])
    outcome = verify_dossier(ctx, dossier)
    assert not outcome["intact"]
    (bad,) = [f for f in outcome["files"] if f["status"] != "ok"]
    assert bad["status"] == "changed" and "16,777,216 bytes, not the" in bad["message"]
    assert sum(map(len, read)) < 1024 * 1024, "the zip's directory already told the size: nothing big is read"
    with zipfile.ZipFile(dossier) as zf:  # and a member whose directory entry is trusted stops past the limit
        read.clear()
        _, size, damaged = _hash_member(zf, zf.getinfo(name), 10)
    assert size == 11 and sum(map(len, read)) == 11 and not damaged


def test_bidi_and_control_characters_from_a_dossier_are_shown_escaped_never_raw(ctx, tmp_path, capsys):
    add_supplier(ctx, "Acme\u202eslived Ltd", "VN", goods=["Shrimp"])
    target = write_dossier(ctx, "Acme\u202eslived Ltd", tmp_path / "acme.zip")
    root = root_of(target)

    def hostile(files):  # a file slipped in, and a manifest made by someone whose name clears the screen
        manifest = json.loads(files[f"{root}/manifest.json"])
        manifest["made_by"] = "eve\x1b[2J\u2067"
        return {**files, f"{root}/invoice\u202efdp.exe": b"x", f"{root}/manifest.json": dumps(manifest)}

    rewrite(target, hostile)
    outcome = verify_dossier(ctx, target)
    shown = text(outcome)
    assert "\u202e" not in shown and "\x1b" not in shown and "\u2067" not in shown
    assert "dossier of Acme<U+202E>slived Ltd" in shown and "by eve<U+001B>[2J<U+2067> with" in shown
    assert "ADDED    invoice<U+202E>fdp.exe: in the zip, not listed in the manifest" in shown
    assert main(["--db", str(ctx.store.path), "report", "verify", str(target)]) == 1
    out = capsys.readouterr().out
    assert "\u202e" not in out and "<U+202E>" in out
    assert main(["--db", str(ctx.store.path), "report", "verify", str(target), "--json"]) == 1
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out
    assert json.loads(out)["supplier"]["name"] == "Acme\u202eslived Ltd", "the JSON still means the name"
    assert json.loads(out)["made_by"] == "eve\x1b[2J\u2067"


def test_a_dossier_is_written_only_to_a_zip_name(ctx, tmp_path, capsys):
    add_supplier(ctx, "Mekong Prawn Farm", "VN", goods=["Shrimp"])
    with pytest.raises(Rejected, match=r"d\.txt: a dossier is a zip file; give a name ending in \.zip"):
        write_dossier(ctx, "Mekong Prawn Farm", tmp_path / "d.txt")
    assert main(["--db", str(ctx.store.path), "report", "dossier", "Mekong Prawn Farm", "-o",
                 str(tmp_path / "d.pdf")]) == 1
    assert "d.pdf: a dossier is a zip file" in capsys.readouterr().err
    assert not list(tmp_path.glob("d.*"))
    assert write_dossier(ctx, "Mekong Prawn Farm", tmp_path / "D.ZIP").exists()


def test_report_key_prints_the_fingerprint_verify_names(ctx, dossier, capsys):
    db = str(ctx.store.path)
    assert main(["--db", db, "report", "key"]) == 0
    out = capsys.readouterr().out
    (key,) = re.findall(r"fldd-ed25519:[0-9a-f-]+", out)
    assert main(["--db", db, "report", "verify", str(dossier)]) == 0
    assert f"signed by key {key} (this database)" in capsys.readouterr().out


@pytest.mark.skipif(not shutil.which("openssl") or not shutil.which("sha256sum"), reason="needs openssl 3, sha256sum")
def test_the_readme_steps_check_the_dossier_without_fldd(ctx, dossier, tmp_path):
    """The three commands the README gives, run as a recipient would, in the unpacked folder."""
    with zipfile.ZipFile(dossier) as zf:
        zf.extractall(tmp_path / "unpacked")
    folder = tmp_path / "unpacked" / root_of(dossier)
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    steps = [re.split(r"\s{3,}", line.strip())[0] for line in readme.splitlines()  # the command, not its note
             if line.strip().startswith(("openssl ", "sha256sum -c"))]
    assert len(steps) == 3
    runs = [subprocess.run(step, check=False, shell=True, cwd=folder, capture_output=True, text=True) for step in steps]
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    assert runs[0].stdout[:32] == own_fingerprint(ctx).removeprefix("fldd-ed25519:").replace("-", "")
    assert "Signature Verified Successfully" in runs[1].stdout
    (folder / "supplier.json").write_bytes(FORGED)
    assert subprocess.run(steps[2], check=False, shell=True, cwd=folder, capture_output=True).returncode != 0
