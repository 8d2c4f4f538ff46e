"""Command-line face of corrective actions: `fldd actions list|show|move`, with the app's rules (a done or
verified step needs a note or a file, a reopen a reason) and its trail."""

from __future__ import annotations

import argparse

from fldd.cli_register import EXIT_OK, _print_json, _run

STEPS = ("in_progress", "done", "verified")


def cmd_actions_list(args: argparse.Namespace) -> int:
    from fldd.usecases.findings import list_findings

    def action(ctx) -> int:
        rows = list_findings(ctx, supplier_id=args.supplier, only_open=args.open, overdue_only=args.overdue)
        if args.json:
            _print_json(rows)
            return EXIT_OK
        for r in rows:
            owed = {"plan": "plan ", "closure": "closure "}.get(r["deadline_kind"], "")
            late = f"{owed}overdue {-r['days_left']}d" if r["overdue"] else ""
            closure = f" closure {r['closure_date']}" if r.get("closure_date") else ""
            print(f"{r['action_id']:>5}  {r['severity']:<8} {r['status']:<11} due {r['due_date']}{closure} {late:<20} "
                  f"{r['supplier'][:28]:<28} {r['title']}")
        print(f"{len(rows)} action(s)")
        return EXIT_OK

    return _run(args, action)


def cmd_actions_show(args: argparse.Namespace) -> int:
    from fldd.usecases.action_trail import action_record, trail_lines

    def action(ctx) -> int:
        data = action_record(ctx, args.id)
        if args.json:
            _print_json(data)
            return EXIT_OK
        closure = f", closure due {data['closure_date']}" if data.get("closure_date") else ""
        print(f"corrective action {data['action_id']} ({data['status']}, plan due {data['due_date']}{closure}): "
              f"{data['description']}")
        print(f"finding {data['id']} {data['severity']}: {data['title']} — {data['supplier']}, "
              f"assessment {data['assessment_id']}")
        for line in trail_lines(data):
            print(f"  {line}")
        for item in data["evidence"]:
            print(f"  evidence {item['id']}: {item['file_name']} ({item['size']} bytes, sha256 {item['sha256']})")
        return EXIT_OK

    return _run(args, action)


def cmd_actions_move(args: argparse.Namespace) -> int:
    from fldd.usecases.findings import set_action_status

    def action(ctx) -> int:
        set_action_status(ctx, args.id, args.status, note=args.note or "", evidence=args.file)
        print(f"corrective action {args.id}: {args.status.replace('_', ' ')}")
        return EXIT_OK

    return _run(args, action)


def add_actions(sub: argparse._SubParsersAction) -> None:
    """`fldd actions list|show|move`."""
    parser = sub.add_parser("actions", help="corrective actions and their history")
    asub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = asub.add_parser("list", help="corrective actions with their findings, most severe first")
    p.add_argument("--supplier", type=int, metavar="ID", help="only this supplier's")
    p.add_argument("--open", action="store_true", help="only those not yet verified")
    p.add_argument("--overdue", action="store_true", help="only those past their due date")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_actions_list)
    p = asub.add_parser("show", help="one action with its finding, evidence and history")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_actions_show)
    p = asub.add_parser("move", help="take a step: in_progress (start or reopen), done, verified; as the user "
                                     "and role chosen in the app")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("status", choices=STEPS)
    p.add_argument("--note", help="what was done or checked; why it is reopened (needed to reopen)")
    p.add_argument("--file", metavar="PATH", help="a file that shows it, kept as evidence by its sha256")
    p.set_defaults(handler=cmd_actions_move)
