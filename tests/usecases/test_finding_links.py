"""An auditor's finding names the question and the ILO indicator it concerns and keeps the photo taken on site;
anything wrong in them refuses the whole finding, naming what is wrong."""

from __future__ import annotations

import hashlib

import pytest

from fldd.usecases.action_trail import action_history
from fldd.usecases.assessments import (
    AssessmentSession,
    add_auditor_finding,
    assessment_json,
    start_assessment,
)
from fldd.usecases.errors import Rejected
from fldd.usecases.finding_links import finding_evidence, link_choices
from fldd.usecases.findings import list_findings, save_evidence_copy
from fldd.usecases.suppliers import add_supplier

PHOTO = b"\xff\xd8\xff\xe0 JPEG of the locked cabinet"


@pytest.fixture
def onsite(ctx):
    ctx.user, ctx.role = "Ana (auditor)", "auditor"
    sid = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    return AssessmentSession(ctx, start_assessment(ctx, sid, "fldd-onsite"))


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "cabinet.jpg"
    path.write_bytes(PHOTO)
    return path


def test_the_choices_are_the_assessments_own_questions_and_the_eleven_indicators(ctx, onsite):
    choices = link_choices(ctx, onsite.id)
    ids = [q["id"] for q in choices["questions"]]
    assert ids == [q.id for q in onsite.questionnaire.questions] and len(ids) == len(set(ids))
    first = choices["questions"][0]
    assert first["text"] and first["module"] and isinstance(first["indicators"], list)
    assert [n for n, _ in choices["indicators"]] == list(range(1, 12))
    assert dict(choices["indicators"])[8] == ctx.standard.label("indicators", 8)


def test_a_finding_keeps_its_question_indicator_and_photo(ctx, onsite, photo, tmp_path):
    question = onsite.questionnaire.questions[0].id
    finding = add_auditor_finding(ctx, onsite.id, severity="priority", title="Passports kept in a locked cabinet",
                                  question_id=question, indicator=7, evidence=photo)
    (row,) = [r for r in list_findings(ctx) if r["id"] == finding]
    assert (row["question_id"], row["indicator"]) == (question, 7)
    (kept,) = finding_evidence(ctx, finding)
    assert kept["file_name"] == "cabinet.jpg" and kept["sha256"] == hashlib.sha256(PHOTO).hexdigest()
    assert kept["added_by"] == "Ana (auditor)"
    assert save_evidence_copy(ctx, kept["id"], tmp_path / "copy.jpg").read_bytes() == PHOTO
    (created,) = action_history(ctx, row["action_id"])["entries"]
    assert (created["kind"], created["by"]) == ("created", "Ana (auditor)")
    shown = next(f for f in assessment_json(ctx, onsite.id)["findings"] if f["id"] == finding)
    assert shown["question_id"] == question and shown["indicator"] == 7
    assert [e["sha256"] for e in shown["evidence"]] == [kept["sha256"]]


def test_a_finding_may_name_only_an_indicator(ctx, onsite):
    finding = add_auditor_finding(ctx, onsite.id, severity="major", title="Workers say overtime is compulsory",
                                  indicator=11)
    (row,) = [r for r in list_findings(ctx) if r["id"] == finding]
    assert (row["question_id"], row["indicator"]) == (None, 11)
    assert finding_evidence(ctx, finding) == []


@pytest.mark.parametrize(("links", "message"), [
    ({"question_id": "hrs_nope"}, "question: 'hrs_nope' is not a question of fldd-onsite"),
    ({"indicator": 12}, "ILO indicator: 12 is not one of the 11 indicators"),
    ({"evidence": "gone.jpg"}, "gone.jpg: cannot read the file"),
])
def test_a_wrong_link_or_file_refuses_the_whole_finding(ctx, onsite, tmp_path, links, message):
    if "evidence" in links:
        links = {"evidence": tmp_path / links["evidence"]}
    with pytest.raises(Rejected, match=message):
        add_auditor_finding(ctx, onsite.id, severity="major", title="Passports kept", **links)
    assert list_findings(ctx) == []
