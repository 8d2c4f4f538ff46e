"""The log of workbooks sent to suppliers, and whether each came back (read from the import log).

One row per file written. A re-sent assessment keeps its uid as the export id, so an export id may have
several rows; a file counts as the return of a row only if it was imported after that row was sent.
"""

from __future__ import annotations

from fldd.store.clock import now
from fldd.store.connection import Store

# An import returns an export when it applied the file's answers, or when it found them equal to what the
# assessment holds in a file never applied before (a re-sent assessment sent back without a change). The same
# file imported again is not a return: it may be one sent back before this export went out.
_RETURN = """
    SELECT i.id FROM imports i
    WHERE i.export_id = e.export_id AND i.imported_at >= e.exported_at
      AND (i.outcome IN ('accepted', 'accepted_incomplete')
           OR i.outcome = 'unchanged' AND NOT EXISTS (
               SELECT 1 FROM imports a WHERE a.sha256 = i.sha256 AND a.outcome IN ('accepted', 'accepted_incomplete')))
    ORDER BY i.imported_at, i.id LIMIT 1
"""

_SELECT = f"""
SELECT e.id, e.export_id, e.supplier_id, s.name AS supplier, s.status AS supplier_status, e.questionnaire_id,
       e.questionnaire_version, e.tier,
       e.language, e.exported_at, e.exported_by, e.file_name, e.assessment_id,
       r.imported_at AS returned_at, r.file_name AS returned_file, r.outcome AS returned_outcome
FROM exports e JOIN suppliers s ON s.id = e.supplier_id
LEFT JOIN imports r ON r.id = ({_RETURN})
"""


def record(store: Store, *, export_id: str, supplier_id: int, questionnaire_id: str, version: str, tier: str,
           language: str, file_name: str, exported_by: str, exported_at: str | None = None,
           assessment_id: int | None = None) -> int:
    """Log one workbook written for a supplier; returns the row's id. Call it inside the transaction that
    writes the file, so that a file that could not be written leaves no row."""
    with store.write() as db:
        cursor = db.execute(
            "INSERT INTO exports (export_id, supplier_id, questionnaire_id, questionnaire_version, tier, language, "
            "exported_at, exported_by, file_name, assessment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [export_id, supplier_id, questionnaire_id, version, tier, language, exported_at or now(), exported_by,
             file_name, assessment_id])
        return int(cursor.lastrowid)


def sent(store: Store, supplier_id: int | None = None) -> list[dict]:
    """Every logged export (of one supplier, or all), oldest first, with its supplier's name and the first
    import that returned it since it was sent (returned_at, returned_file, returned_outcome; None if none)."""
    sql, params = _SELECT, []
    if supplier_id is not None:
        sql += " WHERE e.supplier_id = ?"
        params.append(supplier_id)
    with store.read() as db:
        return list(db.query(sql + " ORDER BY e.exported_at, e.id", params))


def count(store: Store) -> int:
    """How many workbooks were logged as sent."""
    with store.read() as db:
        return db.execute("SELECT count(*) FROM exports").fetchone()[0]
