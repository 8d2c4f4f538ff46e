"""Findings (from triggered thresholds or an auditor) and their corrective actions."""

from __future__ import annotations

import json
import uuid

from fldd.store import evidence as store_evidence
from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

ACTION_STATUSES = ("open", "in_progress", "done", "verified")
# an action's fields a person may change (kept in its history)
EDITABLE = ("owner", "description", "due_date", "closure_date")


def add_finding(db, assessment_id: int, *, severity: str, title: str, due_days: int, source: str,
                threshold_id: str | None = None, detail: str = "", because: dict | None = None,
                who: str = "", question_id: str | None = None, indicator: int | None = None,
                closure_days: int | None = None, fact: str | None = None, sources: list | None = None) -> int:
    """Insert a finding inside the caller's transaction (see Store.write); `due_days` is its plan's deadline."""
    # plain SQL: sqlite-utils' insert reads the table's schema on every call (a bulk import makes thousands)
    return int(db.execute(
        "INSERT INTO findings (assessment_id, threshold_id, source, severity, title, detail, because, due_days, "
        "created_at, created_by, question_id, indicator, closure_days, fact, sources) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [assessment_id, threshold_id, source, severity, title, detail,
         json.dumps(because or {}, ensure_ascii=False), due_days, now(), who, question_id, indicator,
         closure_days, fact, json.dumps(sources or [], ensure_ascii=False)]).lastrowid)


def add_action(db, finding_id: int, *, description: str, due_date: str, owner: str = "", who: str = "",
               closure_date: str | None = None) -> int:
    """Insert a corrective action, and the first entry of its history, inside the caller's transaction:
    `due_date` is when its plan is due, `closure_date` when the work is to be finished."""
    stamp = now()
    action_id = int(db.execute(
        "INSERT INTO corrective_actions (finding_id, description, owner, due_date, closure_date, status, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
        [finding_id, description, owner, due_date, closure_date, stamp, stamp]).lastrowid)
    _add_entry(db, action_id, "created", None, "open", who=who, at=stamp)
    return action_id


def _add_entry(db, action_id: int, kind: str, from_status: str | None, to_status: str, *, who: str, at: str,
               note: str = "", evidence_id: int | None = None, changes: dict | None = None) -> None:
    db.execute("INSERT INTO action_history (uid, action_id, kind, from_status, to_status, note, evidence_id, "
               "changes, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [str(uuid.uuid4()), action_id, kind, from_status, to_status, note, evidence_id,
                json.dumps(changes or {}, ensure_ascii=False), who, at])


def threshold_ids(store: Store, assessment_id: int) -> set[str]:
    """Thresholds that already have a finding in this assessment."""
    with store.read() as db:
        return {r[0] for r in db.execute("SELECT threshold_id FROM findings WHERE assessment_id = ? "
                                         "AND threshold_id IS NOT NULL", [assessment_id])}


# The date an action answers to now: an open action owes its plan (or the work, when that is due even sooner);
# once under way it owes the work by its closure date. Actions recorded with one date answer to it throughout.
DEADLINE_SQL = """CASE WHEN c.closure_date IS NULL THEN c.due_date
            WHEN c.status = 'open' AND c.due_date <= c.closure_date THEN c.due_date ELSE c.closure_date END"""
DEADLINE_KIND_SQL = """CASE WHEN c.closure_date IS NULL THEN 'due'
            WHEN c.status = 'open' AND c.due_date <= c.closure_date THEN 'plan' ELSE 'closure' END"""

FINDINGS_SQL = """
SELECT f.id, f.assessment_id, f.threshold_id, f.source, f.severity, f.title, f.detail, f.because, f.due_days,
       f.created_at, f.question_id, f.indicator, f.fact, f.sources, f.closure_days,
       a.supplier_id, s.name AS supplier, a.tier, a.questionnaire_id, a.questionnaire_version, a.language,
       a.assessed_on, c.id AS action_id, c.description, c.owner, c.due_date, c.closure_date, c.status, c.done_at,
       c.verified_at, c.verified_by,
       """ + DEADLINE_SQL + """ AS deadline, """ + DEADLINE_KIND_SQL + """ AS deadline_kind
FROM findings f
JOIN assessments a ON a.id = f.assessment_id
JOIN suppliers s ON s.id = a.supplier_id
LEFT JOIN corrective_actions c ON c.finding_id = f.id
"""


def rows(store: Store, assessment_id: int | None = None, supplier_id: int | None = None) -> list[dict]:
    """Findings joined with their actions (one row per action), by due date."""
    where, params = [], []
    if assessment_id is not None:
        where.append("f.assessment_id = ?")
        params.append(assessment_id)
    if supplier_id is not None:
        where.append("a.supplier_id = ?")
        params.append(supplier_id)
    sql = FINDINGS_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += (" ORDER BY CASE f.severity WHEN 'priority' THEN 0 WHEN 'major' THEN 1 ELSE 2 END, deadline, f.id")
    with store.read() as db:
        out = list(db.query(sql, params))
    for row in out:
        row["because"] = json.loads(row["because"])
        row["sources"] = json.loads(row["sources"])
    return out


def set_action_status(store: Store, action_id: int, status: str, *, who: str = "", note: str = "",
                      evidence: tuple[str, bytes] | None = None) -> None:
    """Move a corrective action along open -> in progress -> done -> verified, writing the step into its history
    (who, when, from, to, the note and the file given as evidence) in the same transaction. The database
    refuses a status change that has no such entry (migration 0007's trigger)."""
    if status not in ACTION_STATUSES:
        raise ValueError(f"unknown action status {status!r}")
    stamp = now()
    fields = "status = ?, updated_at = ?"
    params: list = [status, stamp]
    if status == "done":
        fields += ", done_at = ?"
        params.append(stamp)
    if status == "verified":
        fields += ", verified_at = ?, verified_by = ?"
        params += [stamp, who]
    with store.write() as db:
        found = db.execute("SELECT status FROM corrective_actions WHERE id = ?", [action_id]).fetchone()
        if not found:
            raise NotFound(f"corrective action {action_id}")
        if found[0] == status:
            raise ValueError(f"corrective action {action_id} is already {status}")
        evidence_id = None
        if evidence is not None:
            name, data = evidence
            evidence_id = store_evidence.insert(db, data, name, action_id=action_id, note=note, who=who)
        _add_entry(db, action_id, "status", found[0], status, who=who, at=stamp, note=note, evidence_id=evidence_id)
        db.execute(f"UPDATE corrective_actions SET {fields} WHERE id = ?", [*params, action_id])


def add_evidence(store: Store, action_id: int, file_name: str, data: bytes, *, who: str = "", note: str = "") -> int:
    """Keep a file as evidence of an action, and say so in its history, in one transaction; the evidence id."""
    with store.write() as db:
        found = db.execute("SELECT status FROM corrective_actions WHERE id = ?", [action_id]).fetchone()
        if not found:
            raise NotFound(f"corrective action {action_id}")
        evidence_id = store_evidence.insert(db, data, file_name, action_id=action_id, note=note, who=who)
        _add_entry(db, action_id, "evidence", found[0], found[0], who=who, at=now(), note=note,
                   evidence_id=evidence_id)
        return evidence_id


HISTORY_SQL = """
SELECT h.action_id, h.uid, h.kind, h.from_status, h.to_status, h.note, h.changes, h.changed_by, h.changed_at,
       e.id AS evidence_id, e.file_name, e.sha256, e.size
FROM action_history h LEFT JOIN evidence e ON e.id = h.evidence_id
"""


def history(store: Store, *, action_id: int | None = None, assessment_id: int | None = None) -> list[dict]:
    """History entries of one action or of every action of an assessment, oldest first."""
    if action_id is not None:
        sql, params = HISTORY_SQL + " WHERE h.action_id = ?", [action_id]
    else:
        sql = HISTORY_SQL + (" WHERE h.action_id IN (SELECT c.id FROM corrective_actions c JOIN findings f "
                             "ON f.id = c.finding_id WHERE f.assessment_id = ?)")
        params = [assessment_id]
    with store.read() as db:
        return list(db.query(sql + " ORDER BY h.action_id, h.id", params))


def update_action(store: Store, action_id: int, *, who: str = "", **fields) -> None:
    """Change an action's owner, description or due date, keeping the old and new values in its history."""
    allowed = {k: v for k, v in fields.items() if k in EDITABLE}
    with store.write() as db:
        found = db.execute(f"SELECT status, {', '.join(EDITABLE)} FROM corrective_actions WHERE id = ?",
                           [action_id]).fetchone()
        if not found:
            raise NotFound(f"corrective action {action_id}")
        before = dict(zip(EDITABLE, found[1:]))
        changes = {k: [before[k], v] for k, v in allowed.items() if before[k] != v}
        if not changes:
            return
        stamp = now()
        _add_entry(db, action_id, "edit", found[0], found[0], who=who, at=stamp, changes=changes)
        db.execute(f"UPDATE corrective_actions SET {', '.join(f'{k} = ?' for k in changes)}, updated_at = ? "
                   "WHERE id = ?", [*(new for _, new in changes.values()), stamp, action_id])


def open_actions(store: Store) -> list[dict]:
    """Open and in-progress actions across the portfolio, soonest due first."""
    with store.read() as db:
        return list(db.query(FINDINGS_SQL + " WHERE c.status IN ('open', 'in_progress') ORDER BY deadline"))
