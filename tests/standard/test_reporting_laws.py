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
