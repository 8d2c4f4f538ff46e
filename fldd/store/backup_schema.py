"""Whether a file's schema is exactly the one fldd makes at the file's migration level.

Why: a backup is put in place of the person's database whole, triggers and views included. A file changed by
hand or by someone hostile (a trigger that renames every new supplier, a table turned into a view, a column gone)
would otherwise be restored and then break or quietly tamper with later work. The schema fldd expects is built by
applying fldd's own migrations, up to the file's level, to a database in memory, and the two are compared both
ways; the differences are said in plain words.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from fldd.store.migrations import NAMES, SET_NAME

Schema = dict[str, tuple[str, str, str]]  # name -> (type, table, normalised sql)


def differences(conn: sqlite3.Connection) -> list[str]:
    """What keeps the open database's schema from being fldd's at its migration level ([] when it is)."""
    applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [SET_NAME])}
    level = len(applied)
    if applied != set(NAMES[:level]):
        return ["its record of fldd's changes has gaps, which fldd never leaves"]
    expected, expected_columns = _expected(level)
    found = _schema(conn)
    other_kind, lacking, extra, changed = [], [], [], []
    for name, (kind, table, sql) in found.items():
        if name not in expected:
            extra.append(f"it has a {kind} '{name}' fldd does not make" + (f" (on {table})" if kind in (
                "trigger", "index") else ""))
        elif expected[name][0] != kind:
            other_kind.append(f"its {name} is a {kind} where fldd has a {expected[name][0]}")
        elif expected[name][2] != sql:
            changed.append(_changed(conn, name, kind, expected_columns.get(name, [])))
    for name, (kind, _, _) in expected.items():
        if name not in found:
            lacking.append(f"it lacks the {kind} '{name}' fldd makes")
    problems = other_kind + lacking + changed + extra
    return problems


def _changed(conn: sqlite3.Connection, name: str, kind: str, columns: list[str]) -> str:
    if kind != "table":
        return f"its {kind} '{name}' is not the one fldd makes"
    present = [r[0] for r in conn.execute("SELECT name FROM pragma_table_info(?)", [name])]
    lacking = [c for c in columns if c not in present]
    extra = [c for c in present if c not in columns]
    if lacking:
        return f"its table {name} lacks the column {lacking[0]}"
    if extra:
        return f"its table {name} has a column {extra[0]} fldd does not make"
    return f"its table {name} is not defined as fldd defines it (its keys or rules differ)"


def _schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
                        "ESCAPE '\\' AND name <> '_sqlite_migrations'").fetchall()
    return {name: (kind, table, _normal(sql)) for kind, name, table, sql in rows}


def _normal(sql: str | None) -> str:
    """The statement with its spacing and quoting evened out (SQLite keeps the text as written)."""
    if sql is None:
        return ""
    for quote in ('"', "[", "]", "`"):
        sql = sql.replace(quote, "")
    return " ".join(sql.replace("(", " ( ").replace(")", " ) ").replace(",", " , ").split()).lower()


@lru_cache(maxsize=4)
def _expected(level: int) -> tuple[Schema, dict[str, list[str]]]:
    """fldd's schema after its first `level` migrations, and each table's columns."""
    from sqlite_utils import Database

    from fldd.store.migrations import migrations

    conn = sqlite3.connect(":memory:")
    try:
        migrations().apply(Database(conn, execute_plugins=False),
                           stop_before=NAMES[level] if level < len(NAMES) else None)
        schema = _schema(conn)
        columns = {name: [r[0] for r in conn.execute("SELECT name FROM pragma_table_info(?)", [name])]
                   for name, (kind, _, _) in schema.items() if kind == "table"}
    finally:
        conn.close()
    return schema, columns
