"""`fldd actions`: the corrective actions and their trail from the command line, with the same rules as the app
(a done or verified step needs a note or a file, a reopen a reason; exit 1 with the message when one is missing)."""

from __future__ import annotations

import hashlib
import json

import pytest

from fldd.cli import main
from fldd.store import settings
from fldd.usecases.context import open_context
from fldd.usecases.findings import list_findings
from tests.usecases.test_findings import submitted  # noqa: F401 - the fixture


@pytest.fixture
def db(ctx, submitted):  # noqa: F811 - the fixture imported above
    """The database file, closed by the test's context (a CLI run opens it on its own); its hours action id."""
    (row,) = [r for r in list_findings(ctx) if r["threshold_id"] == "excessive_hours"]
    settings.put(ctx.store, "user", "Siti (HR)")
    settings.put(ctx.store, "role", "supplier")
    ctx.close()
    return str(ctx.store.path), row["action_id"]


def run(capsys, *words) -> tuple[int, str, str]:
    code = main(list(words))
    out, err = capsys.readouterr()
    return code, out, err


def status_of(path: str, action_id: int) -> str:
    ctx = open_context(path)
    try:
        return next(r["status"] for r in list_findings(ctx) if r["action_id"] == action_id)
    finally:
        ctx.close()


def test_marking_done_without_a_note_or_a_file_exits_1_and_changes_nothing(capsys, db):
    path, action = db
    code, _, err = run(capsys, "--db", path, "actions", "move", str(action), "done")
    assert code == 1
    assert f"error: corrective action {action}: to mark it done, write a note saying what was done" in err
    assert status_of(path, action) == "open"


def test_done_with_a_note_and_a_file_then_shown_with_its_trail(capsys, db, tmp_path):
    path, action = db
    photo = tmp_path / "rota.png"
    photo.write_bytes(b"\x89PNG the rota")
    code, out, _ = run(capsys, "--db", path, "actions", "move", str(action), "done", "--note", "Rota capped",
                       "--file", str(photo))
    assert code == 0 and f"corrective action {action}: done" in out
    code, out, _ = run(capsys, "--db", path, "actions", "show", str(action), "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "done" and data["supplier"] == "Klang Valley Gloves"
    step = data["history"][-1]
    assert (step["from"], step["to"], step["by"], step["note"]) == ("open", "done", "Siti (HR)", "Rota capped")
    assert step["evidence"]["sha256"] == hashlib.sha256(b"\x89PNG the rota").hexdigest()
    assert [e["file_name"] for e in data["evidence"]] == ["rota.png"]
    code, out, _ = run(capsys, "--db", path, "actions", "show", str(action))
    assert code == 0 and "open -> done by Siti (HR): Rota capped [file rota.png, sha256" in out


def test_the_list_shows_open_actions_of_a_supplier(capsys, db):
    path, action = db
    code, out, _ = run(capsys, "--db", path, "actions", "list", "--open", "--json")
    rows = json.loads(out)
    assert code == 0 and action in [r["action_id"] for r in rows]
    assert all(r["status"] != "verified" for r in rows)
    code, out, _ = run(capsys, "--db", path, "actions", "list")
    assert code == 0 and f"{action:>5}  major" in out


def test_an_unknown_action_exits_1_naming_it(capsys, db):
    path, _ = db
    code, _, err = run(capsys, "--db", path, "actions", "show", "999")
    assert code == 1 and "corrective action 999 does not exist" in err


def test_an_empty_file_or_an_invisible_note_does_not_mark_it_done(capsys, db, tmp_path):
    path, action = db
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    for proof in (str(empty), "/dev/null"):
        code, _, err = run(capsys, "--db", path, "actions", "move", str(action), "done", "--file", proof)
        assert code == 1 and f"error: {proof}: the file is empty" in err
    code, _, err = run(capsys, "--db", path, "actions", "move", str(action), "done", "--note", "\u200b\u2060")
    assert code == 1 and "to mark it done, write a note" in err
    assert status_of(path, action) == "open"
