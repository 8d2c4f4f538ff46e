"""Once submitted, the files and checklist ticks that came with the answers stay on the record: a reviewer may
add files, never take one away without returning the assessment to draft, and the ticks do not move."""

from __future__ import annotations

import pytest

from fldd.store import checklist as store_checklist
from fldd.usecases.assessments import AssessmentSession, start_assessment
from fldd.usecases.checklist import SEEN, mark_item
from fldd.usecases.errors import Rejected
from fldd.usecases.evidence import attach_evidence, list_evidence, remove_evidence
from fldd.usecases.suppliers import add_supplier


@pytest.fixture
def payslip(tmp_path):
    path = tmp_path / "payslip.pdf"
    path.write_bytes(b"%PDF-1.4 payslip")
    return path


def _submitted_desktop(ctx):
    from tests.usecases.test_reviewer_corrections import complete

    sid = add_supplier(ctx, "Record Co", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-desktop"))
    complete(session)
    return session


def test_a_file_submitted_with_the_answers_cannot_be_removed_until_returned_to_draft(ctx, payslip):
    session = _submitted_desktop(ctx)
    kept = attach_evidence(ctx, session.id, None, payslip)
    session.move_to("submitted")
    with pytest.raises(Rejected, match="submitted: the evidence submitted with it stays on the record"):
        remove_evidence(ctx, session.id, kept)
    added = attach_evidence(ctx, session.id, None, payslip)  # a reviewer adds a file: kept with who and when
    assert {row["id"] for row in list_evidence(ctx, session.id)} == {kept, added}
    session.move_to("draft")
    remove_evidence(ctx, session.id, kept)
    assert [row["id"] for row in list_evidence(ctx, session.id)] == [added]


def test_checklist_ticks_do_not_move_after_submission(ctx):
    sid = add_supplier(ctx, "Site Co", "MY")
    session = AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-onsite"))
    item = next(q.id for q in session.questionnaire.questions if q.check is not None)
    mark_item(session, item, SEEN)
    session.record = session.record.__class__(**{**session.record.__dict__, "status": "under_review"})
    for mark in (None, SEEN):
        with pytest.raises(Rejected, match="under review: its checklist is the record of the visit"):
            mark_item(session, item, mark)
    assert store_checklist.current(ctx.store, session.id)[item]["mark"] == SEEN
