"""Reading the import log (table `imports`, written by store.exchange.record_import): a filtered page of it
with what each entry says in brief, one entry whole, and the entries of one assessment."""

from __future__ import annotations

import json

from fldd.store.connection import Store
from fldd.store.errors import NotFound

# One line of the log: the columns, and the gist of its JSON detail, without carrying every change along.
_BRIEF = """
SELECT i.id, i.file_name, i.sha256, i.imported_at, i.outcome, i.assessment_id, i.export_id, i.saved_at,
       i.revision,
       coalesce(json_extract(i.detail, '$.supplier'), '') AS supplier,
       coalesce(json_extract(i.detail, '$.questionnaire'), '') AS questionnaire,
       coalesce(json_extract(i.detail, '$.note'), '') AS note,
       coalesce(json_extract(i.detail, '$.kind'), 'workbook') AS kind,
       json_array_length(i.errors) AS problems,
       coalesce(json_extract(i.errors, '$[0]'), '') AS first_problem,
       (SELECT count(*) FROM json_each(i.detail, '$.changes')
         WHERE json_extract(value, '$.what') = 'answer') AS answers_changed,
       coalesce(json_array_length(i.detail, '$.changes'), 0) AS changes,
       coalesce(json_array_length(i.detail, '$.missing'), 0) AS missing,
       coalesce(json_array_length(i.detail, '$.corrections'), 0) AS corrections
FROM imports i
"""
# Search by the supplier named in the log, by the supplier's name in the register now (it may have been renamed
# since), and by file name; casefolded in Python, since SQLite's LIKE folds ASCII letters only.
_SUPPLIER_TEXT = ("fldd_fold(coalesce(json_extract(i.detail, '$.supplier'), '') || char(31) || coalesce("
                  "(SELECT s.name FROM assessments a JOIN suppliers s ON s.id = a.supplier_id "
                  "WHERE a.id = i.assessment_id), ''))")
_FILE_TEXT = "fldd_fold(i.file_name)"


def _fold(text: str | None) -> str:
    return (text or "").casefold()


def _where(outcome: str | None, supplier: str, text: str, since: str | None, until: str | None) -> tuple[str, list]:
    clauses, params = [], []
    if outcome:
        clauses.append("i.outcome = ?")
        params.append(outcome)
    if since:
        clauses.append("i.imported_at >= ?")
        params.append(since)
    if until:
        clauses.append("i.imported_at < ?")
        params.append(until)
    if supplier.strip():
        clauses.append(f"instr({_SUPPLIER_TEXT}, ?) > 0")
        params.append(_fold(supplier.strip()))
    if text.strip():
        clauses.append(f"(instr({_SUPPLIER_TEXT}, ?) > 0 OR instr({_FILE_TEXT}, ?) > 0)")
        params += [_fold(text.strip())] * 2
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def log_page(store: Store, *, outcome: str | None = None, supplier: str = "", text: str = "",
             since: str | None = None, until: str | None = None, limit: int = 200,
             offset: int = 0) -> tuple[list[dict], int]:
    """Log entries in brief, newest first, with how many match in all. since/until: UTC timestamps as stored
    (until excluded); supplier: part of the supplier's name; text: part of the supplier's name or file name."""
    where, params = _where(outcome, supplier, text, since, until)
    with store.read() as db:
        db.conn.create_function("fldd_fold", 1, _fold, deterministic=True)
        total = db.execute(f"SELECT count(*) FROM imports i{where}", params).fetchone()[0]
        rows = list(db.query(f"{_BRIEF}{where} ORDER BY i.id DESC LIMIT ? OFFSET ?",
                             [*params, max(0, limit), max(0, offset)]))
    return rows, int(total)


def entry(store: Store, import_id: int) -> dict:
    """One log entry whole, errors and detail decoded; NotFound if there is none."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM imports WHERE id = ?", [import_id]))
    if not rows:
        raise NotFound(f"import log entry {import_id}")
    return _decoded(rows[0])


def of_assessment(store: Store, assessment_id: int, export_id: str | None) -> list[dict]:
    """Every entry of an assessment, oldest first: the files applied to it or found to change nothing, and the
    files carrying its export id that were rejected before they could reach it."""
    with store.read() as db:
        rows = list(db.query("SELECT * FROM imports WHERE assessment_id = ? OR (? IS NOT NULL AND export_id = ?) "
                             "ORDER BY id", [assessment_id, export_id, export_id]))
    return [_decoded(row) for row in rows]


def _decoded(row: dict) -> dict:
    row["errors"] = json.loads(row["errors"] or "[]")
    row["detail"] = json.loads(row["detail"] or "{}")
    return row
