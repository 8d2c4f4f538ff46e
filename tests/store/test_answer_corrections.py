"""The store keeps reviewers' corrections beside the declaration: never two standing for one question, never one
without a reason; and a database made before them is upgraded with every assessment's answered counts."""

from __future__ import annotations

import json
import sqlite3

import pytest

from fldd.store import answer_corrections, assessments, suppliers
from fldd.store.connection import open_store


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "t.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def submitted(store):
    supplier = suppliers.add(store, {"name": "Klang Valley Gloves", "country": "MY"})
    aid = assessments.create(store, supplier, "fldd-desktop", "1.0.0", "desktop")
    assessments.save_answer(store, aid, "fee_any_paid", "no", who="siti")
    assessments.set_status(store, aid, "submitted")
    return aid


def test_a_correction_without_a_reason_is_refused_by_the_store_and_by_the_table(store, submitted):
    with pytest.raises(ValueError, match="needs a reason"):
        answer_corrections.correct(store, submitted, "fee_any_paid", "yes", "  ", "kofi")
    with pytest.raises(sqlite3.IntegrityError), store.write() as db:
        db.execute("INSERT INTO answer_corrections (uid, assessment_id, question_id, reason, corrected_at) "
                   "VALUES ('u', ?, 'fee_any_paid', '  ', 'now')", [submitted])
    assert answer_corrections.history(store, submitted) == []


def test_a_draft_is_not_corrected_and_one_question_has_one_standing_correction(store, submitted):
    answer_corrections.correct(store, submitted, "fee_any_paid", "yes", "payslips", "kofi")
    with pytest.raises(sqlite3.IntegrityError), store.write() as db:
        db.execute("INSERT INTO answer_corrections (uid, assessment_id, question_id, reason, corrected_at) "
                   "VALUES ('u2', ?, 'fee_any_paid', 'again', 'now')", [submitted])
    assessments.set_status(store, submitted, "draft")
    with pytest.raises(ValueError, match="is draft"):
        answer_corrections.correct(store, submitted, "fee_any_paid", "unknown", "why not", "kofi")
    assert len(answer_corrections.standing(store, submitted)) == 1


def test_a_database_made_before_corrections_is_upgraded_with_its_answered_counts(tmp_path):
    path = tmp_path / "old.sqlite3"
    store = open_store(path)
    supplier = suppliers.add(store, {"name": "Old Co", "country": "MY"})
    aid = assessments.create(store, supplier, "fldd-desktop", "1.0.0", "desktop")
    store.close()
    conn = sqlite3.connect(path)  # wind the file back to how 0004 left it, with a stored draft result
    conn.execute("DROP TABLE answer_corrections")
    for column in ("reason",):
        conn.execute(f"ALTER TABLE answer_revisions DROP COLUMN {column}")
    for column in ("answered_required", "required"):
        conn.execute(f"ALTER TABLE assessments DROP COLUMN {column}")
    conn.execute("UPDATE assessments SET rating = 'low', result = ? WHERE id = ?",
                 [json.dumps({"rating": "low", "completeness": {"required": 80, "answered_required": 62}}), aid])
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_reviewer_corrections'")
    conn.commit()
    conn.close()

    store = open_store(path)
    try:
        [row] = assessments.list_rows(store)
        assert (row["answered_required"], row["required"]) == (62, 80)
        assert answer_corrections.history(store, aid) == []
    finally:
        store.close()
    assert len(list(tmp_path.glob("old.before-0005_reviewer_corrections-*.sqlite3"))) == 1
