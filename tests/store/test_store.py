"""The store keeps every write whole, keeps history, and says clearly what is wrong with a bad file."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from fldd.store import assessments, evidence, suppliers
from fldd.store.connection import integrity_problems, open_store
from fldd.store.errors import DatabaseCorrupt, DatabaseLocked, DatabaseReadOnly, DiskFull, NotFound


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "fldd.sqlite3", busy_timeout_ms=50)
    yield s
    s.close()


def _supplier(store, name="Acme Garments"):
    return suppliers.add(store, {"name": name, "country": "BD", "goods": ["Garments"]}, {"os_id": "BD2020123ABCDE1"})


def test_new_database_has_the_schema_in_wal_mode(store):
    assert {"suppliers", "assessments", "answers", "answer_revisions", "evidence", "findings",
            "corrective_actions", "interviews", "imports"} <= set(store.db.table_names())
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert integrity_problems(store) == []


def test_an_old_database_is_copied_before_it_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    open_store(path).close()
    (copy,) = tmp_path.glob("old.before-0001_initial-*.sqlite3")
    assert sqlite3.connect(copy).execute("SELECT text FROM notes").fetchone() == ("keep me",)
    open_store(path).close()  # nothing pending: no second copy
    assert len(list(tmp_path.glob("old.before-*.sqlite3"))) == 1


def test_a_file_that_is_not_a_database_is_refused_by_name(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is not sqlite " * 200)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_store(path)
    assert "notes.txt" in str(caught.value) and "not an fldd database" in str(caught.value)
    assert path.read_bytes().startswith(b"this is not sqlite")  # untouched


def test_a_write_is_all_or_nothing(store):
    supplier_id = _supplier(store)
    with pytest.raises(RuntimeError), store.write() as db:
        db["suppliers"].update(supplier_id, {"name": "Changed"})
        db["supplier_contacts"].insert({"supplier_id": supplier_id, "name": "Someone"})
        raise RuntimeError("crash in the middle")
    record = suppliers.get(store, supplier_id)
    assert record.name == "Acme Garments" and record.contacts == []



def test_a_failed_write_inside_another_undoes_only_its_own_part(store):
    supplier_id = _supplier(store)
    with store.write() as db:
        db["suppliers"].update(supplier_id, {"name": "Outer change"})
        for attempt in range(2):  # the same depth twice: savepoint names are reused safely
            with pytest.raises(RuntimeError), store.write() as inner:
                inner["supplier_contacts"].insert({"supplier_id": supplier_id, "name": f"Inner {attempt}"})
                with store.write() as deeper:
                    deeper["suppliers"].update(supplier_id, {"address": "Deeper change"})
                raise RuntimeError("the inner part fails")
        with store.write() as inner:
            inner["supplier_contacts"].insert({"supplier_id": supplier_id, "name": "Kept"})
    record = suppliers.get(store, supplier_id)
    assert record.name == "Outer change" and record.address == ""
    assert [c["name"] for c in record.contacts] == ["Kept"]
    assert not store.conn.in_transaction

def test_answers_keep_their_history(store):
    supplier_id = _supplier(store)
    aid = assessments.create(store, supplier_id, "fldd-desktop", "1.0.0", "desktop")
    assert assessments.save_answer(store, aid, "hrs_peak_weekly_max", 58, who="amina")
    assert not assessments.save_answer(store, aid, "hrs_peak_weekly_max", 58, who="amina")  # unchanged
    assert assessments.save_answer(store, aid, "hrs_peak_weekly_max", 64, "peak season", who="li")
    assert assessments.save_answer(store, aid, "hrs_peak_weekly_max", 64, None, who="li") is False
    stored = assessments.answers(store, aid)["hrs_peak_weekly_max"]
    assert (stored.value, stored.comment, stored.updated_by) == (64, "peak season", "li")
    history = assessments.revisions(store, aid, "hrs_peak_weekly_max")
    assert [(r["old_value"], r["new_value"], r["changed_by"]) for r in history] == [
        (None, "58", "amina"), ("58", "64", "li")]
    assert history[1]["new_comment"] == "peak season"


def test_saving_several_answers_is_one_transaction(store, monkeypatch):
    supplier_id = _supplier(store)
    aid = assessments.create(store, supplier_id, "fldd-desktop", "1.0.0", "desktop")
    with pytest.raises(TypeError):
        assessments.save_answers(store, aid, {"a_q": (1, None), "b_q": (object(), None)})
    assert assessments.answers(store, aid) == {}


def test_evidence_is_kept_once_with_its_sha256(store):
    supplier_id = _supplier(store)
    aid = assessments.create(store, supplier_id, "fldd-desktop", "1.0.0", "desktop")
    first = evidence.add(store, b"%PDF payslips", "payslips.pdf", assessment_id=aid, question_id="wag_payslips_given")
    second = evidence.add(store, b"%PDF payslips", "copy.pdf", assessment_id=aid, question_id="wag_pay_frequency")
    assert store.db.execute("SELECT count(*) FROM evidence_blobs").fetchone()[0] == 1
    assert evidence.content(store, first) == ("payslips.pdf", b"%PDF payslips")
    (row,) = evidence.list_for(store, assessment_id=aid, question_id="wag_payslips_given")
    assert row["sha256"] == hashlib.sha256(b"%PDF payslips").hexdigest()
    assert row["media_type"] == "application/pdf" and row["size"] == 13
    evidence.remove(store, first)
    assert store.db.execute("SELECT count(*) FROM evidence_blobs").fetchone()[0] == 1  # still used
    evidence.remove(store, second)
    assert store.db.execute("SELECT count(*) FROM evidence_blobs").fetchone()[0] == 0


def test_a_locked_database_gives_a_clear_message_and_loses_nothing(store, tmp_path):
    supplier_id = _supplier(store)
    other = sqlite3.connect(tmp_path / "fldd.sqlite3")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked) as caught:
            suppliers.update(store, supplier_id, {"name": "New name"})
        assert "in use by another program" in str(caught.value)
    finally:
        other.rollback()
        other.close()
    suppliers.update(store, supplier_id, {"name": "New name"})
    assert suppliers.get(store, supplier_id).name == "New name"


def test_a_read_only_database_gives_a_clear_message(store):
    supplier_id = _supplier(store)
    store.db.execute("PRAGMA query_only = ON")
    with pytest.raises(DatabaseReadOnly) as caught:
        suppliers.update(store, supplier_id, {"name": "New name"})
    assert "cannot be written" in str(caught.value)
    store.db.execute("PRAGMA query_only = OFF")
    assert suppliers.get(store, supplier_id).name == "Acme Garments"


def test_a_full_disk_gives_a_clear_message_and_keeps_earlier_answers(store):
    supplier_id = _supplier(store)
    aid = assessments.create(store, supplier_id, "fldd-desktop", "1.0.0", "desktop")
    assessments.save_answer(store, aid, "pr_languages", "Bengali")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull) as caught:
        evidence.add(store, b"x" * 200_000, "photo.jpg", assessment_id=aid)
    assert "disk is full" in str(caught.value)
    assert assessments.answers(store, aid)["pr_languages"].value == "Bengali"
    assert integrity_problems(store) == []


def test_missing_records_are_named(store):
    with pytest.raises(NotFound, match="supplier 99"):
        suppliers.get(store, 99)
    with pytest.raises(NotFound, match="assessment 7"):
        assessments.save_answer(store, 7, "x", 1)
