"""A database made before actions kept a trail: the upgrade records what is known (each action's creation) and
invents nothing; a status reached before the trail is shown as such, never as a step someone took."""

from __future__ import annotations

import sqlite3

from fldd.store import findings, migrations
from fldd.store.connection import open_store
from fldd.usecases.action_trail import action_history
from fldd.usecases.context import AppContext

BEFORE = ("0001_initial", "0002_import_details", "0003_supplier_corrections", "0004_workbook_exports")


def old_database(path) -> None:
    """A file as fldd left it before 0007, holding one open, one done and one verified action."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    old = Migrations(migrations.SET_NAME)
    for name, step in zip(BEFORE, (migrations.initial, migrations.import_details, migrations.supplier_corrections,
                                   migrations.workbook_exports)):
        old(name=name)(step)
    db = Database(sqlite3.connect(path))
    old.apply(db)
    stamp = "2026-09-01T08:00:00Z"
    db.execute("INSERT INTO suppliers (id, uid, name, country, created_at, updated_at) "
               "VALUES (1, 's-1', 'Klang Valley Gloves', 'MY', ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO assessments (id, uid, supplier_id, questionnaire_id, questionnaire_version, tier, "
               "started_at, updated_at) VALUES (1, 'a-1', 1, 'fldd-desktop', '1.0.0', 'desktop', ?, ?)", [stamp, stamp])
    for fid, title in ((1, "Passports kept"), (2, "Excessive hours"), (3, "No grievance channel")):
        db.execute("INSERT INTO findings (id, assessment_id, source, severity, title, due_days, created_at, "
                   "created_by) VALUES (?, 1, 'auditor', 'major', ?, 14, ?, 'Ana (auditor)')", [fid, title, stamp])
    db.execute("INSERT INTO corrective_actions (id, finding_id, description, due_date, status, created_at, "
               "updated_at) VALUES (1, 1, 'Return passports', '2026-09-15', 'open', ?, ?)", [stamp, stamp])
    db.execute("INSERT INTO corrective_actions (id, finding_id, description, due_date, status, created_at, "
               "updated_at, done_at) VALUES (2, 2, 'Cap hours', '2026-09-15', 'done', ?, ?, "
               "'2026-09-20T10:00:00Z')", [stamp, stamp])
    db.execute("INSERT INTO corrective_actions (id, finding_id, description, due_date, status, created_at, "
               "updated_at, done_at, verified_at, verified_by) VALUES (3, 3, 'Open a hotline', '2026-09-15', "
               "'verified', ?, ?, '2026-09-10T10:00:00Z', '2026-09-12T10:00:00Z', 'Bo (buyer)')", [stamp, stamp])
    db.conn.commit()
    db.conn.close()


def test_the_upgrade_records_each_action_created_and_nothing_it_does_not_know(tmp_path):
    path = tmp_path / "old.sqlite3"
    old_database(path)
    store = open_store(path)
    ctx = AppContext(store, "tester")
    try:
        for action_id in (1, 2, 3):
            (entry,) = action_history(ctx, action_id)["entries"]
            assert (entry["kind"], entry["from"], entry["to"]) == ("created", None, "open")
            assert (entry["by"], entry["at"], entry["note"], entry["evidence"]) == (
                "Ana (auditor)", "2026-09-01T08:00:00Z", "", None)
        assert action_history(ctx, 1)["before_trail"] is None
        assert action_history(ctx, 2)["before_trail"] == {"status": "done", "on": "2026-09-20", "by": ""}
        assert action_history(ctx, 3)["before_trail"] == {"status": "verified", "on": "2026-09-12",
                                                          "by": "Bo (buyer)"}
        findings.update_action(store, 2, who="Tom (buyer)", owner="HR manager")
        assert action_history(ctx, 2)["before_trail"]["status"] == "done", "an edit is not a step"
    finally:
        store.close()
    assert len(list(tmp_path.glob("old.before-*.sqlite3"))) == 1, "the file was copied before the upgrade"
