"""Command-line face of the risk data: `fldd risk editions|load|withdraw`."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from fldd.cli_register import EXIT_OK, _print_json, _run


def _edition_json(edition, in_force: bool) -> dict:
    return {**dataclasses.asdict(edition), "in_force": in_force, "shown": edition.shown()}


def _line(edition) -> str:
    where = f"loaded {edition.loaded_at} by {edition.loaded_by} from {edition.file_name}" if edition.loaded_at \
        else "shipped with fldd"
    published = f", published {edition.published}" if edition.published else ""
    rows = f"{edition.rows:,} row{'' if edition.rows == 1 else 's'}"
    return f"{edition.kind:<13} {edition.name}, {edition.shown()}{published}: {rows}, {where}"


def cmd_risk_editions(args: argparse.Namespace) -> int:
    from fldd.usecases.risk_data import basis_lines, refresh_if_pending, risk_editions

    def action(ctx) -> int:
        refresh_if_pending(ctx)
        in_force = risk_editions(ctx)
        others = risk_editions(ctx, include_replaced=True)[len(in_force):] if args.all else []
        if args.json:
            _print_json([_edition_json(e, True) for e in in_force] + [_edition_json(e, False) for e in others])
            return EXIT_OK
        print("In force:")
        for e in in_force:
            print(f"  {_line(e)}")
            if e.note:  # a whole table may still list only some countries (TIP: Watch List and Tier 3)
                print(f"  {'':<13} {e.note}")
            for line in basis_lines(e):
                print(f"  {'':<13} {line}")
        if others:
            print("Replaced or withdrawn:")
            for e in others:
                print(f"  {_line(e)}")
        return EXIT_OK

    return _run(args, action)


def cmd_risk_load(args: argparse.Namespace) -> int:
    from fldd.usecases.risk_data import load_risk_edition

    def action(ctx) -> int:
        loaded = load_risk_edition(ctx, args.kind, args.file, list_name=args.list, edition=args.edition,
                                   published=args.published, older=args.older, fewer_rows=args.fewer_rows)
        if args.json:
            _print_json({"edition": _edition_json(loaded.edition, True), "unchanged": loaded.unchanged,
                         "replaced": loaded.replaced and _edition_json(loaded.replaced, False),
                         "suppliers_changed": loaded.suppliers_changed, "rows_combined": loaded.combined,
                         "summary": loaded.summary()})
        else:
            print(loaded.summary())
        return EXIT_OK

    return _run(args, action)


def cmd_risk_withdraw(args: argparse.Namespace) -> int:
    from fldd.usecases.risk_data import withdraw_list

    def action(ctx) -> int:
        count = withdraw_list(ctx, args.kind, args.list, reason=args.reason or "")
        print(f"withdrew {args.list} ({count} edition{'' if count == 1 else 's'}); it is no longer in force")
        return EXIT_OK

    return _run(args, action)


def add_risk(sub: argparse._SubParsersAction) -> None:
    """`fldd risk editions|load|withdraw`."""
    from fldd.risk.data import KINDS

    parser = sub.add_parser("risk", help="the public risk data and the buyer's own lists, by edition")
    rsub = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    p = rsub.add_parser("editions", help="the editions in force (--all: the replaced and withdrawn ones too)")
    p.add_argument("--all", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_risk_editions)
    p = rsub.add_parser("load", help="load a newer edition from CSV or Excel (layouts: resources/risk/README.md)")
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=", ".join(KINDS))
    p.add_argument("file", type=Path, metavar="FILE", help=".csv or .xlsx")
    p.add_argument("--list", metavar="NAME", help="the list's name (eu_flr, entity_list, own_list: several at once)")
    p.add_argument("--edition", metavar="E", help="the publisher's edition, e.g. 2025 (default: a year in the "
                                                  "file name)")
    p.add_argument("--published", metavar="DATE", help="when the publisher released it, YYYY-MM-DD")
    p.add_argument("--fewer-rows", action="store_true",
                   help="put in force a DOL or TIP table with fewer than half the rows of the one in force (refused "
                        "without this: it looks like part of the list)")
    p.add_argument("--older", action="store_true",
                   help="put in force an edition older than the one in force (refused without this)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_risk_load)
    p = rsub.add_parser("withdraw", help="take an EU FLR, entity or own list out of force (it is kept)")
    p.add_argument("kind", choices=("eu_flr", "entity_list", "own_list"), metavar="KIND")
    p.add_argument("list", metavar="NAME", help="the list's name as `fldd risk editions` shows it")
    p.add_argument("--reason", metavar="TEXT")
    p.set_defaults(handler=cmd_risk_withdraw)
