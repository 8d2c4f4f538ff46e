"""The assessment report as Excel tables, read back as its users would: a reviewer filtering what
`assessments show --json` says, a buyer whose suppliers typed formulas, a worker who must not be singled out."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from fldd.cli import main
from fldd.store import evidence as store_evidence
from fldd.usecases.assessments import AssessmentSession, add_auditor_finding, assessment_json, start_assessment
from fldd.usecases.errors import Rejected
from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx
from fldd.usecases.suppliers import add_supplier
from tests.reports.report_builders import TODAY, onsite_with_counts
from tests.usecases.test_findings import complete

HOSTILE = {"supplier": '=HYPERLINK("http://evil.example/x","Open the invoice")',
           "pr_languages": "=1+1", "sub_product1_name": "@SUM(A1:A9)", "comment": "+cmd|' /C calc'!A0",
           "comment2": "-2+3", "tab": "\t=2*3", "cr": "\r=4*5", "finding": "=WEBSERVICE(\"http://evil\")",
           "owner": "-owner", "evidence": "=cmd.pdf"}
SHEETS = ["Summary", "Answers", "Findings and actions", "Triggered thresholds", "Indicators", "Modules", "Evidence"]


@pytest.fixture
def hostile(ctx, tmp_path):
    """A submitted desktop assessment whose supplier, answers, comments, finding and file name look like
    formulas."""
    supplier = add_supplier(ctx, HOSTILE["supplier"], "MY", goods=["Rubber Gloves"])
    session = AssessmentSession(ctx, start_assessment(ctx, supplier, "fldd-desktop"))
    session.answer("pr_workers_total", 200)
    session.answer("hrs_peak_weekly_max", 66, HOSTILE["comment"])
    session.answer("hrs_over_60_workers", 80, HOSTILE["comment2"])
    session.answer("pr_languages", HOSTILE["pr_languages"], HOSTILE["tab"])
    session.answer("sub_product1_name", HOSTILE["sub_product1_name"], HOSTILE["cr"])
    complete(session)
    session.move_to("submitted")
    add_auditor_finding(ctx, session.id, severity="major", title=HOSTILE["finding"], owner=HOSTILE["owner"])
    store_evidence.add(ctx.store, b"%PDF payslip", HOSTILE["evidence"], assessment_id=session.id,
                       question_id="hrs_peak_weekly_max")
    return session.id


def read(path):
    return openpyxl.load_workbook(path)


def table(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def every_cell(wb):
    for ws in wb:
        for row in ws.iter_rows():
            yield from row


def test_each_sheet_reads_back_with_the_figures_assessments_show_prints(ctx, hostile, tmp_path):
    target = write_assessment_xlsx(ctx, hostile, tmp_path / "report.xlsx")
    shown = assessment_json(ctx, hostile)
    wb = read(target)
    assert wb.sheetnames[:len(SHEETS)] == SHEETS and "Declared vs verified" not in wb.sheetnames
    for ws in wb:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.auto_filter.ref.endswith(str(ws.max_row)), ws.title
    summary = {}
    for row in table(wb["Summary"]):
        summary.setdefault(row["Item"], row)
    assert summary["Score"]["Value"] == round(shown["result"]["score"], 1)
    assert summary["Rating"]["Detail"] == shown["result"]["rating"]
    assert summary["Rating"]["Value"] == shown["rating_text"]
    assert summary["Required questions answered"]["Value"] == shown["result"]["completeness"]["percent"]
    assert summary["Supplier"]["Value"] == HOSTILE["supplier"]
    assert summary["Valid until"]["Value"] == shown["result"]["expires"]
    reasons = [r["Value"] for r in table(wb["Summary"]) if r["Item"] == "Why this rating"]
    assert reasons and set(shown["result"]["rating_reasons"]) <= set(reasons)
    answers = {r["Question ID"]: r for r in table(wb["Answers"])}
    for qid, value in shown["answers"].items():
        if qid in answers and not isinstance(value, (list, dict)):
            assert answers[qid]["Stored value"] == value, qid
    assert answers["hrs_peak_weekly_max"]["Comment"] == HOSTILE["comment"]
    assert answers["hrs_peak_weekly_max"]["Evidence files"] == 1
    findings = table(wb["Findings and actions"])
    assert findings[-1]["History"].endswith("Open, rosa"), "the auditor's finding: its action opened, and by whom"
    assert [(f["Finding"], f["Plan due"], f["Closure due"]) for f in findings] == [
        (f["title"], f["due_date"], f["closure_date"]) for f in shown["findings"]]
    risks = {r["No."]: r["Risk (0-3)"] for r in table(wb["Indicators"])}
    assert {str(k): v for k, v in risks.items() if v is not None} == {
        k: v["risk"] for k, v in shown["result"]["indicators"].items() if v["risk"] is not None}
    assert {r["ID"]: r["Risk (0-3)"] for r in table(wb["Modules"])} == {
        k: v["risk"] for k, v in shown["result"]["modules"].items()}
    (evidence,) = table(wb["Evidence"])
    assert evidence["File"] == HOSTILE["evidence"] and evidence["Size (bytes)"] == len(b"%PDF payslip")
    assert [t["Finding"] for t in table(wb["Triggered thresholds"])] == [t["title"] for t in
                                                                         shown["result"]["triggers"]]


def test_no_cell_is_a_formula_and_text_that_looks_like_one_reads_back_as_typed(ctx, hostile, tmp_path):
    target = write_assessment_xlsx(ctx, hostile, tmp_path / "report.xlsx")
    wb = read(target)
    cells = list(every_cell(wb))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    for key, typed in HOSTILE.items():
        typed = typed.replace("\r", "\n")  # XML reads a carriage return as a line end
        assert typed in texts or any(typed in t for t in texts), key
    with zipfile.ZipFile(target) as zf:  # nothing Excel or LibreOffice would evaluate: no <f> element at all
        assert not [n for n in zf.namelist() if n.startswith("xl/worksheets/") and b"<f>" in zf.read(n)]
    # and a person who edits such a cell keeps it as text: Text format and Excel's typed-as-text mark
    formula_like = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t"]
    assert formula_like and all(c.quotePrefix and c.number_format == "@" for c in formula_like)


def test_the_same_assessment_gives_the_same_file(ctx, hostile, tmp_path):
    first = write_assessment_xlsx(ctx, hostile, tmp_path / "a.xlsx").read_bytes()
    second = write_assessment_xlsx(ctx, hostile, tmp_path / "b.xlsx").read_bytes()
    assert first == second
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {
        (TODAY.year, TODAY.month, TODAY.day, 0, 0, 0)}


def test_two_workers_reporting_a_fee_read_fewer_than_three_and_their_count_is_nowhere(ctx, tmp_path):
    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 12, "wi_paid_fees": 2},
                                       comment="W-007 told us he paid 2 months")
    wb = read(write_assessment_xlsx(ctx, assessment_id, tmp_path / "onsite.xlsx"))
    answers = {r["Question ID"]: r for r in table(wb["Answers"])}
    assert answers["wi_paid_fees"]["Answer"] == "fewer than 3"
    assert answers["wi_paid_fees"]["Stored value"] is None and answers["wi_paid_fees"]["Comment"] is None
    assert answers["wi_interviewed"]["Stored value"] is None, "the total sits beside the counts it is a base of"
    interviews = {r["Question"]: r["Result"] for r in table(wb["Worker interviews"])}
    assert interviews["Workers interviewed"] == "12"
    assert "fewer than 3" in interviews.values()
    values = [c.value for c in every_cell(wb)]
    assert not [v for v in values if isinstance(v, str) and "W-007" in v]
    assert [qid for qid, r in answers.items() if qid.startswith("wi_") and r["Stored value"] is not None] == []
    assert not [c.value for c in every_cell(wb) if c.parent.title == "Worker interviews" and
                isinstance(c.value, (int, float))], "interview figures only as the report words them"
    assert "Declared vs verified" in wb.sheetnames


def test_too_few_interviews_show_no_count_at_all(ctx, tmp_path):
    assessment_id = onsite_with_counts(ctx, {"wi_interviewed": 2, "wi_paid_fees": 0})
    wb = read(write_assessment_xlsx(ctx, assessment_id, tmp_path / "few.xlsx"))
    rows = table(wb["Worker interviews"])
    assert rows[0]["Result"] == "2"  # a sample size, told the same way everywhere
    assert rows[1:] == []  # fewer than 3 interviewed: no result at all
    summary = {r["Item"]: r for r in table(wb["Summary"])}
    assert summary["Workers interviewed"]["Value"] == "2"
    assert "Fewer than 3 workers were interviewed" in summary["Workers interviewed"]["Detail"]


def test_the_command_writes_the_report_and_an_unknown_assessment_is_rejected(ctx, hostile, tmp_path, capsys):
    target = tmp_path / "cli.xlsx"
    assert main(["--db", str(ctx.store.path), "report", "xlsx", str(hostile), "-o", str(target)]) == 0
    assert read(target)["Summary"]["B2"].value == HOSTILE["supplier"]
    assert main(["--db", str(ctx.store.path), "report", "xlsx", "999", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "assessment 999 does not exist" in capsys.readouterr().err
    with pytest.raises(Rejected):
        write_assessment_xlsx(ctx, 999, tmp_path / "y.xlsx")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()


@pytest.mark.parametrize("name", ["x.pdf", "x.xls", "x", "x.csv"])
def test_an_excel_report_is_never_written_under_another_suffix(ctx, hostile, tmp_path, capsys, name):
    target = tmp_path / name
    assert main(["--db", str(ctx.store.path), "report", "xlsx", str(hostile), "-o", str(target)]) == 1
    assert f"{target}: the Excel report is an .xlsx workbook; give a file name ending in .xlsx" in \
        capsys.readouterr().err
    with pytest.raises(Rejected):
        write_assessment_xlsx(ctx, hostile, target)
    assert not target.exists()
