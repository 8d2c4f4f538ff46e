"""Use cases of an assessment: start it, answer (each answer saved at once), score live, submit, review, close."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fldd.standard.answers import AnswerError, coerce, to_json, unwritable_character, unwritable_message
from fldd.standard.engine import score
from fldd.standard.model import Questionnaire
from fldd.standard.result import Result
from fldd.store import answer_corrections as store_corrections
from fldd.store import assessments as store_assessments
from fldd.store import checklist as store_checklist
from fldd.store import findings as store_findings
from fldd.store import suppliers as store_suppliers
from fldd.usecases import sampling
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.rating_words import of_result, of_row

NEXT_STATUS = {"draft": ("submitted",), "submitted": ("under_review", "draft"),
               "under_review": ("closed", "draft"), "closed": ()}


def start_assessment(ctx: AppContext, supplier_id: int, questionnaire_ref: str, *, language: str | None = None,
                     source: str = "app", assessor: str | None = None) -> int:
    """A new draft assessment of a supplier on a shipped questionnaire, in the language asked for, else the
    workspace's language when the questionnaire comes in it."""
    from fldd.usecases.preferences import language_for

    q = ctx.standard.get(questionnaire_ref)
    if q is None:
        raise Rejected([f"no questionnaire '{questionnaire_ref}' (known: {', '.join(ctx.standard.questionnaires)})"])
    lang = language or language_for(ctx, q.languages)
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
        self.as_declared: dict[str, Any] = {}  # what the supplier answered, whatever a reviewer corrected
        self.comments: dict[str, str] = {}
        for qid, answer in stored.items():
            question = q.question(qid)
            if question is None:
                continue  # a retired data point: kept in the store, not scored
            if answer.value is not None:
                self.as_declared[qid] = coerce(question, answer.value, stored=True)
            if answer.comment:
                self.comments[qid] = answer.comment
        self.values: dict[str, Any] = {}  # the values in force: the declaration, or a reviewer's correction
        self.corrections: dict[str, dict] = {}
        self._apply_corrections()
        self.inputs = _inputs(ctx, self.supplier)
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

    @property
    def corrects(self) -> bool:
        """Whether a change to an answer is a reviewer's correction (submitted or under review): the supplier's
        answers are then its declaration, kept as declared, and a change needs a reason."""
        return self.record.status in store_corrections.CORRECTABLE

    def _apply_corrections(self) -> None:
        """The values in force: the declared ones, with each standing correction over its question once submitted.
        A draft (one returned to the supplier too) is scored on the supplier's answers alone: its standing
        corrections are kept and shown, and count again at re-submission, each one whose question the supplier
        answered anew marked to re-confirm (`redeclare`), so a correction never blocks the supplier's draft."""
        self.corrections = store_corrections.standing(self.ctx.store, self.id)
        applied = self.corrections if self.record.status != "draft" else {}
        self.values = _overlay(self.questionnaire, self.as_declared, applied)

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
        for row in store_assessments.list_rows(self.ctx.store, self.record.supplier_id):
            # typed by the version the supplier answered, which may be older than the current one
            desktop = self.ctx.standard.get(f"{target}@{row['questionnaire_version']}")
            if row["questionnaire_id"] == target and row["id"] != self.record.id and desktop is not None:
                stored = store_assessments.answers(self.ctx.store, row["id"])
                return {k: coerce(desktop.question(k), a.value, stored=True) for k, a in stored.items()
                        if a.value is not None and desktop.question(k) is not None}
        return {}

    def rescore(self) -> Result:
        """Score the current answers (pure and fast: a few milliseconds)."""
        self.result = score(self.questionnaire, self.values, inputs=self.inputs, declared=self.declared,
                            as_of=self.as_of(), lang=self.record.language)
        return self.result

    def answer(self, question_id: str, raw: Any, comment: str | None = None, *, reason: str | None = None) -> Result:
        """Check, save and score one answer; AnswerError (naming the question) leaves everything unchanged.
        Once submitted, a change is a correction and needs a reason (Rejected without one)."""
        if self.read_only:
            raise Rejected([f"assessment {self.id} is closed: answers can no longer change"])
        question = self.questionnaire.question(question_id)
        if question is None:
            raise AnswerError(question_id, f"no such question in {self.questionnaire.ref}")
        value = coerce(question, raw, self.record.language)
        if self.corrects:
            return self.correct(question_id, value, reason or "")
        store_assessments.save_answer(self.ctx.store, self.id, question_id,
                                      None if value is None else to_json(value), comment, who=self.ctx.user)
        if value is None:
            self.as_declared.pop(question_id, None)
        else:
            self.as_declared[question_id] = value
        if comment is not None:
            self.comments[question_id] = comment
        if question_id in self.corrections:  # the new declaration settled the correction or put it in question
            self._apply_corrections()
        elif value is None:
            self.values.pop(question_id, None)
        else:
            self.values[question_id] = value
        return self._rescored()

    def _rescored(self) -> Result:
        """Score again and keep the result, so lists, the register and Home never show a stale rating."""
        self.rescore()
        self.save_result()
        return self.result

    def correct(self, question_id: str, raw: Any, reason: str) -> Result:
        """A reviewer's correction of a submitted answer, with the reason they give: recorded beside the
        declaration (who, when, old and new value), which stays as the supplier gave it; scored on the new value."""
        if not self.corrects:
            raise Rejected([f"assessment {self.id} is {self.record.status.replace('_', ' ')}: only a submitted "
                            "answer is corrected"])
        if self.ctx.role not in store_corrections.REVIEWERS:
            raise Rejected([f"{question_id}: correcting a submitted answer is for the buyer or the auditor (you are "
                            f"working as {self.ctx.role}); the supplier's answers stay as declared"])
        question = self.questionnaire.question(question_id)
        if question is None:
            raise AnswerError(question_id, f"no such question in {self.questionnaire.ref}")
        if not reason.strip():
            raise Rejected([f"{question_id}: assessment {self.id} is submitted, so its answers are the supplier's "
                            "declaration; changing one is a correction and needs a reason"])
        problem = store_corrections.reason_problem(reason)
        if problem:
            raise Rejected([f"{question_id}: {problem}"])
        value = coerce(question, raw)
        store_corrections.correct(self.ctx.store, self.id, question_id, None if value is None else to_json(value),
                                  reason, self.ctx.user)
        self._apply_corrections()
        self._rescored()
        sync_findings(self.ctx, self)  # a finding the corrected value triggers is raised now, as at submission
        return self.result

    def correction_history(self, question_id: str | None = None) -> list[dict]:
        """Every correction of this assessment (of one question), oldest first."""
        return store_corrections.history(self.ctx.store, self.id, question_id)

    def comment(self, question_id: str, text: str) -> None:
        """Save a comment on a question without changing its answer."""
        if self.read_only:
            raise Rejected([f"assessment {self.id} is closed: comments can no longer change"])
        bad = unwritable_character(text)
        if bad:
            raise Rejected([f"question {question_id}: {unwritable_message('comment', bad)}"])
        value = self.as_declared.get(question_id)  # the declaration, never a reviewer's correction over it
        store_assessments.save_answer(self.ctx.store, self.id, question_id,
                                      None if value is None else to_json(value), text, who=self.ctx.user)
        self.comments[question_id] = text

    def result_json(self) -> dict:
        """The result as it is kept and shown: a draft has no assessment date and so no expiry yet."""
        data = self.result.to_json()
        if self.record.status == "draft":
            data.update(expires=None, as_of=None)
        return data

    def save_result(self) -> None:
        """Keep the latest result with the assessment (lists, home view, reports read it)."""
        store_assessments.save_result(self.ctx.store, self.id, self.result_json())

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
        self._apply_corrections()  # standing corrections count from submission on, not in a draft
        self.rescore()
        self.save_result()
        if status in ("submitted", "closed"):
            sync_findings(self.ctx, self)
        self.record = store_assessments.get(self.ctx.store, self.id)

    def findings(self) -> list[dict]:
        """Findings and their corrective actions for this assessment."""
        return store_findings.rows(self.ctx.store, assessment_id=self.id)


def values_in_force(ctx: AppContext, assessment_id: int, q: Questionnaire, declared: dict[str, Any]) -> dict | None:
    """Declared values (typed) with the assessment's standing corrections over them; None when it has none (an
    import scores a supplier's new revision on these, so a correction keeps counting)."""
    standing = store_corrections.standing(ctx.store, assessment_id)
    return _overlay(q, declared, standing) if standing else None


def _overlay(q: Questionnaire, declared: dict[str, Any], standing: dict[str, dict]) -> dict[str, Any]:
    """The declared values with each standing correction's value (or no answer) over its question."""
    values = dict(declared)
    for qid, correction in standing.items():
        question = q.question(qid)
        if question is not None and correction["new_value"] is not None:
            values[qid] = coerce(question, correction["new_value"])
        elif question is not None:
            values.pop(qid, None)
    return values


def corrections_note(ctx: AppContext, assessment_id: int, writes: dict[str, tuple], numbers: dict[str, str]) -> str:
    """What a supplier's new revision does to the reviewer's standing corrections (for the import report and
    log): which it agrees with, which are now to re-confirm; '' when it touches none."""
    agreed, again = [], []
    for qid, correction in store_corrections.standing(ctx.store, assessment_id).items():
        if qid not in writes or writes[qid][0] == correction["declared_value"]:
            continue
        (agreed if writes[qid][0] == correction["new_value"] else again).append(f"{numbers.get(qid, '?')} ({qid})")
    parts = []
    if again:
        parts.append(f"the supplier declared anew where a reviewer had corrected: {', '.join(again)}; the "
                     "corrections still count until a reviewer re-confirms or withdraws them")
    if agreed:
        parts.append(f"the supplier now declares the corrected value of {', '.join(agreed)}")
    return "; ".join(parts)


def _inputs(ctx: AppContext, supplier: store_suppliers.Supplier) -> dict[str, Any]:
    from fldd.usecases.inherent import scoring_inputs

    return scoring_inputs(ctx, supplier)


def pending_findings(ctx: AppContext, session: AssessmentSession, start: dt.date | None = None) -> list[dict]:
    """The findings sync_findings would raise now, with their actions' owner and dates, written nowhere: what a
    draft's result will raise at submission (the closing-meeting summary shows them before the auditor submits).
    Deadlines count from the assessment date (today for a draft), or from `start`."""
    known = store_findings.threshold_ids(ctx.store, session.id)
    as_of = start or session.as_of()
    contacts = session.supplier.contacts
    owner = contacts[0]["name"] if contacts else ""  # the supplier's contact until someone names another
    out = []
    for trigger in session.result.triggers:
        if trigger.action != "finding" or trigger.id in known or not trigger.severity \
                or known & {e.threshold for e in trigger.sources}:
            continue
        plan_days = trigger.plan_days or 30
        closure = as_of + dt.timedelta(days=trigger.closure_days) if trigger.closure_days else None
        out.append({"trigger": trigger, "severity": trigger.severity, "title": trigger.title, "plan_days": plan_days,
                    "due_date": (as_of + dt.timedelta(days=plan_days)).isoformat(),
                    "closure_date": closure.isoformat() if closure else None, "owner": owner,
                    "description": trigger.remedy or trigger.title})
    return out


def sync_findings(ctx: AppContext, session: AssessmentSession, start: dt.date | None = None) -> list[int]:
    """Turn each triggered finding rule into a finding with a corrective action due by its deadline; once. A fact
    already on record through one of its sources (a finding an older version raised per threshold) is not raised
    again. Deadlines count from the assessment date, or from `start` (the day a move to a newer version applied
    its rules)."""
    created = []
    with ctx.store.write() as db:
        for pending in pending_findings(ctx, session, start):
            trigger = pending["trigger"]
            finding_id = store_findings.add_finding(
                db, session.id, severity=trigger.severity, title=trigger.title, due_days=pending["plan_days"],
                source="trigger", threshold_id=trigger.id, detail=trigger.rule,
                because={k: to_json(v) for k, v in trigger.values.items()}, who=ctx.user,
                closure_days=trigger.closure_days, fact=trigger.fact,
                sources=[{"threshold": e.threshold, "title": e.title, "severity": e.severity, "module": e.module}
                         for e in trigger.sources])
            store_findings.add_action(db, finding_id, description=pending["description"], owner=pending["owner"],
                                      due_date=pending["due_date"], who=ctx.user,
                                      closure_date=pending["closure_date"])
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
    from fldd.usecases.evidence import read_evidence

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
    days = due_days or (q.severity_plan_days.get(severity, 30) if q else 30)
    closure_days = q.severity_closure_days.get(severity) if q else None
    start = dt.date.fromisoformat(record.assessed_on) if record.assessed_on else ctx.today()
    closure = start + dt.timedelta(days=max(closure_days, days)) if closure_days else None
    with ctx.store.write() as db:
        finding_id = store_findings.add_finding(db, assessment_id, severity=severity, title=title.strip(),
                                                due_days=days, source="auditor", detail=detail, who=ctx.user,
                                                question_id=question_id, indicator=indicator,
                                                closure_days=closure_days)
        store_findings.add_action(db, finding_id, description=action.strip() or title.strip(), owner=owner,
                                  due_date=(start + dt.timedelta(days=days)).isoformat(), who=ctx.user,
                                  closure_date=closure.isoformat() if closure else None)
        if kept is not None:
            store_evidence.insert(db, kept[1], kept[0], finding_id=finding_id, who=ctx.user)
    return finding_id


def assessment_json(ctx: AppContext, assessment_id: int) -> dict:
    """An assessment with its answers and result, as `assessments show --json` prints it; answers kept from an
    earlier version to questions no longer asked are listed apart (`retired_answers`), with every move between
    versions (`moves`)."""
    from fldd.usecases.version_moves import moves, retired_answers

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
        "corrections": {qid: _correction_json(c) for qid, c in session.corrections.items()},
        "correction_history": [_correction_json(c) for c in session.correction_history()],
        **of_result(session.result, record.status).facts(),
        "result": session.result_json(),
        "findings": _findings_with_trail(ctx, session),
        "sampling": sampling.sampling_json(session),
        "checklist": store_checklist.current(ctx.store, record.id),  # on-site ticks: the latest, who and when
        "retired_answers": [r.to_json() for r in retired_answers(ctx, record.id, session.questionnaire)],
        "moves": [{k: m[k] for k in ("from_version", "to_version", "status", "moved_by", "moved_at", "report")}
                  for m in moves(ctx, record.id)],
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


def _correction_json(row: dict) -> dict:
    """A correction as `assessments show --json` prints it: the declared value beside the corrected one."""
    return {"question": row["question_id"], "declared": row["declared_value"], "was": row["old_value"],
            "value": row["new_value"], "reason": row["reason"], "by": row["corrected_by"], "at": row["corrected_at"],
            "status": row["status"], "to_reconfirm": row["status"] == store_corrections.TO_RECONFIRM,
            "note": row["status_note"], "uid": row["uid"]}


def list_assessments(ctx: AppContext, supplier_id: int | None = None) -> list[dict]:
    """Assessments with their supplier, newest first; each says whether its rating is provisional."""
    return [{**row, **of_row(row).facts()} for row in store_assessments.list_rows(ctx.store, supplier_id)]
