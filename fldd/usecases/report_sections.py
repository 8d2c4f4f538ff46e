"""The parts of an assessment report that walk the answers: answer texts, triggers with the answers behind them,
findings with their actions, answers by module, evidence, the declared-vs-verified table and the interview
aggregates. Every answer goes through one `Words.answer`, and every title, rule and source line that rests on a
worker-interview figure through report_privacy's Disclosure, so a count is told the same way wherever it appears
(summary, findings, answers, on-site tables) and nothing beside it gives it away.
"""

from __future__ import annotations

from typing import Any

from fldd.exchange.layout import numbering
from fldd.standard.model import Questionnaire, Standard, pick
from fldd.store import evidence as store_evidence
from fldd.usecases.context import AppContext
from fldd.usecases.findings import _answer_text, describe_finding, owed
from fldd.usecases.report_privacy import Disclosure, K


class Words:
    """Answers and fixed words in the report's language, with the interview counts kept safe."""

    def __init__(self, standard: Standard, q: Questionnaire, lang: str, labels: dict[str, str],
                 values: dict[str, Any]) -> None:
        self.standard, self.q, self.lang, self.labels = standard, q, lang, labels
        self.numbers = numbering(q)
        self.counts = Disclosure(q, values, labels, standard, lang)

    def question(self, qid: str) -> str:
        found = self.q.question(qid)
        if found is not None:
            return pick(found.text, self.lang)
        for item in self.q.inputs:
            if item.id == qid:
                return pick(item.label, self.lang)
        return qid

    def answer(self, qid: str, value: Any, q: Questionnaire | None = None) -> str:
        """An answer as a person reads it ('Yes', 'Passports kept by the employer', '1,200 USD')."""
        q = q or self.q
        if value is None:
            plain = self.labels["no_answer"]
        elif isinstance(value, bool):
            plain = self.labels["yes" if value else "no"]
        else:
            plain = _answer_text(q, qid, value, self.lang)
        return self.counts.label(qid, value, plain) if q is self.q else plain

    def discreet(self, qids, text: str) -> str:
        """A rule's wording, or '' when it reads a worker-interview figure: 'answer >= 2' beside 'fewer than 3'
        tells it."""
        return self.counts.rule(qids, text)

    def pairs(self, values: dict[str, Any], row: dict | None = None) -> list[dict]:
        """[{'question', 'text', 'answer'}] for the answers behind a trigger or a finding (from fewer than K
        interviews, none of theirs: even 'not shown' there would tell that a worker said it)."""
        quiet = self.counts.small_sample
        values = self.counts.behind(row, values) if row is not None else values
        return [{"question": k, "text": self.question(k), "answer": self.answer(k, v)} for k, v in values.items()
                if not (quiet and k in self.counts.private)]


def triggers(words: Words, result_json: dict) -> list[dict]:
    """Each threshold that fired, with its action, deadlines and the answers behind it."""
    out = []
    for t in result_json["triggers"]:
        if words.counts.withheld(t):
            continue
        out.append({"id": words.counts.public_id(t) if words.counts.reads_row(t) else t["id"],
                    "action": t["action"],
                    "action_text": words.standard.label("actions", t["action"], words.lang),
                    "severity": t["severity"],
                    "severity_text": words.standard.label("severities", t["severity"], words.lang)
                    if t["severity"] else "",
                    "title": words.counts.finding_title(t), "remedy": t["remedy"],
                    "rule": words.discreet(t["values"], t["rule"]),
                    "plan_due": t["plan_due"], "closure_due": t["closure_due"],
                    "answers": words.pairs(t["values"], t)})
    return out


def findings(ctx: AppContext, words: Words, rows: list[dict]) -> list[dict]:
    """Findings with their corrective action, deadlines, the sources that established them, evidence and
    history (rows as `assessments show --json` has them)."""
    today = ctx.today()
    out = []
    for row in rows:
        if words.counts.withheld(row):
            continue
        told = describe_finding(ctx, row)
        status = row.get("status") or "open"
        deadline, kind = owed(row, today)
        files = [_file(e) for e in row.get("evidence", [])]
        for entry in row.get("history", []):
            if entry.get("evidence"):
                files.append(_file(entry["evidence"]))
        out.append({
            "id": row["id"], "severity": row["severity"],
            "severity_text": words.standard.label("severities", row["severity"], words.lang),
            "title": words.counts.finding_title(row), "detail": words.discreet(row["because"], told["rule"]),
            "remedy": told["remedy"], "because": words.pairs(row["because"], row),
            "seen_in": words.counts.source_titles(row.get("sources") or []),
            "action": row.get("description") or "", "owner": row.get("owner") or "",
            "plan_due": row.get("due_date"), "closure_due": row.get("closure_date"),
            "status": status, "status_text": words.labels.get(f"action.{status}", status),
            "overdue": bool(deadline and status in ("open", "in_progress") and deadline < today),
            "deadline": deadline.isoformat() if deadline else None, "deadline_kind": kind,
            "source": row.get("source"), "evidence": files,
            "history": [{"at": e["at"], "by": e["by"], "kind": e["kind"], "from": e["from"], "to": e["to"],
                         "note": e["note"]} for e in row.get("history", [])],
        })
    return out


def _file(e: dict) -> dict:
    return {"name": e["file_name"], "sha256": e["sha256"], "size": e["size"]}


def answers(words: Words, values: dict[str, Any], comments: dict[str, str], corrections: dict[str, dict],
            visible: frozenset[str], files: dict[str, list[dict]]) -> list[dict]:
    """Module by module, each question shown: number, text, answer, comment, files, and any correction. Comments
    on the interview questions are left out: an auditor's note there can describe one worker. Every
    worker-interview figure is listed whether or not its condition showed it (a follow-up listed only when a
    count is above 0 would tell that count)."""
    out = []
    listed = set(words.counts.rows())
    for module in words.q.modules:
        rows = []
        for question in module.questions:
            if question.id not in visible and question.id not in listed:
                continue
            private = words.counts.covers(question.id) or question.tally is not None
            correction = corrections.get(question.id)
            rows.append({
                "id": question.id, "number": words.numbers.get(question.id, ""),
                "text": pick(question.text, words.lang),
                "answer": words.answer(question.id, values.get(question.id)),
                "comment": "" if private else comments.get(question.id, ""),
                "corrected": words.labels["corrected"].format(
                    declared=words.answer(question.id, correction["declared"]), reason=correction["reason"])
                if correction else "",
                "evidence": files.get(question.id, []),
            })
        if rows:
            out.append({"id": module.id, "title": pick(module.title, words.lang), "questions": rows})
    return out


def evidence(ctx: AppContext, words: Words, assessment_id: int, found: list[dict]) -> tuple[list[dict], dict]:
    """Every file of the assessment (answers, whole assessment, findings and their actions), and the answers'
    files by question."""
    by_question: dict[str, list[dict]] = {}
    listed = []
    for e in store_evidence.list_for(ctx.store, assessment_id=assessment_id):
        where = words.numbers.get(e["question_id"], e["question_id"] or "") if e["question_id"] else ""
        listed.append({**_file(e), "attached_to": where})
        if e["question_id"]:
            by_question.setdefault(e["question_id"], []).append(_file(e))
    for f in found:
        for item in f["evidence"]:
            listed.append({**item, "attached_to": f["title"]})
    return listed, by_question


def declared_vs_verified(ctx: AppContext, words: Words, values: dict[str, Any], declared: dict[str, Any],
                         mismatches: list[dict]) -> list[dict]:
    """Each on-site data point that verifies a desktop one, the two answers side by side and whether they agree."""
    target = ctx.standard.get(words.q.verifies) if words.q.verifies else None
    disagree = {m["question"] for m in mismatches}
    out = []
    for question in words.q.questions:
        if question.verifies is None or question.id not in values or question.verifies.question not in declared:
            continue
        other = question.verifies.question
        out.append({"question": question.id, "number": words.numbers.get(question.id, ""),
                    "text": pick(question.text, words.lang),
                    "declared_text": words.question(other) if target is None else _text(target, other, words.lang),
                    "declared": words.answer(other, declared[other], target) if target else str(declared[other]),
                    "verified": words.answer(question.id, values[question.id]),
                    **_agreement(words, question.id, question.id not in disagree)})
    return out


def _agreement(words: Words, qid: str, agree: bool) -> dict:
    """Agree/Disagree, or neither when the verified figure is hidden: 'Disagree' beside 'fewer than 3' tells
    which of 1 or 2 it is."""
    if words.counts.hidden(qid):
        return {"agree": None, "agree_text": words.labels["hidden"]}
    return {"agree": agree, "agree_text": words.labels["agree" if agree else "disagree"]}


def _text(q: Questionnaire, qid: str, lang: str) -> str:
    found = q.question(qid)
    return pick(found.text, lang) if found else qid


def interviews(words: Words, values: dict[str, Any], sampling: dict) -> dict | None:
    """Interview results as aggregates, every figure through the disclosure rule, every figure of the module
    listed whatever was answered; no result at all from fewer than K interviews. None without interviews."""
    counts = words.counts
    if counts.total_id is None:
        return None
    rows = [{"question": qid, "number": words.numbers.get(qid, ""), "text": words.question(qid),
             "value": words.answer(qid, values.get(qid))}
            for qid in counts.rows()] if not counts.small_sample else []
    note = words.labels["interviews_small" if counts.small_sample else "interviews_note"].format(n=K)
    return {"threshold": K, "interviewed": counts.total_label(), "rows": rows,
            "sample": [c["text"] for c in sampling.get("checks", [])], "note": note}
