"""Findings and their corrective actions: the list with overdue flags, the action lifecycle, edits, evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import evidence as store_evidence
from fldd.usecases.assessments import AssessmentSession, add_auditor_finding, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.findings import (
    allowed_moves,
    attach_evidence,
    auditor_due_date,
    describe_finding,
    get_action,
    list_evidence,
    list_findings,
    save_evidence_copy,
    set_action_status,
    update_action,
)
from fldd.usecases.suppliers import add_supplier

TODAY = dt.date(2026, 11, 23)
NOTE = "New rota posted; time records kept"  # every step that needs a word gets one (see test_action_trail)


def complete(session):
    """Answer every visible required question with its lowest-risk answer."""
    for _ in range(5):
        for qid in session.result.completeness.missing:
            q = session.questionnaire.question(qid)
            if q.options:
                best = min((o for o in q.options if o.value not in ("unknown", "na")), key=lambda o: o.risk or 0)
                session.answer(qid, [best.value] if q.type == "multi" else best.value)
            elif q.type == "money":
                session.answer(qid, "1500 MYR")
            elif q.type in ("number", "count", "percent"):
                session.answer(qid, 150 if q.id == "wag_overtime_rate_pct" else int(q.minimum or 0))
            else:
                session.answer(qid, "Malay and Nepali")


@pytest.fixture
def submitted(ctx):
    """A submitted desktop assessment whose 66-hour peak weeks, for 80 of 200 workers, raised a major finding."""
    sid = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    session.answer("pr_workers_total", 200)
    session.answer("hrs_peak_weekly_max", 66)
    session.answer("hrs_over_60_workers", 80)
    complete(session)
    session.move_to("submitted")
    return session


@pytest.fixture
def hours(ctx, submitted):
    """The finding row of the excessive-hours rule."""
    (row,) = [r for r in list_findings(ctx) if r["threshold_id"] == "excessive_hours"]  # the finding of the fact
    return row


def _later(ctx, days):
    ctx.today = lambda: TODAY + dt.timedelta(days=days)


def test_findings_carry_due_date_days_left_and_no_overdue_flag_before_the_deadline(ctx, hours):
    assert hours["severity"] == "major" and hours["due_date"] == "2026-12-07"
    assert hours["days_left"] == 14 and hours["overdue"] is False
    assert hours["questionnaire_id"] == "fldd-desktop" and hours["raised_on"] == TODAY.isoformat()


def test_an_open_action_past_its_due_date_is_overdue(ctx, hours):
    _later(ctx, 20)
    row = get_action(ctx, hours["action_id"])
    assert row["overdue"] is True and row["days_left"] == -6
    assert hours["action_id"] in {r["action_id"] for r in list_findings(ctx, overdue_only=True)}


def test_a_done_action_is_never_overdue(ctx, hours):
    set_action_status(ctx, hours["action_id"], "done", note=NOTE)
    _later(ctx, 20)
    assert get_action(ctx, hours["action_id"])["overdue"] is False
    assert list_findings(ctx, overdue_only=True) == [r for r in list_findings(ctx, overdue_only=True)
                                                     if r["action_id"] != hours["action_id"]]


def test_only_open_leaves_out_verified_actions_but_keeps_done_ones(ctx, hours):
    action = hours["action_id"]
    set_action_status(ctx, action, "done", note=NOTE)
    assert action in {r["action_id"] for r in list_findings(ctx, only_open=True)}
    set_action_status(ctx, action, "verified", note=NOTE)
    assert action not in {r["action_id"] for r in list_findings(ctx, only_open=True)}
    assert action in {r["action_id"] for r in list_findings(ctx)}


def test_findings_filter_by_supplier_and_assessment(ctx, submitted, hours):
    other = add_supplier(ctx, "Saigon Stitch", "VN", goods=["Garments"])
    assert list_findings(ctx, supplier_id=other) == []
    assert {r["action_id"] for r in list_findings(ctx, assessment_id=submitted.id)} == {
        r["action_id"] for r in list_findings(ctx)}


def test_the_lifecycle_runs_open_in_progress_done_verified(ctx, hours):
    action = hours["action_id"]
    for status in ("in_progress", "done", "verified"):
        set_action_status(ctx, action, status, note=NOTE)
    row = get_action(ctx, action)
    assert row["status"] == "verified" and row["verified_by"] == "amina" and row["verified_at"]


def test_an_open_action_can_be_marked_done_straight_away(ctx, hours):
    set_action_status(ctx, hours["action_id"], "done", note=NOTE)
    assert get_action(ctx, hours["action_id"])["done_at"]


def test_a_done_action_can_be_reopened(ctx, hours):
    set_action_status(ctx, hours["action_id"], "done", note=NOTE)
    set_action_status(ctx, hours["action_id"], "in_progress", note=NOTE)
    assert get_action(ctx, hours["action_id"])["status"] == "in_progress"


@pytest.mark.parametrize(("steps", "target", "message"), [
    ((), "verified", "can be verified only once it is marked done"),
    (("in_progress",), "verified", "can be verified only once it is marked done"),
    (("in_progress",), "open", "is in progress; it can move to done"),
    (("done", "verified"), "in_progress", "it can move to nothing: it is verified and closed"),
    ((), "finished", "'finished' is not open, in progress, done or verified"),
])
def test_steps_outside_the_lifecycle_are_refused(ctx, hours, steps, target, message):
    for step in steps:
        set_action_status(ctx, hours["action_id"], step, note=NOTE)
    before = get_action(ctx, hours["action_id"])["status"]
    with pytest.raises(Rejected, match=message):
        set_action_status(ctx, hours["action_id"], target, note=NOTE)
    assert get_action(ctx, hours["action_id"])["status"] == before


def test_a_supplier_cannot_verify_its_own_action(ctx, hours):
    set_action_status(ctx, hours["action_id"], "done", note=NOTE)
    ctx.role = "supplier"
    with pytest.raises(Rejected, match="a supplier cannot verify its own"):
        set_action_status(ctx, hours["action_id"], "verified", note=NOTE)
    assert get_action(ctx, hours["action_id"])["status"] == "done"
    assert allowed_moves(ctx, "done") == ("in_progress",)


@pytest.mark.parametrize("role", ["auditor", "buyer"])
def test_auditors_and_buyers_verify(ctx, hours, role):
    ctx.role = role
    assert "verified" in allowed_moves(ctx, "done")
    set_action_status(ctx, hours["action_id"], "done", note=NOTE)
    set_action_status(ctx, hours["action_id"], "verified", note=NOTE)
    assert get_action(ctx, hours["action_id"])["status"] == "verified"


def test_owner_due_date_and_description_change_together(ctx, hours):
    update_action(ctx, hours["action_id"], owner=" HR manager ", due_date="2026-12-20",
                  description="Cap weekly hours at 60 and publish the rota")
    row = get_action(ctx, hours["action_id"])
    assert (row["owner"], row["due_date"], row["description"]) == (
        "HR manager", "2026-12-20", "Cap weekly hours at 60 and publish the rota")


def test_a_due_date_before_the_finding_was_raised_is_refused_and_nothing_changes(ctx, hours):
    with pytest.raises(Rejected, match=r"due date: 2026-11-22 is before the finding was raised \(2026-11-23\)"):
        update_action(ctx, hours["action_id"], owner="HR manager", due_date=dt.date(2026, 11, 22))
    row = get_action(ctx, hours["action_id"])
    assert row["owner"] == "" and row["due_date"] == "2026-12-07"


def test_a_due_date_on_the_day_the_finding_was_raised_is_accepted(ctx, hours):
    update_action(ctx, hours["action_id"], due_date=TODAY)
    assert get_action(ctx, hours["action_id"])["due_date"] == TODAY.isoformat()


@pytest.mark.parametrize(("changes", "message"), [
    ({"due_date": "next week"}, "'next week' is not a date"),
    ({"description": "   "}, "description: say what must be done"),
])
def test_bad_edits_are_refused(ctx, hours, changes, message):
    with pytest.raises(Rejected, match=message):
        update_action(ctx, hours["action_id"], **changes)


def test_a_verified_action_can_no_longer_change(ctx, hours):
    for status in ("done", "verified"):
        set_action_status(ctx, hours["action_id"], status, note=NOTE)
    with pytest.raises(Rejected, match="verified and closed"):
        update_action(ctx, hours["action_id"], owner="someone else")


def test_an_unknown_action_is_refused_with_its_number(ctx):
    with pytest.raises(Rejected, match="corrective action 999 does not exist"):
        set_action_status(ctx, 999, "done", note=NOTE)


def test_evidence_is_attached_to_the_action_and_listed(ctx, hours, tmp_path):
    rota = tmp_path / "rota.pdf"
    rota.write_bytes(b"%PDF-1.4 weekly rota")
    evidence_id = attach_evidence(ctx, hours["action_id"], rota, note="new rota")
    (listed,) = list_evidence(ctx, hours["action_id"])
    assert listed["id"] == evidence_id and listed["file_name"] == "rota.pdf" and listed["added_by"] == "amina"
    assert store_evidence.content(ctx.store, evidence_id) == ("rota.pdf", b"%PDF-1.4 weekly rota")
    copy = save_evidence_copy(ctx, evidence_id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == b"%PDF-1.4 weekly rota"


def test_a_missing_evidence_file_is_refused_with_its_path(ctx, hours, tmp_path):
    with pytest.raises(Rejected, match="gone.pdf: cannot read the file"):
        attach_evidence(ctx, hours["action_id"], tmp_path / "gone.pdf")
    assert list_evidence(ctx, hours["action_id"]) == []


def test_a_finding_is_described_with_question_texts_answers_and_remedy(ctx, hours):
    text = describe_finding(ctx, hours)
    assert text["rule"] == "hrs_excess_grade = 'major'"
    answers = dict(text["because"])
    peak = ("In the busiest month of the last 12 months, what was the highest total number of hours (regular plus "
            "overtime) that any worker worked in one week?")
    assert answers[peak] == "66 hours"
    assert not any(key.startswith("hrs_") for key in answers)
    assert text["remedy"] and text["questionnaire"] == "Forced-labour desktop self-assessment"


def test_the_auditor_due_date_follows_the_severity_rule(ctx, submitted):
    ctx.role = "auditor"
    for severity, days in (("priority", 7), ("major", 14), ("minor", 30)):
        expected = TODAY + dt.timedelta(days=days)
        assert auditor_due_date(ctx, submitted.id, severity) == expected
        finding = add_auditor_finding(ctx, submitted.id, severity=severity, title=f"{severity} finding")
        (row,) = [r for r in list_findings(ctx) if r["id"] == finding]
        assert row["due_date"] == expected.isoformat()



def test_a_finding_about_a_fact_reads_with_the_remedy_of_its_most_severe_source(ctx):
    """Documents held, found in records (held with consent: minor) and by workers (priority): the one finding
    carries the fact's id, and it reads with the Priority source's remedy, not an empty one."""
    onsite = ctx.standard.questionnaires["fldd-onsite"]
    row = {"questionnaire_id": "fldd-onsite", "questionnaire_version": onsite.version, "threshold_id": "documents_held",
           "severity": "priority", "because": {}, "detail": "",
           "sources": [{"threshold": "thr_os_dr_documents_with_consent", "severity": "minor",
                        "title": "Records show identity documents held with each worker's consent and free access"},
                       {"threshold": "thr_os_wi_documents", "severity": "priority",
                        "title": "Workers said they do not hold their own identity documents"}]}
    remedy = describe_finding(ctx, row)["remedy"]
    assert remedy and remedy == next(t for t in onsite.thresholds if t.id == "thr_os_wi_documents").remedy["en"]
