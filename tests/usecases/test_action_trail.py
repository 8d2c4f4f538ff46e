"""The trail of a corrective action, told by the people who disagree about it: a supplier that says it fixed
the action, a buyer that says no proof was ever shown, an auditor who must show when it was reopened and by whom."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from fldd.cli import main
from fldd.usecases.action_trail import action_history, step_needs
from fldd.usecases.assessments import assessment_json
from fldd.usecases.errors import Rejected
from fldd.usecases.findings import (
    attach_evidence,
    get_action,
    list_evidence,
    list_findings,
    save_evidence_copy,
    set_action_status,
    update_action,
)
from tests.usecases.test_findings import submitted  # noqa: F401 - the fixture

PHOTO = b"\x89PNG\r\n\x1a\n the new rota pinned on the notice board"


@pytest.fixture
def action(ctx, submitted):  # noqa: F811 - the fixture imported above
    """The corrective action of the excessive-hours finding in a submitted self-assessment."""
    (row,) = [r for r in list_findings(ctx) if r["threshold_id"] == "excessive_hours"]
    return row["action_id"]


def as_person(ctx, user, role):
    ctx.user, ctx.role = user, role


def steps(ctx, action_id):
    return [(e["from"], e["to"], e["by"]) for e in action_history(ctx, action_id)["entries"]]


def test_a_supplier_that_marks_done_with_neither_a_note_nor_a_file_is_refused_and_nothing_changes(ctx, action):
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    for note in ("", "   \n "):
        with pytest.raises(Rejected, match=rf"corrective action {action}: to mark it done, write a note saying "
                                           "what was done or attach a file that shows it"):
            set_action_status(ctx, action, "done", note=note)
    assert get_action(ctx, action)["status"] == "open"
    assert steps(ctx, action) == [(None, "open", "amina")], "only its creation is on the record"


def test_the_supplier_that_says_it_fixed_the_action_has_its_note_and_photo_on_the_record(ctx, action, tmp_path):
    photo = tmp_path / "rota-on-the-wall.png"
    photo.write_bytes(PHOTO)
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    set_action_status(ctx, action, "done", note="Rota capped at 60 hours, posted 1 Dec", evidence=photo)
    photo.write_bytes(b"changed on disk afterwards")  # what was shown is what was kept, not the file as it is now

    as_person(ctx, "Tom (buyer)", "buyer")
    entry = action_history(ctx, action)["entries"][-1]
    assert (entry["from"], entry["to"], entry["by"]) == ("open", "done", "Siti (HR, Klang Valley Gloves)")
    assert entry["note"] == "Rota capped at 60 hours, posted 1 Dec" and entry["at"].startswith("20")
    assert entry["evidence"]["file_name"] == "rota-on-the-wall.png"
    assert entry["evidence"]["sha256"] == hashlib.sha256(PHOTO).hexdigest()
    (listed,) = list_evidence(ctx, action)
    assert listed["id"] == entry["evidence"]["id"], "the file is the action's evidence too"
    assert save_evidence_copy(ctx, listed["id"], tmp_path / "copy.png").read_bytes() == PHOTO


def test_the_buyer_that_says_no_proof_was_shown_sees_that_only_a_note_was_given(ctx, action):
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    set_action_status(ctx, action, "done", note="Fixed")
    as_person(ctx, "Tom (buyer)", "buyer")
    entry = action_history(ctx, action)["entries"][-1]
    assert entry["note"] == "Fixed" and entry["evidence"] is None
    assert list_evidence(ctx, action) == []


def test_a_reviewer_who_rejects_a_done_action_must_say_why(ctx, action, tmp_path):
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    set_action_status(ctx, action, "done", note="Fixed")
    as_person(ctx, "Tom (buyer)", "buyer")
    screenshot = tmp_path / "old-rota.png"
    screenshot.write_bytes(b"last year's rota")
    with pytest.raises(Rejected, match=rf"corrective action {action}: to reopen it, say why"):
        set_action_status(ctx, action, "in_progress", evidence=screenshot)
    assert get_action(ctx, action)["status"] == "done" and list_evidence(ctx, action) == []
    set_action_status(ctx, action, "in_progress", note="No rota or time records were shown")
    assert steps(ctx, action)[-1] == ("done", "in_progress", "Tom (buyer)")


def test_verifying_needs_a_note_or_a_file(ctx, action, tmp_path):
    set_action_status(ctx, action, "done", note="Rota capped at 60 hours")
    with pytest.raises(Rejected, match="to verify it, write a note saying what you checked or attach a file"):
        set_action_status(ctx, action, "verified")
    records = tmp_path / "time-records-december.pdf"
    records.write_bytes(b"%PDF-1.4 clock records")
    set_action_status(ctx, action, "verified", evidence=records)
    entry = action_history(ctx, action)["entries"][-1]
    assert (entry["to"], entry["note"], entry["evidence"]["file_name"]) == ("verified", "",
                                                                            "time-records-december.pdf")


def test_starting_work_needs_no_word_but_keeps_one_when_given(ctx, action):
    assert step_needs("open", "in_progress") == ""
    assert step_needs("open", "done") == step_needs("in_progress", "done") == "note_or_file"
    assert step_needs("done", "verified") == "note_or_file" and step_needs("done", "in_progress") == "note"
    set_action_status(ctx, action, "in_progress", note="HR manager drafting the new rota")
    assert action_history(ctx, action)["entries"][-1]["note"] == "HR manager drafting the new rota"


def test_an_unreadable_file_is_refused_with_its_name_and_the_step_is_not_taken(ctx, action, tmp_path):
    with pytest.raises(Rejected, match="gone.png: cannot read the file"):
        set_action_status(ctx, action, "done", note="see photo", evidence=tmp_path / "gone.png")
    assert get_action(ctx, action)["status"] == "open" and len(steps(ctx, action)) == 1


def test_the_auditor_shows_when_the_action_was_reopened_and_by_whom(ctx, action, tmp_path, capsys):
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    set_action_status(ctx, action, "done", note="Fixed")
    as_person(ctx, "Tom (buyer)", "buyer")
    set_action_status(ctx, action, "in_progress", note="No time records were shown")
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    set_action_status(ctx, action, "done", note="December time records attached")
    assessment_id = get_action(ctx, action)["assessment_id"]
    in_process = assessment_json(ctx, assessment_id)
    ctx.close()

    assert main(["--db", str(ctx.store.path), "assessments", "show", str(assessment_id), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in data["findings"] if f["action_id"] == action]
    trail = finding["history"]
    assert [(e["from"], e["to"]) for e in trail] == [(None, "open"), ("open", "done"), ("done", "in_progress"),
                                                     ("in_progress", "done")]
    reopened = trail[2]
    assert reopened["by"] == "Tom (buyer)" and reopened["note"] == "No time records were shown"
    assert trail[1]["at"] <= reopened["at"] <= trail[3]["at"] and reopened["uid"]
    assert finding["before_trail"] is None
    assert json.loads(json.dumps(in_process, default=str))["findings"] == data["findings"]


def test_the_trail_cannot_be_rewritten_nor_a_status_changed_without_an_entry(ctx, action):
    set_action_status(ctx, action, "done", note="Fixed")
    conn = sqlite3.connect(ctx.store.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="kept as written"):
            conn.execute("UPDATE action_history SET note = 'Fixed, photo shown' WHERE action_id = ?", [action])
        with pytest.raises(sqlite3.IntegrityError, match="kept as written: it goes only with its action"):
            conn.execute("DELETE FROM action_history WHERE action_id = ?", [action])
        with pytest.raises(sqlite3.IntegrityError, match="without an entry in its history"):
            conn.execute("UPDATE corrective_actions SET status = 'verified' WHERE id = ?", [action])
    finally:
        conn.rollback()
        conn.close()
    assert get_action(ctx, action)["status"] == "done"
    assert action_history(ctx, action)["entries"][-1]["note"] == "Fixed"
    assert len(action_history(ctx, action)["entries"]) == 2


def test_the_text_of_assessments_show_carries_the_trail_line_by_line(ctx, action, tmp_path, capsys):
    photo = tmp_path / "rota.png"
    photo.write_bytes(PHOTO)
    as_person(ctx, "Siti (HR)", "supplier")
    set_action_status(ctx, action, "done", note="Rota capped at 60 hours", evidence=photo)
    assessment_id = get_action(ctx, action)["assessment_id"]
    ctx.close()
    assert main(["--db", str(ctx.store.path), "assessments", "show", str(assessment_id)]) == 0
    out = capsys.readouterr().out
    assert " new -> open by amina" in out
    assert (f" open -> done by Siti (HR): Rota capped at 60 hours [file rota.png, sha256 "
            f"{hashlib.sha256(PHOTO).hexdigest()}]") in out


def test_a_moved_deadline_is_kept_with_who_moved_it_and_the_old_and_new_dates(ctx, action):
    as_person(ctx, "Tom (buyer)", "buyer")
    update_action(ctx, action, due_date="2027-01-15", owner="HR manager")
    update_action(ctx, action, owner="HR manager")  # no change: nothing to keep
    entries = action_history(ctx, action)["entries"]
    assert len(entries) == 2
    edit = entries[-1]
    assert (edit["kind"], edit["by"], edit["from"], edit["to"]) == ("edit", "Tom (buyer)", "open", "open")
    assert edit["changes"] == {"due_date": ["2026-12-07", "2027-01-15"], "owner": ["", "HR manager"]}
    set_action_status(ctx, action, "done", note="Rota capped")
    assert action_history(ctx, action)["before_trail"] is None


def test_a_file_added_later_is_on_the_record_with_who_and_when(ctx, action, tmp_path):
    set_action_status(ctx, action, "done", note="Rota capped")
    records = tmp_path / "time-records.pdf"
    records.write_bytes(b"%PDF-1.4 December")
    as_person(ctx, "Siti (HR)", "supplier")
    evidence_id = attach_evidence(ctx, action, records, note="December's time records, as asked")
    entry = action_history(ctx, action)["entries"][-1]
    assert (entry["kind"], entry["by"], entry["from"], entry["to"]) == ("evidence", "Siti (HR)", "done", "done")
    assert entry["evidence"]["id"] == evidence_id and entry["note"] == "December's time records, as asked"
    assert action_history(ctx, action)["before_trail"] is None


# Notes a person cannot see: spaces of every kind, zero-width and joiner characters, a byte-order mark, a soft
# hyphen, a Hangul filler and a blank braille cell.
INVISIBLE = ["\u200b", "\u200b\u200c\u200d", "\u2060\ufeff", "\u00a0\u3000\u2003", "\u00ad", "\u3164",
             "\u2800", "\u200b \n\t\u200e\u200f", "\ufe0f"]


def test_a_note_no_one_can_see_is_no_note_for_done_verified_or_reopened(ctx, action):
    as_person(ctx, "Siti (HR, Klang Valley Gloves)", "supplier")
    for note in INVISIBLE:
        with pytest.raises(Rejected, match="to mark it done, write a note"):
            set_action_status(ctx, action, "done", note=note)
    assert get_action(ctx, action)["status"] == "open" and len(steps(ctx, action)) == 1
    set_action_status(ctx, action, "done", note="\u200bRota capped at 60 hours")  # visible words count
    as_person(ctx, "amina", "buyer")
    for note in INVISIBLE:
        with pytest.raises(Rejected, match="to verify it, write a note"):
            set_action_status(ctx, action, "verified", note=note)
        with pytest.raises(Rejected, match="to reopen it, say why"):
            set_action_status(ctx, action, "in_progress", note=note)
    assert get_action(ctx, action)["status"] == "done" and len(steps(ctx, action)) == 2


def test_an_empty_file_is_no_proof_and_the_step_is_not_taken(ctx, action, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    for proof in (empty, "/dev/null"):
        with pytest.raises(Rejected, match=r"empty\.pdf: the file is empty|null: the file is empty"):
            set_action_status(ctx, action, "done", evidence=proof)
        with pytest.raises(Rejected, match="the file is empty"):
            attach_evidence(ctx, action, proof)
    assert get_action(ctx, action)["status"] == "open" and len(steps(ctx, action)) == 1
    assert list_evidence(ctx, action) == []
