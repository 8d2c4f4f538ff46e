"""The dossier's README: what the file is, whose it is, who made it and when, a line per file it holds, what it
leaves out, and how a recipient checks that nothing was changed, with fldd or without it.

Plain UTF-8 text with Windows line ends, so Notepad shows it as well as any other editor.
"""

from __future__ import annotations

import textwrap
from typing import Any
from unicodedata import east_asian_width

from fldd.identifiers import IDENTIFIER_SCHEMES
from fldd.reports.dossier_signing import KEY_FILE, SIGNATURE_FILE
from fldd.reports.dossier_zip import MANIFEST, README, SUMS
from fldd.usecases.dossier_contents import LEFT_OUT, Plan

WIDTH = 100


def readme_text(plan: Plan, header: dict[str, Any]) -> bytes:
    """The README of a dossier whose files are planned (README, manifest and SHA256SUMS aside)."""
    s = plan.record
    risk = s["inherent_risk"]
    title = f"Due-diligence dossier: {s['name']}"
    lines = [title, "=" * min(WIDTH, _columns(title)), ""]
    lines += _para(
        "This file holds the forced-labour due diligence done on one supplier, as recorded in fldd: its register "
        "entry and inherent risk, each assessment with its report, data, findings and corrective actions, the "
        "evidence files attached to them, and the records of the questionnaire workbooks sent to the supplier, "
        "received and imported. It is made for a customer's audit, or for a competent authority's request for "
        "information on the due diligence done on a supplier (Regulation (EU) 2024/3015, the Forced Labour "
        "Regulation, applies from 14 December 2027).")
    lines += _heading("Supplier")
    ids = "; ".join(f"{IDENTIFIER_SCHEMES.get(k, (k,))[0]} {v}" for k, v in sorted(s["identifiers"].items()))
    editions = ", ".join(f"{name} ({year})" for name, year in risk["data_editions"].items())
    lines += _fields([("Name", s["name"]), ("Country", f"{risk['country_name']} ({s['country']})"),
                      ("Address", s["address"] or "-"),
                      ("Goods", ", ".join(s["goods"]) or "-"), ("Sector", s["sector"] or "-"),
                      ("Tier in the chain", str(s["chain_tier"])), ("Status in the register", s["status"]),
                      ("Identifiers", ids or "none held"), ("fldd uid", s["uid"]),
                      ("Inherent risk", f"{risk['level']} ({risk['score']} of 10), from its country, goods, recruitment "
                                        f"corridors and raw-material origins (each factor with its source in "
                                        f"supplier.json), on {editions}")])
    lines += _heading("Made")
    key = header["signing_key"]["fingerprint"]
    lines += _fields([("On", f"{header['made_at']} (UTC)"), ("By", f"{header['made_by']} ({header['made_as']})"),
                      ("With", f"fldd {header['fldd_version']}"),
                      ("Signed by key", (f"{key} (Ed25519), the key of the database that made it: compare it with "
                                         "the fingerprint the sender gave you (see the end of this file)"))])
    lines += _heading(f"Assessments ({len(plan.assessments)})")
    if not plan.assessments:
        lines += ["  None: no assessment of this supplier is recorded. The supplier's record and the records of the",
                  "  workbooks sent to it are included."]
    for part in plan.assessments:
        lines += _para(f"{part.summary}; folder {part.folder}/", indent="  ", later="    ")
    lines += _heading(f"Contents ({len(plan.items) + 5} files)")
    entries = [(README, "This file"), *((item.path, item.what) for item in plan.items),
               (KEY_FILE, "The public key that signs this dossier (PEM, for openssl)"),
               (MANIFEST, ("Every file above with its sha256 and size, who made the dossier and when, and the "
                           "public key that signs it with its fingerprint")),
               (SUMS, "The sha256 of every file, manifest.json included, in the form sha256sum reads"),
               (SIGNATURE_FILE, f"The Ed25519 signature of {SUMS}: it covers every file through their hashes")]
    for path, what in entries:
        lines += [f"  {path}"] + _para(what, indent="      ", later="      ")
    lines += _heading("Not included")
    for item in LEFT_OUT:
        lines += _para(item, indent="  - ", later="    ")
    lines += _checking(key)
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _checking(key: str) -> list[str]:
    """How a recipient checks the dossier, with fldd or without it, and why the fingerprint must be compared."""
    lines = _heading("Checking who signed it and that nothing was changed")
    lines += _para(
        f"{MANIFEST} lists every file with its SHA-256 hash; {SUMS} repeats the hashes, {MANIFEST}'s own included, "
        f"and {SIGNATURE_FILE} is the Ed25519 signature of {SUMS}, made with the private key of the database that "
        f"made the dossier. The public key is in {KEY_FILE} and in {MANIFEST}. A signature that holds shows that "
        f"the files are those the key's holder signed; it does not show who holds the key, since anyone can make a "
        "key and sign a dossier with it.")
    lines += [""] + _para(
        f"So compare the key's fingerprint with the one the sender gives you by another channel than this file: "
        "the sender's e-mail signature, the buyer's website, a letter or the cover of a report. Do not take it "
        f"from this README: whoever changed the dossier could change the README too. This dossier says it was "
        f"signed by {key}. If the fingerprint you were given is another one, the dossier was not signed by the "
        "sender, even if every check below passes.")
    lines += ["", "With fldd: `fldd report verify FILE.zip` checks every file, SHA256SUMS and the signature, and",
              "prints the fingerprint of the key that signed. `fldd report key` prints your own key's fingerprint.",
              "", "Without fldd: unpack the zip, open a terminal in the folder that holds this README, and run",
              "", "  1. the fingerprint (compare it with the one the sender gave you):",
              f"       openssl pkey -pubin -in {KEY_FILE} -outform DER | tail -c 32 | sha256sum",
              "     the first 32 hex digits are the fingerprint's, without the dashes (macOS: shasum -a 256)",
              "", "  2. the signature (OpenSSL 3; it must print 'Signature Verified Successfully'):",
              f"       openssl pkeyutl -verify -pubin -inkey {KEY_FILE} -rawin -in {SUMS} -sigfile {SIGNATURE_FILE}",
              "", "  3. every file (every line must end in OK):",
              f"       sha256sum -c {SUMS}            (Linux; Windows with Git Bash or WSL)",
              f"       shasum -a 256 -c {SUMS}        (macOS)", ""]
    lines += _para(f"A file added to the folder is not listed in {SUMS}: compare the files present with the list "
                   "above. In Windows PowerShell, `Get-FileHash -Algorithm SHA256 FILE` gives one file's hash to "
                   f"compare with its line in {SUMS}.")
    return lines


def _heading(title: str) -> list[str]:
    return ["", title, "-" * _columns(title)]


def _columns(text: str) -> int:
    """How many columns text takes in a fixed-width font (Chinese and Japanese characters take two)."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _para(text: str, *, indent: str = "", later: str | None = None) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent if later is None else later,
                         break_on_hyphens=False, break_long_words=False) or [indent]


def _fields(pairs: list[tuple[str, str]]) -> list[str]:
    width = max(len(k) for k, _ in pairs) + 2
    out = []
    for key, value in pairs:
        out += _para(f"{key + ':':<{width}}{value}", indent="  ", later="  " + " " * width)
    return out
