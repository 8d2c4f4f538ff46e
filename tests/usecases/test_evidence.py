"""Evidence attached to answers: kept by sha256, listed per question, removed, refused once closed."""

from __future__ import annotations

import hashlib

import pytest

from fldd.store import assessments as store_assessments
from fldd.usecases.assessments import start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.evidence import (attach_evidence, evidence_content, evidence_counts, list_evidence,
                                    remove_evidence)
from fldd.usecases.suppliers import add_supplier


@pytest.fixture
def assessment(ctx):
    supplier = add_supplier(ctx, "Klang Valley Gloves", "MY", goods=["Rubber Gloves"])
    return start_assessment(ctx, supplier, "fldd-desktop")


@pytest.fixture
def payslip(tmp_path):
    path = tmp_path / "payslip.pdf"
    path.write_bytes(b"%PDF-1.4 payslip of the lowest grade")
    return path


def test_an_attached_file_is_kept_with_its_sha256_and_question(ctx, assessment, payslip):
    evidence_id = attach_evidence(ctx, assessment, "pr_monthly_base_wage", payslip)
    [row] = list_evidence(ctx, assessment, "pr_monthly_base_wage")
    assert row["id"] == evidence_id and row["file_name"] == "payslip.pdf" and row["added_by"] == "amina"
    assert row["sha256"] == hashlib.sha256(payslip.read_bytes()).hexdigest()
    assert evidence_content(ctx, evidence_id) == ("payslip.pdf", payslip.read_bytes())
    assert evidence_counts(ctx, assessment) == {"pr_monthly_base_wage": 1}


def test_files_are_listed_per_question(ctx, assessment, payslip):
    attach_evidence(ctx, assessment, "pr_monthly_base_wage", payslip)
    attach_evidence(ctx, assessment, "hrs_peak_weekly_max", payslip)
    attach_evidence(ctx, assessment, "hrs_peak_weekly_max", payslip)
    assert len(list_evidence(ctx, assessment, "hrs_peak_weekly_max")) == 2
    assert evidence_counts(ctx, assessment) == {"pr_monthly_base_wage": 1, "hrs_peak_weekly_max": 2}


def test_removing_unlinks_only_that_file(ctx, assessment, payslip):
    first = attach_evidence(ctx, assessment, "hrs_peak_weekly_max", payslip)
    second = attach_evidence(ctx, assessment, "hrs_peak_weekly_max", payslip)
    remove_evidence(ctx, assessment, first)
    assert [r["id"] for r in list_evidence(ctx, assessment)] == [second]
    assert evidence_content(ctx, second)[1] == payslip.read_bytes()


def test_a_missing_file_is_rejected_with_its_name(ctx, assessment, tmp_path):
    with pytest.raises(Rejected, match="gone.pdf: cannot read the file"):
        attach_evidence(ctx, assessment, "hrs_peak_weekly_max", tmp_path / "gone.pdf")
    assert list_evidence(ctx, assessment) == []


def test_an_unknown_question_is_rejected(ctx, assessment, payslip):
    with pytest.raises(Rejected, match="hrs_nope: no such question"):
        attach_evidence(ctx, assessment, "hrs_nope", payslip)


def test_evidence_of_another_assessment_cannot_be_removed(ctx, assessment, payslip):
    other = start_assessment(ctx, add_supplier(ctx, "Other", "VN"), "fldd-desktop")
    evidence_id = attach_evidence(ctx, other, "hrs_peak_weekly_max", payslip)
    with pytest.raises(Rejected, match="does not belong"):
        remove_evidence(ctx, assessment, evidence_id)
    assert len(list_evidence(ctx, other)) == 1


def test_a_closed_assessment_takes_no_more_evidence(ctx, assessment, payslip):
    evidence_id = attach_evidence(ctx, assessment, "hrs_peak_weekly_max", payslip)
    store_assessments.set_status(ctx.store, assessment, "closed")  # straight to closed: no answers needed
    with pytest.raises(Rejected, match="closed"):
        attach_evidence(ctx, assessment, "hrs_peak_weekly_max", payslip)
    with pytest.raises(Rejected, match="closed"):
        remove_evidence(ctx, assessment, evidence_id)
    assert len(list_evidence(ctx, assessment)) == 1
