"""Command-line face of the log of sent workbooks: `fldd workbook sent`, which came back and whom to chase."""

from __future__ import annotations

import argparse

from fldd.cli_register import EXIT_OK, _print_json, _run

NAME_WIDTH = 36


def state_text(row: dict) -> str:
    """What became of a sent workbook, in words: 'waiting 53 days', 'returned 2026-10-12 after 11 days', ..."""
    if row["status"] == "returned":
        copy = f", with the copy sent {row['returned_copy_sent_on']}" if row["returned_copy_sent_on"] else ""
        return f"returned {row['returned_on']} after {_days(row['days_to_return'])}{copy}"
    if row["status"] == "replaced":
        return f"replaced by the workbook sent {row['replaced_on']}"
    if row["status"] == "not_chased":
        return f"not chased: the supplier is {row['supplier_status']}"
    return f"waiting {_days(row['days_since_sent'])}" + (" (overdue)" if row["overdue"] else "")


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def cmd_sent(args: argparse.Namespace) -> int:
    from fldd.usecases.sent_workbooks import AWAITING, CHASE_AFTER_DAYS, sent_workbooks, summary

    def action(ctx) -> int:
        every = sent_workbooks(ctx)
        rows = [r for r in every if r["status"] == AWAITING] if args.awaiting else every
        counts = summary(every)
        if args.json:
            _print_json({"today": ctx.today().isoformat(), "chase_after_days": CHASE_AFTER_DAYS, "counts": counts,
                         "workbooks": rows})
            return EXIT_OK
        if not every:
            print("no workbook sent yet (see `fldd workbook export`)")
            return EXIT_OK
        width = min(NAME_WIDTH, max((len(r["supplier"]) for r in rows), default=0))
        for row in rows:
            name = row["supplier"] if len(row["supplier"]) <= width else row["supplier"][:width - 1] + "…"
            print(f"{row['sent_on']}  {name:<{width}}  {row['questionnaire']} {row['version']} ({row['language']})  "
                  f"{state_text(row)}")
        overdue = f" ({counts['overdue']} for more than {CHASE_AFTER_DAYS} days)" if counts["overdue"] else ""
        if args.awaiting:
            print(f"{counts['awaiting']} workbook{'s' if counts['awaiting'] != 1 else ''} awaiting return{overdue}, "
                  "oldest first")
        else:
            print(f"{counts['sent']} workbook{'s' if counts['sent'] != 1 else ''} sent: {counts['returned']} returned, "
                  f"{counts['awaiting']} awaiting{overdue}, {counts['replaced']} replaced by a newer one")
        return EXIT_OK

    return _run(args, action)


def add_sent(wsub: argparse._SubParsersAction) -> None:
    """`fldd workbook sent`, under `fldd workbook`."""
    p = wsub.add_parser("sent", help="the workbooks sent to suppliers, oldest first: returned, or waiting how long")
    p.add_argument("--awaiting", action="store_true",
                   help="only those awaiting return (not returned, not replaced by a newer one): whom to chase")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sent)
