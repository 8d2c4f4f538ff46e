"""The reporting-law map: every figure and data point it names exists, every statement fills in, and a broken
map is refused with a message that names the law and the item."""

from pathlib import Path

import pytest
import yaml

from fldd.paths import questionnaires_dir
from fldd.standard.reporting_laws import ReportingLawsError, fill, placeholders
from fldd.usecases.portfolio_kpis import KPIS
from fldd.usecases.questionnaires import standard, validate
from fldd.usecases.reporting_laws import figure_words, law_map, law_map_path

LAWS = ("uk-msa", "au-msa", "ca-s211", "eu-csddd", "eu-flr", "de-lksg")


def _datapoints() -> set[str]:
    return {q.id for qn in standard().questionnaires.values() for q in qn.questions}


def test_the_shipped_map_covers_the_six_laws_each_with_its_items():
    found = law_map()
    assert [law.id for law in found.laws] == list(LAWS)
    counts = {law.id: len(law.items) for law in found.laws}
    assert counts == {"uk-msa": 6, "au-msa": 7, "ca-s211": 7, "eu-csddd": 6, "eu-flr": 4, "de-lksg": 8}
    for law in found.laws:
        assert law.applies_to and law.status and law.basis
        for item in law.items:
            assert item.title and item.asks and item.statement and item.company_adds


def test_every_kpi_data_point_and_placeholder_of_the_map_exists():
    known = _datapoints()
    for law in law_map().laws:
        for item in law.items:
            assert set(item.kpis) <= set(KPIS), (law.id, item.id)
            assert set(item.datapoints) <= known, (law.id, item.id)
            assert set(item.placeholders()) <= set(item.kpis), (law.id, item.id)


def test_the_uk_statement_names_the_six_areas_of_the_2025_guidance():
    uk = next(law for law in law_map().laws if law.id == "uk-msa")
    assert [i.id for i in uk.items] == ["structure", "policies", "due_diligence", "risk", "effectiveness", "training"]
    assert "uk-msa-guidance-2025" in uk.basis


def test_statuses_say_when_the_eu_laws_apply_and_that_lksg_reporting_is_dropped():
    laws = {law.id: law for law in law_map().laws}
    assert "14 December 2027" in laws["eu-flr"].status
    assert "July 2028" in laws["eu-csddd"].status and "July 2029" in laws["eu-csddd"].status
    assert "annual report" in laws["de-lksg"].status


def test_every_statement_fills_in_without_a_brace_left():
    words = figure_words({kid: 7 for kid in KPIS} | {"suppliers_assessed_pct": 62.5, "days_to_close_median": None})
    for law in law_map().laws:
        for item in law.items:
            text = fill(item.statement, words)
            assert "{" not in text and "}" not in text, (law.id, item.id)
    uk_dd = next(i for i in law_map().laws[0].items if i.id == "due_diligence")
    assert "62.5% of our suppliers" in fill(uk_dd.statement, words)


def test_a_figure_that_could_not_be_counted_leaves_its_sentence_out_never_n_a():
    counted = figure_words({kid: 3 for kid in KPIS})
    uncounted = figure_words({kid: 3 for kid in KPIS} | {"days_to_close_median": None})
    dropped = 0
    for law in law_map().laws:
        for item in law.items:
            full, short = fill(item.statement, counted), fill(item.statement, uncounted)
            assert "n/a" not in short and "None" not in short, (law.id, item.id)
            if "{days_to_close_median}" in item.statement:
                assert "median" in full and "median" not in short, (law.id, item.id)
                assert short and short in full.replace("  ", " ") or set(short.split(". ")) <= set(full.split(". "))
                dropped += 1
            else:
                assert short == full
    assert dropped >= 4
    assert fill("We did {a}. It took {b} days. Then {a} more.", {"a": "2", "b": None}) == "We did 2. Then 2 more."


def test_placeholders_are_read_in_order():
    assert placeholders("We did {a} of {b}.") == ["a", "b"]


def _broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(law_map_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "reporting_laws.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _item(data, law_id, item_id):
    law = next(law for law in data["laws"] if law["id"] == law_id)
    return next(i for i in law["items"] if i["id"] == item_id)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: _item(d, "au-msa", "risks")["kpis"].append("suppliers_happy"),
     "law au-msa, item risks: 'suppliers_happy' is not a KPI fldd computes"),
    (lambda d: _item(d, "eu-flr", "traceability")["datapoints"].append("sub_product9_name"),
     "law eu-flr, item traceability: 'sub_product9_name' is not a question of the shipped questionnaires"),
    (lambda d: _item(d, "uk-msa", "training").update(statement="We trained {staff_trained} people."),
     "law uk-msa, item training: the statement's placeholder {staff_trained} is not a KPI fldd computes"),
    (lambda d: _item(d, "ca-s211", "risk").update(statement="{findings_open} open."),
     "law ca-s211, item risk: the statement's placeholder {findings_open} is missing from the item's kpis"),
    (lambda d: _item(d, "de-lksg", "complaints").update(statement="We assessed {grievance_assessed mechanisms."),
     "law de-lksg, item complaints: the statement has a broken brace"),
    (lambda d: next(law for law in d["laws"] if law["id"] == "eu-csddd").update(items=[]),
     "law eu-csddd: it has no items"),
    (lambda d: next(law for law in d["laws"] if law["id"] == "eu-csddd").update(basis=["eu-csddd-2099"]),
     "law eu-csddd: basis 'eu-csddd-2099' is not in sources.yaml"),
    (lambda d: _item(d, "au-msa", "entity").pop("company_adds"),
     "law au-msa, item entity: 'company_adds' must be given as text"),
])
def test_a_broken_map_is_refused_naming_the_law_and_item(tmp_path, change, expected):
    path = _broken(tmp_path, change)
    with pytest.raises(ReportingLawsError) as caught:
        law_map(path=path)
    messages = [p.message for p in caught.value.problems.errors]
    assert any(m.startswith(expected) for m in messages), messages
    assert all(p.path == str(path) and p.line > 0 for p in caught.value.problems.errors)


def test_questionnaires_validate_checks_the_shipped_map_and_does_not_take_it_for_a_questionnaire():
    assert law_map_path().parent == questionnaires_dir()
    loaded = validate()
    assert loaded.errors == []
    assert not any("reporting_laws" in p.path for p in loaded.problems)


def test_a_form_in_brackets_agrees_with_the_figure_before_it():
    sentence = "We did {a} on-site [assessment|assessments] and {b} [was|were] closed."
    assert fill(sentence, {"a": "1", "b": "20"}) == "We did 1 on-site assessment and 20 were closed."
    assert fill(sentence, {"a": "0", "b": "1"}) == "We did 0 on-site assessments and 1 was closed."
    assert fill(sentence, {"a": "1,001", "b": "2"}) == "We did 1,001 on-site assessments and 2 were closed."


def test_a_sentence_whose_base_figure_is_zero_is_left_out():
    template = "We assessed {a} mechanisms. Of the {a:base} assessed, {b} raised no finding."
    assert fill(template, {"a": "0", "b": "0"}) == "We assessed 0 mechanisms."
    assert fill(template, {"a": "3", "b": "2"}) == "We assessed 3 mechanisms. Of the 3 assessed, 2 raised no finding."


def test_the_shipped_statements_agree_with_one_and_read_right_at_zero():
    one = fill_all({kid: 1 for kid in KPIS} | {"suppliers_assessed_pct": 100.0, "days_to_close_median": 1.0})
    many = fill_all({kid: 20 for kid in KPIS} | {"suppliers_assessed_pct": 50.0, "days_to_close_median": 3.0})
    zero = fill_all({kid: 0 for kid in KPIS} | {"suppliers_assessed_pct": None, "days_to_close_median": None})
    for text in one.values():
        for wrong in (" 1 on-site assessments", " 1 findings", " 1 suppliers", " 1 countries", " 1 actions",
                      " 1 corrective actions", " 1 reassessments", " 1 days", " 1 mechanisms", " were closed"):
            assert wrong not in " " + text, text
        assert "[" not in text and "|" not in text, text
    assert "1 on-site assessment" in one["uk-msa/due_diligence"]
    assert "20 on-site assessments" in many["uk-msa/due_diligence"]
    for key, text in zero.items():
        assert "Of 0" not in text and "0 raised no finding" not in text, key
        assert "n/a" not in text and "None" not in text, key
        assert text.strip(), key  # a statement never vanishes whole


def fill_all(values: dict) -> dict[str, str]:
    words = figure_words(values)
    return {f"{law.id}/{item.id}": fill(item.statement, words) for law in law_map().laws for item in law.items}


@pytest.mark.parametrize(("statement", "expected"), [
    ("We did [one|many] things with {assessments_completed}.",
     "law uk-msa, item training: the form [one|many] follows no figure in its sentence"),
    ("We did {assessments_completed}. Then [one|many] things.",
     "law uk-msa, item training: the form [one|many] follows no figure in its sentence"),
    ("We did {assessments_completed} [thing|things|stuff].",
     "law uk-msa, item training: a bracket must hold two forms, [singular|plural]"),
    ("We did {assessments_completed} [things.", "law uk-msa, item training: a bracket must hold two forms"),
    ("We did {assessments_completed:many} things.",
     "law uk-msa, item training: the placeholder {assessments_completed:many} has an unknown mark"),
])
def test_a_form_that_follows_no_figure_is_refused_naming_the_law_and_item(tmp_path, statement, expected):
    def change(d):
        item = _item(d, "uk-msa", "training")
        item.update(statement=statement, kpis=item["kpis"] + ["assessments_completed"])
    path = _broken(tmp_path, change)
    with pytest.raises(ReportingLawsError) as caught:
        law_map(path=path)
    messages = [p.message for p in caught.value.problems.errors]
    assert any(m.startswith(expected) for m in messages), messages
