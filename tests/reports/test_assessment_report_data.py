"""The gathered report data: the figures `assessments show --json` prints, in the assessment's language, and
worker counts that never single a worker out."""

from __future__ import annotations

import re

from fldd.usecases.assessments import assessment_json
from fldd.usecases.report_assessment import assessment_report_data
from tests.reports.report_builders import onsite_with_counts


def _by_name(ctx, supplier: str, tier: str) -> int:
    from fldd.usecases.assessments import list_assessments

    return next(r["id"] for r in list_assessments(ctx) if r["supplier"] == supplier and r["tier"] == tier)


def test_the_figures_are_those_assessments_show_prints(demo_ctx):
    assessment_id = _by_name(demo_ctx, "Chittagong Knit Composite", "onsite")
    shown = assessment_json(demo_ctx, assessment_id)
    data = assessment_report_data(demo_ctx, assessment_id)
    assert data["result"]["score"] == shown["result"]["score"]
    assert data["result"]["rating"] == shown["result"]["rating"] == data["cover"]["rating"]
    assert data["result"]["rating_text"] == shown["rating_text"]
    assert data["result"]["reasons"] == shown["result"]["rating_reasons"]
    assert data["result"]["completeness"]["percent"] == shown["result"]["completeness"]["percent"]
    assert {str(i["number"]): i["risk"] for i in data["indicators"]} == {
        k: v["risk"] for k, v in shown["result"]["indicators"].items()} | {
        str(n): None for n in range(1, 12) if str(n) not in shown["result"]["indicators"]}
    assert [m["id"] for m in data["modules"]] == list(shown["result"]["modules"])
    facts = demo_ctx.standard.get("fldd-onsite").facts if data["kind"] == "onsite" else {}
    for told, stored in zip(data["findings"], shown["findings"], strict=True):  # as stored, or by its fact
        assert told["title"] in (stored["title"], *(f.title["en"] for f in facts.values())) or (
            not stored["fact"] and told["title"].startswith("Worker interviews"))
    assert [(f["plan_due"], f["closure_due"]) for f in data["findings"]] == [
        (f["due_date"], f["closure_date"]) for f in shown["findings"]]
    for told, stored in zip(data["triggers"], shown["result"]["triggers"], strict=True):  # interview ones by fact
        assert told["id"] in (stored["id"], "worker_interviews", *facts)
    assert data["cover"]["valid_until"] == shown["result"]["expires"]
    assert data["onsite"] is not None and data["onsite"]["declared_vs_verified"]
    assert data["meta"]["author"] == shown["assessor"]


def test_a_desktop_assessment_has_no_onsite_part_and_speaks_its_language(demo_ctx):
    from fldd.usecases.assessments import list_assessments

    desktop = [r for r in list_assessments(demo_ctx) if r["tier"] == "desktop"]
    data = assessment_report_data(demo_ctx, desktop[0]["id"])
    assert data["onsite"] is None and data["kind"] == "desktop"
    assert data["labels"]["h.summary"] == ("Resumen ejecutivo" if data["language"] == "es" else "Executive summary")


def test_two_workers_reporting_a_fee_read_fewer_than_three_everywhere(ctx):
    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 12, "wi_paid_fees": 2},
                                       comment="W-007 told us he paid 2 months")
    data = assessment_report_data(ctx, assessment_id)
    rows = {r["question"]: r["value"] for r in data["onsite"]["interviews"]["rows"]}
    assert rows["wi_paid_fees"] == "fewer than 3"
    answered = {q["id"]: q for m in data["answers"] for q in m["questions"]}
    assert answered["wi_paid_fees"]["answer"] == "fewer than 3"
    assert answered["wi_paid_fees"]["comment"] == ""  # an auditor's note there may describe one worker
    behind = [a for f in data["findings"] for a in f["because"] if a["question"] == "wi_paid_fees"]
    behind += [a for t in data["triggers"] for a in t["answers"] if a["question"] == "wi_paid_fees"]
    assert behind and {a["answer"] for a in behind} == {"fewer than 3"}
    text = repr({k: v for k, v in data.items() if k != "labels"})
    assert "W-007" not in text
    assert not re.search(r"(?<![0-9])2 workers", text)


def test_a_count_that_would_reveal_the_few_is_suppressed_too(ctx):
    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 12, "wi_paid_fees": 11})
    data = assessment_report_data(ctx, assessment_id)
    rows = {r["question"]: r["value"] for r in data["onsite"]["interviews"]["rows"]}
    assert rows["wi_paid_fees"] == "more than 9"  # "11 of 12" tells who did not pay


def test_too_few_interviews_show_no_count_at_all(ctx):
    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 2, "wi_paid_fees": 0})
    data = assessment_report_data(ctx, assessment_id)
    interviews = data["onsite"]["interviews"]
    assert interviews["interviewed"] == "2" and interviews["rows"] == []  # a sample size; no result from 2
    answers = {q["id"]: q["answer"] for m in data["answers"] for q in m["questions"]}
    assert answers["wi_paid_fees"] == "not shown (small group)"  # not even the 0


def test_a_rating_no_floor_raised_is_explained_by_its_score_band(demo_ctx):
    from fldd.usecases.assessments import list_assessments

    clean = next(r for r in list_assessments(demo_ctx) if r["supplier"] == "Monterrey Auto Parts")
    shown = assessment_json(demo_ctx, clean["id"])
    assert shown["result"]["rating"] == "low" and shown["result"]["rating_reasons"] == []
    reasons = assessment_report_data(demo_ctx, clean["id"])["result"]["reasons"]
    said = (f"The score, {shown['result']['score']:g}, is in the band of Low risk (85 and above); no red flag or "
            "finding makes it worse.")
    assert reasons == [said]


def test_a_share_reads_as_a_percentage_and_an_amount_with_its_currency(demo_ctx):
    from fldd.usecases.findings import _answer_text

    q = demo_ctx.standard.get("fldd-onsite")
    assert _answer_text(q, "dr_grievance_closed_pct", 93, "en") == "93 %"
    assert _answer_text(q, "dr_grievance_closed_pct", None, "en") == "no answer"
    assert _answer_text(q, "mi_fee_repay_days", {"amount": 1200, "currency": "USD"}, "en") == "1,200 USD"
