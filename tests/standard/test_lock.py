"""Published data-point ids never disappear silently and never change type (datapoints.lock.json)."""

from __future__ import annotations

import json
import shutil

import pytest

from fldd.cli import main
from fldd.paths import questionnaires_dir
from fldd.standard.loader import load
from fldd.usecases.questionnaires import update_lock


@pytest.fixture
def copy(tmp_path):
    root = tmp_path / "questionnaires"
    shutil.copytree(questionnaires_dir(), root)
    return root


def test_shipped_lock_records_every_shipped_data_point():
    lock = json.loads((questionnaires_dir() / "datapoints.lock.json").read_text(encoding="utf-8"))
    loaded = load()
    shipped = {qu.id: qu.type for q in loaded.standard.questionnaires.values() for qu in q.questions}
    assert {k: v["type"] for k, v in lock["datapoints"].items() if k in shipped} == shipped


def test_a_removed_data_point_must_be_retired(copy):
    lock_path = copy / "datapoints.lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    lock["datapoints"]["pr_old_question"] = {"type": "count", "questionnaire": "fldd-desktop", "since": "0.9.0"}
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    problems = [str(p) for p in load(copy).errors]
    assert any("[pr_old_question] published data point is gone" in p for p in problems), problems
    module = copy / "desktop" / "profile.yaml"
    text = module.read_text(encoding="utf-8")
    text = (text.replace("\nretired: [", "\nretired: [pr_old_question, ", 1) if "\nretired: [" in text
            else text + "\nretired: [pr_old_question]\n")
    module.write_text(text, encoding="utf-8")
    assert load(copy).errors == []


def test_a_data_point_cannot_change_type(copy):
    lock_path = copy / "datapoints.lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    lock["datapoints"]["pr_workers_total"]["type"] = "number"
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    (problem,) = load(copy).errors
    assert problem.item == "pr_workers_total" and "type changed from number to count" in problem.message
    assert problem.path.endswith("profile.yaml") and problem.line > 1


def test_lock_only_adds(copy):
    lock_path = copy / "datapoints.lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    del lock["datapoints"]["pr_workers_total"]
    lock_path.write_text(json.dumps(lock), encoding="utf-8")
    _, added = update_lock(copy)
    assert added == ["pr_workers_total"]
    assert update_lock(copy)[1] == []


def test_lock_command_reports_nothing_new_on_the_shipped_standard(capsys, monkeypatch, copy):
    monkeypatch.setattr("fldd.paths.questionnaires_dir", lambda: copy)
    assert main(["questionnaires", "lock"]) == 0
    assert "0 new data point(s) recorded" in capsys.readouterr().out
