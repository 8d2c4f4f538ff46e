"""Every message about an answer names its options by their labels in the questionnaire's language: over every
option-typed question of every shipped questionnaire, in every language, through the answer checks that
workbooks, answer packs and the app share, and through a whole workbook import."""

from __future__ import annotations

import re

import openpyxl
import pytest

from fldd.exchange.layout import COL_ID
from fldd.standard.answers import AnswerError, coerce, coerce_all
from fldd.standard.loader import load_shipped
from fldd.standard.model import Question, pick
from fldd.usecases.exchange import export_workbook, import_paths
from fldd.usecases.suppliers import add_supplier
from tests.exchange.conftest import fill, find_row, sheet_of

STANDARD = load_shipped()
CHOICE_TYPES = ("yesno", "single", "multi")
CASES = [(q.id, lang, question.id) for q in STANDARD.questionnaires.values() for lang in q.languages
         for question in q.questions if question.type in CHOICE_TYPES]
NOT_AN_OPTION = "perhaps-later"


def leaks(message: str, question: Question, lang: str) -> list[str]:
    """The option codes a message shows where the person would read a label."""
    found = []
    for option in question.options + question.specials:
        code, label = option.value, pick(option.label, lang)
        if code == label:
            continue
        if f"'{code}'" in message or ("_" in code and re.search(rf"(?<![\w.:]){re.escape(code)}(?![\w])", message)):
            found.append(code)
    return found


def messages_for(question: Question, lang: str) -> list[str]:
    """What the shared answer checks say about a value that is not an option, and about an exclusive option
    ticked with another."""
    said = []
    wrong = [NOT_AN_OPTION] if question.type != "multi" else [question.options[0].value, NOT_AN_OPTION]
    with pytest.raises(AnswerError) as caught:
        coerce(question, wrong[0] if question.type != "multi" else wrong, lang)
    said.append(caught.value.message)
    for exclusive in [o for o in question.options if o.exclusive]:
        other = next(o for o in question.options if not o.exclusive)
        with pytest.raises(AnswerError) as caught:
            coerce(question, [exclusive.value, other.value], lang)
        said.append(caught.value.message)
        assert f"'{pick(exclusive.label, lang)}'" in caught.value.message
    return said


@pytest.mark.parametrize("ref, lang, qid", CASES)
def test_answer_messages_name_options_by_label(ref, lang, qid):
    question = STANDARD.questionnaires[ref].question(qid)
    for message in messages_for(question, lang):
        assert not leaks(message, question, lang), message
        if question.type != "multi":  # the message lists what would be accepted, as the person reads it
            assert all(f"'{pick(o.label, lang)}'" in message for o in question.options)


@pytest.mark.parametrize("ref", sorted(STANDARD.questionnaires))
def test_an_answer_pack_with_wrong_choices_is_told_them_in_labels(ref):
    q = STANDARD.questionnaires[ref]
    for lang in q.languages:
        answers = {qu.id: ([qu.options[0].value, NOT_AN_OPTION] if qu.type == "multi" else NOT_AN_OPTION)
                   for qu in q.questions if qu.type in CHOICE_TYPES}
        _, errors = coerce_all(q, answers, lang)
        assert {e.question for e in errors} == set(answers)
        for error in errors:
            assert not leaks(error.message, q.question(error.question), lang), error.message


@pytest.mark.parametrize("ref, lang", sorted({(ref, lang) for ref, lang, _ in CASES}))
def test_a_workbook_import_reports_choices_in_labels(ctx, tmp_path, ref, lang):
    """Every multi-choice question with an exclusive option ticked with another, every single choice answered
    with words that are no option: each is refused with the options named as the workbook shows them."""
    q = STANDARD.questionnaires[ref]
    supplier = add_supplier(ctx, "Penang Latex", "MY", goods=["Rubber Gloves"])
    sent = export_workbook(ctx, supplier, ref, tmp_path / "sent.xlsx", lang=lang).path
    answers: dict = {}
    for question in q.questions:
        exclusive = [o for o in question.options if o.exclusive]
        if question.type == "multi" and exclusive:
            answers[question.id] = [exclusive[0].value, next(o.value for o in question.options if not o.exclusive)]
        elif question.type in ("yesno", "single"):
            answers[question.id] = NOT_AN_OPTION
    [report] = import_paths(ctx, [fill(sent, answers, out=tmp_path / "back.xlsx")], dry_run=True)

    assert report.outcome == "rejected"
    by_question = {qid: [str(e) for e in report.errors if e.question and f"({qid})" in e.question]
                   for qid in answers}
    for qid, said in by_question.items():
        question = q.question(qid)
        assert said, f"nothing said about {qid}"
        for message in said:
            assert not leaks(message, question, lang), message
        named = [o for o in question.options if o.exclusive][:1] if question.type == "multi" else question.options
        assert all(f"'{pick(o.label, lang)}'" in " ".join(said) for o in named), said


def test_a_moved_option_row_is_named_by_its_label(ctx, tmp_path):
    supplier = add_supplier(ctx, "Penang Latex", "MY", goods=["Rubber Gloves"])
    sent = export_workbook(ctx, supplier, "fldd-desktop", tmp_path / "sent.xlsx").path
    book = openpyxl.load_workbook(sent)
    ws, _ = sheet_of(book, "hrs_peak_measures")
    row = find_row(ws, "hrs_peak_measures:no_peaks")
    ws.cell(row=row, column=COL_ID + 1).value = "something else"
    book.save(tmp_path / "back.xlsx")

    [report] = import_paths(ctx, [tmp_path / "back.xlsx"], dry_run=True)

    said = " ".join(str(e) for e in report.errors)
    assert "'We have no busy season'" in said and "'no_peaks'" not in said
