"""Suggested supplier corrections: one pending per supplier and field, no duplicates, a history that is kept."""

from __future__ import annotations

import sqlite3

import pytest

from fldd.store import corrections, suppliers
from fldd.store.connection import open_store
from fldd.store.errors import NotFound


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "fldd.sqlite3")
    yield s
    s.close()


@pytest.fixture
def supplier(store):
    return suppliers.add(store, {"name": "Acme Garments", "country": "BD", "goods": ["Garments"]})


def _suggest(store, supplier, field="address", suggested="2 Mill Road", **extra):
    return corrections.suggest(store, supplier_id=supplier, field=field, on_file="1 Mill Road", suggested=suggested,
                               file_name="acme.xlsx", file_sha256="ab" * 32, export_id="e-1", who="amina", **extra)


def test_a_suggestion_is_kept_pending_with_where_it_came_from(store, supplier):
    correction_id = _suggest(store, supplier, received_at="2026-11-20T08:00:00Z")

    row = corrections.get(store, correction_id)
    assert {k: row[k] for k in ("supplier", "field", "on_file", "suggested", "file_name", "export_id", "received_at",
                                "received_by", "status", "decided_at")} == {
        "supplier": "Acme Garments", "field": "address", "on_file": "1 Mill Road", "suggested": "2 Mill Road",
        "file_name": "acme.xlsx", "export_id": "e-1", "received_at": "2026-11-20T08:00:00Z", "received_by": "amina",
        "status": "pending", "decided_at": None}
    assert [r["id"] for r in corrections.pending(store, supplier)] == [correction_id]
    assert corrections.pending_by_supplier(store) == {supplier: 1}


def test_the_same_suggestion_again_is_not_added_twice(store, supplier):
    first = _suggest(store, supplier)

    assert _suggest(store, supplier) is None
    assert [r["id"] for r in corrections.history(store, supplier)] == [first]


def test_a_newer_suggestion_supersedes_the_pending_one_and_both_are_kept(store, supplier):
    older = _suggest(store, supplier, suggested="2 Mill Road")
    other_field = _suggest(store, supplier, field="sector", suggested="Knitwear")

    newer = _suggest(store, supplier, suggested="3 Mill Road")

    assert [r["id"] for r in corrections.pending(store, supplier)] == [other_field, newer]
    old = corrections.get(store, older)
    assert old["status"] == "superseded" and old["decided_at"] and old["decided_by"] == "amina"
    assert [r["id"] for r in corrections.history(store, supplier)] == [newer, other_field, older]


def test_the_database_itself_refuses_two_pending_suggestions_for_one_field(store, supplier):
    _suggest(store, supplier)
    with pytest.raises(sqlite3.IntegrityError), store.write() as db:
        db.execute("INSERT INTO supplier_corrections (supplier_id, field, suggested, received_at) "
                   "VALUES (?, 'address', 'elsewhere', '2026-01-01T00:00:00Z')", [supplier])


def test_a_decision_is_made_once_with_who_and_when(store, supplier):
    applied, dismissed = _suggest(store, supplier), _suggest(store, supplier, field="sector", suggested="Knitwear")

    assert corrections.decide(store, applied, "applied", "amina") is True
    assert corrections.decide(store, dismissed, "dismissed", "lee") is True
    assert corrections.decide(store, applied, "dismissed", "lee") is False  # no longer pending

    assert corrections.pending(store, supplier) == [] and corrections.pending_by_supplier(store) == {}
    assert (corrections.get(store, applied)["status"], corrections.get(store, applied)["decided_by"]) == \
        ("applied", "amina")
    assert (corrections.get(store, dismissed)["status"], corrections.get(store, dismissed)["decided_by"]) == \
        ("dismissed", "lee")
    with pytest.raises(ValueError, match="applied or dismissed"):
        corrections.decide(store, applied, "pending", "amina")
    with pytest.raises(NotFound):
        corrections.get(store, 999)


def test_a_dismissed_suggestion_comes_back_only_from_another_export(store, supplier):
    first = _suggest(store, supplier)
    corrections.decide(store, first, "dismissed", "amina")

    assert _suggest(store, supplier) is None  # a revised file of the same export still carries the cell
    again = corrections.suggest(store, supplier_id=supplier, field="address", on_file="1 Mill Road",
                                suggested="2 Mill Road", file_name="acme-2.xlsx", export_id="e-2", who="amina")

    assert again not in (None, first) and corrections.get(store, again)["status"] == "pending"


def test_an_applied_suggestion_may_be_suggested_again_from_the_same_export(store, supplier):
    first = _suggest(store, supplier)
    corrections.decide(store, first, "applied", "amina")

    assert _suggest(store, supplier) not in (None, first)


def test_withdraw_closes_the_pending_suggestion_of_a_field(store, supplier):
    pending = _suggest(store, supplier)

    assert corrections.withdraw(store, supplier, "address", "amina") == 1
    assert corrections.get(store, pending)["status"] == "superseded"
    assert corrections.withdraw(store, supplier, "address", "amina") == 0


def test_a_database_made_before_corrections_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)  # wind the file back to how 0002 left it
    conn.execute("DROP TABLE supplier_corrections")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_supplier_corrections'")
    conn.commit()
    conn.close()

    store = open_store(path)
    try:
        assert "supplier_corrections" in store.db.table_names()
    finally:
        store.close()
    assert len(list(tmp_path.glob("old.before-0003_supplier_corrections-*.sqlite3"))) == 1
