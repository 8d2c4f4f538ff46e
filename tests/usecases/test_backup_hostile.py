"""Backups and restores disputed by a hostile reviewer: a copied data folder whose changes are still in a -wal, a
backup name that is already taken, a file whose schema is not fldd's, a wrong clock, a full disk, a folder with
another database's leftovers, and a plug pulled at the wrong moment."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from fldd import app_config
from fldd.store import backup_files, settings
from fldd.usecases import backup
from fldd.usecases import backup_words as words
from fldd.usecases.context import open_context
from fldd.usecases.errors import Rejected
from fldd.usecases.preferences import save_preferences
from fldd.usecases.suppliers import add_supplier


def names(ctx) -> list[str]:
    with ctx.store.read() as db:
        return [r[0] for r in db.execute("SELECT name FROM suppliers ORDER BY name")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


@pytest.fixture
def made(ctx):
    add_supplier(ctx, "Klang Valley Gloves", "MY")
    add_supplier(ctx, "Lodz Chairs", "PL")
    return backup.back_up(ctx)


def crafted(facts, tmp_path, name: str, *sql: str) -> Path:
    """A copy of a real backup changed with plain SQLite, as someone hostile would."""
    path = tmp_path / f"{name}.fldd-backup"
    shutil.copyfile(facts.path, path)
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.executescript(statement)
    conn.commit()
    conn.close()
    return path


# D1 ---------------------------------------------------------------------------------------------------------------

def with_wal(facts, tmp_path) -> Path:
    """A copied data folder: the database and its -wal holding a later supplier, copied while it was open."""
    live = tmp_path / "live.sqlite3"
    shutil.copyfile(facts.path, live)
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO suppliers (uid, name, country, created_at, updated_at) "
                 "VALUES ('late', 'Added Later', 'TH', '2026-11-23', '2026-11-23')")
    conn.commit()
    copied = tmp_path / "copied" / "fldd.sqlite3"
    copied.parent.mkdir()
    shutil.copyfile(live, copied)
    shutil.copyfile(live.with_name(live.name + "-wal"), copied.with_name(copied.name + "-wal"))
    conn.close()
    assert copied.with_name(copied.name + "-wal").stat().st_size > 0
    return copied


def test_a_wal_beside_the_chosen_file_is_read_and_restored_and_the_files_are_left_alone(ctx, made, tmp_path):
    copied = with_wal(made, tmp_path)
    before = sorted((p.name, digest(p)) for p in copied.parent.iterdir())
    facts = backup.read_backup(copied)
    assert facts.counts["suppliers"] == 3  # the true count, the -wal's supplier included
    new, restored, _ = backup.restore(ctx, copied)
    try:
        assert "Added Later" in names(new)
        assert restored.counts["suppliers"] == 3
    finally:
        new.close()
    assert sorted((p.name, digest(p)) for p in copied.parent.iterdir()) == before


# D2 ---------------------------------------------------------------------------------------------------------------

def test_a_backup_never_replaces_a_file_that_is_there(ctx, made, tmp_path):
    document = tmp_path / "report.docx"
    document.write_bytes(b"the quarterly report")
    with pytest.raises(Rejected) as refused:
        backup.back_up(ctx, document)
    assert str(document) in str(refused.value) and "already" in str(refused.value)
    assert document.read_bytes() == b"the quarterly report"
    older = made.path
    kept = digest(older)
    with pytest.raises(Rejected):
        backup.back_up(ctx, older)
    assert digest(older) == kept
    assert not [p for p in tmp_path.rglob("*.part")]


def test_the_final_name_is_taken_without_replacing_what_appeared_meanwhile(ctx, made, tmp_path, monkeypatch):
    target = tmp_path / "nightly.fldd-backup"
    real_integrity = backup_files._integrity

    def another_writer_gets_there_first(conn):
        target.write_bytes(b"written by someone else meanwhile")
        return real_integrity(conn)

    monkeypatch.setattr(backup_files, "_integrity", another_writer_gets_there_first)
    with pytest.raises(Rejected) as refused:
        backup.back_up(ctx, target)
    assert "already" in str(refused.value)
    assert target.read_bytes() == b"written by someone else meanwhile"


# D3 ---------------------------------------------------------------------------------------------------------------

HOSTILE = {
    "trig_abort": ("CREATE TRIGGER no_settings BEFORE INSERT ON settings BEGIN SELECT RAISE(ABORT, 'hostile'); END;",
                   "trigger 'no_settings'"),
    "trig_silent": ("CREATE TRIGGER tamper AFTER INSERT ON suppliers BEGIN UPDATE suppliers SET name = 'TAMPERED ' "
                    "|| new.name WHERE id = new.id; END;", "trigger 'tamper'"),
    "missing_col": ("PRAGMA foreign_keys=OFF; ALTER TABLE suppliers DROP COLUMN notes;",
                    "suppliers lacks the column notes"),
    "view_findings": ("PRAGMA foreign_keys=OFF; PRAGMA legacy_alter_table=ON; ALTER TABLE findings RENAME TO "
                      "findings_real; CREATE VIEW findings AS SELECT * FROM findings_real WHERE 0;", "findings"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_backup_whose_schema_is_not_fldds_is_refused_naming_the_difference(ctx, made, tmp_path, name):
    sql, said = HOSTILE[name]
    path = crafted(made, tmp_path, name, sql)
    database = ctx.store.path
    with pytest.raises(Rejected) as refused:
        backup.read_backup(path)
    assert said in str(refused.value) and str(path) in str(refused.value)
    with pytest.raises(Rejected):
        backup.restore(ctx, path)
    assert names(ctx) == ["Klang Valley Gloves", "Lodz Chairs"]  # ctx still open and usable
    with sqlite3.connect(database) as conn:
        assert not conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN "
                                "('no_settings', 'tamper')").fetchall()


def test_a_settings_table_without_its_key_is_refused(ctx, made, tmp_path):
    path = crafted(made, tmp_path, "settings_nokey", "PRAGMA foreign_keys=OFF; CREATE TABLE s2 (key TEXT, value TEXT);"
                   "INSERT INTO s2 SELECT key, value FROM settings; DROP TABLE settings; "
                   "ALTER TABLE s2 RENAME TO settings;")
    with pytest.raises(Rejected) as refused:
        backup.read_backup(path)
    assert "settings" in str(refused.value)


def test_a_v1_backup_still_passes_the_schema_check():
    v1 = Path(__file__).parent / "v1_database" / "v1.sqlite3"
    assert backup.read_backup(v1).older_schema


def test_a_failure_after_the_swap_puts_the_replaced_database_back_and_ctx_stays_usable(ctx, made, monkeypatch):
    add_supplier(ctx, "Porto Shoes", "PT")
    import fldd.usecases.risk_data as risk_data

    def broken(_ctx):
        raise sqlite3.IntegrityError("something unforeseen")

    monkeypatch.setattr(risk_data, "make_risk_current", broken)
    with pytest.raises(Rejected) as refused:
        backup.restore(ctx, made.path)
    assert "put back" in str(refused.value)
    assert names(ctx) == ["Klang Valley Gloves", "Lodz Chairs", "Porto Shoes"]
    add_supplier(ctx, "Typed after", "MY")  # the caller's context works on
    assert "Typed after" in names(ctx)


# D4 ---------------------------------------------------------------------------------------------------------------

def test_a_backup_stamped_in_the_future_or_unstamped_has_no_known_date(ctx, made, tmp_path):
    future = crafted(made, tmp_path, "future", "UPDATE settings SET value='2031-06-01T10:00:00+00:00' "
                                               "WHERE key='backup_made_at';")
    unstamped = crafted(made, tmp_path, "unstamped", "DELETE FROM settings WHERE key='backup_made_at';")
    for path in (future, unstamped):
        facts = backup.read_backup(path)
        assert facts.made_at == ""
        assert words.when(facts.made_at) == "an unknown date"
    new, _, _ = backup.restore(ctx, future)
    try:
        status = backup.backup_status(new)
        assert status.last_at is None and status.reminder is not None  # not a recent backup: the reminder shows
    finally:
        new.close()


def test_after_a_restore_the_last_backup_is_the_backups_own_date(ctx, made):
    new, facts, _ = backup.restore(ctx, made.path)
    try:
        assert backup.backup_status(new).last_at == made.made_at == facts.made_at
    finally:
        new.close()


def test_a_last_backup_date_in_the_future_is_due_and_says_the_clock_may_be_wrong(ctx, made):
    with ctx.store.write():
        settings.put(ctx.store, backup.LAST_AT_KEY, "2031-06-01T10:00:00+00:00")
    status = backup.backup_status(ctx)
    assert status.reminder is not None and "clock" in status.reminder
    assert status.days_ago is None


# D5 ---------------------------------------------------------------------------------------------------------------

def test_after_a_restore_the_role_is_the_restored_workspaces(ctx):
    save_preferences(ctx, role="auditor", language="es", backup_reminder_days=7)
    facts = backup.back_up(ctx)
    save_preferences(ctx, role="supplier", language="en", backup_reminder_days=90)
    ctx.role = "supplier"
    new, _, _ = backup.restore(ctx, facts.path)
    try:
        assert new.role == "auditor"
    finally:
        new.close()


# D6 ---------------------------------------------------------------------------------------------------------------

def test_text_from_a_backup_is_plain(ctx, made, tmp_path):
    path = crafted(made, tmp_path, "markup",
                   "UPDATE settings SET value='<h1>approved</h1>' WHERE key='backup_made_at';"
                   "UPDATE settings SET value=char(27)||'[2J'||char(27)||'[32mOK'||char(155)||char(8238) "
                   "WHERE key='backup_app_version';")
    facts = backup.read_backup(path)
    assert words.when(facts.made_at) == "an unknown date"
    assert facts.app_version == "<U+001B>[2J<U+001B>[32mOK<U+009B><U+202E>"  # seen for what it is, never obeyed


# D7 ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("problem", [sqlite3.OperationalError("database or disk is full"),
                                     OSError(errno.ENOSPC, "No space left on device")])
def test_a_full_disk_is_said_plainly_and_nothing_is_left_or_changed(ctx, made, tmp_path, monkeypatch, problem):
    folder = tmp_path / "usb"
    folder.mkdir()

    def full(conn):
        raise problem

    monkeypatch.setattr(backup_files, "_integrity", full)
    with pytest.raises(Rejected) as refused:
        backup.back_up(ctx, folder)
    assert "full" in str(refused.value) and str(folder) in str(refused.value)
    assert list(folder.iterdir()) == []
    assert backup.backup_status(ctx).last_path == str(made.path)
    with pytest.raises(Rejected) as refused:
        backup.move_database(ctx, tmp_path / "elsewhere")
    assert "full" in str(refused.value)
    assert names(ctx) == ["Klang Valley Gloves", "Lodz Chairs"]
    assert app_config.load().database is None


# D10 --------------------------------------------------------------------------------------------------------------

def test_a_folder_with_a_leftover_journal_is_occupied(ctx, made, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "fldd.sqlite3-journal").write_bytes(b"x" * 512)
    with pytest.raises(Rejected) as refused:
        backup.move_database(ctx, folder)
    assert "already holds" in str(refused.value)


# D12 --------------------------------------------------------------------------------------------------------------

def test_a_part_left_by_a_killed_backup_is_cleared_by_the_next(ctx, made, monkeypatch):
    folder = made.path.parent
    stale = folder / ".fldd-writing-killed"
    stale.mkdir()
    (stale / "fldd backup 2026-11-23 1402.fldd-backup.part").write_bytes(b"half")
    old = (dt.datetime.now() - dt.timedelta(hours=2)).timestamp()
    os.utime(stale / "fldd backup 2026-11-23 1402.fldd-backup.part", (old, old))
    os.utime(stale, (old, old))
    backup.back_up(ctx)
    assert not [p for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith(".fldd-writing")]


def test_a_restored_database_never_keeps_the_backups_stamp_even_when_killed_after_the_swap(ctx, made, monkeypatch):
    database = ctx.store.path

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the plug pulled right after the swap

    monkeypatch.setattr(backup, "open_context", killed)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(ctx, made.path)
    conn = sqlite3.connect(database)
    try:
        kept = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    finally:
        conn.close()
    assert not set(backup_files.STAMP_KEYS) & set(kept)
    assert kept.get("setup_done") == "1" and kept.get(backup.LAST_AT_KEY) == made.made_at


def test_the_source_is_stored_as_an_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ctx = open_context(Path("relative.sqlite3"))
    try:
        facts = backup.back_up(ctx)
    finally:
        ctx.close()
    assert Path(facts.source_db).is_absolute()


def test_a_fifo_is_refused_as_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.fldd-backup"
    os.mkfifo(fifo)
    with pytest.raises(Rejected) as refused:
        backup.read_backup(fifo)
    assert "not a regular file" in str(refused.value)


def test_a_copy_cut_short_is_cleared_at_once_and_one_under_way_is_left_alone(ctx, made):
    from fldd.store import lock

    folder = made.path.parent
    killed, writing = folder / ".fldd-writing-killed", folder / ".fldd-writing-busy"
    for work in (killed, writing):
        work.mkdir()
        (work / "x.fldd-backup.part").write_bytes(b"half")
    os.close(lock.hold_marker(killed / backup_files.BUSY_MARKER))  # its writer died: the lock went with it
    held = lock.hold_marker(writing / backup_files.BUSY_MARKER)  # another process's backup under way
    try:
        backup.back_up(ctx)
        assert not killed.exists()
        assert (writing / "x.fldd-backup.part").exists()
    finally:
        os.close(held)
