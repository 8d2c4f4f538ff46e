"""An assessment's data as the dossier hands it on: `assessments show --json`, with every worker-interview
figure told through report_privacy's Disclosure (the one rule the PDF and the Excel report follow), so that
the file a customer or an authority receives singles out no worker where the PDF beside it would not.

The figures sit in many places of that JSON (answers, the values behind each trigger and finding, red flags,
mismatches, corrections, derived values such as the share of workers who paid a fee, rules such as
'wi_no_own_passport = 1', threshold ids and titles such as 'thr_os_wi_threats_single', the top questions of an
indicator, the interview records' tallies). Each is found by the question, derived value or threshold it
belongs to, never by where it sits: a figure reads as the report words it, a derived value is not shown, a rule
that reads one is left out, a title or threshold id that rests on one is replaced by its fact, and the
auditor's comments on interview questions are dropped (one may describe one worker). Nothing is replaced by
another number: the number interviewed is kept as it is (a sample size, the same in every file).
"""

from __future__ import annotations

from typing import Any

from fldd.usecases.context import AppContext

_VALUES = ("value", "declared", "was", "answer", "verified", "new_value", "old_value", "declared_value")
_RULES = ("rule", "detail")
_KEEP = object()


def discreet_assessment_json(ctx: AppContext, assessment_id: int) -> dict[str, Any]:
    """assessment_json with the worker-interview figures told as the reports tell them (see the docstring)."""
    from fldd.reports.labels import words
    from fldd.standard.model import pick
    from fldd.usecases.assessments import AssessmentSession, assessment_json
    from fldd.usecases.report_privacy import Disclosure, names

    data = assessment_json(ctx, assessment_id)
    session = AssessmentSession(ctx, assessment_id)
    lang = data["language"] or "en"
    labels = words(lang)
    disc = Disclosure(session.questionnaire, data["answers"], labels, ctx.standard, lang)
    if not disc.private:
        return data
    private = disc.private

    def worded(qid: str, value: Any) -> Any:
        if qid in disc.counts and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return value if not disc.small_sample or value is None else labels["not_shown"]
        told = disc.label(qid, value, _KEEP)
        return value if told is _KEEP else told

    result = data["result"]
    result["red_flags"] = [f for f in result["red_flags"] if not disc.hidden(f["question"])]
    result["mismatches"] = [m for m in result["mismatches"] if not disc.hidden(m["question"])]
    result["completeness"] = {**result["completeness"],
                              **disc.completeness(result["completeness"], session.result.visible, data["answers"])}
    for key, table in (("indicators", result["indicators"]), ("modules", result["modules"])):
        for name, entry in table.items():
            asked = disc.asked(session.result.visible, data["answers"],
                               **({"indicator": int(name)} if key == "indicators" else {"module": name}))
            if asked is not None:
                entry["answered"], entry["visible"] = asked
            entry["top"] = _once([labels["from_interviews"] if t in private else t for t in entry.get("top", [])
                                  if not (disc.small_sample and t in private)])
    if disc.small_sample and disc.module in result["modules"]:  # from fewer than K interviews, nothing at all
        result["modules"][disc.module].update(risk=labels["not_shown"], score=labels["not_shown"])
    floors = {pick(f.reason, lang) for f in session.questionnaire.floors
              if disc.reads(names(f.condition.text)) or any(disc.threshold_reads(t) for t in names(f.condition.text))}
    result["rating_reasons"] = _once([labels["interview_reason"] if r in floors else r
                                      for r in result["rating_reasons"]])
    result["triggers"] = [t for t in result["triggers"] if not disc.withheld(t)]
    data["findings"] = [f for f in data["findings"] if not disc.withheld(f)]
    for row in [*result["triggers"], *data["findings"]]:
        for key in ("values", "because"):
            if isinstance(row.get(key), dict):
                row[key] = disc.behind(row, row[key])
            elif isinstance(row.get(key), list) and disc.behind(row, {}) is not None:
                row[key] = [k for k in row[key] if k in disc.behind(row, dict.fromkeys(row[key]))]
        if disc.small_sample:  # even 'not shown' behind a rule would tell that a worker said it
            for key in ("values", "because"):
                if isinstance(row.get(key), dict):
                    row[key] = {k: v for k, v in row[key].items() if k not in private}
                elif isinstance(row.get(key), list):
                    row[key] = [k for k in row[key] if k not in private]
    for t in result["triggers"]:
        t["title"] = disc.finding_title(t)
        if disc.threshold_reads(t["id"]) or any(disc.threshold_reads(s["threshold"]) for s in t.get("sources", [])):
            t["id"] = t["fact"] = disc.public_id(t)
        for s in t.get("sources", []):
            _source(disc, s, labels)
    for f in data["findings"]:
        f["title"] = disc.finding_title(f)
        if disc.threshold_reads(f.get("threshold_id")) or any(disc.threshold_reads(s["threshold"])
                                                               for s in f.get("sources") or []):
            f["threshold_id"] = f["fact"] = disc.public_id(f)
        for s in f.get("sources") or []:
            _source(disc, s, labels)
    data = _walk(data, private, worded)
    if disc.small_sample:  # which follow-ups hold an answer would tell that a count is above 0
        data["answers"].update({qid: labels["not_shown"] for qid in disc.rows()})
    sampling = data.get("sampling", {}).get("interviews")
    if sampling and disc.total is not None:  # where and how interviews were held, told as any count of them
        for group in ("held", "interpreter"):
            for k, v in sampling.get(group, {}).items():
                sampling[group][k] = _tally(disc, v, labels)
    return data


def _source(disc, s: dict, labels: dict) -> None:
    if disc.threshold_reads(s.get("threshold")):
        s.update(title=labels["from_interviews"], threshold=labels["from_interviews"])
        if isinstance(s.get("because"), list):
            s["because"] = [k for k in s["because"] if k != disc.total_id]


def _tally(disc, n: Any, labels: dict) -> Any:
    """A count of interviews out of all those held, under the same rule as a count of workers."""
    from fldd.usecases.report_privacy import K

    b = disc.total
    if not isinstance(n, int) or n == 0:
        return labels["not_shown"] if disc.small_sample else n
    if disc.small_sample or b < 2 * K:
        return labels["not_shown"]
    if n < K:
        return labels["fewer_than"].format(n=K)
    if n > b - K:
        return labels["more_than"].format(n=b - K)
    return n


def _once(items: list) -> list:
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _walk(node: Any, private: set[str], worded) -> Any:
    from fldd.usecases.report_privacy import names

    if isinstance(node, list):
        return [_walk(item, private, worded) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    about = node.get("question") if isinstance(node.get("question"), str) else None
    for key, value in node.items():
        if key == "comments" and isinstance(value, dict):
            out[key] = {k: v for k, v in value.items() if k not in private}
        elif key in _RULES and isinstance(value, str) and private & names(value):
            out[key] = ""
        elif about in private and key in _VALUES:
            out[key] = worded(about, value)
        elif key in private and isinstance(value, dict):
            out[key] = {k: worded(key, v) if k in _VALUES else v for k, v in value.items()}
        elif key in private and not isinstance(value, list):
            out[key] = worded(key, value)
        else:
            out[key] = _walk(value, private, worded)
    return out
