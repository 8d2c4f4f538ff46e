"""Moving an assessment to a newer version of its questionnaire (`fldd assessments migrate`, "Move to version..."
in the app), one at a time or all at once, with a report of what changed.

What a buyer's compliance officer can defend afterwards:
- An answer is carried by its data-point id when the new version still asks that question with the same type and
  the answer is still a valid one; otherwise it is not carried (cleared, with the reason in its history) and the
  report says why. Questions new in the version are left unanswered for the supplier or auditor to answer.
- Answers to questions the new version no longer asks (retired) are kept as given, shown read-only as "answers
  from version X no longer asked", and never scored. Comments, evidence, checklist ticks and interview records
  stay where they are.
- A submitted or under-review assessment may move: it is the same declaration read under the new rules. The move
  is recorded beside it (who, when, from, to, the status it had, the report); the result is recomputed on the
  new version; findings already raised stay as they were recorded (their actions are under way and a rule change
  does not undo a fact found), and a finding the new version's rules conclude that is not on record (not even
  through one of the sources of its fact) is raised, its deadlines counted from the day of the move, when the
  supplier first hears of it; so the register never shows a rating without the findings behind it.
- A closed assessment stays on the version it was closed on: it is a finished record, and the bulk move skips it.
- An assessment moves forward only (to a newer version than its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fldd.standard.answers import AnswerError, coerce
from fldd.standard.model import Question, Questionnaire
from fldd.standard.releases import version_key
from fldd.store import answer_corrections as store_corrections
from fldd.store import assessments as store_assessments
from fldd.store import evidence as store_evidence
from fldd.store import questionnaire_moves as store_moves
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.rating_words import of_result

MOVABLE = ("draft", "submitted", "under_review")


class _DryRun(Exception):
    """Raised inside the move's transaction to roll it back after reading what it would do."""


def target_of(ctx: AppContext, questionnaire_id: str, to: str | None = None) -> Questionnaire:
    """The version an assessment would move to: `to`, else the current one."""
    q = ctx.standard.get(f"{questionnaire_id}@{to}" if to else questionnaire_id)
    if q is None:
        known = ", ".join(ctx.standard.versions(questionnaire_id)) or "none"
        raise Rejected([f"{questionnaire_id} has no version {to} in this fldd (it has: {known})"])
    return q


def move_assessment(ctx: AppContext, assessment_id: int, to: str | None = None, *, dry_run: bool = False) -> dict:
    """Move one assessment to version `to` (default: the current one) and return the report; with dry_run,
    only the report of what the move would do (nothing is written)."""
    from fldd.usecases.assessments import AssessmentSession

    before = AssessmentSession(ctx, assessment_id)
    record = before.record
    target = target_of(ctx, record.questionnaire_id, to)
    problem = _refusal(record.status, before.questionnaire.version, target.version)
    if problem:
        raise Rejected([f"assessment {assessment_id}: {problem}"])
    plan = _plan(ctx, before, target)
    report = _report(ctx, before, target, plan)
    try:
        with ctx.store.write():
            report.update(_apply(ctx, before, target, plan, {}))
            raise _DryRun
    except _DryRun:
        pass
    if dry_run:
        return {**report, "dry_run": True}
    with ctx.store.write():
        _apply(ctx, before, target, plan, report)
    return {**report, "dry_run": False}


def move_all(ctx: AppContext, from_version: str | None = None, to: str | None = None, *,
             dry_run: bool = False, questionnaire_id: str | None = None) -> dict:
    """Move every assessment not on the target version (only those on `from_version`, of `questionnaire_id`, when
    given); each move is its own transaction. Closed ones and any the target is not newer for are listed as
    skipped with the reason; one that cannot move does not stop the others."""
    moved, skipped = [], []
    for row in store_assessments.list_rows(ctx.store):
        if questionnaire_id and row["questionnaire_id"] != questionnaire_id:
            continue
        if from_version and row["questionnaire_version"] != from_version:
            continue
        target = ctx.standard.get(f"{row['questionnaire_id']}@{to}" if to else row["questionnaire_id"])
        if target is None or target.version == row["questionnaire_version"]:
            continue
        problem = _refusal(row["status"], row["questionnaire_version"], target.version)
        if problem:
            skipped.append({"assessment": row["id"], "supplier": row["supplier"],
                            "questionnaire": f"{row['questionnaire_id']}@{row['questionnaire_version']}",
                            "why": problem})
            continue
        try:
            moved.append(move_assessment(ctx, row["id"], target.version, dry_run=dry_run))
        except (Rejected, AnswerError) as exc:
            why = "; ".join(exc.messages) if isinstance(exc, Rejected) else str(exc)
            skipped.append({"assessment": row["id"], "supplier": row["supplier"],
                            "questionnaire": f"{row['questionnaire_id']}@{row['questionnaire_version']}", "why": why})
    return {"moved": sorted(moved, key=lambda r: r["assessment"]), "skipped": skipped, "dry_run": dry_run}


def movable_count(ctx: AppContext) -> int:
    """How many assessments a bulk move to the current versions would move (for the app's menu)."""
    count = 0
    for row in store_assessments.list_rows(ctx.store):
        current = ctx.standard.get(row["questionnaire_id"])
        if current is not None and not _refusal(row["status"], row["questionnaire_version"], current.version) \
                and current.version != row["questionnaire_version"]:
            count += 1
    return count


def moves(ctx: AppContext, assessment_id: int) -> list[dict]:
    """The recorded moves of an assessment, oldest first."""
    return store_moves.moves(ctx.store, assessment_id)


@dataclass(frozen=True)
class RetiredAnswer:
    """An answer kept from an earlier version to a question the assessment's version no longer asks: read-only,
    never scored; `question` is that question as the version `version` asked it (None if no version has it)."""

    question_id: str
    value: Any
    comment: str
    version: str | None
    question: Question | None
    answered_by: str
    answered_at: str

    def to_json(self) -> dict:
        """As `assessments show --json` prints it."""
        return {"question": self.question_id, "value": self.value, "comment": self.comment,
                "asked_in": self.version, "text": dict(self.question.text) if self.question else {},
                "answered_by": self.answered_by, "answered_at": self.answered_at}


def retired_answers(ctx: AppContext, assessment_id: int, current: Questionnaire) -> list[RetiredAnswer]:
    """Answers kept from an earlier version to questions `current` no longer asks, in the order the versions
    asked them."""
    out = []
    for qid, answer in store_assessments.answers(ctx.store, assessment_id).items():
        if current.question(qid) is not None or (answer.value is None and not answer.comment):
            continue
        version, question = _asked_in(ctx, current.id, qid)
        out.append(RetiredAnswer(qid, answer.value, answer.comment, version, question, answer.updated_by,
                                 answer.updated_at))
    order = {qid: i for i, qid in enumerate(_all_ids(ctx, current.id))}
    return sorted(out, key=lambda r: (order.get(r.question_id, len(order)), r.question_id))


# -- the move ---------------------------------------------------------------------------------------------------
def _refusal(status: str, version: str, target: str) -> str | None:
    if status not in MOVABLE:
        return f"it is {status.replace('_', ' ')}: a closed assessment stays on the version it was closed on"
    if version_key(target) <= version_key(version):
        return f"it is on {version}; it moves only to a newer version, not {target}"
    return None


def _plan(ctx: AppContext, session, target: Questionnaire) -> dict[str, Any]:
    """Which answers carry, which are not carried and why, which stay as retired; corrections that cannot hold."""
    old = session.questionnaire
    stored = store_assessments.answers(ctx.store, session.id)
    carried, dropped, retired = [], {}, []
    for qid, answer in stored.items():
        if answer.value is None:
            continue
        new_q, old_q = target.question(qid), old.question(qid)
        if new_q is None:
            retired.append(qid)
        elif old_q is not None and old_q.type != new_q.type:
            dropped[qid] = f"the question is now of type {new_q.type}, not {old_q.type}"
        else:
            try:
                coerce(new_q, answer.value, stored=True)
                carried.append(qid)
            except AnswerError as exc:
                dropped[qid] = f"not an answer version {target.version} accepts ({exc.message})"
    withdrawn = {}
    for qid, correction in store_corrections.standing(ctx.store, session.id).items():
        new_q = target.question(qid)
        if new_q is None or correction["new_value"] is None:
            continue
        try:
            coerce(new_q, correction["new_value"])
        except AnswerError as exc:
            withdrawn[qid] = (f"moved to {target.ref}: the corrected value is not an answer this version accepts "
                              f"({exc.message})")
    new_questions = [qu.id for qu in target.questions if old.question(qu.id) is None]
    return {"carried": carried, "dropped": dropped, "retired": retired, "withdrawn": withdrawn,
            "new_questions": new_questions}


def _apply(ctx: AppContext, before, target: Questionnaire, plan: dict, report: dict) -> dict:
    """Inside a write: record the move, reopen the assessment on the new version, keep its result and raise the
    findings its rules conclude (once submitted); returns what the assessment looks like afterwards."""
    from fldd.usecases.assessments import AssessmentSession, sync_findings

    from fldd.store import findings as store_findings

    record = before.record
    store_moves.record(ctx.store.db, record.id, from_version=record.questionnaire_version, to_version=target.version,
                       status=record.status, who=ctx.user, report=report,
                       cleared={q: f"moved to {target.ref}: {why}" for q, why in plan["dropped"].items()},
                       withdrawn=plan["withdrawn"])
    after = AssessmentSession(ctx, record.id)
    after.save_result()
    raised = []
    if record.status in ("submitted", "under_review"):
        created = set(sync_findings(ctx, after, ctx.today()))
        raised = [{"id": f["threshold_id"], "severity": f["severity"], "title": f["title"], "due_date": f["due_date"]}
                  for f in store_findings.rows(ctx.store, assessment_id=record.id) if f["id"] in created]
    shown = after.result.visible
    return {"after": _summary(after), "findings_raised": raised,
            "to_answer": [q for q in plan["new_questions"] if q in shown],
            "missing": list(after.result.completeness.missing)}


def _report(ctx: AppContext, before, target: Questionnaire, plan: dict) -> dict:
    record = before.record
    comments = sum(1 for text in before.comments.values() if text)
    files = len(store_evidence.list_for(ctx.store, assessment_id=record.id))
    return {
        "assessment": record.id, "supplier": before.supplier.name, "questionnaire": record.questionnaire_id,
        "from": record.questionnaire_version, "to": target.version, "status": record.status, "moved_by": ctx.user,
        "carried": sorted(plan["carried"], key=_order(target)),
        "dropped": [{"question": q, "why": why} for q, why in sorted(plan["dropped"].items())],
        "retired_kept": sorted(plan["retired"]),
        "corrections_withdrawn": [{"question": q, "why": why} for q, why in sorted(plan["withdrawn"].items())],
        "new_questions": plan["new_questions"], "comments_kept": comments, "evidence_kept": files,
        "findings_on_record": [{"id": f["id"], "severity": f["severity"], "title": f["title"]}
                               for f in before.findings()],
        "before": _summary(before),
    }


def _summary(session) -> dict:
    """A result as the report shows it: rating in words, score and the findings its rules conclude."""
    result = session.result
    return {"rating": result.rating, "rating_text": of_result(result, session.record.status).text,
            "score": None if result.score is None else float(result.score),
            "findings": [{"id": t.id, "severity": t.severity, "title": t.title}
                         for t in result.triggers if t.action == "finding"],
            "escalations": [{"id": t.id, "action": t.action, "title": t.title}
                            for t in result.triggers if t.action != "finding"]}


def _order(q: Questionnaire):
    order = {qu.id: i for i, qu in enumerate(q.questions)}
    return lambda qid: (order.get(qid, len(order)), qid)


def _asked_in(ctx: AppContext, qid: str, question_id: str):
    """The newest version of questionnaire `qid` that asks `question_id`, and that question."""
    for version in reversed(ctx.standard.versions(qid)):
        q = ctx.standard.get(f"{qid}@{version}")
        found = q.question(question_id) if q else None
        if found is not None:
            return version, found
    return None, None


def _all_ids(ctx: AppContext, qid: str) -> list[str]:
    """Every question id of every version, in the order the versions showed them (oldest version first)."""
    seen: dict[str, None] = {}
    for version in ctx.standard.versions(qid):
        for qu in ctx.standard.get(f"{qid}@{version}").questions:
            seen.setdefault(qu.id)
    return list(seen)


def report_lines(report: dict) -> list[str]:
    """The report in plain text, as the command line and the app's confirmation show it."""
    name = f"assessment {report['assessment']} ({report['supplier']}, {report['status'].replace('_', ' ')})"
    head = "would move" if report.get("dry_run") else "moved"
    lines = [f"{name}: {head} {report['questionnaire']} {report['from']} -> {report['to']}"]
    lines.append(f"  answers carried: {len(report['carried'])}")
    for item in report["dropped"]:
        lines.append(f"  not carried: {item['question']}: {item['why']}")
    if report["retired_kept"]:
        lines.append(f"  kept read-only, no longer asked in {report['to']} (not scored): "
                     f"{', '.join(report['retired_kept'])}")
    for item in report["corrections_withdrawn"]:
        lines.append(f"  correction withdrawn: {item['question']}: {item['why']}")
    to_answer = report.get("to_answer", [])
    if to_answer:
        shown = ", ".join(to_answer[:8]) + (f" and {len(to_answer) - 8} more" if len(to_answer) > 8 else "")
        lines.append(f"  new questions to answer: {len(to_answer)} ({shown})")
    lines.append(f"  comments kept: {report['comments_kept']}, evidence files kept: {report['evidence_kept']}")
    for when, version in (("before", report["from"]), ("after", report["to"])):
        part = report.get(when)
        if part:
            score = "-" if part["score"] is None else f"{part['score']:.1f}"
            lines.append(f"  {when} ({version}): {part['rating_text']}, score {score}, "
                         f"{_count(part['findings'])} concluded by the rules")
    if report.get("after"):
        was = {f["id"] for f in report["before"]["findings"]}
        now = {f["id"] for f in report["after"]["findings"]}
        added = [f"{f['id']} ({f['severity']})" for f in report["after"]["findings"] if f["id"] not in was]
        gone = [f"{f['id']} ({f['severity']})" for f in report["before"]["findings"] if f["id"] not in now]
        if added:
            lines.append(f"  findings {report['to']} concludes that {report['from']} did not: {', '.join(added)}")
        if gone:
            lines.append(f"  findings {report['to']} no longer concludes: {', '.join(gone)}")
    if report["findings_on_record"]:
        lines.append(f"  findings on record stay as recorded: {len(report['findings_on_record'])}")
    if report.get("findings_raised"):
        raised = ", ".join(f"{f['id']} ({f['severity']})" for f in report["findings_raised"])
        lines.append(f"  findings raised by the new version's rules: {raised}")
    return lines


def bulk_lines(done: dict) -> list[str]:
    """A bulk move in plain text, one line per assessment, for the app's confirmation."""
    lines = []
    for r in done["moved"]:
        lines.append(f"{r['assessment']:>5}  {r['supplier']}: {r['questionnaire']} {r['from']} -> {r['to']} "
                     f"({r['status'].replace('_', ' ')}); {len(r['carried'])} carried, {len(r['dropped'])} not "
                     f"carried, {len(r['retired_kept'])} kept read-only, {len(r.get('to_answer', []))} new to "
                     f"answer; {r['before']['rating_text']} -> {r['after']['rating_text']}")
    for item in done["skipped"]:
        lines.append(f"{item['assessment']:>5}  {item['supplier']}: {item['questionnaire']} stays: {item['why']}")
    return lines


def _count(findings: list[dict]) -> str:
    """'3 findings (1 priority, 2 major)'."""
    if not findings:
        return "no findings"
    by = [f"{n} {sev}" for sev in ("priority", "major", "minor")
          if (n := sum(1 for f in findings if f["severity"] == sev))]
    return f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({', '.join(by)})"
