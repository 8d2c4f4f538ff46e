"""What goes into one supplier's dossier, planned before anything is written: every file with its path in the
zip, a line saying what it is, and how to produce its bytes when its turn comes (so the count is known for
progress, and no report or evidence file is read before it is written out).

Left out on purpose, and said so in the README: the register's internal notes on the supplier, its contacts'
e-mail addresses and phone numbers (personal data the due diligence does not rest on), the workbooks' own
files (their records are kept) and worker-interview records (only aggregates ever leave fldd).
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fldd.reports.dossier_names import Folder, safe_name
from fldd.reports.dossier_zip import dumps
from fldd.store import evidence as store_evidence
from fldd.store import received as store_received
from fldd.store import suppliers as store_suppliers
from fldd.usecases.context import AppContext

LEFT_OUT = (
    "The register's free-text notes on the supplier: they are the buyer's internal working notes.",
    ("Contacts' e-mail addresses and phone numbers: personal data the due diligence does not rest on (names and "
     "roles are kept)."),
    ("Worker-interview records: no interview leaves fldd. The reports and the data show interview results only as "
     "totals, with small counts suppressed so that no worker can be singled out (a count of 1 or 2 reads 'fewer "
     "than 3'), and the interviewer's comments on them are left out."),
    ("The workbook files themselves: the records of what was sent, received and imported are included, with the "
     "sha256 of each file, so a file kept elsewhere can be matched to its record."),
)


@dataclass
class Planned:
    """One file to write: its path under the dossier's folder, what it is, and its bytes when called."""

    path: str
    what: str
    chunks: Callable[[], Iterable[bytes]]
    size_hint: int = 0


@dataclass
class AssessmentPart:
    """One assessment as the README lists it."""

    id: int
    folder: str
    summary: str


@dataclass
class Plan:
    """Everything one dossier holds, in the order it is written."""

    supplier: store_suppliers.Supplier
    record: dict[str, Any]
    items: list[Planned] = field(default_factory=list)
    assessments: list[AssessmentPart] = field(default_factory=list)

    def add_json(self, path: str, what: str, data: Any) -> None:
        """Plan a JSON file of data (written as the dossier writes all its JSON)."""
        self.items.append(Planned(path, what, lambda: [dumps(data)]))


def plan_dossier(ctx: AppContext, supplier_id: int) -> Plan:
    """The dossier of one supplier: its record, each assessment's part, the workbook records."""
    from fldd.usecases.assessments import list_assessments

    supplier = store_suppliers.get(ctx.store, supplier_id)
    plan = Plan(supplier, supplier_record(ctx, supplier))
    plan.add_json("supplier.json", "The supplier's register entry: profile, identifiers, contact names, inherent "
                  "risk with the editions of the data it rests on", plan.record)
    rows = sorted(list_assessments(ctx, supplier_id), key=lambda r: r["id"])
    for row in rows:
        _assessment(ctx, plan, row)
    _workbooks(ctx, plan, [row["id"] for row in rows])
    return plan


def supplier_record(ctx: AppContext, supplier: store_suppliers.Supplier) -> dict[str, Any]:
    """The supplier as the dossier shows it: the register's fields (not its notes), contact names and roles,
    and its inherent risk with the risk data in force for this database, each factor with its source and the
    edition it came from, and the editions named."""
    from fldd.usecases.inherent import compute
    from fldd.usecases.risk_data import current_risk_data

    keep = ("notes", "contacts", "inherent_factors", "inherent_inputs", "inherent_editions")
    record = {k: v for k, v in dataclasses.asdict(supplier).items() if k not in keep}
    record["contacts"] = [{"name": c.get("name") or "", "role": c.get("role") or ""} for c in supplier.contacts]
    data = current_risk_data(ctx)
    risk = compute(ctx, supplier)
    record["inherent_risk"] = {
        "country_name": risk.country_name, "score": risk.score, "level": risk.level,
        "country_points": risk.country_points,
        "goods_points": risk.goods_points, "reasons": risk.reasons, "tip_tier": risk.tip_tier,
        "dol_advancement_level": risk.advancement_level,
        "listed_goods": [{"good": g.good, "supplier_good": g.supplier_good, "kinds": g.kinds,
                          "derived_from": g.derived_from, "derived": g.derived} for g in risk.listed_goods],
        "factors": [f.as_dict() for f in risk.factors], "rules_edition": risk.rules_edition,
        "data_editions": {e.name: e.shown() + (f", published {e.published}" if e.published else "")
                          for e in data.editions},
        "in_register": {"score": supplier.inherent_score, "level": supplier.inherent_level},
    }
    return record


def _assessment(ctx: AppContext, plan: Plan, row: dict) -> None:
    from fldd.usecases.dossier_privacy import discreet_assessment_json

    aid = row["id"]
    data = discreet_assessment_json(ctx, aid)
    folder = (f"assessments/{aid}-{safe_name(row['questionnaire_id'])}-{safe_name(row['questionnaire_version'])}"
              f"-{(row['started_at'] or '')[:10]}")
    rating = data.get("rating_text") or row.get("rating") or "not rated"
    part = AssessmentPart(aid, folder, f"assessment {aid}: {row['questionnaire_id']} {row['questionnaire_version']} "
                                       f"({row['tier']}), {row['status'].replace('_', ' ')}, started "
                                       f"{(row['started_at'] or '-')[:10]}, {rating}")
    plan.assessments.append(part)
    for name, what, writer in _reports():
        plan.items.append(Planned(f"{folder}/{name}", f"Assessment {aid}: {what}",
                                  lambda w=writer, n=name: _report_chunks(ctx, w, aid, n)))
    plan.add_json(f"{folder}/assessment.json", f"Assessment {aid}: the data (answers, comments, corrections, result, "
                  "findings with their action history), as `fldd assessments show --json` prints it, with "
                  "worker-interview figures as the report words them", data)
    plan.add_json(f"{folder}/corrective-actions.json", f"Assessment {aid}: findings and corrective actions, each with "
                  "its owner, dates, status, evidence and every step of its history", data["findings"])
    _evidence(ctx, plan, folder, aid, data["findings"])


def _reports() -> list[tuple[str, str, Callable]]:
    """(file name, what it is, writer) of each report of an assessment."""
    from fldd.usecases.report_assessment import write_assessment_pdf
    from fldd.usecases.report_assessment_xlsx import write_assessment_xlsx

    return [("report.pdf", "the assessment report (PDF)", write_assessment_pdf),
            ("report.xlsx", "the assessment report as Excel tables", write_assessment_xlsx)]


def _report_chunks(ctx: AppContext, writer: Callable, assessment_id: int, name: str) -> Iterator[bytes]:
    """A report written to a temporary folder, then read back a chunk at a time and removed."""
    with tempfile.TemporaryDirectory(prefix="fldd-dossier-") as folder:
        target = Path(folder) / name
        writer(ctx, assessment_id, target)
        with target.open("rb") as handle:
            yield from iter(lambda: handle.read(1024 * 1024), b"")


def _evidence(ctx: AppContext, plan: Plan, folder: str, assessment_id: int, findings: list[dict]) -> None:
    """Every file attached to an answer (by question), to the assessment, to a finding or to its corrective
    action (by finding); and an index giving each file's original name, sha256 and where it was attached."""
    folders: dict[str, Folder] = {}
    index = []
    placed = [(row, "answers/" + safe_name(row["question_id"]) if row["question_id"] else "assessment")
              for row in store_evidence.list_for(ctx.store, assessment_id=assessment_id)]
    for finding in findings:
        rows = store_evidence.list_for(ctx.store, finding_id=finding["id"])
        if finding.get("action_id") is not None:
            rows += store_evidence.list_for(ctx.store, action_id=finding["action_id"])
        placed += [(row, f"findings/finding-{finding['id']}") for row in rows]
    seen: set[int] = set()
    for row, where in placed:
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        sub = f"{folder}/evidence/{where}"
        path = f"{sub}/{folders.setdefault(sub, Folder()).claim(row['file_name'])}"
        attached = (f"question {row['question_id']}" if row["question_id"] else
                    f"finding {row['finding_id']}" if row["finding_id"] else
                    f"corrective action {row['action_id']}" if row["action_id"] else "the assessment")
        plan.items.append(Planned(path, f"Evidence attached to {attached} of assessment {assessment_id} by "
                                        f"{row['added_by'] or 'someone'} on {(row['added_at'] or '-')[:10]}",
                                  lambda i=row["id"]: store_evidence.chunks(ctx.store, i), row["size"]))
        index.append({"path": path.removeprefix(folder + "/"), "file_name": row["file_name"], "sha256": row["sha256"],
                      "size": row["size"], "media_type": row["media_type"], "question": row["question_id"],
                      "finding": row["finding_id"], "corrective_action": row["action_id"], "note": row["note"],
                      "added_by": row["added_by"], "added_at": row["added_at"]})
    plan.add_json(f"{folder}/evidence.json", f"Assessment {assessment_id}: the evidence files, each with its "
                  "original name, sha256, size and what it was attached to", index)


def _workbooks(ctx: AppContext, plan: Plan, assessment_ids: list[int]) -> None:
    """The records of the workbooks and answer packs: sent, imported (with every problem and change), received."""
    from fldd.usecases.import_log import assessment_imports
    from fldd.usecases.sent_workbooks import sent_workbooks

    sent = [{k: v for k, v in row.items() if k != "supplier_status"}
            for row in sent_workbooks(ctx, supplier_id=plan.supplier.id)]
    plan.add_json("workbooks/sent.json", "Questionnaire workbooks sent to the supplier: when, by whom, and whether "
                  "and when each came back", sent)
    log = [{"assessment_id": aid, **dataclasses.asdict(entry)} for aid in assessment_ids
           for entry in assessment_imports(ctx, aid)]
    plan.add_json("workbooks/import-log.json", "The import log of the supplier's workbooks and answer packs: each "
                  "file's sha256, when it was imported, its outcome, problems and changes", log)
    received = []
    for aid in assessment_ids:
        for item in store_received.of_assessment(ctx.store, aid):
            kept = {k: v for k, v in dataclasses.asdict(item).items() if k not in ("file_path", "supplier_sheet")}
            kept["written_back"] = [{k: v for k, v in r.items() if k != "file_path"}
                                    for r in store_received.returns(ctx.store, aid) if r["received_id"] == item.id]
            received.append(kept)
    plan.add_json("workbooks/received.json", "Workbooks received from buyers for the supplier's own answers, and the "
                  "files written back from them", received)

