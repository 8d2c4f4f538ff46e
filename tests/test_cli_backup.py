"""`fldd backup create|restore|show|status` as a script or a person at a terminal uses them: exit 0 when done,
1 naming the file when refused, 2 when a restore would go unasked; never while the app has the database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from fldd import app_config, paths
from fldd.cli import main
from fldd.store import backup_files
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

HOLD_AS_APP = """
import sys
from fldd.store.connection import open_store
store = open_store(sys.argv[1], holder="app")
print("holding", flush=True)
sys.stdin.readline()
"""


def names(db) -> list[str]:
    ctx = open_context(db)
    try:
        with ctx.store.read() as read:
            return [r[0] for r in read.execute("SELECT name FROM suppliers ORDER BY name")]
    finally:
        ctx.close()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "fldd.sqlite3"
    ctx = open_context(path, user="amina", role="buyer")
    add_supplier(ctx, "Klang Valley Gloves", "MY")
    ctx.close()
    return path


def run(capsys, *words) -> tuple[int, str, str]:
    code = main([str(w) for w in words])
    out, err = capsys.readouterr()
    return code, out, err


def test_create_show_and_status(db, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", db, "backup", "status")
    assert code == 0 and "never been backed up" in out and "fldd backup create" in out
    code, out, _ = run(capsys, "--db", db, "backup", "create", "--json")
    made = json.loads(out)
    assert code == 0 and made["counts"]["suppliers"] == 1
    assert made["path"].startswith(str(app_config.backup_folder())) and made["path"].endswith(".fldd-backup")
    code, out, _ = run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "mine.fldd-backup")
    assert code == 0 and str(tmp_path / "mine.fldd-backup") in out and "1 supplier," in out
    code, out, _ = run(capsys, "backup", "show", tmp_path / "mine.fldd-backup", "--json")
    assert code == 0 and json.loads(out)["source_db"] == str(db)
    code, out, _ = run(capsys, "--db", db, "backup", "status", "--json")
    status = json.loads(out)
    assert code == 0 and status["days_ago"] == 0 and status["reminder"] is None
    assert status["last_path"] == str(tmp_path / "mine.fldd-backup")


def test_show_refuses_a_file_that_is_not_a_backup_naming_it(tmp_path, capsys):
    letter = tmp_path / "letter.fldd-backup"
    letter.write_text("not a backup", encoding="utf-8")
    code, out, err = run(capsys, "backup", "show", letter)
    assert code == 1 and str(letter) in err and "not an fldd backup" in err and out == ""


def test_restore_with_yes_replaces_and_keeps_the_replaced_database(db, tmp_path, capsys):
    assert run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "b.fldd-backup")[0] == 0
    ctx = open_context(db)
    add_supplier(ctx, "Added Later", "PL")
    ctx.close()
    code, out, _ = run(capsys, "--db", db, "backup", "restore", tmp_path / "b.fldd-backup", "--yes", "--json")
    done = json.loads(out)
    assert code == 0 and names(db) == ["Klang Valley Gloves"]
    assert "before restore" in done["previous_saved_as"]
    code, out, _ = run(capsys, "backup", "show", done["previous_saved_as"], "--json")
    assert json.loads(out)["counts"]["suppliers"] == 2


def test_restore_unasked_is_refused_without_a_terminal(db, tmp_path, capsys, monkeypatch):
    run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "b.fldd-backup")
    ctx = open_context(db)
    add_supplier(ctx, "Added Later", "PL")
    ctx.close()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = run(capsys, "--db", db, "backup", "restore", tmp_path / "b.fldd-backup")
    assert code == 2 and "--yes" in err and "nothing was changed" in err
    assert names(db) == ["Added Later", "Klang Valley Gloves"]


@pytest.mark.parametrize(("answer", "restored"), [("y", True), ("", False)])
def test_restore_at_a_terminal_says_what_it_replaces_and_asks(db, tmp_path, capsys, monkeypatch, answer, restored):
    run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "b.fldd-backup")
    ctx = open_context(db)
    add_supplier(ctx, "Added Later", "PL")
    ctx.close()
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    code, out, err = run(capsys, "--db", db, "backup", "restore", tmp_path / "b.fldd-backup")
    assert asked == ["Restore? [y/N] "]
    assert "holds 1 supplier," in out and "which holds 2 suppliers," in out and str(db) in out
    assert (code, names(db) == ["Klang Valley Gloves"]) == ((0, True) if restored else (1, False))
    if not restored:
        assert "nothing was changed" in err


def test_restore_is_refused_while_the_app_has_the_database(db, tmp_path, capsys):
    run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "b.fldd-backup")
    ctx = open_context(db)
    add_supplier(ctx, "Added Later", "PL")
    ctx.close()
    app = subprocess.Popen([sys.executable, "-c", HOLD_AS_APP, str(db)], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        assert app.stdout.readline().strip() == "holding"
        code, _, err = run(capsys, "--db", db, "backup", "restore", tmp_path / "b.fldd-backup", "--yes")
        assert code == 1 and "the fldd app" in err and "nothing was changed" in err
        assert not list(app_config.backup_folder().glob("*before restore*"))  # refused before anything was written
    finally:
        app.kill()
        app.wait(timeout=30)
    assert names(db) == ["Added Later", "Klang Valley Gloves"]


def test_restore_on_a_new_computer_fills_a_database_that_did_not_exist(db, tmp_path, capsys):
    run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "b.fldd-backup")
    fresh = tmp_path / "new laptop" / "fldd.sqlite3"
    code, out, _ = run(capsys, "--db", fresh, "backup", "restore", tmp_path / "b.fldd-backup", "--yes")
    assert code == 0 and names(fresh) == ["Klang Valley Gloves"]
    code, out, _ = run(capsys, "--db", fresh, "backup", "status", "--json")
    assert json.loads(out)["last_path"] == str(tmp_path / "b.fldd-backup")  # what it holds is in that file


def test_create_never_writes_over_a_file(db, tmp_path, capsys):
    document = tmp_path / "report.docx"
    document.write_bytes(b"the quarterly report")
    code, out, err = run(capsys, "--db", db, "backup", "create", "-o", document)
    assert code == 1 and str(document) in err and "already" in err
    assert document.read_bytes() == b"the quarterly report"


def test_show_refuses_a_database_another_fldd_works_on_naming_it(db, tmp_path, capsys):
    other = tmp_path / "other.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_AS_APP, str(other)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        code, out, err = run(capsys, "backup", "show", other)
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert code == 1 and str(other) in err and f"process {holder.pid}" in err and "Traceback" not in err


def test_a_crafted_backup_is_refused_without_a_traceback_and_its_text_is_plain(db, tmp_path, capsys):
    code, out, err = run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "good.fldd-backup")
    assert code == 0
    trig = tmp_path / "trig.fldd-backup"
    trig.write_bytes((tmp_path / "good.fldd-backup").read_bytes())
    with sqlite3.connect(trig) as conn:
        conn.execute("CREATE TRIGGER no_settings BEFORE INSERT ON settings BEGIN SELECT RAISE(ABORT, 'x'); END")
    code, out, err = run(capsys, "--db", db, "backup", "restore", "--yes", trig)
    assert code == 1 and "no_settings" in err and "Traceback" not in err
    marked = tmp_path / "markup.fldd-backup"
    marked.write_bytes((tmp_path / "good.fldd-backup").read_bytes())
    with sqlite3.connect(marked) as conn:
        conn.execute("UPDATE settings SET value = char(27) || '[2J' || char(27) || '[32mOK: verified' "
                     "WHERE key = 'backup_app_version'")
    code, out, err = run(capsys, "backup", "show", marked)
    assert code == 0 and "\x1b" not in out and "OK: verified" in out


def test_a_full_disk_is_a_plain_message(db, tmp_path, capsys, monkeypatch):
    def full(conn):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_files, "_integrity", full)
    code, out, err = run(capsys, "--db", db, "backup", "create", "-o", tmp_path)
    assert code == 1 and f"the disk holding {tmp_path} is full" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["fldd.sqlite3", "fldd.sqlite3.lock"])


@pytest.mark.parametrize("command", [("suppliers", "list"), ("backup", "status"),
                                     ("backup", "restore", "--yes", "x.fldd-backup")])
def test_a_moved_database_that_is_not_there_is_said_and_no_empty_one_is_made(tmp_path, capsys, command):
    gone = tmp_path / "usb-stick" / "fldd.sqlite3"
    app_config.save(app_config.AppConfig(database=str(gone)))
    code, out, err = run(capsys, *command)
    assert code == 1 and str(gone) in err and "--db" in err
    assert not gone.parent.exists() and not paths.default_db_path().exists()
    gone.parent.mkdir()  # the folder is there, the file is gone: the same
    code, out, err = run(capsys, *command)
    assert code == 1 and str(gone) in err and not gone.exists()


def test_a_refusal_quoting_a_crafted_name_prints_no_terminal_codes(db, tmp_path, capsys):
    assert run(capsys, "--db", db, "backup", "create", "-o", tmp_path / "good.fldd-backup")[0] == 0
    crafted = tmp_path / "crafted.fldd-backup"
    crafted.write_bytes((tmp_path / "good.fldd-backup").read_bytes())
    with sqlite3.connect(crafted) as conn:
        conn.execute("CREATE TABLE \"x\x1b[2J\x1b[32mverified\" (a)")
    code, out, err = run(capsys, "backup", "show", crafted)
    assert code == 1 and "verified" in err and "\x1b" not in err
