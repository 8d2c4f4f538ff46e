"""A finding's two deadlines as RBA's VAP sets them: the corrective-action plan first, the work by the closure
date; an action is overdue against the one it owes now, and actions recorded with one date keep it."""

from __future__ import annotations

import datetime as dt

import pytest

from fldd.store import findings as store_findings
from fldd.usecases import findings as uc
from fldd.usecases.assessments import add_auditor_finding, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.home import todo
from fldd.usecases.suppliers import add_supplier
from tests.usecases.conftest import TODAY


@pytest.fixture
def assessment(ctx):
    sid = add_supplier(ctx, "Penang Cables", "MY", goods=["Electronics"])
    return start_assessment(ctx, sid, "fldd-desktop")


def the_action(ctx, assessment_id):
    (row,) = uc.list_findings(ctx, assessment_id=assessment_id)
    return row


def at(ctx, day: dt.date):
    ctx.today = lambda: day


def test_a_priority_finding_owes_its_plan_in_7_days_and_the_work_by_its_closure(ctx, assessment):
    add_auditor_finding(ctx, assessment, severity="priority", title="Passports in the office safe")
    q = ctx.standard.get("fldd-desktop")
    row = the_action(ctx, assessment)
    closure_days = q.severity_closure_days["priority"]
    assert row["due_date"] == (TODAY + dt.timedelta(days=7)).isoformat()
    assert row["closure_date"] == (TODAY + dt.timedelta(days=closure_days)).isoformat()
    assert row["closure_days"] == closure_days
    assert (row["deadline_kind"], row["days_left"], row["overdue"]) == ("plan", 7, False)


def test_an_open_action_is_overdue_when_its_plan_is_late_and_names_it(ctx, assessment):
    add_auditor_finding(ctx, assessment, severity="priority", title="Passports in the office safe")
    at(ctx, TODAY + dt.timedelta(days=8))
    row = the_action(ctx, assessment)
    assert row["overdue"] and row["deadline_kind"] == "plan" and row["days_left"] == -1
    assert [r["action_id"] for r in todo(ctx)["overdue_actions"]] == [row["action_id"]]


def test_an_action_under_way_owes_the_closure_not_the_plan(ctx, assessment):
    add_auditor_finding(ctx, assessment, severity="priority", title="Passports in the office safe")
    row = the_action(ctx, assessment)
    uc.set_action_status(ctx, row["action_id"], "in_progress")
    closure = dt.date.fromisoformat(row["closure_date"])
    at(ctx, TODAY + dt.timedelta(days=8))  # the plan date has passed, but the plan is in and work is under way
    row = the_action(ctx, assessment)
    assert not row["overdue"] and row["deadline_kind"] == "closure"
    assert todo(ctx)["overdue_actions"] == []
    at(ctx, closure)  # on the closure day itself it is not yet late
    assert not the_action(ctx, assessment)["overdue"]
    at(ctx, closure + dt.timedelta(days=1))
    row = the_action(ctx, assessment)
    assert row["overdue"] and row["deadline_kind"] == "closure" and row["days_left"] == -1


def test_an_action_recorded_with_one_date_keeps_it_for_plan_and_work(ctx, assessment):
    with ctx.store.write() as db:  # as actions were written before closure dates existed
        finding = store_findings.add_finding(db, assessment, severity="major", title="Old finding", due_days=14,
                                             source="auditor")
        action = store_findings.add_action(db, finding, description="Fix it",
                                           due_date=(TODAY + dt.timedelta(days=14)).isoformat())
    uc.set_action_status(ctx, action, "in_progress")
    at(ctx, TODAY + dt.timedelta(days=15))
    row = the_action(ctx, assessment)
    assert row["closure_date"] is None and row["deadline_kind"] == "due" and row["overdue"]


def test_the_closure_date_can_be_moved_and_is_kept_in_the_history(ctx, assessment):
    add_auditor_finding(ctx, assessment, severity="major", title="Overtime not voluntary")
    row = the_action(ctx, assessment)
    later = TODAY + dt.timedelta(days=120)
    uc.update_action(ctx, row["action_id"], closure_date=later)
    assert the_action(ctx, assessment)["closure_date"] == later.isoformat()
    with pytest.raises(Rejected, match="closure date: 2026-11-01 is before the finding was raised"):
        uc.update_action(ctx, row["action_id"], closure_date="2026-11-01")
    edits = [h for h in store_findings.history(ctx.store, action_id=row["action_id"]) if h["kind"] == "edit"]
    assert len(edits) == 1 and "closure_date" in edits[0]["changes"]


def test_an_open_action_past_its_closure_too_owes_the_work_itself(ctx, assessment):
    add_auditor_finding(ctx, assessment, severity="priority", title="Passports in the office safe")
    closure = dt.date.fromisoformat(the_action(ctx, assessment)["closure_date"])
    at(ctx, closure + dt.timedelta(days=3))
    row = the_action(ctx, assessment)
    assert row["overdue"] and row["deadline_kind"] == "closure" and row["days_left"] == -3
    (shown,) = todo(ctx)["overdue_actions"]
    assert shown["deadline_kind"] == "closure" and shown["days_left"] == -3
