"""The log of sent workbooks: one row per file, and its return read from the import log since it was sent."""

from __future__ import annotations

import sqlite3

import pytest

from fldd.store import exchange, exports, suppliers
from fldd.store.connection import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "fldd.sqlite3")
    yield s
    s.close()


@pytest.fixture
def supplier(store):
    return suppliers.add(store, {"name": "Acme Garments", "country": "BD", "goods": ["Garments"]})


def _sent(store, supplier, export_id="e-1", when="2026-10-01T09:00:00Z", **extra):
    return exports.record(store, export_id=export_id, supplier_id=supplier, questionnaire_id="fldd-desktop",
                          version="1.0.0", tier="desktop", language="es", file_name="Acme.xlsx", exported_by="amina",
                          exported_at=when, **extra)


def _imported(store, export_id, outcome, when, sha="ab" * 32):
    return exchange.record_import(store, file_name="back.xlsx", sha256=sha, outcome=outcome, errors=[],
                                  export_id=export_id, imported_at=when)


def test_a_sent_workbook_is_logged_with_who_what_and_when(store, supplier):
    row_id = _sent(store, supplier)

    [row] = exports.sent(store)
    assert row["id"] == row_id and exports.count(store) == 1
    assert {k: row[k] for k in ("export_id", "supplier_id", "supplier", "questionnaire_id", "questionnaire_version",
                                "tier", "language", "exported_at", "exported_by", "file_name", "assessment_id",
                                "returned_at")} == {
        "export_id": "e-1", "supplier_id": supplier, "supplier": "Acme Garments", "questionnaire_id": "fldd-desktop",
        "questionnaire_version": "1.0.0", "tier": "desktop", "language": "es", "exported_at": "2026-10-01T09:00:00Z",
        "exported_by": "amina", "file_name": "Acme.xlsx", "assessment_id": None, "returned_at": None}


def test_the_first_applied_import_returns_it_rejected_ones_do_not(store, supplier):
    _sent(store, supplier)
    _imported(store, "e-1", "rejected", "2026-10-03T10:00:00Z", sha="01" * 32)
    _imported(store, "e-1", "accepted_incomplete", "2026-10-05T10:00:00Z", sha="02" * 32)
    _imported(store, "e-1", "accepted", "2026-10-09T10:00:00Z", sha="03" * 32)
    _imported(store, "e-2", "accepted", "2026-10-02T10:00:00Z", sha="04" * 32)  # another export

    [row] = exports.sent(store)
    assert (row["returned_at"], row["returned_outcome"]) == ("2026-10-05T10:00:00Z", "accepted_incomplete")


def test_a_re_sent_assessment_counts_only_files_imported_after_it_went_out(store, supplier):
    _sent(store, supplier, "uid-1", "2026-01-10T09:00:00Z")
    _imported(store, "uid-1", "accepted", "2026-02-01T09:00:00Z", sha="01" * 32)
    _sent(store, supplier, "uid-1", "2026-10-01T09:00:00Z")  # the assessment re-sent for its yearly update
    _imported(store, "uid-1", "unchanged", "2026-10-20T09:00:00Z", sha="01" * 32)  # the February file again

    first, again = exports.sent(store)
    assert first["returned_at"] == "2026-02-01T09:00:00Z" and again["returned_at"] is None

    _imported(store, "uid-1", "unchanged", "2026-10-25T09:00:00Z", sha="05" * 32)  # sent back with no change
    assert exports.sent(store)[1]["returned_at"] == "2026-10-25T09:00:00Z"


def test_one_suppliers_exports_oldest_first(store, supplier):
    other = suppliers.add(store, {"name": "Bravo", "country": "VN"})
    _sent(store, supplier, "e-2", "2026-10-02T09:00:00Z")
    _sent(store, other, "e-3", "2026-09-01T09:00:00Z")
    _sent(store, supplier, "e-1", "2026-10-01T09:00:00Z")

    assert [r["export_id"] for r in exports.sent(store)] == ["e-3", "e-1", "e-2"]
    assert [r["export_id"] for r in exports.sent(store, supplier)] == ["e-1", "e-2"]


def test_an_export_must_name_its_supplier(store):
    with pytest.raises(sqlite3.IntegrityError):
        _sent(store, 999)
    assert exports.count(store) == 0


def test_a_database_made_before_the_log_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)  # wind the file back to how 0003 left it
    conn.execute("DROP TABLE exports")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_workbook_exports'")
    conn.commit()
    conn.close()

    store = open_store(path)
    try:
        assert "exports" in store.db.table_names() and exports.sent(store) == []
    finally:
        store.close()
    assert len(list(tmp_path.glob("old.before-0004_workbook_exports-*.sqlite3"))) == 1
