"""Translations of the shipped standard: every declared language is complete, shown, and clean to validate."""

from __future__ import annotations

import json

import pytest

from fldd.cli import main
from fldd.usecases.questionnaires import standard, validate


def desktop():
    return standard().get("fldd-desktop")


def translated_languages() -> list[str]:
    """Every language a shipped questionnaire declares besides the one its files are written in."""
    return sorted({lang for q in standard().questionnaires.values() for lang in q.languages[1:]})


def test_desktop_tier_declares_spanish():
    assert desktop().languages[0] == "en"
    assert "es" in desktop().languages


@pytest.mark.parametrize("lang", translated_languages())
def test_every_question_text_and_option_label_is_translated(lang):
    for q in standard().questionnaires.values():
        if lang not in q.languages:
            continue
        missing = [f"{qu.id}: text" for qu in q.questions if not qu.text.get(lang)]
        missing += [f"{qu.id}: option {o.value}" for qu in q.questions for o in (*qu.options, *qu.specials)
                    if not o.label.get(lang)]
        missing += [f"{qu.id}: {key}" for qu in q.questions for key in ("guidance", "evidence", "unit")
                    if getattr(qu, key) and not getattr(qu, key).get(lang)]
        missing += [f"module {m.id}: title" for m in q.modules if not m.title.get(lang)]
        missing += [f"{t.id}: title" for t in q.thresholds if not t.title.get(lang)]
        missing += [f"{t.id}: remedy" for t in q.thresholds if t.remedy and not t.remedy.get(lang)]
        assert not missing, f"{q.id} has no '{lang}' text for: {', '.join(missing)}"


@pytest.mark.parametrize("lang", translated_languages())
def test_every_glossary_term_and_shared_label_is_translated(lang):
    terms = standard().glossary.values()
    assert [t.id for t in terms if lang not in t.term or lang not in t.definition] == []
    labels = standard().labels
    assert [f"{section}.{key}" for section, items in labels.items() for key, text in items.items()
            if lang not in text] == []


def test_spanish_texts_differ_from_english():
    q = desktop()
    same = [qu.id for qu in q.questions if qu.text["es"] == qu.text["en"]]
    assert same == []


def test_show_json_in_spanish_prints_spanish_texts(capsys):
    assert main(["questionnaires", "show", "fldd-desktop", "--lang", "es", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["language"] == "es"
    assert data["title"] == "Autoevaluación documental sobre trabajo forzoso"
    questions = {qu["id"]: qu for qu in data["questions"]}
    fee = questions["fee_any_paid"]
    assert fee["text"] == ("En los últimos 12 meses, ¿pagó algún trabajador alguna comisión de contratación "
                           "o gasto conexo para conseguir este empleo?")
    assert [o["label"] for o in fee["options"]] == ["Sí", "No", "No sé"]
    assert questions["pr_workers_total"]["unit"] == "trabajadores"
    assert {o["value"]: o["label"] for o in questions["fee_repaid"]["options"]}["none"] == (
        "No se ha reembolsado a ningún trabajador")
    modules = {m["id"]: m["title"] for m in data["modules"]}
    assert modules["grievance"] == "Mecanismo de reclamación"


def test_show_json_in_english_is_unchanged_by_translations(capsys):
    assert main(["questionnaires", "show", "fldd-desktop", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    fee = {qu["id"]: qu for qu in data["questions"]}["fee_any_paid"]
    assert fee["text"].startswith("In the last 12 months, did any worker pay")
    assert [o["label"] for o in fee["options"]] == ["Yes", "No", "Don't know"]


def test_validator_reports_no_errors_and_no_warnings_for_the_shipped_standard():
    problems = validate().problems
    assert [str(p) for p in problems] == []


def test_validate_command_reports_zero_warnings(capsys):
    assert main(["questionnaires", "validate", "--warnings"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
