"""The due-diligence dossier, as its recipients use it: an authority or a customer's auditor that checks nothing
was changed (with fldd or with sha256sum), a buyer whose evidence arrived with hostile file names, a supplier
never assessed, and a person who cancels half way."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from fldd.cli import main
from fldd.reports.dossier_names import Folder, safe_name
from fldd.store import evidence as store_evidence
from fldd.usecases.context import open_context
from fldd.usecases.dossier import verify_dossier, write_dossier
from fldd.usecases.errors import Rejected
from fldd.usecases.findings import attach_evidence, list_findings
from fldd.usecases.suppliers import add_supplier
from tests.usecases.conftest import TODAY
from tests.usecases.test_findings import submitted  # noqa: F401 - the fixture

HOSTILE = ["../../../etc/passwd", "/etc/shadow", "C:\\Windows\\win.ini", "..", "CON.txt", "nul", "payslip.pdf",
           "PAYSLIP.PDF", "a|b?<c>.pdf", "trailing dot. ", "tab\there\r\n.txt", "\u202egpj.exe", "évidence.jpg",
           "e\u0301vidence.jpg", "x" * 300 + ".pdf"]


@pytest.fixture
def dossier(ctx, submitted, tmp_path):  # noqa: F811 - the fixture imported above
    """A submitted assessment with files on an answer (some named by a hostile pack), and a photo on the
    corrective action of its excessive-hours finding; its dossier written."""
    aid = submitted.id
    for n, name in enumerate(HOSTILE):
        store_evidence.add(ctx.store, f"file {n}".encode(), name, assessment_id=aid, question_id="hrs_peak_weekly_max")
    (finding,) = [r for r in list_findings(ctx) if r["threshold_id"] == "excessive_hours"]
    photo = tmp_path / "rota.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n the new rota")
    attach_evidence(ctx, finding["action_id"], photo, note="rota posted")
    target = tmp_path / "out" / "dossier.zip"
    assert write_dossier(ctx, "Klang Valley Gloves", target) == target
    return target


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def rewrite(path: Path, change) -> None:
    """Rebuild the zip (valid CRCs, as any zip tool would write it) with change(files) applied."""
    files = change(members(path))
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)


def root_of(path: Path) -> str:
    return next(iter(members(path))).split("/")[0]


def test_the_dossier_verifies_and_holds_the_record_data_evidence_and_a_signed_manifest(ctx, dossier):
    files = members(dossier)
    root = root_of(dossier)
    names = [n.removeprefix(root + "/") for n in files]
    assert names[0] == "README.txt" and names[-4:] == ["signing-key.pem", "manifest.json", "SHA256SUMS",
                                                       "SHA256SUMS.sig"]
    manifest = json.loads(files[f"{root}/manifest.json"])
    assert [f["path"] for f in manifest["files"]] == names[:-3], "every file but the manifest, SHA256SUMS and its " \
                                                                 "signature"
    for entry in manifest["files"]:
        data = files[f"{root}/{entry['path']}"]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["size"] == len(data)
    assert manifest["made_by"] == "amina" and manifest["supplier"]["name"] == "Klang Valley Gloves"
    assert manifest["signing_key"]["fingerprint"].startswith("fldd-ed25519:") and manifest["fldd_version"]
    folder = next(n for n in names if n.startswith("assessments/")).split("/")[:2]
    data = json.loads(files[f"{root}/{'/'.join(folder)}/assessment.json"])
    assert data["status"] == "submitted" and data["findings"]
    actions = json.loads(files[f"{root}/{'/'.join(folder)}/corrective-actions.json"])
    (hours,) = [f for f in actions if f["threshold_id"] == "excessive_hours"]
    assert [e["kind"] for e in hours["history"]] == ["created", "evidence"]
    report = files[f"{root}/{'/'.join(folder)}/report.xlsx"]
    assert openpyxl.load_workbook(io.BytesIO(report))["Summary"]["B2"].value == "Klang Valley Gloves"
    pdf = PdfReader(io.BytesIO(files[f"{root}/{'/'.join(folder)}/report.pdf"]))
    assert "Klang Valley Gloves" in pdf.pages[0].extract_text()
    supplier = json.loads(files[f"{root}/supplier.json"])
    assert supplier["inherent_risk"]["data_editions"] and "notes" not in supplier
    assert any(n.endswith(f"/evidence/findings/finding-{hours['id']}/rota.png") for n in names)
    outcome = verify_dossier(ctx, dossier)
    assert outcome["intact"] and outcome["signature"] == "valid"
    assert "(this database): the signature is valid" in "\n".join(outcome["lines"])
    assert outcome["lines"][-1].startswith("INTACT")
    assert all(line.startswith("ok ") for line in outcome["lines"][1:-2])


def test_sha256sum_reads_the_checksums_file_and_every_line_matches(dossier, tmp_path):
    files = members(dossier)
    root = root_of(dossier)
    sums = files[f"{root}/SHA256SUMS"].decode("utf-8").splitlines()
    assert len(sums) == len(files) - 2, "every file but SHA256SUMS and its signature"
    for line in sums:
        digest, path = line.split("  ", 1)
        assert hashlib.sha256(files[f"{root}/{path}"]).hexdigest() == digest, path
    readme = files[f"{root}/README.txt"].decode("utf-8")
    assert "sha256sum -c SHA256SUMS" in readme and "Klang Valley Gloves" in readme


@pytest.mark.parametrize("which", ["README.txt", "supplier.json", "assessment.json", "payslip.pdf", "rota.png",
                                   "workbooks/sent.json"])
def test_a_changed_byte_in_any_file_is_detected_and_the_file_named(ctx, dossier, which):
    name = next(n for n in members(dossier) if n.endswith("/" + which))

    def flip(files):
        data = bytearray(files[name])
        data[len(data) // 2] ^= 0x01
        return {**files, name: bytes(data)}

    rewrite(dossier, flip)
    outcome = verify_dossier(ctx, dossier)
    path = name.split("/", 1)[1]
    assert not outcome["intact"]
    assert f"CHANGED  {path}: its sha256 is not the one in the manifest (changed after the dossier was made)" \
        in outcome["lines"]
    assert [f["path"] for f in outcome["files"] if f["status"] != "ok"] == [path]


def test_a_byte_changed_in_the_zip_itself_is_caught_as_a_damaged_file(ctx, dossier):
    raw = bytearray(dossier.read_bytes())
    at = raw.index(b"the new rota")  # the photo is stored as it is (already compressed formats are not deflated)
    raw[at] ^= 0x20
    dossier.write_bytes(bytes(raw))
    outcome = verify_dossier(ctx, dossier)
    assert not outcome["intact"]
    (bad,) = [f for f in outcome["files"] if f["status"] != "ok"]
    assert bad["path"].endswith("/rota.png") and bad["status"] == "damaged"


def test_an_added_file_is_detected_and_named(ctx, dossier):
    root = root_of(dossier)
    rewrite(dossier, lambda files: {**files, f"{root}/assessments/extra.pdf": b"slipped in"})
    outcome = verify_dossier(ctx, dossier)
    assert not outcome["intact"]
    assert ("ADDED    assessments/extra.pdf: in the zip, not listed in the manifest (added after the dossier was "
            "made)") in outcome["lines"]


def test_a_removed_file_is_detected_and_named(ctx, dossier):
    name = next(n for n in members(dossier) if n.endswith("/corrective-actions.json"))
    rewrite(dossier, lambda files: {k: v for k, v in files.items() if k != name})
    outcome = verify_dossier(ctx, dossier)
    assert not outcome["intact"]
    assert f"REMOVED  {name.split('/', 1)[1]}: listed in the manifest, not in the zip (removed)" in outcome["lines"]


def test_a_changed_manifest_is_detected(ctx, dossier):
    root = root_of(dossier)

    def edit(files):
        manifest = json.loads(files[f"{root}/manifest.json"])
        manifest["made_by"] = "someone else"
        return {**files, f"{root}/manifest.json": json.dumps(manifest).encode()}

    rewrite(dossier, edit)
    outcome = verify_dossier(ctx, dossier)
    assert not outcome["intact"]
    text = "\n".join(outcome["lines"])
    assert ("PROBLEM  manifest.json: its sha256 is not the one in SHA256SUMS (the manifest was changed after the "
            "dossier was made)") in text
    assert outcome["lines"][-1] == "NOT INTACT: 1 problem found"


def test_a_file_swapped_with_a_manifest_made_to_match_fails_the_signed_checksums_here_and_elsewhere(
        ctx, dossier, tmp_path):
    """A forger who changes a file and rewrites its hash in the manifest (not secret), but not SHA256SUMS, which
    the signature covers. (test_dossier_signature forges SHA256SUMS and the signature too.)"""
    root = root_of(dossier)
    name = next(n for n in members(dossier) if n.endswith("/supplier.json"))

    def forge(files):
        manifest = json.loads(files[f"{root}/manifest.json"])
        forged = b'{"name": "A Clean Supplier"}\n'
        for entry in manifest["files"]:
            if entry["path"] == "supplier.json":
                entry.update(sha256=hashlib.sha256(forged).hexdigest(), size=len(forged))
        return {**files, name: forged, f"{root}/manifest.json": json.dumps(manifest).encode()}

    rewrite(dossier, forge)
    here = verify_dossier(ctx, dossier)
    assert not here["intact"]
    assert any("manifest.json: its sha256 is not the one in SHA256SUMS" in line for line in here["lines"])
    elsewhere = open_context(tmp_path / "recipient.sqlite3", user="inspector")
    try:
        there = verify_dossier(elsewhere, dossier)
    finally:
        elsewhere.close()
    assert not there["intact"] and not there["this_database"]
    assert ("PROBLEM  manifest.json: its sha256 is not the one in SHA256SUMS (the manifest was changed after the "
            "dossier was made)") in there["lines"]


def test_a_recipient_database_checks_every_file_and_the_signature(dossier, tmp_path):
    elsewhere = open_context(tmp_path / "recipient.sqlite3", user="inspector")
    try:
        outcome = verify_dossier(elsewhere, dossier)
    finally:
        elsewhere.close()
    assert outcome["intact"] and outcome["signature"] == "valid" and not outcome["this_database"]
    assert any(line.startswith("signed by key fldd-ed25519:") and "(another database: compare this fingerprint" in line
               for line in outcome["lines"])


def test_hostile_evidence_names_stay_inside_the_dossier_folder_and_never_overwrite_each_other(ctx, dossier):
    files = members(dossier)
    root = root_of(dossier)
    evidence = [n for n in files if "/evidence/answers/" in n]
    assert len(evidence) == len(HOSTILE), "every file is there, none lost to a clash"
    for name in files:
        parts = name.split("/")
        assert parts[0] == root and all(p not in ("", ".", "..") for p in parts), name
        assert not any(ch in name for ch in '\\:*?"<>|\t\r\n\u202e'), name
        assert all(not p.endswith((".", " ")) for p in parts), name
        assert all(p.split(".")[0].upper() not in ("CON", "NUL", "PRN", "AUX") for p in parts), name
        assert len(parts[-1]) <= 90
    folded = [n.casefold() for n in files]
    assert len(set(folded)) == len(folded), "no two names that a Windows or macOS folder would take as one"
    index_name = next(k for k in files if k.endswith("/evidence.json"))
    index = json.loads(files[index_name])
    assert sorted(e["file_name"] for e in index if e["question"]) == sorted(HOSTILE)
    base = index_name.rsplit("/", 1)[0]
    for entry in index:  # each original name maps to the file holding its bytes
        assert hashlib.sha256(files[f"{base}/{entry['path']}"]).hexdigest() == entry["sha256"]


def test_safe_names_for_what_windows_and_unix_refuse():
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("..") == "file" and safe_name("   ") == "file"
    assert safe_name("CON.txt") == "_CON.txt" and safe_name("com1") == "_com1" and safe_name("console.txt") == \
        "console.txt"
    assert safe_name("C:\\x.pdf") == "C__x.pdf" and safe_name("report. ") == "report"
    folder = Folder()
    assert [folder.claim(n) for n in ("a.pdf", "A.PDF", "a.pdf", "a (2).pdf")] == \
        ["a.pdf", "A (2).PDF", "a (3).pdf", "a (2) (2).pdf"]


def test_a_supplier_with_no_assessments_still_gets_a_dossier(ctx, tmp_path):
    name = "../Mekong: Prawn\\Farm/.."
    supplier = add_supplier(ctx, name, "VN", goods=["Shrimp"], identifiers={"os_id": ""})
    target = write_dossier(ctx, supplier, tmp_path / "mekong.zip")
    files = members(target)
    root = root_of(target)
    assert root == f"dossier _Mekong_ Prawn_Farm_ {TODAY.isoformat()}", "the supplier's name makes one plain folder"
    assert all(n.startswith(root + "/") for n in files)
    assert not any("/assessments/" in n for n in files)
    assert f"{root}/supplier.json" in files and f"{root}/workbooks/sent.json" in files
    assert "None: no assessment of this supplier is recorded" in files[f"{root}/README.txt"].decode()
    assert verify_dossier(ctx, target)["intact"]


def test_the_same_data_gives_the_same_entries_and_hashes(ctx, dossier, tmp_path):
    again = write_dossier(ctx, "Klang Valley Gloves", tmp_path / "again.zip")
    first, second = (json.loads(next(v for k, v in members(p).items() if k.endswith("/manifest.json")))
                     for p in (dossier, again))
    def stable(files):  # the README says when the dossier was made; the PDF report carries its own creation time
        return [f for f in files if f["path"] != "README.txt" and not f["path"].endswith(".pdf")]

    assert stable(first["files"]) == stable(second["files"])
    assert any(f["path"].endswith("/report.xlsx") for f in stable(first["files"]))
    with zipfile.ZipFile(again) as zf:
        assert {i.date_time for i in zf.infolist()} == {(TODAY.year, TODAY.month, TODAY.day, 12, 0, 0)}


def test_progress_is_told_per_file_and_a_cancel_writes_nothing(ctx, submitted, tmp_path):  # noqa: F811
    seen = []
    target = tmp_path / "cancelled.zip"
    result = write_dossier(ctx, submitted.supplier.id, target, progress=lambda d, t, w: seen.append((d, t, w)),
                           cancelled=lambda: len(seen) >= 3)
    assert result is None and not target.exists()
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".zip", ".part")], "no half file left"
    assert [d for d, _, _ in seen] == [1, 2, 3] and seen[0][2] == "README.txt"
    seen.clear()
    write_dossier(ctx, submitted.supplier.id, target, progress=lambda d, t, w: seen.append((d, t, w)))
    total = seen[0][1]
    assert [d for d, _, _ in seen] == list(range(1, total + 1)) and seen[-1][2] == "manifest.json"


def test_an_unknown_supplier_or_a_file_that_is_no_zip_is_rejected(ctx, tmp_path):
    with pytest.raises(Rejected, match="no supplier with the id or name 'Nobody'"):
        write_dossier(ctx, "Nobody", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(Rejected, match="bad.zip: not a dossier"):
        verify_dossier(ctx, bad)


def test_the_commands_exit_0_for_an_intact_dossier_and_1_for_a_changed_one(ctx, submitted, tmp_path,  # noqa: F811
                                                                            capsys):
    db = str(ctx.store.path)
    target = tmp_path / "cli.zip"
    assert main(["--db", db, "report", "dossier", str(submitted.supplier.id), "-o", str(target)]) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    assert main(["--db", db, "report", "verify", str(target)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("INTACT: every file matches the manifest, and the signature of key fldd-ed25519:")
    assert last.endswith("(this database) holds")
    name = next(n for n in members(target) if n.endswith("/supplier.json"))
    rewrite(target, lambda files: {**files, name: files[name] + b" "})
    assert main(["--db", db, "report", "verify", str(target), "--json"]) == 1
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["intact"] is False
    assert [f["path"] for f in outcome["files"] if f["status"] == "changed"] == ["supplier.json"]
    assert main(["--db", db, "report", "dossier", "Nobody", "-o", str(tmp_path / "n.zip")]) == 1


def test_an_evidence_file_damaged_in_the_database_stops_the_dossier_and_leaves_no_file(ctx, dossier, tmp_path):
    photo = hashlib.sha256(b"\x89PNG\r\n\x1a\n the new rota").hexdigest()
    with ctx.store.write() as db:
        db.execute("UPDATE evidence_blobs SET data = ? WHERE sha256 = ?", [b"\x89PNG\r\n\x1a\n the old rota", photo])
    target = tmp_path / "damaged.zip"
    with pytest.raises(Rejected, match="rota.png: stored bytes do not match their sha256; the file is damaged: the "
                                       "dossier was not written"):
        write_dossier(ctx, "Klang Valley Gloves", target)
    assert not target.exists() and not list(tmp_path.glob(".damaged.zip*"))


def test_worker_interview_figures_in_the_dossier_single_out_no_worker(ctx, tmp_path):
    """One worker whose passport is held, two who paid a fee, eleven of twelve who saw violence: the data file
    words each as the report does, and drops the interviewer's note and the rules that tell the counts."""
    from tests.reports.report_builders import onsite_with_counts

    aid = onsite_with_counts(ctx, {"wi_interviewed": 12, "wi_paid_fees": 2, "wi_no_own_passport": 1,
                                   "wi_violence": 11}, comment="W-007 told us he paid 2 months")
    target = write_dossier(ctx, "Delta Sewing Ltd", tmp_path / "delta.zip")
    files = members(target)
    data = json.loads(next(v for k, v in files.items() if k.endswith("/assessment.json")))
    assert data["answers"]["wi_interviewed"] == 12
    assert data["answers"]["wi_paid_fees"] == "fewer than 3"
    assert data["answers"]["wi_no_own_passport"] == "fewer than 3"
    assert data["answers"]["wi_violence"] == "more than 9"
    assert "wi_paid_fees" not in data["comments"]
    assert data["result"]["derived"]["wi_fee_pct"] == "not shown (small group)"
    for trigger in data["result"]["triggers"]:
        assert all(v in ("fewer than 3", "more than 9", 12) for k, v in trigger["values"].items()
                   if k.startswith("wi_")), trigger["id"]
    actions = json.loads(next(v for k, v in files.items() if k.endswith("/corrective-actions.json")))
    assert actions and all(not f["detail"] for f in actions if any(q.startswith("wi_") for q in f["because"]))
    text = b"".join(v for k, v in files.items() if k.endswith((".json", ".txt")))
    assert b"W-007" not in text and b"wi_no_own_passport = 1" not in text and b"16.66" not in text
    book = openpyxl.load_workbook(io.BytesIO(next(v for k, v in files.items() if k.endswith("/report.xlsx"))))
    assert not [c.value for ws in book for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and "W-007" in c.value]
    assert aid and verify_dossier(ctx, target)["intact"]


def test_too_few_interviews_show_no_count_in_the_dossier_data(ctx, tmp_path):
    from tests.reports.report_builders import onsite_with_counts

    onsite_with_counts(ctx, {"wi_workforce_on_site": 300, "wi_interviewed": 2, "wi_paid_fees": 0})
    files = members(write_dossier(ctx, "Delta Sewing Ltd", tmp_path / "few.zip"))
    data = json.loads(next(v for k, v in files.items() if k.endswith("/assessment.json")))
    assert data["answers"]["wi_interviewed"] == 2  # a sample size, as every report tells it
    assert data["answers"]["wi_paid_fees"] == "not shown (small group)"
    assert data["answers"]["wi_workforce_on_site"] == 300, "the site's workforce is about the site, not a worker"
    (check,) = [c for c in data["sampling"]["checks"] if c["rule"] == "worker_interviews"]
    assert check["done"] == 2
