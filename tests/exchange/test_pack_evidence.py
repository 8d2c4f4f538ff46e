"""Answer packs with their evidence files (a zip with a manifest of sha256 per file).

The disputes these settle: the supplier who attaches a 30 MB PDF and must see it arrive whole, linked to its
answer; the buyer who gets a zip bomb (or a zip with traversal names, a lying size, a swapped file) instead,
and must see it refused at once, naming the file, with nothing written but the import log."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import time
import warnings
import zipfile

import pytest

from fldd.exchange.answer_pack import dumps, seal
from fldd.store import evidence as store_evidence
from fldd.store.exchange import data_checksum, imports
from fldd.usecases.answer_pack import export_pack, import_pack
from fldd.usecases.errors import Rejected
from fldd.usecases.evidence import attach_evidence
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.received_workbook import open_received
from fldd.usecases.write_back import write_back
from tests.exchange.test_received_workbook import ANSWERS, answer, supplier_db  # noqa: F401 - a fixture

MB = 1024 * 1024


@pytest.fixture
def answered(every_ctx, every_supplier, supplier_db, tmp_path):  # noqa: F811 - the fixture imported above
    """The buyer's workbook opened and answered in the supplier's fldd: (supplier db, its assessment id)."""
    sent = export_workbook(every_ctx, every_supplier, "xchg-every", tmp_path / "mail" / "sent.xlsx").path
    opened = open_received(supplier_db, sent)
    answer(supplier_db, opened.assessment_id)
    return supplier_db, opened.assessment_id


def big_pdf(path, size=30 * MB):
    """A PDF-sized file that does not compress (as scanned pages do not)."""
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(size - 9))
    return path


def test_a_30_mb_pdf_arrives_whole_and_linked_to_its_answer(every_ctx, answered, tmp_path):
    supplier, assessment_id = answered
    pdf = big_pdf(tmp_path / "payroll-march.pdf")
    attach_evidence(supplier, assessment_id, "wage", pdf, note="signed by the workers")
    attach_evidence(supplier, assessment_id, None, pdf)  # the same file for the whole assessment: stored once
    [back] = import_paths(every_ctx, [write_back(supplier, assessment_id).path])
    assert back.outcome == "accepted"

    pack = export_pack(supplier, assessment_id, tmp_path / "out" / "answers.zip")
    [report] = import_paths(every_ctx, [pack])

    assert report.outcome == "accepted", [str(e) for e in report.errors]
    assert (report.assessment_id, report.revision) == (back.assessment_id, 2)
    assert [c.what for c in report.changes] == ["evidence", "evidence"]
    rows = store_evidence.list_for(every_ctx.store, assessment_id=report.assessment_id)
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert [(r["question_id"], r["file_name"], r["sha256"], r["size"]) for r in rows] == [
        ("wage", "payroll-march.pdf", digest, 30 * MB), (None, "payroll-march.pdf", digest, 30 * MB)]
    assert rows[0]["note"] == "signed by the workers" and rows[0]["added_by"] == "siti"
    assert store_evidence.content(every_ctx.store, rows[0]["id"])[1] == pdf.read_bytes()
    [again] = import_paths(every_ctx, [pack])
    assert again.outcome == "unchanged"


def test_a_zip_pack_alone_creates_the_assessment_with_answers_and_evidence(every_ctx, answered, tmp_path):
    supplier, assessment_id = answered
    note = tmp_path / "policy.txt"
    note.write_text("Our recruitment policy", encoding="utf-8")
    attach_evidence(supplier, assessment_id, "topics", note)

    [report] = import_paths(every_ctx, [export_pack(supplier, assessment_id, tmp_path / "answers.zip")])

    assert report.outcome == "accepted", [str(e) for e in report.errors]
    [row] = store_evidence.list_for(every_ctx.store, assessment_id=report.assessment_id)
    assert (row["question_id"], row["file_name"]) == ("topics", "policy.txt")


def test_a_json_pack_cannot_claim_evidence_it_does_not_carry(every_ctx, answered, tmp_path):
    supplier, assessment_id = answered
    zipped = export_pack(supplier, assessment_id, tmp_path / "answers.zip")
    path = tmp_path / "answers.json"
    pack = json.loads(zipfile.ZipFile(zipped).read("pack.json"))
    pack["evidence"] = [{"question": "wage", "file_name": "x.pdf", "sha256": "0" * 64, "size": 3}]
    path.write_bytes(dumps(seal(pack, None)))

    messages = rejected(every_ctx, path)

    assert any("evidence: the pack lists 1 file(s)" in m for m in messages)


def test_evidence_too_big_for_the_buyers_fldd_is_refused_when_the_pack_is_written(answered, tmp_path, monkeypatch):
    from fldd.exchange import pack_zip

    supplier, assessment_id = answered
    attach_evidence(supplier, assessment_id, "wage", big_pdf(tmp_path / "scan.pdf", 2 * MB))
    monkeypatch.setattr(pack_zip, "MAX_ZIP_BYTES", MB)

    with pytest.raises(Rejected) as refused:
        export_pack(supplier, assessment_id, tmp_path / "answers.zip")

    assert "the buyer's fldd would refuse it" in refused.value.messages[0]
    assert not (tmp_path / "answers.zip").exists()


# ---------------------------------------------------------------------------------------------- hostile zips


def rejected(ctx, path):
    """Import a file that must be refused: nothing changes but one rejected row in the import log."""
    before = data_checksum(ctx.store)
    started = time.perf_counter()
    report = import_pack(ctx, path)
    elapsed = time.perf_counter() - started
    assert report.outcome == "rejected"
    assert elapsed < 2.0  # refused before anything big is inflated
    assert data_checksum(ctx.store) == before
    logged = imports(ctx.store, limit=1)[0]
    assert (logged["file_name"], logged["outcome"]) == (path.name, "rejected")
    messages = [str(e) for e in report.errors]
    assert messages and all(m.startswith(f"{path.name}: ") for m in messages)
    return messages


@pytest.fixture
def good_zip(answered, tmp_path):
    supplier, assessment_id = answered
    proof = tmp_path / "proof.txt"
    proof.write_bytes(b"wage slips, March")
    attach_evidence(supplier, assessment_id, "wage", proof)
    return export_pack(supplier, assessment_id, tmp_path / "good.zip")


def rebuild(source, target, change):
    """A copy of a pack zip with its members changed by change(members: list[(name, bytes)])."""
    with zipfile.ZipFile(source) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    change(members)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point of one test
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                zf.writestr(name, data)
    return target


def patch_directory(path, name, offset, fmt, value):
    """Overwrite one field of a member's central directory entry (what zip readers trust for sizes)."""
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02" + b"", 0)
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == name.encode():
            struct.pack_into(fmt, data, at + offset, value)
            path.write_bytes(bytes(data))
            return path
        at = data.rfind(b"PK\x01\x02", 0, at)
    raise KeyError(name)


def test_a_zip_bomb_is_refused_before_it_is_inflated(every_ctx, good_zip, tmp_path):
    zeros = bytes(40 * MB)
    name = f"evidence/{hashlib.sha256(zeros).hexdigest()}"
    bomb = rebuild(good_zip, tmp_path / "bomb.zip", lambda m: m.append((name, zeros)))
    assert bomb.stat().st_size < MB

    messages = rejected(every_ctx, bomb)

    assert any("would expand" in m and "zip bomb" in m for m in messages)


def test_a_zip_that_declares_more_than_the_limit_is_refused(every_ctx, good_zip, tmp_path):
    bomb = tmp_path / "declared.zip"
    bomb.write_bytes(good_zip.read_bytes())
    patch_directory(bomb, "pack.json", 24, "<I", 300 * MB)

    messages = rejected(every_ctx, bomb)

    assert any("would expand to 300 MB" in m for m in messages)


def test_a_member_that_lies_about_its_size_is_refused(every_ctx, good_zip, tmp_path):
    liar = tmp_path / "liar.zip"
    liar.write_bytes(good_zip.read_bytes())
    patch_directory(liar, "pack.json", 24, "<I", 100)  # inflates to far more than it says

    messages = rejected(every_ctx, liar)

    assert any("damaged" in m for m in messages)


def test_an_unsupported_zip_version_is_refused_naming_the_file(every_ctx, good_zip, tmp_path):
    odd = tmp_path / "version.zip"
    odd.write_bytes(good_zip.read_bytes())
    patch_directory(odd, "pack.json", 6, "<H", 0xFF)  # "version needed to extract": one flipped byte

    messages = rejected(every_ctx, odd)

    assert any("damaged or uses a form fldd does not read" in m for m in messages)


@pytest.mark.parametrize("name", ["../../evil.sh", "/etc/cron.d/evil", "evidence/../pack.json", "evidence\\..\\x",
                                  "evidence/" + "a" * 64, "Pack.json"])
def test_a_member_an_answer_pack_never_has_is_refused(every_ctx, good_zip, tmp_path, name):
    odd = rebuild(good_zip, tmp_path / "odd.zip", lambda m: m.append((name, b"x")))

    messages = rejected(every_ctx, odd)

    assert any("an answer pack never has" in m or "does not match its sha256" in m for m in messages)


def test_a_member_named_twice_is_refused(every_ctx, good_zip, tmp_path):
    twice = rebuild(good_zip, tmp_path / "twice.zip", lambda m: m.append(m[0]))

    messages = rejected(every_ctx, twice)

    assert any("names a member twice" in m for m in messages)


def test_too_many_members_are_refused(every_ctx, good_zip, tmp_path):
    many = rebuild(good_zip, tmp_path / "many.zip", lambda m: m.extend((f"n{i}", b"") for i in range(2001)))

    messages = rejected(every_ctx, many)

    assert any("lists 2003 files (limit 2000)" in m for m in messages)


def test_a_swapped_file_is_refused_by_its_sha256(every_ctx, good_zip, tmp_path):
    def swap(members):
        index = next(i for i, (name, _) in enumerate(members) if name.startswith("evidence/"))
        members[index] = (members[index][0], b"wage slips, April")

    messages = rejected(every_ctx, rebuild(good_zip, tmp_path / "swapped.zip", swap))

    assert any("does not match its sha256" in m for m in messages)


def test_a_manifest_that_disagrees_with_the_files_is_refused(every_ctx, good_zip, tmp_path):
    def lie(members):
        pack = json.loads(members[0][1])
        pack["evidence"][0]["size"] += 1
        members[0] = ("pack.json", dumps(seal(pack, None)))
        members.append((f"evidence/{hashlib.sha256(b'extra').hexdigest()}", b"extra"))

    messages = rejected(every_ctx, rebuild(good_zip, tmp_path / "manifest.zip", lie))

    assert any("the manifest says" in m for m in messages)
    assert any("that the manifest does not list" in m for m in messages)


def test_a_file_that_is_not_a_zip_is_refused(every_ctx, tmp_path):
    fake = tmp_path / "fake.zip"
    fake.write_bytes(io.BytesIO(b"%PDF-1.4 not a zip").getvalue())

    messages = rejected(every_ctx, fake)

    assert any("not one" in m for m in messages)


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("<HH", (0xFFFF, 0xFFFF), "lists 65535 or more files (limit 2000)"),  # as a zip64 of a million entries says
    ("<I", (600_000,), "the archive's directory is 600,000 bytes"),  # the count says 2, the size thousands
])
def test_an_end_record_announcing_a_huge_directory_is_refused_before_it_is_read(every_ctx, good_zip, tmp_path,
                                                                                 field, value, expected):
    odd = tmp_path / "directory.zip"
    data = bytearray(good_zip.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into(field, data, end + (8 if field == "<HH" else 12), *value)
    odd.write_bytes(bytes(data))

    messages = rejected(every_ctx, odd)

    assert any(expected in m for m in messages)
