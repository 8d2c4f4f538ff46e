"""The assessment report: everything it shows, gathered once (`assessment_report_data`), and the PDF written
from it (`write_assessment_pdf`, the full report or the on-site closing-meeting summary). The Excel report
renders the same data.

`assessment_report_data(ctx, assessment_id)` returns plain dicts and lists (JSON-ready), every text already in
the assessment's language (`language`; the report's own words are `labels`, from fldd/reports/labels.py):

- `labels`: the report words in that language; `language`; `kind`: "desktop" | "onsite"; `generated_on`.
- `meta`: {title, author (the assessor), subject, keywords, creator "fldd <version>"}.
- `cover`: {supplier, supplier_id, identifiers: [{scheme, label, value}], os_id, country, country_name, address,
  goods: [str], chain_tier, questionnaire: {id, title, version, tier, tier_text}, assessment_id, uid, assessor,
  status, status_text, source, started, submitted, assessed, closed, valid_until (ISO dates or None),
  rating, rating_text, provisional}.
- `result`: {rating, rating_text, provisional, reasons: [str] (the engine's, else the score band), score (0-100 or None), red_flags: [{question,
  number, text, answer, reason}], completeness: {percent, answered_required, required, missing: [ids]}, notes,
  legend: [str]} -- figures as `fldd assessments show --json` prints them.
- `triggers`: [{id, action, action_text, severity, severity_text, title, remedy, rule, plan_due, closure_due,
  answers: [{question, text, answer}]}].
- `next_steps`: [{what, by (ISO date or None), overdue}] -- what must happen next and by when.
- `risk_levels`: the words of risk 0, 1, 2 and 3.
- `indicators`: [{number, name, risk (0-3 or None), risk_text, answered, visible}] for ILO indicators 1-11;
  `modules`: [{id, title, risk, risk_text, score, answered, visible}].
- `pending_findings`: for an assessment not yet submitted, the findings its result will raise at submission
  (severity, severity_text, title, plan_due, closure_due, owner, action, status "open", provisional True), dated
  from today as submission would date them; [] once submitted (the stored `findings` are then the record).
- `bands`: [{rating, min_score}] -- the questionnaire's score bands, best first (the module chart's colours).
- `findings`: [{id, severity, severity_text, title, detail, remedy, because: [{question, text, answer}],
  seen_in: [str], action, owner, plan_due, closure_due, status, status_text, overdue, deadline, deadline_kind,
  source, evidence: [{name, sha256, size}], history: [{at, by, kind, from, to, note}]}].
- `answers`: [{id, title, questions: [{id, number, text, answer, comment, corrected, evidence: [{name, sha256,
  size}]}]}] -- the questions shown, module by module.
- `retired_answers`: [{question, text, answer, comment, asked_in, answered_by, answered_at}] -- answers kept from
  an earlier version to questions this version no longer asks (not scored); worker-interview figures left out.
- `moves`: [{from, to, by, at, rating_before, rating_after, score_before, score_after}] -- moves to newer versions.
- `evidence`: [{name, sha256, size, attached_to}] -- every file of the assessment, its findings and actions.
- `onsite`: None for a desktop assessment, else {declared_vs_verified: [{question, number, text, declared_text,
  declared, verified, agree (None when hidden), agree_text}], interviews: {threshold, interviewed, rows: [{question,
  number, text, value}], sample: [str], note} or None, withheld: the note saying interview findings are left out
  (fewer than 3 interviewed) or ""}.
- `glossary`: [{id, term, definition}] of the terms the questions shown use.
- `method`: {text, standard: {id, title, version, content_hash}, software, sources: [{key, citation}]}.

Worker-interview counts are suppressed wherever they appear (see report_privacy); interview codes, dates and
notes are never read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fldd import __version__
from fldd.reports.labels import words as report_words
from fldd.standard.answers import to_json
from fldd.standard.model import pick
from fldd.usecases import report_sections as sections
from fldd.usecases.assessments import AssessmentSession, assessment_json
from fldd.usecases.context import AppContext
from fldd.usecases.errors import Rejected
from fldd.usecases.rating_words import FINAL_STATUSES
from fldd.usecases.report_privacy import K


def assessment_report_data(ctx: AppContext, assessment_id: int) -> dict:
    """Everything the assessment report shows, in the assessment's language (see the module docstring)."""
    from fldd.store.errors import NotFound

    try:
        shown = assessment_json(ctx, assessment_id)
    except NotFound:
        raise Rejected([f"assessment {assessment_id} does not exist"]) from None
    session = AssessmentSession(ctx, assessment_id)
    q, lang, record = session.questionnaire, shown["language"] or "en", session.record
    labels = report_words(lang)
    result = shown["result"]
    words = sections.Words(ctx.standard, q, lang, labels, shown["answers"])
    rating_text = _rating_text(ctx, shown, labels, lang)
    found = sections.findings(ctx, words, shown["findings"])
    listed, by_question = sections.evidence(ctx, words, assessment_id, found)
    visible = session.result.visible
    cover = _cover(ctx, session, shown, labels, lang, rating_text)
    onsite = None
    if q.tier == "onsite":
        declared = {k: to_json(v) for k, v in session.declared.items()}
        onsite = {"declared_vs_verified": sections.declared_vs_verified(ctx, words, shown["answers"], declared,
                                                                       result["mismatches"]),
                  "interviews": sections.interviews(words, shown["answers"], shown["sampling"]),
                  "withheld": labels["interviews_withheld"].format(n=K) if words.counts.small_sample else ""}
    return {
        "language": lang, "labels": labels, "kind": q.tier, "generated_on": ctx.today().isoformat(),
        "meta": {"title": f"{labels['report.title']}: {cover['supplier']}", "author": record.assessor or "",
                 "subject": f"{cover['questionnaire']['title']} {q.version}, {cover['supplier']}",
                 "keywords": ", ".join(k for k in ("forced labour", "due diligence", q.id, cover["country"],
                                                   *cover["goods"]) if k),
                 "creator": f"fldd {__version__}"},
        "cover": cover,
        "result": {"rating": result["rating"], "rating_text": rating_text, "provisional": shown["provisional"],
                   "reasons": _reasons(words, list(result["rating_reasons"]))
                   or _band_reason(ctx, q, result, labels, lang),
                   "score": result["score"],
                   "red_flags": [{"question": f["question"], "number": words.numbers.get(f["question"], ""),
                                  "text": words.question(f["question"]),
                                  "answer": words.answer(f["question"], f["value"]),
                                  "reason": words.discreet([f["question"]], f["reason"])}
                                 for f in result["red_flags"] if not words.counts.hidden(f["question"])],
                   "completeness": words.counts.completeness(result["completeness"], visible, shown["answers"]),
                   "notes": list(result["notes"]) + ([labels["interviews_withheld"].format(n=K)]
                                                     if words.counts.small_sample else []),
                   "legend": _legend(ctx, q, lang)},
        "triggers": sections.triggers(words, result),
        "next_steps": _next_steps(ctx, shown, found, labels, words),
        "risk_levels": [ctx.standard.label("risk_levels", str(n), lang) for n in range(4)],
        "indicators": [_summary(ctx, lang, {"number": n, "name": ctx.standard.label("indicators", str(n), lang)},
                                result["indicators"].get(str(n)), words.counts.asked(visible, shown["answers"], n))
                       for n in range(1, 12)],
        "modules": [_summary(ctx, lang, {"id": m.id, "title": pick(m.title, lang)},
                             None if m.id == words.counts.module and words.counts.small_sample
                             else result["modules"].get(m.id),
                             words.counts.asked(visible, shown["answers"], module=m.id))
                    for m in q.modules if m.id in result["modules"]],
        "bands": [{"rating": b.rating, "min_score": b.min_score} for b in q.bands],
        "findings": found,
        "pending_findings": _pending(ctx, session, labels, lang) if record.status not in FINAL_STATUSES else [],
        "answers": sections.answers(words, shown["answers"], shown["comments"], shown["corrections"], visible,
                                    by_question),
        "evidence": listed,
        "retired_answers": _retired(ctx, session, words, labels, lang),
        "moves": _moves(ctx, shown, lang),
        "onsite": onsite,
        "glossary": _glossary(ctx, q, visible, lang),
        "method": _method(ctx, q, visible, result, lang, labels),
    }


def _retired(ctx: AppContext, session: AssessmentSession, words, labels: dict, lang: str) -> list[dict]:
    """Answers kept from an earlier version to questions this version no longer asks (never scored), as read;
    a figure about interviewed workers is left out (its count could single a worker out)."""
    from fldd.usecases.version_moves import retired_answers

    out = []
    for r in retired_answers(ctx, session.id, session.questionnaire):
        if r.question is not None and (r.question.tally is not None or r.question.id.startswith("wi_")):
            continue
        value = r.value
        if isinstance(value, bool):
            answer = labels["yes" if value else "no"]
        elif isinstance(value, (list, tuple)):
            answer = ", ".join(str(v) for v in value)
        else:
            answer = labels["no_answer"] if value is None else str(value)
        out.append({"question": r.question_id, "text": pick(r.question.text, lang) if r.question else r.question_id,
                    "answer": answer, "comment": r.comment or "", "asked_in": r.version or "",
                    "answered_by": r.answered_by or "", "answered_at": _day(r.answered_at) or ""})
    return out


def _moves(ctx: AppContext, shown: dict, lang: str) -> list[dict]:
    """Each move to a newer version: from, to, who, when, and the rating and score just before and after."""
    def rating(side: dict) -> str:
        if lang == "en" or not side.get("rating"):
            return side.get("rating_text") or ""
        return ctx.standard.label("ratings", side["rating"], lang)

    out = []
    for m in shown.get("moves", []):
        before, after = m["report"].get("before", {}), m["report"].get("after", {})
        out.append({"from": m["from_version"], "to": m["to_version"], "by": m["moved_by"] or "",
                    "at": _day(m["moved_at"]) or "", "rating_before": rating(before), "rating_after": rating(after),
                    "score_before": before.get("score"), "score_after": after.get("score")})
    return out


def _pending(ctx: AppContext, session: AssessmentSession, labels: dict, lang: str) -> list[dict]:
    """The findings a draft's result will raise at submission, dated as submission would date them (from today),
    shaped like `findings` for the closing summary; marked provisional."""
    from fldd.usecases.assessments import pending_findings

    return [{"severity": p["severity"], "severity_text": ctx.standard.label("severities", p["severity"], lang),
             "title": p["title"], "plan_due": p["due_date"], "closure_due": p["closure_date"], "owner": p["owner"],
             "action": p["description"], "status": "open", "status_text": labels.get("action.open", "open"),
             "provisional": True} for p in pending_findings(ctx, session)]


def _rating_text(ctx: AppContext, shown: dict, labels: dict, lang: str) -> str:
    """The rating in words: rating_words' own text in English, the standard's rating names elsewhere."""
    if lang == "en":
        return shown["rating_text"]
    rating = shown["result"]["rating"]
    name = ctx.standard.label("ratings", rating, lang) if rating else labels["not_rated"]
    if not shown["provisional"]:
        return name
    detail = []
    if shown["answered"] is not None and shown["required"]:
        detail.append(labels["provisional_detail"].format(answered=shown["answered"], required=shown["required"]))
    if shown["status"] not in FINAL_STATUSES:
        detail.append(labels["not_submitted"])
    return labels["provisional"].format(rating=name, detail=", ".join(detail)) if detail else name


def _band_reason(ctx: AppContext, q, result: dict, labels: dict, lang: str) -> list[str]:
    """Why a rating that no floor raised is what it is: its score band."""
    band = next((b for b in q.bands if b.rating == result["rating"]), None)
    if band is None or result["score"] is None:
        return []
    return [labels["band_reason"].format(score=f"{result['score']:g}", minimum=f"{band.min_score:g}",
                                         rating=ctx.standard.label("ratings", band.rating, lang))]


def _cover(ctx: AppContext, session: AssessmentSession, shown: dict, labels: dict, lang: str, rating: str) -> dict:
    from fldd.identifiers import IDENTIFIER_SCHEMES
    from fldd.risk.countries import UnknownCountryError, country_name

    supplier, record, q = session.supplier, session.record, session.questionnaire
    try:
        country = country_name(supplier.country)
    except UnknownCountryError:
        country = ""
    return {
        "supplier": supplier.name, "supplier_id": supplier.id,
        "identifiers": [{"scheme": k, "label": IDENTIFIER_SCHEMES.get(k, (k,))[0], "value": v}
                        for k, v in sorted(supplier.identifiers.items())],
        "os_id": supplier.identifiers.get("os_id"), "country": supplier.country, "country_name": country,
        "address": supplier.address, "goods": list(supplier.goods), "chain_tier": supplier.chain_tier,
        "questionnaire": {"id": q.id, "title": pick(q.title, lang), "version": q.version, "tier": q.tier,
                          "tier_text": labels.get(f"tier.{q.tier}", q.tier)},
        "assessment_id": record.id, "uid": record.uid, "assessor": record.assessor or "",
        "status": record.status, "status_text": labels.get(f"status.{record.status}", record.status),
        "source": record.source, "started": _day(record.started_at), "submitted": _day(record.submitted_at),
        "assessed": record.assessed_on, "closed": _day(record.closed_at),
        "valid_until": shown["result"].get("expires"), "rating": shown["result"]["rating"], "rating_text": rating,
        "provisional": shown["provisional"],
    }


def _day(stamp: str | None) -> str | None:
    return stamp[:10] if stamp else None


def _summary(ctx: AppContext, lang: str, head: dict, s: dict | None, asked: tuple[int, int] | None) -> dict:
    risk = s["risk"] if s else None
    answered, shown = asked if asked is not None else (s["answered"] if s else 0, s["visible"] if s else 0)
    return {**head, "risk": risk,
            "risk_text": ctx.standard.label("risk_levels", str(risk), lang) if risk is not None else "",
            "score": s.get("score") if s else None, "answered": answered, "visible": shown}


def _reasons(words, reasons: list[str]) -> list[str]:
    """The rating's reasons, a floor that rests on a worker-interview result worded without telling it (the
    single-allegation floor would say that one worker spoke)."""
    from fldd.usecases.report_privacy import names

    q, counts = words.q, words.counts
    private = {}
    for floor in q.floors:
        read = names(floor.condition.text)
        if counts.reads(read) or any(counts.threshold_reads(t) for t in read):
            private[pick(floor.reason, words.lang)] = True
    out = []
    for reason in reasons:
        told = words.labels["interview_reason"] if reason in private else reason
        if told not in out:
            out.append(told)
    return out


def _next_steps(ctx: AppContext, shown: dict, found: list[dict], labels: dict, words) -> list[dict]:
    """What must happen next and by when: plans and closures owed, escalations, submission, reassessment."""
    today = ctx.today()
    steps = []
    for f in found:
        if f["status"] in ("open", "in_progress") and f["deadline"]:
            key = "next.plan" if f["deadline_kind"] == "plan" or (
                f["status"] == "open" and f["deadline"] == f["plan_due"]) else "next.closure"
            steps.append({"what": labels[key].format(title=f["title"]), "by": f["deadline"],
                          "overdue": f["deadline"] < today.isoformat()})
    for t in shown["result"]["triggers"]:
        if t["action"] != "finding" and not words.counts.withheld(t):
            action = ctx.standard.label("actions", t["action"], shown["language"] or "en")
            title = words.counts.finding_title(t)
            steps.append({"what": labels["next.escalate"].format(action=action, title=title),
                          "by": t["plan_due"], "overdue": False})
    missing = shown["result"]["completeness"]["missing"]
    if shown["status"] == "draft":
        steps.append({"what": labels["next.submit"].format(missing=len(missing)), "by": None, "overdue": False})
    expires = shown["result"].get("expires")
    if expires:
        steps.append({"what": labels["next.revalidate"], "by": expires, "overdue": expires < today.isoformat()})
    return sorted(steps, key=lambda s: (s["by"] is None, s["by"] or ""))


def _legend(ctx: AppContext, q, lang: str) -> list[str]:
    """The questionnaire's own bands and floors, as lines."""
    lines = [f"{ctx.standard.label('ratings', b.rating, lang)}: {b.min_score:g}+" for b in q.bands]
    lines += [f"{ctx.standard.label('ratings', f.rating, lang)}+: {pick(f.reason, lang)}" for f in q.floors]
    return lines


def _glossary(ctx: AppContext, q, visible: frozenset[str], lang: str) -> list[dict]:
    used = {t for question in q.questions if question.id in visible for t in question.terms}
    terms = [ctx.standard.glossary[t] for t in used if t in ctx.standard.glossary]
    out = [{"id": t.id, "term": pick(t.term, lang), "definition": pick(t.definition, lang)} for t in terms]
    return sorted(out, key=lambda t: t["term"].casefold())


def _method(ctx: AppContext, q, visible: frozenset[str], result: dict, lang: str, labels: dict) -> dict:
    keys = {k for question in q.questions if question.id in visible for k in question.basis}
    fired = {t["id"] for t in result["triggers"]} | {s["threshold"] for t in result["triggers"] for s in t["sources"]}
    keys |= {k for t in q.thresholds if t.id in fired for k in t.basis}
    sources = [{"key": k, "citation": ctx.standard.sources[k].citation} for k in sorted(keys)
               if k in ctx.standard.sources]
    return {"text": labels["method.text"],
            "standard": {"id": q.id, "title": pick(q.title, lang), "version": q.version,
                         "content_hash": q.content_hash},
            "software": f"fldd {__version__}", "sources": sources}


def write_assessment_pdf(ctx: AppContext, assessment_id: int, target: Path | str, *, closing: bool = False,
                         progress: Callable[[int, int, str], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> Path | None:
    """Write the assessment report (or, with closing, the closing-meeting summary) as a PDF at target; None,
    with nothing written, when cancelled."""
    from fldd.reports.assessment_pdf import render_assessment_pdf
    from fldd.usecases.output_files import write_bytes_atomically

    target = refuse_other_suffix(target, ".pdf", "the assessment report is a PDF")
    if progress:
        progress(0, 3, "gathering the assessment")
    data = assessment_report_data(ctx, assessment_id)
    if closing and data["kind"] != "onsite":
        raise Rejected([f"assessment {assessment_id} is a desktop self-assessment: the closing-meeting summary "
                        "is made for on-site assessments only"])
    if cancelled and cancelled():
        return None
    if progress:
        progress(1, 3, "laying out the pages")
    pdf = render_assessment_pdf(data, closing=closing)
    if cancelled and cancelled():
        return None
    if progress:
        progress(2, 3, "writing the file")
    write_bytes_atomically(target, pdf)
    if progress:
        progress(3, 3, "done")
    return target


def refuse_other_suffix(target: Path | str, suffix: str, what: str) -> Path:
    """target as a Path; Rejected, naming the file and the suffix expected, when its name ends otherwise: a PDF
    saved as report.txt opens in a text editor as garbage, and the recipient cannot tell what it is."""
    target = Path(target)
    if target.suffix.lower() != suffix:
        raise Rejected([f"{target}: {what}; give a file name ending in {suffix}"])
    return target
