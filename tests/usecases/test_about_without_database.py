"""`fldd about` as the person asked for it by support while the app is open, or before fldd ever ran: the
facts that need no database (version, system, folders, the database's place and size, questionnaires) are
given, it says where the rest is, and nothing is created."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fldd import __version__, cli
from fldd.usecases.context import open_context
from fldd.usecases.suppliers import add_supplier

APP_HOLDS = """
import sys
from fldd.usecases.context import open_context
ctx = open_context(sys.argv[1], holder="app")
print("open", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def app_open(tmp_path):
    """The database open in the fldd app in another process, until the test ends."""
    db = tmp_path / "work" / "fldd.sqlite3"
    ctx = open_context(db, user="amina")
    add_supplier(ctx, "Sunrise Garments", "BD", goods=["Garments"])
    ctx.close()
    child = subprocess.Popen([sys.executable, "-c", APP_HOLDS, str(db)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "open"
    yield db
    child.kill()
    child.wait(timeout=30)


def test_about_while_the_app_is_open_tells_what_needs_no_database(app_open, capsys):
    assert cli.main(["--db", str(app_open), "about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"fldd {__version__}\n")
    size = app_open.stat().st_size
    assert f"Database: {app_open} (" in out and size > 0
    assert "Questionnaires:\n  fldd-desktop " in out
    assert "Help > About fldd" in out and "open" in out  # where the editions and the last backup are
    assert "Risk data in force:" not in out


def test_about_json_while_the_app_is_open(app_open, capsys):
    assert cli.main(["--db", str(app_open), "about", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["database"] == str(app_open) and facts["database_size"] >= app_open.stat().st_size
    assert facts["risk_editions"] == [] and facts["unavailable"]
    assert [q["id"] for q in facts["questionnaires"]] == ["fldd-desktop", "fldd-onsite"]


def test_about_before_any_database_exists_creates_nothing(tmp_path, monkeypatch, capsys):
    data = tmp_path / "fresh" / "data"
    monkeypatch.setenv("FLDD_DATA_DIR", str(data))
    assert cli.main(["about"]) == 0
    out = capsys.readouterr().out
    assert f"no database yet at {data / 'fldd.sqlite3'}" in out.lower()
    assert f"Database: {data / 'fldd.sqlite3'} (not there)\n" in out
    assert "Questionnaires:\n  fldd-desktop " in out
    assert not (tmp_path / "fresh").exists()  # no database, no lock file, no data or cache folder


def test_about_with_a_db_that_does_not_exist_creates_nothing(tmp_path, capsys):
    db = tmp_path / "shop" / "shop.sqlite3"
    assert cli.main(["--db", str(db), "about", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["database"] == str(db) and facts["database_size"] == 0
    assert "no database yet" in facts["unavailable"].lower()
    assert not (tmp_path / "shop").exists()
