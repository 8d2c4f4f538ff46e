"""The dossier's README: what the file is, whose it is, who made it and when, a line per file it holds, what it
leaves out, and how a recipient checks that nothing was changed, with fldd or without it.

Plain UTF-8 text with Windows line ends, so Notepad shows it as well as any other editor.
"""

from __future__ import annotations

import textwrap
from typing import Any
from unicodedata import east_asian_width

from fldd.identifiers import IDENTIFIER_SCHEMES
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
                      ("Inherent risk", f"{risk['level']} ({risk['score']} of 10), from its country and goods, on "
                                        f"{editions}")])
    lines += _heading("Made")
    signed = (f"signed with the key {header['key_id']} of the database that made it" if header.get("key_id")
              else "not signed")
    lines += _fields([("On", f"{header['made_at']} (UTC)"), ("By", f"{header['made_by']} ({header['made_as']})"),
                      ("With", f"fldd {header['fldd_version']}"), ("Manifest", signed)])
    lines += _heading(f"Assessments ({len(plan.assessments)})")
    if not plan.assessments:
        lines += ["  None: no assessment of this supplier is recorded. The supplier's record and the records of the",
                  "  workbooks sent to it are included."]
    for part in plan.assessments:
        lines += _para(f"{part.summary}; folder {part.folder}/", indent="  ", later="    ")
    lines += _heading(f"Contents ({len(plan.items) + 3} files)")
    entries = [(README, "This file"), *((item.path, item.what) for item in plan.items),
               (MANIFEST, "Every file above with its sha256 and size, who made the dossier and when, and the "
                          "signature"),
               (SUMS, "The sha256 of every file, manifest.json included, in the form sha256sum reads")]
    for path, what in entries:
        lines += [f"  {path}"] + _para(what, indent="      ", later="      ")
    lines += _heading("Not included")
    for item in LEFT_OUT:
        lines += _para(item, indent="  - ", later="    ")
    lines += _heading("Checking that nothing was changed")
    lines += _para(
        f"{MANIFEST} lists every file with its SHA-256 hash; {SUMS} repeats the hashes, {MANIFEST}'s own included. A "
        "file whose hash matches is byte for byte the file that was put in.")
    lines += ["", "Without fldd: unpack the zip, open a terminal in the folder that holds this README, and run",
              "", f"    sha256sum -c {SUMS}            (Linux; Windows with Git Bash or WSL)",
              f"    shasum -a 256 -c {SUMS}        (macOS)", ""]
    lines += _para("Every line must end in OK. In Windows PowerShell, `Get-FileHash -Algorithm SHA256 FILE` gives "
                   f"one file's hash to compare with its line in {SUMS}. A file added to the folder is not "
                   f"listed in {SUMS}: compare the files present with the list above.")
    lines += [""] + _para(
        f"With fldd: `fldd report verify FILE.zip` checks every file against {MANIFEST}, and reports any file "
        "changed, added or removed.")
    lines += [""] + _para(
        f"The signature in {MANIFEST} is an HMAC keyed with a secret of the database that made the dossier; only "
        "that database can check it (`fldd report verify` there says whether it is valid). Matching hashes "
        "show that the files are those the manifest lists, not who wrote the manifest: to be sure the dossier is "
        "the one that was sent, ask the sender to confirm the SHA-256 of the zip file as received, or to verify "
        "the copy you hold.")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


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
