"""The questionnaire loader/validator against a corpus of broken standards, one defect per case.

Each folder in tests/standard/broken/ is a tiny standard (<case>/<tier>/q.yaml plus its modules and
translations) with exactly one defect. The table below says where `fldd questionnaires validate` must
report it: file (relative to the case folder), line, question / threshold id and a message fragment.
A known loader bug is an xfail(strict=True) entry whose reason names the bug.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from fldd.cli import main
from fldd.paths import questionnaires_dir
from fldd.standard.loader import Loaded, load
from fldd.standard.yaml_source import load_yaml

BROKEN = Path(__file__).parent / "broken"
ANY = "*"  # for known bugs: the id a fix will report is not known yet
PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<level>error|warning):(?: \[(?P<item>[^\]]+)\])? "
                          r"(?P<message>.+)$")


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # where the problem is reported, relative to the case folder
    line: int | tuple[int, ...]  # the line, or every acceptable line
    fragment: str  # part of the message
    item: str | None = None  # the question / threshold / module id, where there is one (ANY: not checked)
    level: str = "error"
    errors: int | None = 1  # how many errors the case gives in all (None: not checked)
    entry: str = ""  # what is passed to `validate`, relative to the case folder ('' = the folder)
    bug: str | None = None  # the whole case is a known loader bug
    line_bug: str | None = None  # the problem is reported, but at the wrong line

    def __str__(self) -> str:
        return self.name


CASES = [
    # YAML level
    Case("not_yaml", "desktop/m.yaml", 7, "not valid YAML"),
    Case("duplicate_key", "desktop/m.yaml", 10, "duplicate key 'text'"),
    # schema level
    Case("unknown_field_question", "desktop/m.yaml", 14, "unknown field 'show_iff' (did you mean 'show_if'?)",
         "pr_agency_licensed"),
    Case("unknown_field_top", "desktop/q.yaml", 18, "unknown field 'treshold' (did you mean 'thresholds'?)"),
    Case("missing_basis", "desktop/m.yaml", 10, "question 'pr_agency_licensed' has no basis", "pr_agency_licensed"),
    Case("option_without_label", "desktop/m.yaml", 16, "option 'worker' has no label", "pr_agency_fees"),
    Case("bad_version", "desktop/q.yaml", 3, "version: '1.0'", "broken-case"),
    Case("bad_version_number", "desktop/q.yaml", 3, "version: 1.0 must be text of the form MAJOR.MINOR.PATCH", "broken-case"),
    # files
    Case("module_file_missing", "desktop/q.yaml", 10, "module file 'wages.yaml' does not exist"),
    Case("module_file_passed", "desktop/m.yaml", 1, "this is a module file: validate the questionnaire file",
         entry="desktop/m.yaml"),
    # ids
    Case("duplicate_question_id", "desktop/m.yaml", 10, "duplicate id 'pr_agency' (also a question)", "pr_agency"),
    Case("duplicate_question_id_across_modules", "desktop/m2.yaml", 5, "duplicate id 'pr_agency' (also a question)",
         "pr_agency"),
    Case("duplicate_module_id", "desktop/m2.yaml", (1, 2), "duplicate id 'basics' (also a module)", "basics"),
    Case("reserved_name", "desktop/m.yaml", 10, "'score' is a reserved name", "score"),
    Case("keyword_as_id", "desktop/m.yaml", 10, "'null' is a reserved name in conditions", "null"),
    # conditions
    Case("dangling_show_if", "desktop/m.yaml", 14, "show_if: names a missing question or derived value 'pr_agencies'",
         "pr_agency_licensed"),
    Case("show_if_syntax", "desktop/m.yaml", 14, "show_if: unexpected end of expression at column 22",
         "pr_agency_licensed"),
    Case("unknown_function", "desktop/m.yaml", 14, "show_if: unknown function 'answerd'", "pr_agency_licensed"),
    Case("wrong_arity", "desktop/m.yaml", 14, "answered() takes 1 argument, got 2", "pr_agency_licensed"),
    Case("show_if_cycle", "desktop/m.yaml", (5, 9, 10, 14),
         "form a cycle: pr_agency -> pr_agency_licensed -> pr_agency", "pr_agency"),
    Case("derived_cycle", "desktop/m.yaml", (14, 15, 16, 17),
         "form a cycle: pr_migrant_share -> pr_total -> pr_migrant_share", "pr_migrant_share"),
    Case("lookup_missing_table", "desktop/m.yaml", 15, "lookup() names a missing table 'migrant_grid'",
         "pr_migrant_grade"),
    Case("table_wrong_shape", "desktop/m.yaml", 14, "table cells must be 2 rows of 2", "migrant_grid"),
    Case("mismatch_not_verifying", "onsite/m.yaml", 12,
         "mismatch() names 'ob_agency_workers', which does not verify a desktop answer", "thr_agency_mismatch"),
    # question rules
    Case("single_without_options", "desktop/m.yaml", 10, "a single question needs options", "pr_agency_licensed"),
    Case("single_only_unknown", "desktop/m.yaml", 10, "a single question needs options of its own", ANY),
    Case("yesno_with_options", "desktop/m.yaml", 10, "a yes/no question takes a `risk` map, not options",
         "pr_agency_licensed"),
    Case("duplicate_option_value", "desktop/m.yaml", (10, 15, 17), "option 'company' is listed twice",
         "pr_agency_fees"),
    Case("red_flag_not_an_option", "desktop/m.yaml", (10, 14), "red_flag names 'maybe', which is not an answer option",
         "pr_agency_licensed"),
    Case("basis_not_in_sources", "desktop/m.yaml", (10, 13), "basis 'ilo-ind-12' is not in sources.yaml",
         "pr_agency_licensed"),
    Case("term_not_in_glossary", "desktop/m.yaml", (10, 14),
         "term 'recruitment_agency_licence' is not in glossary.yaml", "pr_agency_licensed"),
    # thresholds and scoring
    Case("threshold_missing_question", "desktop/m.yaml", 13,
         "threshold: names a missing question or derived value 'pr_agencies'", "thr_agency_onsite"),
    Case("finding_without_severity", "desktop/m.yaml", 11, "a finding needs a severity", "thr_agency_finding"),
    Case("severity_on_non_finding", "desktop/m.yaml", (11, 15), "severity applies only to findings",
         "thr_agency_onsite"),
    Case("bands_not_descending", "desktop/q.yaml", (11, 12, 13, 14), "scoring bands must go from best to worst"),
    # verification between tiers
    Case("verifies_in_desktop", "desktop/m.yaml", 10, "only on-site questions can verify a desktop answer",
         "pr_agency_licensed", errors=None),
    Case("verifies_missing_question", "onsite/m.yaml", (5, 9, 10),
         "verifies names a missing question 'pr_no_such_question' of fldd-desktop", "ob_agency_workers"),
    Case("verifies_missing_question_local", "onsite/m.yaml", (5, 9, 10),
         "verifies names a missing question 'pr_no_such_question' of broken-desktop", "ob_agency_workers"),
    Case("desktop_questionnaire_verifies", "desktop/q.yaml", 8, "only an on-site questionnaire can verify", None),
    # translations
    Case("language_without_translation", "desktop/m.yaml", (1, 2),
         "no 'es' translation file (translations/es/desktop/m.yaml)", "basics", level="warning", errors=0),
    Case("translation_unknown_question", "translations/es/desktop/m.yaml", 7,
         "translation of a question that is not in m.yaml", "pr_agencies"),
    Case("translation_language_mismatch", "translations/es/desktop/m.yaml", 1, "language is 'pt', expected 'es'"),
    Case("translation_unknown_derived", "translations/es/desktop/m.yaml", (8, 9, 10),
         "translation of a derived value that is not in m.yaml", ANY),
]


@dataclass
class Run:
    code: int
    out: str
    err: str
    problems: list[dict]

    def errors(self) -> list[dict]:
        return [p for p in self.problems if p["level"] == "error"]


_RUNS: dict[tuple[str, ...], Run] = {}


def validate(capsys, *args: str) -> Run:
    """`fldd questionnaires validate ARGS` in-process; the same arguments are run only once per session."""
    if args not in _RUNS:
        capsys.readouterr()
        code = main(["questionnaires", "validate", *args])
        out, err = capsys.readouterr()
        problems = []
        for text in out.splitlines():
            match = PROBLEM_LINE.match(text)
            if match:
                problems.append({**match.groupdict(), "line": int(match["line"])})
            else:
                assert text.startswith("ok: "), f"an output line that is neither a problem nor the summary: {text!r}"
        _RUNS[args] = Run(code, out, err, problems)
    return _RUNS[args]


def run_case(capsys, case: Case) -> Run:
    return validate(capsys, "--warnings", str(BROKEN / case.name / case.entry))


def same_file(reported: str, case: Case) -> bool:
    return Path(reported).resolve() == (BROKEN / case.name / case.file).resolve()


def matching(run: Run, case: Case) -> list[dict]:
    """The reported problems that are the case's defect, whatever their line."""
    return [p for p in run.problems
            if same_file(p["file"], case) and p["level"] == case.level
            and case.fragment in f"[{p['item']}] {p['message']}" and case.item in (ANY, p["item"])]


def params(kind: str) -> list:
    out = []
    for case in CASES:
        reason = case.bug or (case.line_bug if kind == "line" else None)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case.name, marks=marks))
    return out


def test_every_case_folder_is_in_the_table():
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == {c.name for c in CASES} | {"valid_minimal"}
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", params("report"))
def test_broken_case_is_reported(case, capsys):
    run = run_case(capsys, case)
    listing = "\n" + run.out
    assert run.code == (1 if case.level == "error" else 0), listing
    assert matching(run, case), f"no {case.level} '{case.fragment}' [{case.item}] in {case.file}:{listing}"
    if case.errors is not None:
        assert len(run.errors()) == case.errors, f"the case has one defect, the run reports:{listing}"
    if case.level == "error":
        assert "failed: " in run.err and "ok: " not in run.out


@pytest.mark.parametrize("case", params("line"))
def test_broken_case_is_reported_at_its_line(case, capsys):
    run = run_case(capsys, case)
    lines = case.line if isinstance(case.line, tuple) else (case.line,)
    found = [p["line"] for p in matching(run, case)]
    assert set(found) & set(lines), f"reported at line(s) {found}, expected {lines}:\n{run.out}"


def test_valid_case_passes_without_any_problem(capsys):
    run = validate(capsys, "--warnings", str(BROKEN / "valid_minimal"))
    assert run.code == 0
    assert run.problems == []
    assert run.out.strip() == "ok: broken-case@1.0.0; 0 error(s), 0 warning(s)"


def test_valid_case_file_and_folder_give_the_same_questionnaire():
    by_folder = load(paths=[BROKEN / "valid_minimal"])
    by_file = load(paths=[BROKEN / "valid_minimal" / "desktop" / "q.yaml"])
    assert not by_folder.problems and not by_file.problems
    q = by_file.standard.questionnaires["broken-case"]
    assert by_folder.standard.questionnaires["broken-case"].content_hash == q.content_hash
    assert [qu.id for qu in q.questions] == ["pr_agency", "pr_agency_fees"]
    assert q.question("pr_agency_fees").show_if.text == "pr_agency = 'yes'"


def test_warning_case_without_warnings_flag_hides_the_warning(capsys):
    run = validate(capsys, str(BROKEN / "language_without_translation"))
    assert run.code == 0
    assert run.problems == []
    assert "(use --warnings to list them)" in run.out


def test_module_file_inside_a_folder_is_not_validated_on_its_own():
    loaded = load(paths=[BROKEN / "module_file_passed"])
    assert loaded.problems == []
    assert list(loaded.standard.questionnaires) == ["broken-case"]


# ------------------------------------------------------------------------------------- Python API

QUESTIONNAIRE = """\
questionnaire:
  id: api-case
  version: 1.0.0
  tier: desktop
  title: API case
  languages: [en]
  validity_months: 12
modules: [m.yaml]
scoring:
  bands:
    - {rating: low, min_score: 80}
    - {rating: severe, min_score: 0}
severities:
  priority: {plan_days: 7, closure_days: 30}
  major: {plan_days: 14, closure_days: 60}
  minor: {plan_days: 30, closure_days: 90}
"""


def write_tier(root: Path, module: str, questionnaire: str = QUESTIONNAIRE, **more: str) -> Path:
    """root/desktop/q.yaml with its module m.yaml (and other files by name); returns the questionnaire."""
    tier = root / "desktop"
    tier.mkdir(parents=True, exist_ok=True)
    (tier / "q.yaml").write_text(textwrap.dedent(questionnaire), encoding="utf-8")
    (tier / "m.yaml").write_text(textwrap.dedent(module), encoding="utf-8")
    for name, text in more.items():
        (tier / name.replace("__", ".")).write_text(textwrap.dedent(text), encoding="utf-8")
    return tier / "q.yaml"


def located(loaded: Loaded, path: Path) -> set[tuple[int, str | None, str]]:
    return {(p.line, p.item, p.message) for p in loaded.problems if Path(p.path) == path}


def has(found: set, line: int, item: str | None, fragment: str) -> bool:
    return any(ln == line and it == item and fragment in msg for ln, it, msg in found)


SEVERAL_DEFECTS = """\
module:
  id: basics
  title: Basics
questions:
  - id: pr_agency
    type: yesno
    text: Do you hire workers through agencies?
    basis: [ilo-ind-7, no-such-source]
    terms: [no_such_term]
  - id: pr_fees
    type: single
    text: Who pays the agency?
    basis: [ilo-ind-7]
    show_if: "pr_agencies = 'yes'"
    options:
      - {value: company, label: The company, risk: 0}
      - {value: company, label: The owner, risk: 0}
thresholds:
  - id: thr_fees
    title: Workers pay the agency
    if: "pr_fees = 'worker' and lookup('grid', 0, 0) = 'x'"
    action: finding
    remedy: Repay.
"""


def test_all_problems_of_a_file_are_reported_in_one_run(tmp_path):
    qfile = write_tier(tmp_path, SEVERAL_DEFECTS)
    loaded = load(paths=[qfile])
    found = located(loaded, qfile.parent / "m.yaml")
    expected = [
        (5, "pr_agency", "basis 'no-such-source' is not in sources.yaml"),
        (5, "pr_agency", "term 'no_such_term' is not in glossary.yaml"),
        (10, "pr_fees", "option 'company' is listed twice"),
        (14, "pr_fees", "show_if: names a missing question or derived value 'pr_agencies'"),
        (21, "thr_fees", "lookup() names a missing table 'grid'"),
        (19, "thr_fees", "a finding needs a severity"),
    ]
    missing = [e for e in expected if not has(found, *e)]
    assert not missing, f"not reported: {missing}; reported: {sorted(found)}"
    assert len(loaded.errors) == len(expected)
    assert loaded.standard.questionnaires == {}


def test_all_schema_problems_of_several_files_are_reported_in_one_run(tmp_path):
    module = """\
    module:
      id: basics
      title: Basics
    questions:
      - id: pr_agency
        type: yes-no
        text: Do you hire workers through agencies?
        basis: [ilo-ind-7]
      - id: pr_fees
        type: yesno
        text: Who pays?
        weight: 11
    """
    second = """\
    module: {id: wages, title: Wages}
    questions:
      - id: Wag_Bad
        type: yesno
        text: Paid on time?
        basis: [ilo-ind-7]
    """
    questionnaire = QUESTIONNAIRE.replace("modules: [m.yaml]", "modules: [m.yaml, m2.yaml, gone.yaml]")
    qfile = write_tier(tmp_path, module, questionnaire, m2__yaml=second)
    loaded = load(paths=[qfile])
    mfound, m2found = located(loaded, qfile.parent / "m.yaml"), located(loaded, qfile.parent / "m2.yaml")
    assert has(mfound, 6, "pr_agency", "type: 'yes-no' is not one of")
    assert has(mfound, 9, "pr_fees", "has no basis")
    assert has(mfound, 12, "pr_fees", "weight: 11 is out of range")
    assert has(m2found, 3, "Wag_Bad", "id: 'Wag_Bad' is not a valid id")
    assert has(located(loaded, qfile), 8, None, "module file 'gone.yaml' does not exist")
    assert len(loaded.errors) == 5


def test_problems_are_sorted_by_file_and_line(tmp_path):
    # The checks find these in another order: m.yaml:14 (duplicate id), m.yaml:5 (basis), m2.yaml:6 (basis),
    # m.yaml:13 (show_if), m.yaml:19 (finding), q.yaml:1 (bands).
    module = """\
    module:
      id: basics
      title: Basics
    questions:
      - id: pr_agency
        type: yesno
        text: Do you hire workers through agencies?
        basis: [no-such-source]
      - id: pr_other
        type: yesno
        text: Other?
        basis: [ilo-ind-7]
        show_if: "pr_agencies = 'yes'"
      - id: pr_agency
        type: yesno
        text: Again?
        basis: [ilo-ind-7]
    thresholds:
      - id: thr_agency
        title: Agency
        if: "pr_agency = 'yes'"
        action: finding
        remedy: Fix it.
    """
    second = """\
    module: {id: wages, title: Wages}
    questions:
      - id: wag_on_time
        type: yesno
        text: Paid on time?
        basis: [no-such-source]
    """
    questionnaire = QUESTIONNAIRE.replace("modules: [m.yaml]", "modules: [m.yaml, m2.yaml]").replace(
        "min_score: 80", "min_score: 90}\n    - {rating: medium, min_score: 95")
    qfile = write_tier(tmp_path, module, questionnaire, m2__yaml=second)
    loaded = load(paths=[qfile])
    keys = [(p.path, p.line) for p in loaded.problems]
    assert keys == sorted(keys)
    assert len({p.path for p in loaded.problems}) == 3
    mlines = [p.line for p in loaded.problems if p.path.endswith("m.yaml")]
    assert mlines[0] == 5 and mlines[-1] == 19 and 14 in mlines and 13 in mlines


def test_loaded_errors_leave_out_warnings(tmp_path):
    qfile = write_tier(tmp_path, (BROKEN / "valid_minimal" / "desktop" / "m.yaml").read_text(encoding="utf-8"),
                       QUESTIONNAIRE.replace("languages: [en]", "languages: [en, es]"))
    loaded = load(paths=[qfile])
    assert loaded.problems and all(p.level == "warning" for p in loaded.problems)
    assert loaded.errors == []
    assert "api-case" in loaded.standard.questionnaires


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path):
    loaded = load(paths=[tmp_path / "absent.yaml"])
    assert [(p.level, p.message) for p in loaded.problems] == [("error", "no such file")]


def test_a_condition_syntax_error_is_reported_once(tmp_path):
    module = """\
    module: {id: basics, title: Basics}
    questions:
      - id: pr_workers
        type: count
        text: How many workers?
        basis: [ilo-ind-7]
    derived:
      - id: pr_double
        expr: "pr_workers * * 2"
    thresholds:
      - id: thr_many
        title: Many workers
        if: "pr_double > 100"
        action: enhanced_dd
    """
    loaded = load(paths=[write_tier(tmp_path, module)])
    assert [(p.line, p.item) for p in loaded.errors] == [(9, "pr_double")]


def test_a_module_outside_the_root_is_a_problem_not_a_crash(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "m.yaml").write_text((BROKEN / "valid_minimal" / "desktop" / "m.yaml").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    questionnaire = QUESTIONNAIRE.replace("languages: [en]", "languages: [en, es]").replace(
        "modules: [m.yaml]", "modules: [../../shared/m.yaml]")
    qfile = write_tier(tmp_path / "case", "module: {}\n", questionnaire)
    loaded = load(paths=[qfile])  # must not raise
    assert all(Path(p.path).exists() for p in loaded.problems)


def test_every_reported_file_exists(tmp_path):
    # 'fr': a language the shipped standard has no shared translations for, so label warnings appear.
    qfile = write_tier(tmp_path / "case", (BROKEN / "valid_minimal" / "desktop" / "m.yaml").read_text(encoding="utf-8"),
                       QUESTIONNAIRE.replace("languages: [en]", "languages: [en, fr]"))
    loaded = load(paths=[qfile])
    assert any("label" in p.message for p in loaded.problems)
    assert [str(p) for p in loaded.problems if not Path(p.path).exists()] == []


def copy_standard_root(root: Path) -> Path:
    """A standard root with the shipped shared files and schemas, and no questionnaire."""
    shipped = questionnaires_dir()
    root.mkdir(parents=True)
    for name in ("sources.yaml", "glossary.yaml", "common.yaml"):
        shutil.copy(shipped / name, root / name)
    shutil.copytree(shipped / "schema", root / "schema")
    return root


def test_load_from_another_root_reads_its_questionnaires(tmp_path):
    root = copy_standard_root(tmp_path / "std")
    write_tier(root, (BROKEN / "valid_minimal" / "desktop" / "m.yaml").read_text(encoding="utf-8"))
    loaded = load(root=root)
    assert loaded.problems == []
    assert list(loaded.standard.questionnaires) == ["api-case"]


def translate_shared_files(root: Path, lang: str) -> None:
    """translations/<lang>/common.yaml and glossary.yaml with a text for every label and term."""
    common = load_yaml(root / "common.yaml")
    glossary = load_yaml(root / "glossary.yaml")
    folder = root / "translations" / lang
    folder.mkdir(parents=True, exist_ok=True)
    labels = {section: {str(k): f"[{lang}] {v}" for k, v in items.items()} for section, items in common.items()}
    terms = {t["id"]: {"term": f"[{lang}] {t['term']}", "definition": f"[{lang}] {t['definition']}"}
             for t in glossary["terms"]}
    (folder / "common.yaml").write_text(json.dumps({"language": lang, "labels": labels}), encoding="utf-8")
    (folder / "glossary.yaml").write_text(json.dumps({"language": lang, "terms": terms}), encoding="utf-8")


def test_a_fully_translated_tier_has_no_warnings(tmp_path):
    root = copy_standard_root(tmp_path / "std")
    translate_shared_files(root, "es")
    questionnaire = QUESTIONNAIRE.replace("languages: [en]", "languages: [en, es]")
    module = """\
    module: {id: basics, title: Basics}
    questions:
      - id: pr_agency
        type: yesno
        text: Do you hire workers through agencies?
        basis: [ilo-ind-7]
        risk: {yes: 1, no: 0}
        unknown: true
        na: true
    """
    write_tier(root, module, questionnaire)
    es = root / "translations" / "es" / "desktop"
    es.mkdir(parents=True)
    (es / "q.yaml").write_text("language: es\nquestionnaire: {title: Caso API}\n", encoding="utf-8")
    (es / "m.yaml").write_text(
        "language: es\nmodule: {title: Lo básico}\nquestions:\n"
        "  pr_agency: {text: ¿Contrata trabajadores a través de agencias?}\n", encoding="utf-8")
    loaded = load(root=root)
    assert [str(p) for p in loaded.problems] == []
    q = loaded.standard.questionnaires["api-case"]
    assert q.question("pr_agency").text == {"en": "Do you hire workers through agencies?",
                                            "es": "¿Contrata trabajadores a través de agencias?"}
    assert q.question("pr_agency").options[0].label["es"] == "[es] Yes"


def test_a_missing_translation_is_a_warning_at_the_untranslated_question(tmp_path):
    root = copy_standard_root(tmp_path / "std")
    translate_shared_files(root, "es")
    module = (BROKEN / "valid_minimal" / "desktop" / "m.yaml").read_text(encoding="utf-8")
    qfile = write_tier(root, module, QUESTIONNAIRE.replace("languages: [en]", "languages: [en, es]"))
    es = root / "translations" / "es" / "desktop"
    es.mkdir(parents=True)
    (es / "q.yaml").write_text("language: es\nquestionnaire: {title: Caso API}\n", encoding="utf-8")
    (es / "m.yaml").write_text("language: es\nmodule: {title: Lo básico}\nquestions:\n"
                               "  pr_agency: {text: ¿Agencias?}\n", encoding="utf-8")
    loaded = load(root=root)
    assert loaded.errors == []
    mfile = str(qfile.parent / "m.yaml")
    assert [(p.path, p.line, p.item) for p in loaded.problems if p.level == "warning"] == [
        (mfile, 10, "pr_agency_fees")]
    assert "no 'es' translation" in loaded.problems[0].message


def test_translations_of_missing_labels_and_terms_are_errors_at_their_lines(tmp_path):
    root = copy_standard_root(tmp_path / "std")
    translate_shared_files(root, "es")
    es = root / "translations" / "es"
    (es / "common.yaml").write_text("language: es\nlabels:\n  options:\n    \"yes\": Sí\n    maybe: Quizás\n",
                                    encoding="utf-8")
    (es / "glossary.yaml").write_text("language: es\nterms:\n  forced_labour: {term: Trabajo forzoso}\n"
                                      "  no_such_term: {term: Nada}\n", encoding="utf-8")
    write_tier(root, (BROKEN / "valid_minimal" / "desktop" / "m.yaml").read_text(encoding="utf-8"),
               QUESTIONNAIRE.replace("languages: [en]", "languages: [en, es]"))
    loaded = load(root=root)
    errors = {(Path(p.path).relative_to(root).as_posix(), p.line, p.item, p.message) for p in loaded.errors}
    assert errors == {
        ("translations/es/common.yaml", 5, None,
         "translation of a label that common.yaml does not have: options.maybe"),
        ("translations/es/glossary.yaml", 4, "no_such_term", "translation of a term that is not in glossary.yaml"),
    }
