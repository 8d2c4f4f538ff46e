"""Use cases of an assessment: start it, answer (each answer saved at once), score live, submit, review, close."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fldd.standard.answers import AnswerError, coerce, to_json
from fldd.standard.engine import score
from fldd.standard.model import Questionnaire
from fldd.standard.result import Result
from fldd.store import assessments as store_assessments
from fldd.store import checklist as store_checklist
from fldd.store import findings as store_findings
from fldd.store import suppliers as store_suppliers
from fldd.usecases import sampling
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected

NEXT_STATUS = {"draft": ("submitted",), "submitted": ("under_review", "draft"),
               "under_review": ("closed", "draft"), "closed": ()}


def start_assessment(ctx: AppContext, supplier_id: int, questionnaire_ref: str, *, language: str | None = None,
                     source: str = "app", assessor: str | None = None) -> int:
    """A new draft assessment of a supplier on a shipped questionnaire."""
    q = ctx.standard.get(questionnaire_ref)
    if q is None:
        raise Rejected([f"no questionnaire '{questionnaire_ref}' (known: {', '.join(ctx.standard.questionnaires)})"])
    lang = language or q.languages[0]
    if lang not in q.languages:
        raise Rejected([f"{q.id} has no language '{lang}' (it has: {', '.join(q.languages)})"])
    return store_assessments.create(ctx.store, supplier_id, q.id, q.version, q.tier, assessor=assessor or ctx.user,
                                    language=lang, source=source)


class AssessmentSession:
    """An open assessment: typed answers in memory, every change written to the store before it counts."""

    def __init__(self, ctx: AppContext, assessment_id: int) -> None:
        self.ctx = ctx
        self.record = store_assessments.get(ctx.store, assessment_id)
        q = ctx.standard.get(self.record.ref)
        if q is None:
            raise Rejected([f"assessment {assessment_id} uses {self.record.ref}, which this fldd does not ship"])
        self.questionnaire: Questionnaire = q
        self.supplier = store_suppliers.get(ctx.store, self.record.supplier_id)
        stored = store_assessments.answers(ctx.store, assessment_id)
        self.values: dict[str, Any] = {}
        self.comments: dict[str, str] = {}
        for qid, answer in stored.items():
            question = q.question(qid)
            if question is None:
                continue  # a retired data point: kept in the store, not scored
            if answer.value is not None:
                self.values[qid] = coerce(question, answer.value)
            if answer.comment:
                self.comments[qid] = answer.comment
        self.inputs = _inputs(self.supplier)
        self.declared = self._declared()
        self.result: Result = self.rescore()

    @property
    def id(self) -> int:
        """The assessment's id."""
        return self.record.id

    @property
    def read_only(self) -> bool:
        """Closed assessments cannot change."""
        return self.record.status == "closed"

    def as_of(self) -> dt.date:
        """The assessment date: when it was submitted, else today."""
        if self.record.assessed_on:
            return dt.date.fromisoformat(self.record.assessed_on)
        return self.ctx.today()

    def _declared(self) -> dict[str, Any]:
        """For an on-site assessment: the answers of the supplier's latest desktop assessment it verifies."""
        target = self.questionnaire.verifies
        if not target:
            return {}
        desktop = self.ctx.standard.get(target)
        for row in store_assessments.list_rows(self.ctx.store, self.record.supplier_id):
            if row["questionnaire_id"] == target and row["id"] != self.record.id and desktop is not None:
                stored = store_assessments.answers(self.ctx.store, row["id"])
                return {k: coerce(desktop.question(k), a.value) for k, a in stored.items()
                        if a.value is not None and desktop.question(k) is not None}
        return {}

    def rescore(self) -> Result:
        """Score the current answers (pure and fast: a few milliseconds)."""
        self.result = score(self.questionnaire, self.values, inputs=self.inputs, declared=self.declared,
                            as_of=self.as_of(), lang=self.record.language)
        return self.result

    def answer(self, question_id: str, raw: Any, comment: str | None = None) -> Result:
        """Check, save and score one answer; AnswerError (naming the question) leaves everything unchanged."""
        if self.read_only:
            raise Rejected([f"assessment {self.id} is closed: answers can no longer change"])
        question = self.questionnaire.question(question_id)
        if question is None:
            raise AnswerError(question_id, f"no such question in {self.questionnaire.ref}")
        value = coerce(question, raw, self.record.language)
        store_assessments.save_answer(self.ctx.store, self.id, question_id,
                                      None if value is None else to_json(value), comment, who=self.ctx.user)
        if value is None:
            self.values.pop(question_id, None)
        else:
            self.values[question_id] = value
        if comment is not None:
            self.comments[question_id] = comment
        return self.rescore()

    def comment(self, question_id: str, text: str) -> None:
        """Save a comment on a question without changing its answer."""
        if self.read_only:
            raise Rejected([f"assessment {self.id} is closed: comments can no longer change"])
        value = self.values.get(question_id)
        store_assessments.save_answer(self.ctx.store, self.id, question_id,
                                      None if value is None else to_json(value), text, who=self.ctx.user)
        self.comments[question_id] = text

    def save_result(self) -> None:
        """Keep the latest result with the assessment (lists, home view, reports read it); a draft has no
        assessment date and so no expiry yet."""
        data = self.result.to_json()
        if self.record.status == "draft":
            data.update(expires=None, as_of=None)
        store_assessments.save_result(self.ctx.store, self.id, data)

    def move_to(self, status: str, sample_reason: str | None = None) -> None:
        """Change the status along draft -> submitted -> under review -> closed (or back to draft). An on-site
        sample below the protocol's minimum is submitted only with `sample_reason`, which is kept."""
        current = self.record.status
        if status not in NEXT_STATUS[current]:
            allowed = ", ".join(NEXT_STATUS[current]) or "nothing: it is closed"
            raise Rejected([f"assessment {self.id} is {current.replace('_', ' ')}; it can move to {allowed}"])
        if status in ("under_review", "closed") and self.ctx.role == "supplier":
            raise Rejected(["reviewing and closing an assessment is for the buyer or the auditor, not the supplier"])
        if status == "submitted" and self.result.completeness.missing:
            missing = ", ".join(self.result.completeness.missing[:10])
            raise Rejected([f"answer every required question before submitting; still open: {missing}"])
        reasons = sampling.reasons_to_keep(self, sample_reason) if status == "submitted" else []
        if status == "submitted":
            self.record.assessed_on = self.ctx.today().isoformat()
            self.rescore()
        with self.ctx.store.write():
            store_assessments.set_status(self.ctx.store, self.id, status, who=self.ctx.user)
            sampling.keep_reasons(self, reasons)
        self.record.status = status
        self.save_result()
        if status in ("submitted", "closed"):
            sync_findings(self.ctx, self)
        self.record = store_assessments.get(self.ctx.store, self.id)

    def findings(self) -> list[dict]:
        """Findings and their corrective actions for this assessment."""
        return store_findings.rows(self.ctx.store, assessment_id=self.id)


def _inputs(supplier: store_suppliers.Supplier) -> dict[str, Any]:
    from fldd.risk.inherent import inherent_risk

    return inherent_risk(supplier.country, supplier.goods).inputs()


def sync_findings(ctx: AppContext, session: AssessmentSession) -> list[int]:
    """Turn each triggered finding rule into a finding with a corrective action due by its deadline; once."""
    known = store_findings.threshold_ids(ctx.store, session.id)
    as_of = session.as_of()
    contacts = session.supplier.contacts
    owner = contacts[0]["name"] if contacts else ""  # the supplier's contact until someone names another
    created = []
    with ctx.store.write() as db:
        for trigger in session.result.triggers:
            if trigger.action != "finding" or trigger.id in known or not trigger.severity:
                continue
            due_days = trigger.due_days or 30
            finding_id = store_findings.add_finding(
                db, session.id, severity=trigger.severity, title=trigger.title, due_days=due_days,
                source="trigger", threshold_id=trigger.id, detail=trigger.rule,
                because={k: to_json(v) for k, v in trigger.values.items()}, who=ctx.user)
            store_findings.add_action(db, finding_id, description=trigger.remedy or trigger.title, owner=owner,
                                      due_date=(as_of + dt.timedelta(days=due_days)).isoformat(), who=ctx.user)
            created.append(finding_id)
    return created


def add_auditor_finding(ctx: AppContext, assessment_id: int, *, severity: str, title: str, detail: str = "",
                        action: str = "", owner: str = "", due_days: int | None = None,
                        question_id: str | None = None, indicator: int | None = None,
                        evidence: Path | str | None = None) -> int:
    """A finding the auditor records on their own, with its corrective action due by the severity's rule; it may
    name the question and ILO indicator it concerns and keep a photo or file. All checked, then written at once."""
    from fldd.store import evidence as store_evidence
    from fldd.usecases.finding_links import link_problems
    from fldd.usecases.findings import read_evidence

    record = store_assessments.get(ctx.store, assessment_id)
    if record.status == "closed":
        raise Rejected([f"assessment {assessment_id} is closed"])
    q = ctx.standard.get(record.ref)
    problems = []
    if severity not in ("priority", "major", "minor"):
        problems.append(f"severity: '{severity}' is not priority, major or minor")
    if not title.strip():
        problems.append("title: a finding needs a title")
    problems += link_problems(q, record.ref, question_id, indicator)
    if problems:
        raise Rejected(problems)
    kept = read_evidence(evidence) if evidence is not None else None
    days = due_days or (q.severity_due_days.get(severity, 30) if q else 30)
    start = dt.date.fromisoformat(record.assessed_on) if record.assessed_on else ctx.today()
    with ctx.store.write() as db:
        finding_id = store_findings.add_finding(db, assessment_id, severity=severity, title=title.strip(),
                                                due_days=days, source="auditor", detail=detail, who=ctx.user,
                                                question_id=question_id, indicator=indicator)
        store_findings.add_action(db, finding_id, description=action.strip() or title.strip(), owner=owner,
                                  due_date=(start + dt.timedelta(days=days)).isoformat(), who=ctx.user)
        if kept is not None:
            store_evidence.insert(db, kept[1], kept[0], finding_id=finding_id, who=ctx.user)
    return finding_id


def assessment_json(ctx: AppContext, assessment_id: int) -> dict:
    """An assessment with its answers and result, as `assessments show --json` prints it."""
    session = AssessmentSession(ctx, assessment_id)
    record = session.record
    return {
        "id": record.id, "uid": record.uid, "supplier": {"id": session.supplier.id, "name": session.supplier.name,
                                                         "country": session.supplier.country},
        "questionnaire": record.questionnaire_id, "version": record.questionnaire_version, "tier": record.tier,
        "status": record.status, "source": record.source, "assessor": record.assessor,
        "language": record.language, "started_at": record.started_at, "submitted_at": record.submitted_at,
        "closed_at": record.closed_at,
        "answers": {qid: to_json(v) for qid, v in session.values.items()},
        "comments": dict(session.comments),
        "result": session.result.to_json(),
        "findings": _findings_with_trail(ctx, session),
        "sampling": sampling.sampling_json(session),
        "checklist": store_checklist.current(ctx.store, record.id),  # on-site ticks: the latest, who and when
    }


def _findings_with_trail(ctx: AppContext, session: AssessmentSession) -> list[dict]:
    """Findings with their files and each action's history (and any status it reached before the trail)."""
    from fldd.store import evidence as store_evidence
    from fldd.usecases.action_trail import assessment_histories, before_trail

    histories = assessment_histories(ctx, session.id)
    out = session.findings()
    for row in out:
        entries = histories.get(row["action_id"], [])
        row["history"] = entries
        row["before_trail"] = before_trail(row, entries) if row["action_id"] is not None else None
        row["evidence"] = [{k: e[k] for k in ("id", "file_name", "sha256", "size", "added_by", "added_at")}
                           for e in store_evidence.list_for(ctx.store, finding_id=row["id"])]
    return out


def list_assessments(ctx: AppContext, supplier_id: int | None = None) -> list[dict]:
    """Assessments with their supplier, newest first."""
    return store_assessments.list_rows(ctx.store, supplier_id)
