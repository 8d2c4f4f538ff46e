"""`fldd questionnaires validate [PATH ...] [--json] [--warnings]` as an author runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fldd.cli import main

BROKEN = Path(__file__).parent / "broken"


def validate(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["questionnaires", "validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_shipped_standard_validates(capsys):
    code, out, err = validate(capsys)
    assert (code, err) == (0, ""), out + err
    assert out.startswith("ok: ")
    assert "fldd-desktop@" in out and "fldd-onsite@" in out
    assert " 0 error(s)" in out


def test_the_shipped_standard_validates_as_json(capsys):
    code, out, _ = validate(capsys, "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True
    assert [p for p in data["problems"] if p["level"] == "error"] == []
    assert {q.split("@")[0] for q in data["questionnaires"]} == {"fldd-desktop", "fldd-onsite"}


def test_problem_line_format_relative_to_the_working_folder(capsys, monkeypatch):
    monkeypatch.chdir(BROKEN / "dangling_show_if")
    code, out, err = validate(capsys, ".")
    assert code == 1
    assert out.splitlines() == [
        "desktop/m.yaml:14: error: [pr_agency_licensed] show_if: names a missing question or derived value "
        "'pr_agencies'"]
    assert err.strip() == "failed: 1 error(s), 0 warning(s)"


def test_problem_without_an_id_has_no_brackets(capsys, monkeypatch):
    monkeypatch.chdir(BROKEN / "module_file_missing")
    code, out, _ = validate(capsys, "desktop/q.yaml")
    assert code == 1
    assert out.splitlines() == ["desktop/q.yaml:10: error: module file 'wages.yaml' does not exist"]


def test_module_file_passed_directly_says_to_validate_the_questionnaire(capsys, monkeypatch):
    monkeypatch.chdir(BROKEN / "module_file_passed")
    code, out, _ = validate(capsys, "desktop/m.yaml")
    assert code == 1
    assert out.splitlines() == [
        "desktop/m.yaml:1: error: this is a module file: validate the questionnaire file that lists it"]


def test_json_output_carries_file_line_level_item_and_message(capsys):
    case = BROKEN / "dangling_show_if"
    code, out, err = validate(capsys, "--json", str(case))
    assert code == 1 and err == ""
    data = json.loads(out)
    assert data["ok"] is False and data["questionnaires"] == []
    assert len(data["problems"]) == 1
    (problem,) = data["problems"]
    assert set(problem) == {"file", "line", "level", "item", "message"}
    assert Path(problem["file"]).resolve() == (case / "desktop" / "m.yaml").resolve()
    assert (problem["line"], problem["level"], problem["item"]) == (14, "error", "pr_agency_licensed")
    assert problem["message"] == "show_if: names a missing question or derived value 'pr_agencies'"


def test_json_item_is_null_where_there_is_no_id(capsys):
    code, out, _ = validate(capsys, "--json", str(BROKEN / "module_file_missing"))
    (problem,) = json.loads(out)["problems"]
    assert code == 1 and problem["item"] is None and problem["line"] == 10


def test_json_lists_warnings_and_stays_ok(capsys):
    code, out, _ = validate(capsys, "--json", str(BROKEN / "language_without_translation"))
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and data["questionnaires"] == ["broken-case@1.0.0"]
    warnings = [p for p in data["problems"] if p["level"] == "warning"]
    assert warnings and len(warnings) == len(data["problems"])
    assert any(p["item"] == "basics" and "no 'es' translation file" in p["message"] for p in warnings)


def test_warnings_are_counted_and_listed_only_with_the_flag(capsys):
    case = str(BROKEN / "language_without_translation")
    code, out, err = validate(capsys, case)
    assert code == 0 and err == ""
    assert [line for line in out.splitlines() if ": warning:" in line] == []
    assert "(use --warnings to list them)" in out and "ok: broken-case@1.0.0" in out
    code, out, _ = validate(capsys, "--warnings", case)
    listed = [line for line in out.splitlines() if ": warning:" in line]
    assert code == 0 and listed
    assert any("desktop/m.yaml:2: warning: [basics] no 'es' translation file" in line for line in listed)
    assert "use --warnings" not in out


def test_several_paths_are_all_validated(capsys):
    code, out, err = validate(capsys, str(BROKEN / "dangling_show_if"), str(BROKEN / "reserved_name"))
    assert code == 1
    assert "'pr_agencies'" in out and "'score' is a reserved name" in out
    assert "failed: 2 error(s)" in err


def test_a_valid_and_a_broken_path_fail_together(capsys):
    code, out, err = validate(capsys, str(BROKEN / "valid_minimal"), str(BROKEN / "reserved_name" / "desktop"))
    assert code == 1 and "failed: 1 error(s)" in err
    assert len(out.splitlines()) == 1


def test_a_missing_path_is_an_error(capsys, tmp_path):
    code, out, _ = validate(capsys, str(tmp_path / "nope.yaml"))
    assert code == 1
    assert out.splitlines() == [f"{tmp_path / 'nope.yaml'}:0: error: no such file"]


def test_a_folder_without_questionnaires_is_not_ok(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here", encoding="utf-8")
    code, out, err = validate(capsys, str(tmp_path))
    assert code == 1
    assert "no questionnaire" in out + err


def test_the_same_questionnaire_named_twice_is_validated_once(capsys):
    case = BROKEN / "valid_minimal"
    code, out, _ = validate(capsys, str(case), str(case / "desktop" / "q.yaml"))
    assert code == 0, out


def test_two_questionnaires_with_the_same_id_are_an_error(capsys, tmp_path):
    for name in ("one", "two"):
        shutil.copytree(BROKEN / "valid_minimal", tmp_path / name)
    code, out, _ = validate(capsys, str(tmp_path))
    assert code == 1
    assert "questionnaire id 'broken-case' is used by" in out


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["questionnaires", "validate", "--bogus"])
    assert exc.value.code == 2


def test_installed_command_in_a_subprocess():
    fldd = Path(sys.executable).with_name("fldd")
    assert fldd.is_file(), f"no fldd script next to {sys.executable}: run ./dev setup"
    case = BROKEN / "show_if_syntax"
    proc = subprocess.run([str(fldd), "questionnaires", "validate", str(case)], capture_output=True, text=True,
                          cwd=case, timeout=120, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [
        "desktop/m.yaml:14: error: [pr_agency_licensed] show_if: unexpected end of expression at column 22 in "
        "\"pr_agency = 'yes' and\""]
    assert proc.stderr.strip() == "failed: 1 error(s), 0 warning(s)"
