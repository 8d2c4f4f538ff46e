"""Suppliers, their identifiers and contacts; and the register rows the app lists."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from fldd.store.clock import now
from fldd.store.connection import Store
from fldd.store.errors import NotFound

FIELDS = ("name", "country", "address", "goods", "sector", "chain_tier", "status", "notes",
          "inherent_score", "inherent_level", "aliases", "corridors", "materials", "inherent_factors",
          "inherent_inputs", "inherent_editions")
JSON_FIELDS = ("goods", "aliases", "corridors", "materials", "inherent_factors", "inherent_inputs")
RISK_FIELDS = ("inherent_score", "inherent_level", "inherent_factors", "inherent_inputs", "inherent_editions")


@dataclass
class Supplier:
    """A production site in the buyer's supply chain."""

    id: int
    uid: str
    name: str
    country: str
    address: str = ""
    goods: list[str] = field(default_factory=list)
    sector: str = ""
    chain_tier: int = 1
    status: str = "active"
    notes: str = ""
    inherent_score: float | None = None
    inherent_level: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    contacts: list[dict] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""
    aliases: list[str] = field(default_factory=list)  # other names: trading names, names in another script
    corridors: list[str] = field(default_factory=list)  # ISO codes of the migrant workers' countries of origin
    materials: list[dict] = field(default_factory=list)  # [{"material": "Cotton", "country": "CN"}]
    inherent_factors: list[dict] | None = None  # the factors behind the score (fldd.risk.inherent.Factor)
    inherent_inputs: dict | None = None  # the inherent.* inputs the questionnaires are scored with
    inherent_editions: str | None = None  # the rules and tables they were computed with


def _row(data: dict) -> dict:
    row = {k: data[k] for k in FIELDS if k in data}
    for key in JSON_FIELDS:
        if key in row and row[key] is not None:
            row[key] = json.dumps(row[key], ensure_ascii=False)
    return row


def _decoded(row: dict) -> dict:
    for key in JSON_FIELDS:
        if key in row and row[key] is not None:
            row[key] = json.loads(row[key])
    return row


def add(store: Store, data: dict, identifiers: dict[str, str] | None = None,
        contacts: list[dict] | None = None) -> int:
    """Insert a supplier with its identifiers and contacts in one transaction; returns its id."""
    import uuid  # here, not at the top: uuid loads platform, and the home page reads suppliers at start-up

    stamp = now()
    with store.write() as db:
        row = {"uid": data.get("uid") or str(uuid.uuid4()), **_row(data), "created_at": stamp, "updated_at": stamp}
        supplier_id = db["suppliers"].insert(row).last_pk
        _put_identifiers(db, supplier_id, identifiers or {})
        for contact in contacts or []:
            db["supplier_contacts"].insert({**contact, "supplier_id": supplier_id})
    return int(supplier_id)


def update(store: Store, supplier_id: int, data: dict, identifiers: dict[str, str] | None = None) -> None:
    """Change a supplier's fields (and, when given, replace its identifiers) atomically."""
    with store.write() as db:
        if not db.execute("SELECT 1 FROM suppliers WHERE id = ?", [supplier_id]).fetchone():
            raise NotFound(f"supplier {supplier_id}")
        db["suppliers"].update(supplier_id, {**_row(data), "updated_at": now()})
        if identifiers is not None:
            db.execute("DELETE FROM supplier_identifiers WHERE supplier_id = ?", [supplier_id])
            _put_identifiers(db, supplier_id, identifiers)


def _put_identifiers(db, supplier_id: int, identifiers: dict[str, str]) -> None:
    for scheme, value in identifiers.items():
        if value:
            db["supplier_identifiers"].insert({"supplier_id": supplier_id, "scheme": scheme, "value": value})


def identifier_owner(store: Store, scheme: str, value: str) -> int | None:
    """The supplier that already carries this identifier, if any."""
    with store.read() as db:
        row = db.execute("SELECT supplier_id FROM supplier_identifiers WHERE scheme = ? AND value = ?",
                         [scheme, value]).fetchone()
    return row[0] if row else None


def get(store: Store, supplier_id: int) -> Supplier:
    """One supplier with identifiers and contacts."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM suppliers WHERE id = ?", [supplier_id]))
        if not rows:
            raise NotFound(f"supplier {supplier_id}")
        row = rows[0]
        ids = {r["scheme"]: r["value"] for r in db.query(
            "SELECT scheme, value FROM supplier_identifiers WHERE supplier_id = ? ORDER BY scheme", [supplier_id])}
        contacts = list(db.query("SELECT name, role, email, phone FROM supplier_contacts WHERE supplier_id = ? "
                                 "ORDER BY id", [supplier_id]))
    return Supplier(**_decoded(row), identifiers=ids, contacts=contacts)


def find_by_uid(store: Store, uid: str) -> int | None:
    """The id of the supplier with this exchange uid."""
    with store.read() as db:
        row = db.execute("SELECT id FROM suppliers WHERE uid = ?", [uid]).fetchone()
    return row[0] if row else None


def find_by_name(store: Store, name: str) -> list[int]:
    """Ids of suppliers with exactly this name (case-insensitive)."""
    with store.read() as db:
        return [r[0] for r in db.execute("SELECT id FROM suppliers WHERE name = ? COLLATE NOCASE", [name])]


REGISTER_SQL = """
SELECT s.id, s.name, s.country, s.goods, s.sector, s.chain_tier, s.status, s.inherent_level, s.inherent_score,
       (SELECT value FROM supplier_identifiers i WHERE i.supplier_id = s.id AND i.scheme = 'os_id') AS os_id,
       a.id AS assessment_id, a.tier, a.status AS assessment_status, a.rating, a.score, a.valid_until,
       a.answered_required, a.required,
       na.next_action_due
FROM suppliers s
LEFT JOIN (
    -- one grouped pass over the open actions: as a per-supplier subquery SQLite scanned every open action
    -- once per supplier (30 s for 10,000 suppliers; benchmarks/bench_register.py)
    SELECT fa.supplier_id, min(c.due_date) AS next_action_due
    FROM corrective_actions c JOIN findings f ON f.id = c.finding_id JOIN assessments fa ON fa.id = f.assessment_id
    WHERE c.status IN ('open', 'in_progress')
    GROUP BY fa.supplier_id) na ON na.supplier_id = s.id
LEFT JOIN assessments a ON a.id = (
    SELECT id FROM assessments x WHERE x.supplier_id = s.id ORDER BY x.started_at DESC, x.id DESC LIMIT 1)
ORDER BY s.name COLLATE NOCASE
"""


def register_rows(store: Store) -> list[tuple]:
    """Every supplier with its latest assessment and nearest open action: the register's raw rows."""
    with store.read() as db:
        cursor = db.execute(REGISTER_SQL)
        columns = [c[0] for c in cursor.description]
        rows = cursor.fetchall()
    return [dict(zip(columns, r)) for r in rows]


def count(store: Store) -> int:
    """How many suppliers there are."""
    with store.read() as db:
        return db.execute("SELECT count(*) FROM suppliers").fetchone()[0]


def replace_contacts(store: Store, supplier_id: int, contacts: list[dict]) -> None:
    """Replace a supplier's contacts (name, role, email, phone) in one transaction."""
    with store.write() as db:
        if not db.execute("SELECT 1 FROM suppliers WHERE id = ?", [supplier_id]).fetchone():
            raise NotFound(f"supplier {supplier_id}")
        db.execute("DELETE FROM supplier_contacts WHERE supplier_id = ?", [supplier_id])
        for contact in contacts:
            db["supplier_contacts"].insert({**contact, "supplier_id": supplier_id})


def risk_profiles(store: Store, supplier_ids: list[int] | None = None) -> list[dict]:
    """What inherent risk is computed from, with what is stored, for these suppliers (all when None): one pass."""
    sql = ("SELECT id, uid, country, address, goods, corridors, materials, inherent_score, inherent_level, "
           "inherent_factors, inherent_inputs, inherent_editions FROM suppliers")
    with store.read() as db:
        if supplier_ids is None:
            rows = db.execute(sql).fetchall()
        else:
            rows = []
            for start in range(0, len(supplier_ids), 500):  # SQLite caps the parameters of one statement
                chunk = list(supplier_ids[start:start + 500])
                rows += db.execute(f"{sql} WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    keys = ("id", "uid", "country", "address", "goods", "corridors", "materials", *RISK_FIELDS)
    decoded = []
    for row in rows:  # the stored factors and inputs stay JSON text: the refresh compares them as text
        item = dict(zip(keys, row))
        for key in ("goods", "corridors", "materials"):
            item[key] = json.loads(item[key])
        decoded.append(item)
    return decoded


def stale_risk_ids(store: Store, stamp: str) -> list[int]:
    """Suppliers whose inherent risk was computed with other rules or editions than `stamp` (or never)."""
    with store.read() as db:
        return [r[0] for r in db.execute(
            "SELECT id FROM suppliers WHERE inherent_editions IS NULL OR inherent_editions != ?", [stamp])]


def put_risks(store: Store, risks: list[dict]) -> None:
    """Store computed inherent risks ({id, inherent_score, ...}; factors and inputs as JSON text) in one
    transaction, without touching updated_at (the supplier did not change; the data it is rated with did)."""
    if not risks:
        return
    with store.write() as db:
        db.conn.executemany(
            "UPDATE suppliers SET inherent_score = ?, inherent_level = ?, inherent_factors = ?, inherent_inputs = ?, "
            "inherent_editions = ? WHERE id = ?",
            [(r["inherent_score"], r["inherent_level"], r["inherent_factors"], r["inherent_inputs"],
              r["inherent_editions"], r["id"]) for r in risks])


def inputs_by_uid(store: Store) -> dict[str, dict | None]:
    """Every supplier's uid with its stored scoring inputs (None when not computed yet)."""
    with store.read() as db:
        return {uid: json.loads(inputs) if inputs else None
                for uid, inputs in db.execute("SELECT uid, inherent_inputs FROM suppliers")}
