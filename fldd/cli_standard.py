"""Command-line faces of the standard: `fldd questionnaires list|validate|show` and `fldd score`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_REJECTED = 0, 1


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _rel(path: str) -> str:
    """A path relative to the working folder when it is inside it, for shorter messages."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def _rejected(exc) -> int:
    for message in exc.messages:
        print(f"error: {message}", file=sys.stderr)
    return EXIT_REJECTED


def cmd_list(args: argparse.Namespace) -> int:
    from fldd.usecases.questionnaires import list_questionnaires

    rows = list_questionnaires()
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for r in rows:
        print(f"{r['id']}@{r['version']}  {r['tier']:<8} {r['questions']:>3} questions, {r['modules']:>2} modules, "
              f"{r['thresholds']:>3} thresholds  [{', '.join(r['languages'])}]  {r['title']}"
              + (f"  (also reads {', '.join(r['earlier_versions'])})" if r["earlier_versions"] else ""))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from fldd.usecases.questionnaires import validate

    loaded = validate([Path(p) for p in args.paths])
    problems = [p for p in loaded.problems if args.warnings or p.level == "error"]
    if args.json:
        _print_json({"ok": not loaded.errors, "problems": [p.to_json() for p in loaded.problems],
                     "questionnaires": [f"{q.id}@{q.version}" for q in loaded.standard.questionnaires.values()]})
    else:
        for p in problems:
            print(f"{_rel(p.path)}:{p.line}: {p.level}:{' [' + p.item + ']' if p.item else ''} {p.message}")
        hidden = len(loaded.problems) - len(problems)
        names = ", ".join(f"{q.id}@{q.version}" for q in loaded.standard.questionnaires.values())
        summary = f"{len(loaded.errors)} error(s), {len(loaded.problems) - len(loaded.errors)} warning(s)"
        if hidden:
            summary += " (use --warnings to list them)"
        print(("ok: " + names + "; " if not loaded.errors else "failed: ") + summary,
              file=sys.stderr if loaded.errors else sys.stdout)
    return EXIT_REJECTED if loaded.errors else EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from fldd.usecases.errors import Rejected
    from fldd.usecases.questionnaires import show

    try:
        data = show(args.id, args.lang)
    except Rejected as exc:
        return _rejected(exc)
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"{data['title']} ({data['id']}@{data['version']}, {data['tier']})")
    byid = {q["id"]: q for q in data["questions"]}
    for m in data["modules"]:
        print(f"\n== {m['title']} [{m['id']}]" + (f"  (shown if {m['show_if']})" if m["show_if"] else ""))
        for qid in m["questions"]:
            q = byid[qid]
            extra = f"  (shown if {q['show_if']})" if q["show_if"] else ""
            ind = f"  ILO {','.join(map(str, q['indicators']))}" if q["indicators"] else ""
            print(f"  {qid} [{q['type']}]{ind}{extra}\n      {q['text']}")
    print("\n== Thresholds")
    for t in data["thresholds"]:
        sev = f" {t['severity']}, plan {t['plan_days']} days, closure {t['closure_days']} days" if t["severity"] else ""
        print(f"  {t['id']}: {t['action']}{sev}\n      {t['title']}\n      if {t['condition']}")
    return EXIT_OK


def cmd_score(args: argparse.Namespace) -> int:
    from fldd.usecases.errors import Rejected
    from fldd.usecases.scoring import score_file

    try:
        q, result = score_file(Path(args.answers), args.questionnaire)
    except Rejected as exc:
        return _rejected(exc)
    data = result.to_json()
    if args.json:
        _print_json(data)
        return EXIT_OK
    score = "-" if data["score"] is None else f"{data['score']:.1f}"
    print(f"{q.id}@{q.version}: rating {data['rating'] or 'not rated'}, score {score}/100, "
          f"{data['completeness']['percent']:.0f}% of required questions answered")
    for reason in data["rating_reasons"]:
        print(f"  rating capped: {reason}")
    levels = {None: "-", 0: "none", 1: "low", 2: "medium", 3: "high"}
    print("ILO indicators: " + ", ".join(f"{k}:{levels[v['risk']]}" for k, v in data["indicators"].items()))
    for flag in data["red_flags"]:
        print(f"red flag: {flag['question']}: {flag['reason']}")
    for m in data["mismatches"]:
        print(f"mismatch: {m['question']} = {m['answer']} but declared {m['verifies']} = {m['declared']}")
    for t in data["triggers"]:
        sev = f" [{t['severity']}, {finding_dates(t)}]" if t["severity"] else ""
        print(f"trigger {t['id']}: {t['action']}{sev}: {t['title']}")
        print(f"    rule: {t['rule']}")
        if t["because"]:
            shown = [f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in list(t["values"].items())[:8]]
            more = len(t["values"]) - len(shown)
            print("    because: " + ", ".join(shown) + (f" and {more} more" if more > 0 else ""))
    for note in data["notes"]:
        print(f"note: {note}")
    if data["completeness"]["missing"]:
        print(f"missing: {', '.join(data['completeness']['missing'])}")
    return EXIT_OK


def cmd_lock(args: argparse.Namespace) -> int:
    from fldd.usecases.errors import Rejected
    from fldd.usecases.questionnaires import update_lock

    try:
        path, added = update_lock()
    except Rejected as exc:
        return _rejected(exc)
    listed = ", ".join(added[:10]) + (f" and {len(added) - 10} more" if len(added) > 10 else "")
    print(f"{_rel(str(path))}: {len(added)} new data point(s) recorded" + (f": {listed}" if added else ""))
    return EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from fldd.usecases.errors import Rejected
    from fldd.usecases.questionnaires import release

    try:
        path, written = release(args.id)
    except Rejected as exc:
        return _rejected(exc)
    print(f"{_rel(str(path))}: " + ("released" if written else "already released with this content, unchanged"))
    return EXIT_OK


def add_questionnaires(sub: argparse._SubParsersAction) -> None:
    """`fldd questionnaires list|validate|show|lock|release`."""
    parser = sub.add_parser("questionnaires", help="list, validate and show the fldd standard's questionnaires")
    qsub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = qsub.add_parser("list", help="the shipped questionnaires")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)
    p = qsub.add_parser("validate", help="check questionnaire files (default: every shipped one)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="questionnaire files or folders")
    p.add_argument("--warnings", action="store_true", help="list warnings (missing translations) too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_validate)
    p = qsub.add_parser("show", help="the whole questionnaire, normalised")
    p.add_argument("id", metavar="ID", help="questionnaire id, or id@version")
    p.add_argument("--lang", default="en", help="language of the texts (default en)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)
    p = qsub.add_parser("lock", help="record newly published data-point ids in datapoints.lock.json (maintainers)")
    p.set_defaults(handler=cmd_lock)
    p = qsub.add_parser("release", help="freeze a questionnaire's current version in releases/ (maintainers)")
    p.add_argument("id", metavar="ID", help="questionnaire id")
    p.set_defaults(handler=cmd_release)


def add_score(sub: argparse._SubParsersAction) -> None:
    """`fldd score`."""
    p = sub.add_parser("score", help="score an answers file (JSON, see README)")
    p.add_argument("answers", metavar="ANSWERS.json")
    p.add_argument("--questionnaire", metavar="ID", help="questionnaire id (default: the one the file names)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_score)


def finding_dates(trigger: dict) -> str:
    """A finding's two deadlines: the corrective-action plan's and the closure's (dates when known)."""
    plan = f"plan due {trigger['plan_due']}" if trigger.get("plan_due") else f"plan due in {trigger['plan_days']} days"
    if trigger.get("closure_due"):
        return f"{plan}, closure due {trigger['closure_due']}"
    return f"{plan}, closure due in {trigger['closure_days']} days" if trigger.get("closure_days") else plan
