"""The assessment report as Excel tables (`fldd report xlsx`): the data the PDF renders, plus each answer's
stored value for filtering, except where the value is a figure about interviewed workers (those read only as
the report prints them, small counts suppressed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fldd.usecases.context import AppContext
from fldd.usecases.output_files import write_bytes_atomically


def write_assessment_xlsx(ctx: AppContext, assessment_id: int, target: Path | str) -> Path:
    """Write the assessment's Excel report to target; Rejected when the assessment does not exist."""
    from fldd.reports.assessment_xlsx import render_assessment_xlsx
    from fldd.usecases.report_assessment import assessment_report_data, refuse_other_suffix

    target = refuse_other_suffix(target, ".xlsx", "the Excel report is an .xlsx workbook")
    data = assessment_report_data(ctx, assessment_id)
    write_bytes_atomically(target, render_assessment_xlsx(data, stored_values(ctx, assessment_id)))
    return target


def stored_values(ctx: AppContext, assessment_id: int) -> dict[str, Any]:
    """Each answer's stored value (as `assessments show --json` prints it), worker-interview figures left out:
    a stored count of 1 beside a printed 'fewer than 3' would single the worker out."""
    from fldd.usecases.assessments import AssessmentSession, assessment_json
    from fldd.usecases.report_privacy import Disclosure

    answers = assessment_json(ctx, assessment_id)["answers"]
    q = AssessmentSession(ctx, assessment_id).questionnaire
    counts = Disclosure(q, {}, {})
    return {qid: value for qid, value in answers.items()
            if qid not in counts.private and (q.question(qid) is None or q.question(qid).tally is None)}
