"""Command-line faces of the register: `fldd suppliers`, `fldd assessments`, `fldd demo`."""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_REJECTED = 0, 1


def _context(args: argparse.Namespace):
    from fldd import app_config
    from fldd.usecases.context import open_context

    def say_waiting(holder) -> None:
        print(f"fldd: waiting for {holder.describe()} to finish with the database", file=sys.stderr, flush=True)

    return open_context(args.db or app_config.database_to_open(), on_wait=say_waiting)


def _print_json(data: object) -> None:
    # one string, one write: json.dump to a stream writes every token on its own (1.2 million writes, 13 s, for
    # the queue of 10,000 suppliers)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _fail(messages: list[str]) -> int:
    """Print the refusal; messages quote names read from files, so control characters never reach the terminal."""
    from fldd.terminal_text import shown

    for message in messages:
        print("error: " + "\n".join(shown(line) for line in message.split("\n")), file=sys.stderr)
    return EXIT_REJECTED


def _run(args: argparse.Namespace, action, *, current_risk: bool = True, reraise: tuple = ()) -> int:
    """Open the database, run the action, and turn rejected input or store problems into exit code 1. With
    current_risk, suppliers rated with other risk-data editions than those in force are first recomputed;
    an opening error of a kind in reraise is left to the caller."""
    from fldd.app_config import DatabaseMissing
    from fldd.standard.answers import AnswerError
    from fldd.store.errors import NotFound, StoreError
    from fldd.usecases.errors import Rejected

    try:
        ctx = _context(args)
    except reraise:
        raise
    except (StoreError, DatabaseMissing) as exc:
        return _fail([str(exc)])
    try:
        if current_risk:
            from fldd.usecases.risk_data import make_risk_current

            make_risk_current(ctx)  # a load or withdrawal a crash cut short is finished before anything reads risk
        return action(ctx)
    except Rejected as exc:
        return _fail(exc.messages)
    except (StoreError, AnswerError) as exc:
        return _fail([str(exc)])
    except NotFound as exc:
        return _fail([f"no {exc.args[0]}"])
    finally:
        ctx.close()


def cmd_suppliers_add(args: argparse.Namespace) -> int:
    from fldd.usecases.suppliers import add_supplier, get_supplier, supplier_json

    def action(ctx) -> int:
        identifiers = {"os_id": args.os_id or ""}
        for item in args.identifier or []:
            scheme, _, value = item.partition("=")
            identifiers[scheme.strip()] = value
        supplier_id = add_supplier(ctx, args.name, args.country, address=args.address or "", goods=args.goods or [],
                                   sector=args.sector or "", chain_tier=args.chain_tier, identifiers=identifiers,
                                   aliases=args.alias or [], corridors=args.corridor or [],
                                   materials=args.material or [])
        supplier = get_supplier(ctx, supplier_id)
        if args.json:
            _print_json(supplier_json(supplier))
        else:
            print(f"added supplier {supplier.id}: {supplier.name} ({supplier.country}), "
                  f"inherent risk {supplier.inherent_level or '-'}")
            for factor in supplier.inherent_factors or []:
                if factor["points"] or factor["lifts_to"]:
                    print(f"  +{factor['points']}  {factor['words']} [{factor['source']}"
                          + (f"; {factor['edition']}" if factor["edition"] else "") + "]")
        return EXIT_OK

    return _run(args, action, current_risk=True)


def cmd_suppliers_list(args: argparse.Namespace) -> int:
    from fldd.usecases.queue import queue_rows
    from fldd.usecases.rating_words import rating_text
    from fldd.usecases.suppliers import register

    def action(ctx) -> int:
        if args.json:
            from fldd.usecases.inherent import ensure_current

            ensure_current(ctx)  # the inherent risk and next step as of the editions in force
        rows = register(ctx)
        queue = {q["supplier_id"]: q for q in queue_rows(ctx)} if args.json else {}
        for row in rows:
            if args.json:  # the recommended next step and why (fldd suppliers queue has the rest)
                q = queue[row["id"]]
                row.update(recommendation=q["step"], recommendation_label=q["step_label"], reasons=q["reasons"],
                           under_way=q["under_way"], risk_editions=q["risk_editions"])
            row.pop("inherent_editions", None)  # an internal stamp; risk_editions says it in words
            row["goods"] = json.loads(row["goods"])
            words = None
            if row["assessment_id"] is not None:  # the latest assessment's rating, provisional until submitted
                words = rating_text(row["rating"], row["assessment_status"], row["answered_required"], row["required"])
            row["rating_text"] = words.text if words else None
            row["provisional"] = words.provisional if words else None
        if args.json:
            _print_json(rows)
            return EXIT_OK
        for r in rows:
            print(f"{r['id']:>5}  {r['name'][:40]:<40} {r['country']}  tier {r['chain_tier']}  "
                  f"inherent {r['inherent_level'] or '-':<6} {', '.join(r['goods'])[:30]:<30}  "
                  f"{r['rating_text'] or 'not assessed'}")
        print(f"{len(rows)} supplier(s)")
        return EXIT_OK

    return _run(args, action, current_risk=True)


def cmd_suppliers_corrections(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from fldd.usecases.corrections import pending_corrections
    from fldd.usecases.exchange import find_supplier

    def action(ctx) -> int:
        supplier_id = find_supplier(ctx, args.supplier) if args.supplier else None
        rows = pending_corrections(ctx, supplier_id)
        if args.json:
            _print_json([{**asdict(c), "changed_since": c.changed_since, "already_held": c.already_held}
                         for c in rows])
            return EXIT_OK
        for c in rows:
            print(f"{c.id:>5}  {c.supplier}: {c.label}: {c.on_file or '(empty)'} -> {c.suggested}  "
                  f"({c.file_name or 'returned workbook'}, {c.received_at[:10]})")
            if c.changed_since:
                print(f"       the register has changed since the export: now {c.current or '(empty)'}")
        print(f"{len(rows)} suggested correction(s) waiting for a decision")
        return EXIT_OK

    return _run(args, action)


def cmd_suppliers_decide(args: argparse.Namespace) -> int:
    from fldd.usecases.corrections import apply_correction, dismiss_correction

    def action(ctx) -> int:
        if args.decision == "apply":
            before = apply_correction(ctx, args.id)
            print(f"applied: {before.supplier}: {before.label} is now {before.suggested}")
        else:
            dismiss_correction(ctx, args.id)
            print(f"dismissed suggested correction {args.id}")
        return EXIT_OK

    return _run(args, action)


def cmd_assessments_list(args: argparse.Namespace) -> int:
    from fldd.usecases.assessments import list_assessments

    def action(ctx) -> int:
        rows = list_assessments(ctx)
        if args.json:
            _print_json(rows)
            return EXIT_OK
        for r in rows:
            score = "-" if r["score"] is None else f"{r['score']:.0f}"
            ref = f"{r['questionnaire_id']} {r['questionnaire_version']}"
            print(f"{r['id']:>5}  {r['supplier'][:32]:<32} {ref:<19} {r['status']:<12} "
                  f"score {score:>3}  valid until {r['valid_until'] or '-':<10}  {r['rating_text']}")
        print(f"{len(rows)} assessment(s)")
        return EXIT_OK

    return _run(args, action)


def cmd_assessments_show(args: argparse.Namespace) -> int:
    from fldd.usecases.action_trail import trail_lines
    from fldd.usecases.assessments import assessment_json

    def action(ctx) -> int:
        data = assessment_json(ctx, args.id)
        if args.json:
            _print_json(data)
            return EXIT_OK
        result = data["result"]
        print(f"assessment {data['id']}: {data['supplier']['name']} ({data['supplier']['country']}), "
              f"{data['questionnaire']}@{data['version']}, {data['status']}")
        score = "-" if result["score"] is None else f"{result['score']:.1f}"
        print(f"{data['rating_text']}, score {score}, "
              f"{result['completeness']['percent']:.0f}% complete, expires {result['expires'] or '-'}")
        for c in data["corrections"].values():
            again = " (to re-confirm: the supplier declared anew)" if c["to_reconfirm"] else ""
            print(f"  corrected {c['question']}: declared {json.dumps(c['declared'], ensure_ascii=False)}, now "
                  f"{json.dumps(c['value'], ensure_ascii=False)}, by {c['by'] or '-'} on {c['at'][:10]}: "
                  f"{c['reason']}{again}")
        from fldd.cli_standard import finding_dates

        for t in result["triggers"]:
            sev = f" [{t['severity']}, {finding_dates(t)}]" if t["severity"] else ""
            because = ", ".join(t["because"][:6]) + (f" and {len(t['because']) - 6} more" if len(t["because"]) > 6 else "")
            print(f"  {t['action']}{sev}: {t['title']}  (because {because or '-'})")
        for f in data["findings"]:
            print(f"  finding {f['id']} {f['severity']}: {f['title']} -> action due {f['due_date']} ({f['status']})")
            for line in trail_lines(f):
                print(f"      {line}")
        for check in data["sampling"]["checks"]:
            print(f"  sample: {check['text']}{' (below the minimum)' if check['short'] else ''}")
        for r in data["sampling"]["reasons"]:
            print(f"  reason for a small sample ({r['done']} of {r['minimum']}), given by {r['given_by']} at "
                  f"{r['given_at']}: {r['reason']}")
        for m in data["moves"]:
            print(f"  moved from {data['questionnaire']} {m['from_version']} to {m['to_version']} by "
                  f"{m['moved_by'] or '-'} at {m['moved_at']} (it was {m['status'].replace('_', ' ')})")
        for versions in sorted({r["asked_in"] or "an earlier version" for r in data["retired_answers"]}):
            print(f"  answers from version {versions} no longer asked (kept, not scored):")
            for r in data["retired_answers"]:
                if (r["asked_in"] or "an earlier version") == versions:
                    text = r["text"].get("en") or next(iter(r["text"].values()), "")
                    print(f"      {r['question']}: {json.dumps(r['value'], ensure_ascii=False)}  {text}")
        return EXIT_OK

    return _run(args, action)


def cmd_assessments_submit(args: argparse.Namespace) -> int:
    from fldd.usecases.assessments import AssessmentSession

    def action(ctx) -> int:
        session = AssessmentSession(ctx, args.id)
        session.move_to("submitted", sample_reason=args.sample_reason)
        print(f"assessment {args.id} submitted")
        return EXIT_OK

    return _run(args, action)


def cmd_assessments_migrate(args: argparse.Namespace) -> int:
    from fldd.usecases.version_moves import move_all, move_assessment, report_lines

    def action(ctx) -> int:
        if (args.id is None) == (not args.all):
            return _fail(["name one assessment (ID) or --all"])
        if args.id is not None and args.from_version:
            return _fail(["--from goes with --all"])
        if args.id is not None:
            report = move_assessment(ctx, args.id, args.to, dry_run=args.dry_run)
            if args.json:
                _print_json(report)
            else:
                print("\n".join(report_lines(report)))
            return EXIT_OK
        done = move_all(ctx, args.from_version, args.to, dry_run=args.dry_run)
        if args.json:
            _print_json(done)
            return EXIT_OK
        for report in done["moved"]:
            print("\n".join(report_lines(report)))
        for item in done["skipped"]:
            print(f"assessment {item['assessment']} ({item['supplier']}, {item['questionnaire']}) not moved: "
                  f"{item['why']}")
        verb = "would move" if args.dry_run else "moved"
        print(f"{len(done['moved'])} assessment(s) {verb}, {len(done['skipped'])} not moved")
        return EXIT_OK

    return _run(args, action)


def cmd_demo(args: argparse.Namespace) -> int:
    from fldd.usecases.demo import build_demo

    def action(ctx) -> int:
        summary = build_demo(ctx)
        if args.json:
            _print_json(summary)
        else:
            print(f"demo portfolio: {summary['suppliers']} suppliers, {summary['assessments']} assessments, "
                  f"{summary['findings']} findings" + (" (already there)" if summary["existing"] else ""))
        return EXIT_OK

    return _run(args, action)


def add_suppliers(sub: argparse._SubParsersAction) -> None:
    """`fldd suppliers add|list|corrections|apply-correction|dismiss-correction|screening|screen|queue|decide`."""
    parser = sub.add_parser("suppliers", help="the supplier register")
    ssub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = ssub.add_parser("add", help="add a supplier")
    p.add_argument("--name", required=True)
    p.add_argument("--country", required=True, help="ISO 3166-1 alpha-2 code, e.g. MY")
    p.add_argument("--goods", nargs="*", metavar="G", help="goods made at the site")
    p.add_argument("--os-id", help="Open Supply Hub OS ID (checked offline)")
    p.add_argument("--identifier", action="append", metavar="SCHEME=VALUE", help="e.g. sedex=ZC1234, lei=...")
    p.add_argument("--address")
    p.add_argument("--sector")
    p.add_argument("--chain-tier", type=int, default=1, help="1 = direct supplier, 2 = its supplier, ...")
    p.add_argument("--alias", action="append", metavar="NAME",
                   help="another name the site trades under or is written in (repeat for more); screened against "
                        "entity lists")
    p.add_argument("--corridor", action="append", metavar="CC",
                   help="ISO code of a country the site's migrant workers are recruited from, e.g. NP (repeat for "
                        "more)")
    p.add_argument("--material", action="append", metavar="MATERIAL@CC",
                   help="a raw material and its country of origin, e.g. Cotton@CN (repeat for more)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_suppliers_add)
    p = ssub.add_parser("list", help="every supplier with its latest rating")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_suppliers_list)
    p = ssub.add_parser("corrections", help="profile corrections suppliers suggested in returned workbooks")
    p.add_argument("supplier", nargs="?", metavar="SUPPLIER", help="id or exact name (default: every supplier)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_suppliers_corrections)
    for decision, words in (("apply", "write a suggested correction into the register"),
                            ("dismiss", "close a suggested correction without changing the register")):
        p = ssub.add_parser(f"{decision}-correction", help=words)
        p.add_argument("id", type=int, metavar="ID", help="as `fldd suppliers corrections` lists it")
        p.set_defaults(handler=cmd_suppliers_decide, decision=decision)
    from fldd.cli_screening import add_screening

    add_screening(ssub)
    from fldd.cli_queue import add_queue

    add_queue(ssub)

def add_assessments(sub: argparse._SubParsersAction) -> None:
    """`fldd assessments list|show|submit|migrate`."""
    parser = sub.add_parser("assessments", help="assessments and their results")
    asub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = asub.add_parser("list", help="every assessment, newest first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_assessments_list)
    p = asub.add_parser("show", help="one assessment with answers, result and findings")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_assessments_show)
    p = asub.add_parser("submit", help="submit a draft assessment (every required answer given)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--sample-reason", metavar="TEXT",
                   help="on-site: why fewer workers or files were sampled than the protocol asks for the site's size")
    p.set_defaults(handler=cmd_assessments_submit)
    p = asub.add_parser("migrate", help="move assessments to a newer version of their questionnaire, with a report",
                        description="Answers are carried by data-point id where the question still exists with the "
                        "same type and the answer is still valid; new questions are left to answer; answers to "
                        "questions no longer asked are kept read-only and not scored. Closed assessments stay.")
    p.add_argument("id", type=int, nargs="?", metavar="ID", help="the assessment to move")
    p.add_argument("--all", action="store_true", help="every assessment not on the target version")
    p.add_argument("--from", dest="from_version", metavar="VERSION", help="with --all: only those on this version")
    p.add_argument("--to", metavar="VERSION", help="the version to move to (default: the current one)")
    p.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_assessments_migrate)


def add_demo(sub: argparse._SubParsersAction) -> None:
    """`fldd demo`."""
    p = sub.add_parser("demo", help="add a demo portfolio to the database (idempotent)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_demo)
