"""Backups, restores and moves, as disputed by the people who rely on them: the one who backs up while the app
works on, restores a file that is not a backup, pulls the plug mid-restore, restores a backup from an older or
newer fldd, and moves the database to another folder."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fldd import app_config
from fldd.store import evidence as store_evidence
from fldd.store import settings
from fldd.store.connection import open_store
from fldd.store.errors import StoreError
from fldd.store.migrations import pending_names
from fldd.usecases import backup
from fldd.usecases.assessments import start_assessment
from fldd.usecases.context import AppContext, open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import save_preferences
from fldd.usecases.suppliers import add_supplier

V1 = Path(__file__).parent / "v1_database" / "v1.sqlite3"
EVIDENCE = bytes(range(256)) * 300  # every byte value, so a text-mode slip shows


def records(ctx) -> dict:
    """Every row of every table but the settings (which a backup and a restore write to) and the migration log."""
    with ctx.store.read() as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                                           "('settings', '_sqlite_migrations') AND name NOT LIKE 'sqlite_%' "
                                           "ORDER BY name")]
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def supplier_names(ctx) -> list[str]:
    with ctx.store.read() as db:
        return [r[0] for r in db.execute("SELECT name FROM suppliers ORDER BY name")]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def db_digests(path: Path) -> tuple[str, str]:
    return file_digest(path), file_digest(path.with_name(path.name + "-wal"))


@pytest.fixture
def workspace(ctx):
    """Two suppliers, an assessment with an evidence file."""
    gloves = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    add_supplier(ctx, "Lodz Chairs", "PL", goods=["Furniture"])
    assessment = start_assessment(ctx, gloves, "fldd-desktop")
    evidence_id = store_evidence.add(ctx.store, EVIDENCE, "payslips.pdf", assessment_id=assessment)
    return {"assessment": assessment, "evidence": evidence_id}


def test_a_backup_is_one_checked_file_in_the_backup_folder_that_says_what_it_holds(ctx, workspace):
    facts = backup.back_up(ctx)
    folder = app_config.backup_folder()
    assert facts.path.parent == folder.absolute()
    assert facts.path.name.startswith("fldd backup ") and facts.path.name.endswith(backup.BACKUP_SUFFIX)
    assert sorted(p.name for p in folder.iterdir()) == [facts.path.name]  # no .part, -wal or -shm beside it
    assert facts.counts == {"suppliers": 2, "assessments": 1, "findings": 0, "evidence_files": 1}
    assert facts.source_db == str(ctx.store.path)
    # the file alone tells what it is: copied elsewhere and renamed, it still says so
    elsewhere = ctx.store.path.parent / "renamed.bin"
    shutil.copyfile(facts.path, elsewhere)
    again = backup.read_backup(elsewhere)
    assert (again.made_at, again.app_version, again.counts) == (facts.made_at, facts.app_version, facts.counts)
    # remembered in the workspace, not in the copy
    assert backup.backup_status(ctx).last_path == str(facts.path)
    with sqlite3.connect(facts.path) as copy:
        assert copy.execute("SELECT count(*) FROM settings WHERE key = ?", [backup.LAST_AT_KEY]).fetchone()[0] == 0
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_backup_holds_what_another_connection_of_the_app_has_just_committed(ctx, workspace):
    other = AppContext(open_store(ctx.store.path), "worker", "buyer")
    try:
        add_supplier(other, "Porto Shoes", "PT", goods=["Footwear"])
        facts = backup.back_up(ctx)
    finally:
        other.close()
    assert facts.counts["suppliers"] == 3


def test_two_backups_in_one_minute_get_two_files_and_a_folder_gets_a_dated_name(ctx, workspace, tmp_path):
    first, second = backup.back_up(ctx), backup.back_up(ctx)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    (tmp_path / "usb").mkdir()
    third = backup.back_up(ctx, tmp_path / "usb")
    assert third.path.parent == tmp_path / "usb" and third.path.name.startswith("fldd backup ")


def test_restore_brings_back_exactly_the_records_and_evidence_bytes(ctx, workspace):
    before = records(ctx)
    facts = backup.back_up(ctx)
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    store_evidence.remove(ctx.store, workspace["evidence"])
    assert records(ctx) != before
    new, restored, safety = backup.restore(ctx, facts.path)
    try:
        assert records(new) == before
        assert store_evidence.content(new.store, workspace["evidence"]) == ("payslips.pdf", EVIDENCE)
        assert (new.user, new.role, new.store.path) == ("amina", "buyer", ctx.store.path)
        assert new.today() == dt.date(2026, 11, 23)  # the same clock
        assert settings.get(new.store, "setup_done") == "1"
        assert backup.backup_status(new).last_path == str(facts.path)  # what it now holds is in that file
        assert restored.counts == facts.counts
        assert "before restore" in safety.name and safety.parent == app_config.backup_folder().absolute()
        assert not ctx.store.path.with_name(ctx.store.path.name + ".restoring").exists()
    finally:
        new.close()


def test_the_safety_backup_holds_what_was_replaced_and_can_be_restored(ctx, workspace):
    facts = backup.back_up(ctx)
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    replaced = records(ctx)
    new, _, safety = backup.restore(ctx, facts.path)
    assert backup.read_backup(safety).counts["suppliers"] == 3
    back, _, _ = backup.restore(new, safety)
    try:
        assert records(back) == replaced
        assert "Porto Shoes" in supplier_names(back)
    finally:
        back.close()


def _damaged(facts_path: Path, target: Path) -> Path:
    data = bytearray(facts_path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page):  # scribble over every page but the first and last
        data[offset + 100:offset + 400] = b"\xa5" * 300
    target.write_bytes(bytes(data))
    return target


def _not_fldd(path: Path) -> Path:
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("INSERT INTO recipes VALUES ('soup')")
    other.close()
    return path


def _newer(facts_path: Path, target: Path) -> Path:
    shutil.copyfile(facts_path, target)
    with sqlite3.connect(target) as newer:
        newer.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                      "VALUES ('fldd', '0099_something_new', '2027-01-01')")
        newer.execute("UPDATE settings SET value = '9.0.0' WHERE key = 'backup_app_version'")
    newer.close()
    return target


BAD_FILES = {
    "not SQLite": (lambda f, t: (t.write_text("Dear supplier, please find attached", encoding="utf-8"), t)[1],
                   "not a database file"),
    "damaged": (_damaged, "damaged"),
    "not fldd's": (lambda f, t: _not_fldd(t), "not one of fldd's"),
    "empty": (lambda f, t: (t.write_bytes(b""), t)[1], "empty (0 bytes)"),
    "newer fldd": (_newer, "fldd 9.0.0, newer than this fldd"),
    "missing": (lambda f, t: t, "no such file"),
    "a folder": (lambda f, t: (t.mkdir(), t)[1], "this is a folder"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_refused_file_leaves_the_database_byte_for_byte_and_record_for_record(ctx, workspace, tmp_path, kind):
    good = backup.back_up(ctx, tmp_path / "good.fldd-backup")
    make, said = BAD_FILES[kind]
    bad = make(good.path, tmp_path / f"candidate {kind}.fldd-backup")
    bad_bytes = file_digest(bad) if bad.is_file() else None
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    before, digests = records(ctx), db_digests(ctx.store.path)
    backups_before = sorted(app_config.backup_folder().glob("*")) if app_config.backup_folder().exists() else []
    with pytest.raises(Rejected) as refused:
        backup.restore(ctx, bad)
    message = str(refused.value)
    assert str(bad) in message and said in message
    assert records(ctx) == before and db_digests(ctx.store.path) == digests
    assert (sorted(app_config.backup_folder().glob("*")) if app_config.backup_folder().exists() else []) \
        == backups_before  # refused before any safety copy
    if bad_bytes is not None:  # the person's file is only read: not changed, nothing left beside it
        assert file_digest(bad) == bad_bytes
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(bad.name) and p != bad]
    add_supplier(ctx, "Still Working", "VN")  # the context is still open and writable


def test_the_open_database_itself_is_not_a_backup(ctx, workspace):
    before = records(ctx)
    for path in (ctx.store.path, ctx.store.path.with_name(ctx.store.path.name + "-wal")):
        with pytest.raises(Rejected, match="database fldd has open"):
            backup.restore(ctx, path)
    assert records(ctx) == before


def test_a_backup_from_an_older_fldd_is_brought_up_to_date_when_restored(ctx, workspace, tmp_path):
    old = tmp_path / "from 2025.fldd-backup"
    shutil.copyfile(V1, old)
    facts = backup.read_backup(old)
    assert facts.older_schema and facts.app_version == "unknown" and facts.counts["suppliers"] > 0
    new, _, _ = backup.restore(ctx, old)
    try:
        assert pending_names(new.store.conn) == []
        assert len(supplier_names(new)) == facts.counts["suppliers"]
        assert settings.get(new.store, "setup_done") == "1"
    finally:
        new.close()
    assert file_digest(old) == file_digest(V1)


def test_a_rename_that_fails_leaves_the_old_database_open_and_whole(ctx, workspace, monkeypatch):
    facts = backup.back_up(ctx)
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    before = records(ctx)

    real = backup.backup_files.os.replace

    def refuse(src, dst):  # Windows, with another program holding the database file open
        if Path(dst) == ctx.store.path:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real(src, dst)

    monkeypatch.setattr(backup.backup_files.os, "replace", refuse)
    with pytest.raises(Rejected, match="your database is as it was"):
        backup.restore(ctx, facts.path)
    monkeypatch.undo()
    assert records(ctx) == before  # ctx was reopened on the old file
    add_supplier(ctx, "Still Working", "VN")
    assert not ctx.store.path.with_name(ctx.store.path.name + ".restoring").exists()


def test_a_restored_file_that_will_not_open_is_replaced_by_the_old_database_again(ctx, workspace, monkeypatch):
    facts = backup.back_up(ctx)
    add_supplier(ctx, "Porto Shoes", "PT", goods=["Footwear"])
    before = records(ctx)

    def fails(*args, **kwargs):  # an upgrade of an old backup that goes wrong, say
        raise StoreError(ctx.store.path, "disk I/O error")

    monkeypatch.setattr(backup, "open_context", fails)
    with pytest.raises(Rejected, match="put back as it was"):
        backup.restore(ctx, facts.path)
    assert records(ctx) == before
    add_supplier(ctx, "Still Working", "VN")


CRASH = """
import os, sys
from pathlib import Path
from fldd.store import backup_files
from fldd.usecases import backup
from fldd.usecases.context import open_context

db, source, when = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
real = os.replace

def pulled_plug(src, dst):
    if Path(dst) == db:
        if when == "before":
            os._exit(9)
        real(src, dst)
        os._exit(9)
    real(src, dst)

backup_files.os.replace = pulled_plug
ctx = open_context(db, user="amina", role="buyer")
backup.restore(ctx, source)
print("not reached")
"""


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_crash_at_the_swap_leaves_either_the_old_or_the_new_database_whole(tmp_path, when):
    db = tmp_path / "fldd.sqlite3"
    ctx = open_context(db, user="amina", role="buyer")
    add_supplier(ctx, "In The Backup", "MY")
    facts = backup.back_up(ctx, tmp_path / "b.fldd-backup")
    add_supplier(ctx, "Only Now", "PL")
    ctx.close()
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(db), str(facts.path), when], capture_output=True,
                             text=True, timeout=120)
    assert crashed.returncode == 9, crashed.stderr
    again = open_context(db)
    try:
        with again.store.read() as read:
            assert read.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        expected = ["In The Backup", "Only Now"] if when == "before" else ["In The Backup"]
        assert supplier_names(again) == expected
    finally:
        again.close()


def test_move_keeps_every_record_points_the_app_at_it_and_removes_the_old_file(ctx, workspace, tmp_path):
    before = records(ctx)
    old = ctx.store.path
    new = backup.move_database(ctx, tmp_path / "shared drive" / "fldd")
    try:
        assert new.store.path == (tmp_path / "shared drive" / "fldd" / "fldd.sqlite3").absolute()
        assert records(new) == before
        assert store_evidence.content(new.store, workspace["evidence"])[1] == EVIDENCE
        assert app_config.database_path() == new.store.path
        assert not old.exists()
        assert not [p for p in old.parent.iterdir() if p.name.startswith(old.name) and not p.name.endswith(".lock")]
        assert (new.user, new.role) == ("amina", "buyer")
        add_supplier(new, "Written There", "VN")
    finally:
        new.close()


def test_move_refuses_an_occupied_or_the_same_folder_and_changes_nothing(ctx, workspace, tmp_path):
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "fldd.sqlite3").write_bytes(b"someone else's")
    before = records(ctx)
    with pytest.raises(Rejected, match="already holds an fldd database"):
        backup.move_database(ctx, occupied)
    with pytest.raises(Rejected, match="already in this folder"):
        backup.move_database(ctx, ctx.store.path.parent)
    assert (occupied / "fldd.sqlite3").read_bytes() == b"someone else's"
    assert records(ctx) == before and app_config.load().database is None


def test_move_refuses_a_folder_it_cannot_write(ctx, workspace, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(Rejected, match="cannot write in this folder"):
        backup.move_database(ctx, blocked / "inside")
    assert app_config.load().database is None and ctx.store.path.exists()


def _at(ctx, days: int):
    """The same workspace seen `days` after its last backup."""
    made = dt.date.fromisoformat(settings.get(ctx.store, backup.LAST_AT_KEY)[:10])
    return dataclasses.replace(ctx, today=lambda: made + dt.timedelta(days=days))


def test_the_reminder_comes_at_the_chosen_age_and_never_when_never_is_chosen(ctx, workspace):
    assert "never been backed up" in backup.backup_status(ctx).reminder
    backup.back_up(ctx)
    assert backup.backup_status(_at(ctx, 0)).reminder is None
    assert backup.backup_status(_at(ctx, 29)).reminder is None  # the default: every 30 days
    due = backup.backup_status(_at(ctx, 45))
    assert due.days_ago == 45
    assert due.reminder == ("Your last backup was 45 days ago. Back up now (Ctrl+B) to keep a copy of your "
                            "suppliers, assessments and evidence somewhere safe.")
    save_preferences(ctx, backup_reminder_days=7)
    assert backup.backup_status(_at(ctx, 6)).reminder is None
    assert backup.backup_status(_at(ctx, 7)).reminder.startswith("Your last backup was 7 days ago.")
    save_preferences(ctx, backup_reminder_days=0)
    assert backup.backup_status(_at(ctx, 400)).reminder is None


def test_an_empty_workspace_is_not_nagged(ctx):
    status = backup.backup_status(ctx)
    assert (status.last_at, status.reminder) == (None, None)
