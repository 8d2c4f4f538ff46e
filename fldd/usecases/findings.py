"""Use cases of findings and their corrective actions: list them, move an action along its lifecycle, change
its owner, due date and description, and attach evidence that it was done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fldd.standard.model import Questionnaire, pick
from fldd.store import assessments as store_assessments
from fldd.store import evidence as store_evidence
from fldd.store import findings as store_findings
from fldd.store import portfolio
from fldd.store.errors import NotFound
from fldd.usecases.action_trail import says_something, step_problems
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.evidence import read_evidence
from fldd.usecases.output_files import write_bytes_atomically

OUTSTANDING = ("open", "in_progress")  # work still to do: these can be overdue
# The lifecycle: open -> in progress -> done -> verified; open -> done; done -> in progress reopens.
MOVES = {"open": ("in_progress", "done"), "in_progress": ("done",), "done": ("in_progress", "verified"),
         "verified": ()}
VERIFIERS = ("auditor", "buyer")  # a supplier never verifies its own corrective action
STATUS_TEXT = {"open": "open", "in_progress": "in progress", "done": "done", "verified": "verified"}


def list_findings(ctx: AppContext, *, supplier_id: int | None = None, assessment_id: int | None = None,
                  only_open: bool = False, overdue_only: bool = False) -> list[dict]:
    """Findings with their actions; `overdue` and `days_left` computed against today. Open means not yet
    verified (a done action still waits for someone to check it)."""
    today = ctx.today()
    out = []
    for row in store_findings.rows(ctx.store, assessment_id=assessment_id, supplier_id=supplier_id):
        _annotate(row, today, row)  # the row carries its assessment's questionnaire, language and date
        if only_open and row["status"] == "verified":
            continue
        if overdue_only and not row["overdue"]:
            continue
        out.append(row)
    return out


def _annotate(row: dict, today: dt.date, ref: dict) -> dict:
    row["status"] = row.get("status") or "open"
    deadline, row["deadline_kind"] = owed(row, today)
    row["deadline"] = deadline.isoformat() if deadline else None
    row["days_left"] = (deadline - today).days if deadline else None
    row["overdue"] = bool(deadline and row["status"] in OUTSTANDING and deadline < today)
    row["questionnaire_id"] = ref.get("questionnaire_id")
    row["questionnaire_version"] = ref.get("questionnaire_version")
    row["language"] = ref.get("language") or "en"
    row["raised_on"] = raised_on(row["created_at"], ref.get("assessed_on")).isoformat()
    return row


def owed(row: dict, today: dt.date) -> tuple[dt.date | None, str]:
    """The deadline an action answers to today, and which it is: the store's (the plan's while the action is
    open, the closure's once under way; see DEADLINE_SQL), except that an open action whose closure date has
    passed too owes the work itself: 'closure overdue' says more than 'plan overdue' then."""
    deadline = dt.date.fromisoformat(row["deadline"]) if row.get("deadline") else None
    closure = dt.date.fromisoformat(row["closure_date"]) if row.get("closure_date") else None
    if row.get("status") == "open" and closure is not None and closure < today:
        return closure, "closure"
    return deadline, row.get("deadline_kind") or "due"


def raised_on(created_at: str, assessed_on: str | None) -> dt.date:
    """The day a finding counts from: its assessment's date, or the day it was recorded if that is earlier."""
    created = dt.date.fromisoformat(created_at[:10])
    return min(created, dt.date.fromisoformat(assessed_on)) if assessed_on else created


def get_action(ctx: AppContext, action_id: int) -> dict:
    """One action with its finding, as list_findings gives it; Rejected if it does not exist."""
    found = portfolio.action(ctx.store, action_id)
    if found is None:
        raise Rejected([f"corrective action {action_id} does not exist (was it deleted?)"])
    for row in store_findings.rows(ctx.store, assessment_id=found["assessment_id"]):
        if row["action_id"] == action_id:
            return _annotate(row, ctx.today(), found)
    raise Rejected([f"corrective action {action_id} does not exist (was it deleted?)"])


def allowed_moves(ctx: AppContext, status: str) -> tuple[str, ...]:
    """The statuses an action in `status` can move to, for the current role."""
    return tuple(s for s in MOVES.get(status, ()) if s != "verified" or ctx.role in VERIFIERS)


def set_action_status(ctx: AppContext, action_id: int, status: str, *, note: str = "",
                      evidence: Path | str | None = None) -> None:
    """Move an action along its lifecycle, kept in its history with the note and file given; Rejected for a step
    the lifecycle or the role does not allow, or that lacks the note or file it needs (see action_trail)."""
    row = get_action(ctx, action_id)
    current = row["status"]
    if status not in MOVES:
        raise Rejected([f"status: '{status}' is not open, in progress, done or verified"])
    if status == "verified" and ctx.role not in VERIFIERS:
        raise Rejected([f"corrective action {action_id}: only an auditor or a buyer can verify a corrective "
                        f"action; a supplier cannot verify its own (you work as {ctx.role})"])
    if status not in MOVES[current]:
        if status == "verified":
            raise Rejected([f"corrective action {action_id} is {STATUS_TEXT[current]}: it can be verified only "
                            "once it is marked done"])
        allowed = " or ".join(STATUS_TEXT[s] for s in MOVES[current]) or "nothing: it is verified and closed"
        raise Rejected([f"corrective action {action_id} is {STATUS_TEXT[current]}; it can move to {allowed}"])
    problems = step_problems(action_id, current, status, note, evidence is not None)
    if problems:
        raise Rejected(problems)
    try:
        store_findings.set_action_status(ctx.store, action_id, status, who=ctx.user,
                                         note=note.strip() if says_something(note) else "",
                                         evidence=read_evidence(evidence) if evidence is not None else None)
    except NotFound:
        raise Rejected([f"corrective action {action_id} does not exist (was it deleted?)"]) from None


def update_action(ctx: AppContext, action_id: int, *, owner: str | None = None,
                  due_date: dt.date | str | None = None, description: str | None = None,
                  closure_date: dt.date | str | None = None) -> None:
    """Change an action's owner, plan due date, closure date or description; all checked first, then saved
    together."""
    row = get_action(ctx, action_id)
    if row["status"] == "verified":
        raise Rejected([f"corrective action {action_id} is verified and closed: it can no longer change"])
    changes: dict[str, str] = {}
    problems = []
    if owner is not None:
        changes["owner"] = owner.strip()
    if description is not None:
        if not description.strip():
            problems.append("description: say what must be done")
        changes["description"] = description.strip()
    start = dt.date.fromisoformat(row["raised_on"])
    for key, value, words in (("due_date", due_date, "due date"), ("closure_date", closure_date, "closure date")):
        if value is None:
            continue
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            problems.append(f"{words}: '{value}' is not a date (YYYY-MM-DD)")
            continue
        if day < start:
            problems.append(f"{words}: {day.isoformat()} is before the finding was raised ({start.isoformat()})")
        changes[key] = day.isoformat()
    if problems:
        raise Rejected(problems)
    if changes:
        store_findings.update_action(ctx.store, action_id, who=ctx.user, **changes)


def attach_evidence(ctx: AppContext, action_id: int, path: Path | str, note: str = "") -> int:
    """Keep a file as evidence that a corrective action was carried out; returns the evidence id."""
    row = get_action(ctx, action_id)
    if row["status"] == "verified":
        raise Rejected([f"corrective action {action_id} is verified and closed: add no more evidence to it"])
    name, data = read_evidence(path)
    return store_findings.add_evidence(ctx.store, action_id, name, data, who=ctx.user, note=note.strip())


def list_evidence(ctx: AppContext, action_id: int) -> list[dict]:
    """Evidence attached to a corrective action (names, sizes, who added it; not the bytes)."""
    return store_evidence.list_for(ctx.store, action_id=action_id)


def save_evidence_copy(ctx: AppContext, evidence_id: int, target: Path | str) -> Path:
    """Write a copy of an evidence file to `target`, checked against its sha256."""
    try:
        _, data = store_evidence.content(ctx.store, evidence_id)
    except (NotFound, ValueError) as exc:
        raise Rejected([str(exc)]) from None
    target = Path(target)
    write_bytes_atomically(target, data)
    return target


def auditor_due_date(ctx: AppContext, assessment_id: int, severity: str) -> dt.date:
    """The due date add_auditor_finding will give a finding of this severity (shown before saving)."""
    try:
        record = store_assessments.get(ctx.store, assessment_id)
    except NotFound:
        raise Rejected([f"assessment {assessment_id} does not exist"]) from None
    q = ctx.standard.get(record.ref)
    days = q.severity_plan_days.get(severity, 30) if q else 30
    start = dt.date.fromisoformat(record.assessed_on) if record.assessed_on else ctx.today()
    return start + dt.timedelta(days=days)


def describe_finding(ctx: AppContext, row: dict) -> dict:
    """What a person reads about a finding: the rule, each answer behind it as 'question: answer', the remedy,
    and for a finding about one fact, each source that established it (records, observation, workers...)."""
    q = ctx.standard.get(f"{row.get('questionnaire_id')}@{row.get('questionnaire_version')}")
    lang = row.get("language") or "en"
    because = [(_name(q, key, lang), _answer_text(q, key, value, lang)) for key, value in row["because"].items()]
    sources = row.get("sources") or []
    # the remedy is the rule's own, or for a fact the remedy of its most severe source (the one it took)
    ids = [row.get("threshold_id")] + [s["threshold"] for s in sources if s.get("severity") == row["severity"]]
    remedies = {t.id: pick(t.remedy, lang) for t in q.thresholds if t.remedy} if q is not None else {}
    remedy = next((remedies[i] for i in ids if i in remedies), "")
    return {"rule": row.get("detail") or "", "because": because, "remedy": remedy,
            "sources": [s["title"] for s in sources] if len(sources) > 1 else [],
            "questionnaire": pick(q.title, lang) if q is not None else row.get("questionnaire_id") or ""}


def _name(q: Questionnaire | None, key: str, lang: str) -> str:
    if q is not None:
        question = q.question(key)
        if question is not None:
            return pick(question.text, lang)
        for item in q.inputs:
            if item.id == key:
                return pick(item.label, lang)
    return key


def _answer_text(q: Questionnaire | None, key: str, value: object, lang: str) -> str:
    question = q.question(key) if q is not None else None
    if value is None:
        return "no answer"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict) and "amount" in value:
        return f"{value['amount']:,} {value.get('currency', '')}".strip()
    values = value if isinstance(value, list) else [value]
    if question is not None:
        words = []
        for item in values:
            option = question.option(str(item))
            words.append(pick(option.label, lang) if option else str(item))
        text = ", ".join(words)
        unit = pick(question.unit, lang) if question.unit else ("%" if question.type == "percent" else "")
        return f"{text} {unit}".strip() if unit and not question.options else text
    return ", ".join(str(v) for v in values)
