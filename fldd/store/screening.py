"""Possible entity-list matches of the suppliers, their decisions, and the names screening reads: each screening
pass writes its findings in one transaction, and a decision holds while what it was about is unchanged."""

from __future__ import annotations

import json

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

MATCH_FIELDS = ("list_name", "edition", "entity", "entity_aliases", "entity_key", "matched_on", "matched_to", "how",
                "strength", "fingerprint")
SELECT = """SELECT m.*, s.name AS supplier, s.country AS supplier_country FROM screening_matches m
JOIN suppliers s ON s.id = m.supplier_id"""
# pending first, then decided, then the closed record; the strongest resemblance first within each
ORDER = """ORDER BY CASE WHEN m.closed_at IS NOT NULL OR m.status = 'closed' THEN 2 WHEN m.status = 'pending' THEN 0
ELSE 1 END, m.strength DESC, s.name COLLATE NOCASE, m.id"""


def supplier_names(store: Store, supplier_ids: list[int] | None = None) -> dict[int, tuple[str, list[str]]]:
    """id -> (country, [name, aliases...]) of these suppliers (all when None), in one pass."""
    where, params = "", []
    if supplier_ids is not None:
        where = " WHERE id IN (SELECT value FROM json_each(?))"
        params = [json.dumps(list(supplier_ids))]
    out: dict[int, list[str]] = {}
    with store.read() as db:
        for supplier_id, country, name, aliases in db.execute(f"SELECT id, country, name, aliases FROM suppliers"
                                                              f"{where}", params):
            out[supplier_id] = (country, [name, *(a for a in json.loads(aliases or "[]")
                                                  if isinstance(a, str) and a.strip())])
    return out


def _gone_why(list_name: str, editions: dict[str, str]) -> str:
    """Why a confirmed listing is no longer in force, in the buyer's words."""
    if list_name in editions:
        return f"not on the edition in force ({editions[list_name]})"
    return f"the {list_name} is no longer in force"


def record(store: Store, supplier_ids: list[int] | None, found: list[dict], entity_keys: set[str],
           editions: dict[str, str] | None = None) -> int:
    """Write one screening pass over these suppliers (all when None): `found` holds a dict per supplier x entity
    alike (supplier_id and MATCH_FIELDS). New resemblances are added as pending; a pending one is brought up to
    date; a dismissal stays while its fingerprint holds and is asked again when it changed; a confirmation stays
    until a person reopens it (a renamed supplier is still the listed company, and its risk must not drop on
    its own) and follows the edition that lists it, and when its entity is on no list in force (`editions`: list
    name -> edition in force) it is kept confirmed but marked delisted (closed_at, closed_why) and stops counting;
    a pending one not found any more is closed as no longer matching. Returns how many were asked anew."""
    editions = editions or {}
    stamp = now()
    with store.write() as db:
        sql = "SELECT * FROM screening_matches WHERE closed_at IS NULL AND status != 'closed'"
        params: list = []
        if supplier_ids is not None:
            sql += " AND supplier_id IN (SELECT value FROM json_each(?))"
            params = [json.dumps(list(supplier_ids))]
        current = {(r["supplier_id"], r["entity_key"]): r for r in db.query(sql, params)}
        fresh, asked = [], 0
        for match in found:
            row = {k: match[k] for k in ("supplier_id", *MATCH_FIELDS)}
            row["entity_aliases"] = json.dumps(list(row["entity_aliases"]), ensure_ascii=False)
            old = current.pop((match["supplier_id"], match["entity_key"]), None)
            if old is None:
                fresh.append(row)
            elif old["status"] == "pending":
                if any(old[k] != row[k] for k in MATCH_FIELDS):
                    db["screening_matches"].update(old["id"], {k: row[k] for k in MATCH_FIELDS})
            elif old["status"] == "confirmed":
                if old["edition"] != row["edition"]:  # still listed: the edition it is on now
                    db["screening_matches"].update(old["id"], {"edition": row["edition"]})
            elif old["status"] == "dismissed" and old["fingerprint"] != row["fingerprint"]:
                db["screening_matches"].update(old["id"], {
                    "closed_at": stamp, "closed_why": "the supplier's names or the listed entry changed after "
                                                      "this dismissal: asked again"})
                fresh.append(row)
        if fresh:
            db["screening_matches"].insert_all(
                [{**row, "status": "pending", "found_at": stamp} for row in fresh])
            asked = len(fresh)
        gone = [(stamp, "no longer matches: " + ("the supplier's names no longer resemble the entry"
                                                 if old["entity_key"] in entity_keys
                                                 else "the entity is not on the lists in force"), old["id"])
                for old in current.values() if old["status"] == "pending"]
        db.conn.executemany("UPDATE screening_matches SET status = 'closed', closed_at = ?, closed_why = ? "
                            "WHERE id = ?", gone)
        delisted = [(stamp, _gone_why(old["list_name"], editions), old["id"]) for old in current.values()
                    if old["status"] == "confirmed" and old["entity_key"] not in entity_keys]
        db.conn.executemany("UPDATE screening_matches SET closed_at = ?, closed_why = ? WHERE id = ?", delisted)
    return asked


def _dict(row: dict) -> dict:
    row["entity_aliases"] = json.loads(row["entity_aliases"] or "[]")
    row["delisted"] = row["status"] == "confirmed" and row["closed_at"] is not None
    return row


def matches(store: Store, *, supplier_id: int | None = None, status: str | None = None) -> list[dict]:
    """Matches as rows, pending first. status: pending, confirmed, dismissed (the ones in force), closed (the
    record of those that no longer apply), delisted (confirmed ones whose listing is no longer in force; also
    among the closed), or None for all."""
    clauses, params = [], []
    if supplier_id is not None:
        clauses.append("m.supplier_id = ?")
        params.append(supplier_id)
    if status == "closed":
        clauses.append("(m.closed_at IS NOT NULL OR m.status = 'closed')")
    elif status == "delisted":
        clauses.append("m.status = 'confirmed' AND m.closed_at IS NOT NULL")
    elif status is not None:
        clauses.append("m.status = ? AND m.closed_at IS NULL")
        params.append(status)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    with store.read() as db:
        return [_dict(r) for r in db.query(f"{SELECT}{where} {ORDER}", params)]


def get(store: Store, match_id: int) -> dict:
    """One match, with the trail of its decisions, oldest first."""
    with store.read() as db:
        rows = list(db.query(f"{SELECT} WHERE m.id = ?", [match_id]))
        if not rows:
            raise NotFound(f"screening match {match_id}")
        trail = list(db.query("SELECT decision, decided_by, decided_at, reason FROM screening_decisions "
                              "WHERE match_id = ? ORDER BY id", [match_id]))
    return {**_dict(rows[0]), "trail": trail}


def decide(store: Store, match_id: int, status: str, by: str, reason: str) -> None:
    """Set a match's status (confirmed, dismissed, or pending again) and add the decision to its trail."""
    stamp = now()
    decision = "reopened" if status == "pending" else status
    with store.write() as db:
        db["screening_matches"].update(match_id, {"status": status, "decided_by": by, "decided_at": stamp,
                                                  "reason": reason})
        db["screening_decisions"].insert({"match_id": match_id, "decision": decision, "decided_by": by,
                                          "decided_at": stamp, "reason": reason})


def pending_by_supplier(store: Store) -> list[dict]:
    """Suppliers with matches to decide or confirmed matches whose listing is gone (to review): id, name, country,
    count (to decide), delisted (to review), on which lists; by name."""
    with store.read() as db:
        return [{**r, "lists": json.loads(r["lists"])} for r in db.query(
            "SELECT s.id AS supplier_id, s.name AS supplier, s.country, "
            "sum(m.status = 'pending' AND m.closed_at IS NULL) AS count, "
            "sum(m.status = 'confirmed' AND m.closed_at IS NOT NULL) AS delisted, "
            "json_group_array(DISTINCT m.list_name) AS lists FROM screening_matches m "
            "JOIN suppliers s ON s.id = m.supplier_id WHERE (m.status = 'pending' AND m.closed_at IS NULL) "
            "OR (m.status = 'confirmed' AND m.closed_at IS NOT NULL) "
            "GROUP BY s.id ORDER BY s.name COLLATE NOCASE")]


def confirmed(store: Store, supplier_ids: list[int] | None = None) -> dict[int, list[dict]]:
    """supplier id -> its confirmed matches in force (list, edition, entity), for the inherent risk."""
    sql = ("SELECT supplier_id, list_name, edition, entity, decided_by, decided_at, reason FROM screening_matches "
           "WHERE status = 'confirmed' AND closed_at IS NULL")
    params: list = []
    if supplier_ids is not None:
        sql += " AND supplier_id IN (SELECT value FROM json_each(?))"
        params = [json.dumps(list(supplier_ids))]
    out: dict[int, list[dict]] = {}
    with store.read() as db:
        for row in db.query(sql + " ORDER BY id", params):
            out.setdefault(row.pop("supplier_id"), []).append(row)
    return out
