"""`fldd score` and `fldd questionnaires list` as a user runs them, including the README's example."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fldd.cli import main

README = Path(__file__).parents[2] / "README.md"


def readme_example() -> dict:
    section = README.read_text(encoding="utf-8").split("## Answers file for `fldd score`", 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))


def write(tmp_path: Path, data: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_readme_example_scores(tmp_path, capsys):
    path = write(tmp_path, readme_example())
    assert main(["score", "--questionnaire", "fldd-desktop", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["questionnaire"] == "fldd-desktop" and result["expires"] == "2027-11-23"
    assert {t["id"] for t in result["triggers"]} >= {"thr_inherent_risk_onsite"}
    fee = [t for t in result["triggers"] if t["id"].startswith("thr_fee_") and t["action"] == "finding"]
    assert fee and "fee_amount_typical" in fee[0]["because"]


def test_human_output_names_rating_triggers_and_reasons(tmp_path, capsys):
    path = write(tmp_path, readme_example())
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("fldd-desktop@1.0.0: rating ")
    assert "trigger thr_inherent_risk_onsite: escalate_onsite" in out
    assert 'inherent.tip_tier="Tier 2 Watch List"' in out


@pytest.mark.parametrize("data, message", [
    ({"answers": {"hrs_peak_weekly_max": "many"}}, "answers.hrs_peak_weekly_max: 'many' is not a number"),
    ({"answers": {"no_such_question": 1}}, "answers.no_such_question: no such question in fldd-desktop@"),
    ({"answers": {}, "extra": 1}, "unknown field(s) extra"),
    ({"answers": {}, "inputs": {"inherent.nope": 1}}, "inputs.inherent.nope: not an input of fldd-desktop"),
    ({"answers": {}, "as_of": "23/11/2026"}, "as_of: '23/11/2026' is not a date"),
    ({"questionnaire": "fldd-onsite", "answers": {}}, "the file is for 'fldd-onsite', not 'fldd-desktop'"),
    ({"answers": {}, "version": "0.9.0"}, "answers are for version 0.9.0 of fldd-desktop, which this fldd does not read "
                                          "(it reads 1.0.0, "),
    ({"answers": []}, 'expected a JSON object with an "answers" object'),
    ('{"answers": {\n  "a": 1,\n}', "answers.json:3: not valid JSON"),
])
def test_bad_answers_file_is_rejected_naming_file_and_question(tmp_path, capsys, data, message):
    path = write(tmp_path, data)
    assert main(["score", "--questionnaire", "fldd-desktop", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert str(path) in err or "answers.json" in err


def test_every_bad_answer_is_reported_not_just_the_first(tmp_path, capsys):
    path = write(tmp_path, {"answers": {"hrs_peak_weekly_max": "x", "pr_workers_total": -4, "fee_any_paid": "maybe"}})
    assert main(["score", "--questionnaire", "fldd-desktop", str(path)]) == 1
    err = capsys.readouterr().err
    assert all(q in err for q in ("hrs_peak_weekly_max", "pr_workers_total", "fee_any_paid"))


def test_unknown_questionnaire_is_rejected(tmp_path, capsys):
    path = write(tmp_path, {"answers": {}})
    assert main(["score", "--questionnaire", "nope", str(path)]) == 1
    err = capsys.readouterr().err
    assert "no questionnaire 'nope' (known: fldd-desktop@1.0.0, fldd-desktop@" in err and "fldd-onsite@1.0.0" in err


def test_list_names_the_earlier_versions_still_read(capsys):
    assert main(["questionnaires", "list"]) == 0
    assert capsys.readouterr().out.count("(also reads 1.0.0)") == 2


def test_list_names_both_tiers(capsys):
    assert main(["questionnaires", "list", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["fldd-desktop"]["tier"] == "desktop" and rows["fldd-onsite"]["tier"] == "onsite"
    assert all(len(r["content_hash"]) == 64 for r in rows.values())


def test_on_site_score_shows_where_declaration_and_audit_disagree(tmp_path, capsys):
    from fldd.usecases.questionnaires import standard

    onsite = standard().questionnaires["fldd-onsite"]
    pair = next(q for q in onsite.questions if q.verifies and q.verifies.question == "fee_any_paid")
    answer = 3 if pair.type in ("count", "number") else "yes"
    path = write(tmp_path, {"questionnaire": "fldd-onsite", "answers": {"wi_interviewed": 20, pair.id: answer},
                            "declared": {"fee_any_paid": "no"}})
    assert main(["score", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"question": pair.id, "verifies": "fee_any_paid", "answer": answer, "declared": "no"} in result["mismatches"]
