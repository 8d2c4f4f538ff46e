"""Assessments and their answers. Every answer is saved the moment it is given, with its history."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from fldd.store import answer_corrections, assessment_figures
from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

STATUSES = ("draft", "submitted", "under_review", "closed")


@dataclass
class Assessment:
    """One run of a questionnaire for one supplier."""

    id: int
    uid: str
    supplier_id: int
    questionnaire_id: str
    questionnaire_version: str
    tier: str
    status: str
    source: str
    assessor: str
    language: str
    assessed_on: str | None
    started_at: str
    submitted_at: str | None
    closed_at: str | None
    valid_until: str | None
    score: float | None
    rating: str | None
    completeness: float | None
    result: str | None
    revision: int
    updated_at: str
    answered_required: int | None = None
    required: int | None = None

    @property
    def ref(self) -> str:
        """`id@version` of its questionnaire."""
        return f"{self.questionnaire_id}@{self.questionnaire_version}"

    @property
    def result_json(self) -> dict | None:
        """The last stored scoring result."""
        return json.loads(self.result) if self.result else None


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as stored: its JSON value and comment, who gave it and when."""

    question_id: str
    value: Any
    comment: str
    updated_by: str
    updated_at: str


def create(store: Store, supplier_id: int, questionnaire_id: str, version: str, tier: str, *,
           assessor: str = "", language: str = "en", source: str = "app", uid: str | None = None) -> int:
    """A new draft assessment."""
    stamp = now()
    with store.write() as db:
        if not db.execute("SELECT 1 FROM suppliers WHERE id = ?", [supplier_id]).fetchone():
            raise NotFound(f"supplier {supplier_id}")
        return int(db["assessments"].insert({
            "uid": uid or str(uuid.uuid4()), "supplier_id": supplier_id, "questionnaire_id": questionnaire_id,
            "questionnaire_version": version, "tier": tier, "status": "draft", "source": source,
            "assessor": assessor, "language": language, "started_at": stamp, "updated_at": stamp,
        }).last_pk)


def get(store: Store, assessment_id: int) -> Assessment:
    """One assessment."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM assessments WHERE id = ?", [assessment_id]))
    if not rows:
        raise NotFound(f"assessment {assessment_id}")
    return Assessment(**rows[0])


def find_by_uid(store: Store, uid: str) -> int | None:
    """The id of the assessment with this exchange uid."""
    with store.read() as db:
        row = db.execute("SELECT id FROM assessments WHERE uid = ?", [uid]).fetchone()
    return row[0] if row else None


def list_rows(store: Store, supplier_id: int | None = None) -> list[dict]:
    """Assessments with their supplier's name, newest first."""
    sql = ("SELECT a.id, a.uid, a.supplier_id, s.name AS supplier, s.country, a.questionnaire_id, "
           "a.questionnaire_version, a.tier, a.status, a.source, a.assessor, a.started_at, a.submitted_at, "
           "a.closed_at, a.assessed_on, a.valid_until, a.score, a.rating, a.completeness, a.answered_required, "
           "a.required, a.updated_at "
           "FROM assessments a JOIN suppliers s ON s.id = a.supplier_id")
    params: list = []
    if supplier_id is not None:
        sql += " WHERE a.supplier_id = ?"
        params.append(supplier_id)
    sql += " ORDER BY a.started_at DESC, a.id DESC"
    with store.read() as db:
        return list(db.query(sql, params))


def answers(store: Store, assessment_id: int) -> dict[str, StoredAnswer]:
    """Every stored answer of an assessment, by question id (JSON values, not yet typed)."""
    with store.read() as db:
        rows = db.query("SELECT question_id, value, comment, updated_by, updated_at FROM answers "
                        "WHERE assessment_id = ?", [assessment_id])
        return {r["question_id"]: StoredAnswer(r["question_id"], json.loads(r["value"]) if r["value"] else None,
                                               r["comment"], r["updated_by"], r["updated_at"]) for r in rows}


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def save_answer(store: Store, assessment_id: int, question_id: str, value: Any, comment: str | None = None, *,
                who: str = "", source: str = "app") -> bool:
    """Store one answer (JSON value) and, when it changed, its revision; one transaction. True if changed."""
    return save_answers(store, assessment_id, {question_id: (value, comment)}, who=who, source=source) > 0


def save_answers(store: Store, assessment_id: int, changes: dict[str, tuple[Any, str | None]], *,
                 who: str = "", source: str = "app") -> int:
    """Store several answers atomically; a comment of None keeps the old comment. Returns how many changed."""
    stamp = now()
    changed = 0
    declared: dict[str, str | None] = {}
    with store.write() as db:
        row = db.execute("SELECT status FROM assessments WHERE id = ?", [assessment_id]).fetchone()
        if row is None:
            raise NotFound(f"assessment {assessment_id}")
        old = {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT question_id, value, comment FROM answers WHERE assessment_id = ?", [assessment_id])}
        for qid, (value, comment) in changes.items():
            old_value, old_comment = old.get(qid, (None, ""))
            new_value = _dump(value)
            new_comment = old_comment if comment is None else comment
            if qid in old and new_value == old_value and new_comment == old_comment:
                continue
            if qid not in old and new_value is None and not new_comment:
                continue
            db.execute(
                "INSERT INTO answers (assessment_id, question_id, value, comment, updated_by, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
                "value = excluded.value, comment = excluded.comment, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                [assessment_id, qid, new_value, new_comment, who, stamp])
            db.execute(
                "INSERT INTO answer_revisions (assessment_id, question_id, old_value, new_value, old_comment, "
                "new_comment, changed_by, changed_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [assessment_id, qid, old_value, new_value, old_comment if qid in old else None, new_comment,
                 who, stamp, source])
            changed += 1
            if new_value != old_value:
                declared[qid] = new_value
        if declared:  # the supplier's new word on a corrected answer: the correction is agreed or to re-confirm
            answer_corrections.redeclare(db, assessment_id, declared, who, stamp, source)
        if changed:
            db.execute("UPDATE assessments SET updated_at = ? WHERE id = ?", [stamp, assessment_id])
    return changed


def revisions(store: Store, assessment_id: int, question_id: str | None = None) -> list[dict]:
    """The history of answers, oldest first."""
    sql = "SELECT * FROM answer_revisions WHERE assessment_id = ?"
    params: list = [assessment_id]
    if question_id:
        sql += " AND question_id = ?"
        params.append(question_id)
    with store.read() as db:
        return list(db.query(sql + " ORDER BY id", params))


def save_result(store: Store, assessment_id: int, result: dict) -> None:
    """Keep the latest scoring result with the assessment, and its figures, for lists and reports."""
    with store.write() as db:
        db["assessments"].update(assessment_id, {
            "score": result.get("score"), "rating": result.get("rating"),
            "completeness": result.get("completeness", {}).get("percent"),
            "answered_required": result.get("completeness", {}).get("answered_required"),
            "required": result.get("completeness", {}).get("required"),
            "result": json.dumps(result, ensure_ascii=False, sort_keys=True),
            "valid_until": result.get("expires"), "assessed_on": result.get("as_of"),
        })
        assessment_figures.keep(db, assessment_id, result)


def set_status(store: Store, assessment_id: int, status: str, *, who: str = "") -> None:
    """Move an assessment to another status, stamping when it was submitted or closed."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    stamp = now()
    fields: dict[str, Any] = {"status": status, "updated_at": stamp}
    if status == "submitted":
        fields["submitted_at"] = stamp
    if status == "closed":
        fields["closed_at"] = stamp
    if status == "draft":
        fields.update(submitted_at=None, closed_at=None)
    with store.write() as db:
        if not db.execute("SELECT 1 FROM assessments WHERE id = ?", [assessment_id]).fetchone():
            raise NotFound(f"assessment {assessment_id}")
        db["assessments"].update(assessment_id, fields)


def set_dates(store: Store, assessment_id: int, **dates: str | None) -> None:
    """Set started/submitted/closed/assessed dates (demo data and imports of older assessments)."""
    allowed = {k: v for k, v in dates.items() if k in ("started_at", "submitted_at", "closed_at", "assessed_on",
                                                        "updated_at")}
    with store.write() as db:
        db["assessments"].update(assessment_id, allowed)
