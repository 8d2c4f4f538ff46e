"""No file fldd writes or reads for the user may be its own open database or a file SQLite keeps beside it:
a workbook saved as 'fldd.sqlite3-wal' would replace the journal under the running app."""

from __future__ import annotations

import hashlib

import pytest

from fldd.store.connection import integrity_problems
from fldd.usecases.answer_pack import export_pack
from fldd.usecases.assessments import start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.evidence import attach_evidence
from fldd.usecases.exchange import export_workbook, write_report_xlsx
from fldd.usecases.findings import save_evidence_copy
from fldd.usecases.suppliers import add_supplier, register

LIVE = ["fldd.sqlite3", "fldd.sqlite3-wal", "fldd.sqlite3-shm", "fldd.sqlite3.lock"]


@pytest.fixture
def supplier(ctx):
    return add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])


def _fingerprint(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("name", LIVE)
def test_a_workbook_named_as_the_database_is_refused_and_the_database_is_untouched(ctx, supplier, tmp_path, name):
    before = {n: h for n, h in _fingerprint(tmp_path).items() if n in LIVE}
    with pytest.raises(Rejected) as caught:
        export_workbook(ctx, supplier, "fldd-desktop", tmp_path / "x" / ".." / name)
    (message,) = caught.value.messages
    assert "this is fldd's own database" in message and "nothing was written" in message
    after = {n: h for n, h in _fingerprint(tmp_path).items() if n in LIVE}
    assert set(after) >= {n for n in before if n != "fldd.sqlite3-shm"}
    assert integrity_problems(ctx.store) == [] and [s["name"] for s in register(ctx)] == ["Klang Valley Gloves"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_every_kind_of_output_is_guarded(ctx, supplier, tmp_path):
    assessment = start_assessment(ctx, supplier, "fldd-desktop")
    (tmp_path / "payslip.pdf").write_bytes(b"%PDF-1.4 payslip")
    evidence = attach_evidence(ctx, assessment, None, tmp_path / "payslip.pdf")
    wal = tmp_path / "fldd.sqlite3-wal"
    for write in (lambda: export_pack(ctx, assessment, wal), lambda: write_report_xlsx([], wal),
                  lambda: save_evidence_copy(ctx, evidence, wal)):
        with pytest.raises(Rejected, match="fldd's own database"):
            write()
    assert wal.exists() and integrity_problems(ctx.store) == []


def test_the_database_itself_cannot_be_attached_as_evidence(ctx, supplier, tmp_path):
    assessment = start_assessment(ctx, supplier, "fldd-desktop")
    with pytest.raises(Rejected, match="attaching it would damage the database"):
        attach_evidence(ctx, assessment, None, tmp_path / "fldd.sqlite3")


def test_a_file_beside_the_database_is_written_as_usual(ctx, supplier, tmp_path):
    written = export_workbook(ctx, supplier, "fldd-desktop", tmp_path / "fldd.sqlite3.xlsx")
    assert written.path.stat().st_size > 0 and integrity_problems(ctx.store) == []


def test_an_export_over_the_real_wal_is_refused_when_the_database_was_opened_through_a_link(tmp_path):
    from fldd.usecases.context import open_context

    (tmp_path / "link.sqlite3").symlink_to(tmp_path / "real.sqlite3")
    ctx = open_context(tmp_path / "link.sqlite3")
    try:
        supplier = add_supplier(ctx, "Klang Valley Gloves", "MY")
        for name in ("real.sqlite3-wal", "real.sqlite3.lock", "link.sqlite3"):
            with pytest.raises(Rejected, match="fldd's own database"):
                export_workbook(ctx, supplier, "fldd-desktop", tmp_path / name)
        assert integrity_problems(ctx.store) == []
    finally:
        ctx.close()
def test_a_report_path_is_checked_up_front_without_leaving_anything_behind(ctx, tmp_path):
    from fldd.usecases.output_files import refuse_unwritable

    refuse_unwritable(tmp_path / "not" / "yet" / "report.xlsx")  # write_atomically makes missing folders
    assert not (tmp_path / "not").exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".probe")]
    for name in LIVE:
        with pytest.raises(Rejected):
            refuse_unwritable(ctx.store.path.parent / name)
    (tmp_path / "notes.txt").write_text("a file")
    with pytest.raises(Rejected, match="is a file, not a folder"):
        refuse_unwritable(tmp_path / "notes.txt" / "deeper" / "report.xlsx")
    with pytest.raises(Rejected, match="this is a folder"):
        refuse_unwritable(tmp_path)
    with pytest.raises(Rejected, match="a folder before '..' does not exist"):
        refuse_unwritable(tmp_path / "typo" / ".." / "notes.txt" / "report.xlsx")
    assert not (tmp_path / "typo").exists()
