"""Command-line faces of the buyer's queue: `fldd suppliers queue` and `fldd suppliers decide`."""

from __future__ import annotations

import argparse

from fldd.cli_register import EXIT_OK, _print_json, _run


def cmd_queue(args: argparse.Namespace) -> int:
    from fldd.usecases.queue import STEP_LABELS, queue_rows, select

    def action(ctx) -> int:
        from fldd.usecases.inherent import ensure_current

        ensure_current(ctx)  # a supplier rated with other editions than those in force is rated again first
        rows = select(queue_rows(ctx), step=args.step, country=args.country, undecided=args.undecided)
        if args.json:
            _print_json([{k: v for k, v in r.items() if k != "facts"} for r in rows])
            return EXIT_OK
        for r in rows:
            print(f"{r['supplier_id']:>5}  {r['supplier'][:36]:<36} {r['country']}  "
                  f"inherent {r['inherent_level'] or '-':<6}  {STEP_LABELS[r['step']]}")
            for reason in ([r["under_way"]] if r["under_way"] else []) + r["reasons"]:
                print(f"       - {reason}")
            if r["decision"]:
                d = r["decision"]
                print(f"       {d['lapsed_because'] or _decision_words(d)}")
        print(f"{len(rows)} supplier(s)")
        return EXIT_OK

    return _run(args, action)


def _decision_words(d: dict) -> str:
    from fldd.usecases.queue_decisions import DECISION_LABELS

    until = f" until {d['until']}" if d["decision"] == "defer" else f" for {d['until']}" if d["until"] else ""
    return (f"{DECISION_LABELS[d['decision']]}{until} by {d['decided_by']} on {d['decided_at'][:10]}: "
            f"{d['reason']}")


def cmd_decide(args: argparse.Namespace) -> int:
    from fldd.usecases.exchange import find_supplier
    from fldd.usecases.queue import STEP_LABELS
    from fldd.usecases.queue_decisions import decide

    def action(ctx) -> int:
        row = decide(ctx, find_supplier(ctx, args.supplier), args.decision, step=args.step, until=args.until,
                     reason=args.reason)
        if args.json:
            _print_json({k: v for k, v in row.items() if k != "facts"})
        else:
            print(f"{row['supplier']}: recommended {STEP_LABELS[row['step']]}; {_decision_words(row['decision'])}")
        return EXIT_OK

    return _run(args, action)


def add_queue(ssub: argparse._SubParsersAction) -> None:
    """`fldd suppliers queue` and `fldd suppliers decide`, under `fldd suppliers`."""
    from fldd.usecases.queue import STEPS
    from fldd.usecases.queue_decisions import DECISIONS

    p = ssub.add_parser("queue", help="every supplier's recommended next step and why, most urgent first")
    p.add_argument("--step", choices=STEPS)
    p.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 code")
    p.add_argument("--undecided", action="store_true", help="only those that need a decision")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_queue)
    p = ssub.add_parser("decide", help="record a decision against a supplier's recommended next step")
    p.add_argument("supplier", metavar="SUPPLIER", help="id or exact name")
    p.add_argument("--decision", required=True, choices=DECISIONS,
                   help="agree (planned), defer (until a date), other (another step), none (no action)")
    p.add_argument("--step", choices=STEPS, help="with --decision other: the step chosen instead")
    p.add_argument("--until", metavar="DATE", help="YYYY-MM-DD: planned for (agree), deferred until (defer)")
    p.add_argument("--reason", required=True, help="why (required)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_decide)
