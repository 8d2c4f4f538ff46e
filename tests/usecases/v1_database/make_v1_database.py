"""Makes v1.sqlite3 and saigon-returned.xlsx with the fldd of commit 8263398, the last one whose questionnaires
were at version 1.0.0 (before issue 9): a buyer's database as that fldd left it, and a workbook it sent that the
supplier filled in and returns only now. test_v1_database.py opens them with today's fldd. Kept to show how they
were made; run it on a checkout of that commit:

    git archive 8263398 | tar -x -C /tmp/fldd-old
    PYTHONPATH=/tmp/fldd-old python tests/usecases/v1_database/make_v1_database.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import openpyxl

from fldd.exchange.layout import COL_ANSWER, COL_ID
from fldd.store import assessments as store_assessments
from fldd.usecases import demo
from fldd.usecases.assessments import AssessmentSession, add_auditor_finding, start_assessment
from fldd.usecases.context import open_context
from fldd.usecases.evidence import attach_evidence
from fldd.usecases.exchange import export_workbook
from fldd.usecases.suppliers import add_supplier

HERE = Path(__file__).parent
TODAY = dt.date(2026, 6, 15)


def main() -> None:
    work = Path("/tmp/fldd-v1-make")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    ctx = open_context(work / "v1.sqlite3", user="amina", role="buyer")
    ctx.today = lambda: TODAY
    rng = random.Random(9)
    contacts = [{"name": "Siti Rahman", "role": "HR manager", "email": "siti@klang.example"}]
    klang = add_supplier(ctx, "Klang Valley Gloves Sdn Bhd", "MY", goods=["Rubber Gloves"], contacts=contacts)
    saigon = add_supplier(ctx, "Saigon Stitch Co.", "VN", goods=["Garments"])
    dhaka = add_supplier(ctx, "Dhaka Denim Works", "BD", goods=["Garments"])

    desktop = start_assessment(ctx, klang, "fldd-desktop")  # troubled site, submitted: findings raised
    demo._fill(ctx, desktop, 3, rng)
    session = AssessmentSession(ctx, desktop)
    session.comment("fee_any_paid", "Agency in Kathmandu charged the workers; we are checking the receipts")
    proof = work / "repayment-ledger.txt"
    proof.write_text("Ledger of repayments to 42 workers, March 2026\n", encoding="utf-8")
    attach_evidence(ctx, desktop, "fee_any_paid", proof)
    session.move_to("submitted")
    add_auditor_finding(ctx, desktop, severity="major", title="Dormitory exits locked at night",
                        action="Keep every exit unlocked and check it weekly")

    onsite = start_assessment(ctx, klang, "fldd-onsite", assessor="Auditor Lee")
    demo._fill(ctx, onsite, 3, rng)
    AssessmentSession(ctx, onsite).move_to("submitted", sample_reason=demo.SAMPLE_REASON)
    AssessmentSession(ctx, onsite).move_to("under_review")

    closed = start_assessment(ctx, dhaka, "fldd-desktop")
    demo._fill(ctx, closed, 1, rng)
    for status in ("submitted", "under_review", "closed"):
        AssessmentSession(ctx, closed).move_to(status)

    draft = start_assessment(ctx, saigon, "fldd-desktop")  # begun in the app, then sent to the supplier
    AssessmentSession(ctx, draft).answer("pr_workers_total", 400)
    sent = export_workbook(ctx, saigon, "fldd-desktop", work / "saigon-sent.xlsx", assessment_id=draft)
    answers = {"pr_workers_total": 420, "pr_workers_migrant": 0, "gov_policy_exists": "Yes", "fee_any_paid": "No"}
    returned = _fill(sent.path, answers, HERE / "saigon-returned.xlsx")

    expected = {str(row["id"]): {"version": row["questionnaire_version"], "status": row["status"],
                                 "result": store_assessments.get(ctx.store, row["id"]).result_json}
                for row in store_assessments.list_rows(ctx.store)}
    ctx.close()
    shutil.copy(work / "v1.sqlite3", HERE / "v1.sqlite3")
    (HERE / "v1_results.json").write_text(json.dumps({"export_id": sent.export_id, "saigon": saigon, "draft": draft,
                                                      "answers": answers, "assessments": expected},
                                                     indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'v1.sqlite3'} and {returned}")


def _fill(path: Path, answers: dict, out: Path) -> Path:
    """Type answers into the workbook's answer column, as the supplier would."""
    wb = openpyxl.load_workbook(path)
    for qid, value in answers.items():
        for ws in wb.worksheets:
            rows = [c.row for (c,) in ws.iter_rows(min_col=COL_ID + 1, max_col=COL_ID + 1) if c.value == qid]
            if rows and ws.sheet_state == "visible":
                ws.cell(row=rows[0], column=COL_ANSWER + 1).value = value
                break
        else:
            raise KeyError(qid)
    wb.save(out)
    return out


if __name__ == "__main__":
    main()
