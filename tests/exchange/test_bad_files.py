"""The corpus of bad workbooks: each is rejected with a message that says why, and the data stay as they were."""

from __future__ import annotations

import pytest

from fldd.store import exchange as store_exchange
from fldd.usecases.exchange import import_paths
from tests.exchange.conftest import fill
from tests.exchange.make_bad_files import CASES


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_file_is_rejected_with_its_reason_and_changes_nothing(corpus, name):
    ctx, _, cases = corpus
    case = cases[name]
    before = store_exchange.data_checksum(ctx.store)

    [report] = import_paths(ctx, [case.path])

    assert report.outcome == "rejected"
    messages = [str(e) for e in report.errors]
    assert any(case.expected in m for m in messages), messages
    assert all(m.startswith(f"{case.path.name}: ") for m in messages)
    assert store_exchange.data_checksum(ctx.store) == before
    logged = store_exchange.imports(ctx.store, limit=1)[0]
    assert (logged["file_name"], logged["outcome"]) == (case.path.name, "rejected")


def test_the_good_file_the_corpus_is_made_from_is_accepted(corpus):
    ctx, good, _ = corpus
    [report] = import_paths(ctx, [good], dry_run=True)
    assert report.outcome == "accepted_incomplete", [str(e) for e in report.errors]


@pytest.mark.parametrize(("name", "sheet", "cell", "question"), [
    ("text_in_number", "Site profile", "D2", "1.1 (pr_workers_total)"),
    ("unknown_label", "Policy and management", "D2", "2.1 (gov_policy_exists)"),
    ("bad_tick", "Policy and management", "D4", "2.2 (gov_policy_topics)"),
    ("formula", "Site profile", "D2", "1.1 (pr_workers_total)"),
    ("edited_question", "Policy and management", "C2", "2.1 (gov_policy_exists)"),
    ("moved_rows", "Policy and management", "A15", "2.5 (gov_responsible)"),
    ("error_value", "Site profile", "D2", "1.1 (pr_workers_total)"),
    ("hidden_column", "Policy and management", "D1", None),
    ("foreign_metadata", "Supplier", "C2", None),
    ("earlier_metadata", "Supplier", "C16", None),
])
def test_rejections_name_the_sheet_cell_and_question(corpus, name, sheet, cell, question):
    ctx, _, cases = corpus
    [report] = import_paths(ctx, [cases[name].path], dry_run=True)
    assert (sheet, cell, question) in {(e.sheet, e.cell, e.question) for e in report.errors}, report.errors


def test_every_problem_in_a_file_is_reported_not_just_the_first(corpus, tmp_path):
    ctx, good, _ = corpus
    bad = fill(good, {"pr_workers_total": "lots", "gov_policy_exists": "Maybe", "fee_any_paid": "Perhaps"},
               out=tmp_path / "three.xlsx")
    [report] = import_paths(ctx, [bad], dry_run=True)
    assert [e.cell for e in report.errors] == ["D2", "D2", "D5"]


def test_a_file_for_a_closed_assessment_is_rejected(corpus, tmp_path):
    from fldd.store import assessments as store_assessments

    ctx, good, _ = corpus
    [first] = import_paths(ctx, [fill(good, {}, out=tmp_path / "v1.xlsx")])
    store_assessments.set_status(ctx.store, first.assessment_id, "closed")
    later = fill(good, {"pr_workers_total": 130}, out=tmp_path / "v2.xlsx")
    before = store_exchange.data_checksum(ctx.store)

    [report] = import_paths(ctx, [later])

    assert report.outcome == "rejected"
    assert "is closed" in report.errors[0].message
    assert store_exchange.data_checksum(ctx.store) == before


def test_typing_into_the_question_row_of_a_multi_choice_question_is_refused(corpus, tmp_path):
    ctx, good, _ = corpus
    bad = fill(good, {}, cells={("Policy and management", "D3"): "Fees; contracts"}, out=tmp_path / "multi.xlsx")
    [report] = import_paths(ctx, [bad], dry_run=True)
    assert [(e.cell, e.question) for e in report.errors] == [("D3", "2.2 (gov_policy_topics)")]
    assert "type x beside each option" in report.errors[0].message
