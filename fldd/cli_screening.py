"""Command-line faces of entity-list screening: `fldd suppliers screening [confirm|dismiss|reopen]` and
`fldd suppliers screen`."""

from __future__ import annotations

import argparse

from fldd.cli_register import EXIT_OK, _print_json, _run
from fldd.usecases.screening import PENDING_MEANS

STATUS_CHOICES = ("pending", "confirmed", "dismissed", "closed", "delisted", "all")


def match_lines(m: dict) -> list[str]:
    """A match in words: who, which entry of which list, what matched what and how, and any decision."""
    edition = f" {m['edition']}" if m["edition"] else ""
    if m.get("delisted"):  # confirmed, and the listing is gone: kept for the record, counted no more
        head = (f"{m['id']:>5}  {'delisted':<9}  {m['supplier']} (supplier {m['supplier_id']}) was confirmed as "
                f"{m['entity']}, last listed on {m['list_name']}{edition}")
    else:
        head = (f"{m['id']:>5}  {m['status']:<9}  {m['supplier']} (supplier {m['supplier_id']}) may be "
                f"{m['entity']} on {m['list_name']}{edition}")
    lines = [head,
             f"       '{m['matched_on']}' ~ '{m['matched_to']}': {m['how']} (strength {m['strength']} of 100)"]
    if m["entity_aliases"]:
        lines.append(f"       listed aliases: {'; '.join(m['entity_aliases'])}")
    if m["decided_at"]:
        verb = "reopened" if m["status"] in ("pending", "closed") else m["status"]
        lines.append(f"       {verb} by {m['decided_by']} on {m['decided_at'][:10]}: {m['reason']}")
    if m["closed_at"]:
        lines.append(f"       since {m['closed_at'][:10]}: {m['closed_why']}")
    return lines


def cmd_screening_list(args: argparse.Namespace) -> int:
    from fldd.usecases.screening import screening_matches

    def action(ctx) -> int:
        rows = screening_matches(ctx, status=args.status)
        if args.json:
            _print_json(rows)
            return EXIT_OK
        for m in rows:
            print("\n".join(match_lines(m)))
        what = "" if args.status == "all" else f" {args.status}"
        print(f"{len(rows)}{what} possible entity-list match(es)"
              + (": confirm or dismiss each with --reason" if args.status == "pending" and rows else ""))
        return EXIT_OK

    return _run(args, action)


def cmd_screening_decide(args: argparse.Namespace) -> int:
    from fldd.usecases.screening import decide_match, reopen_match

    def action(ctx) -> int:
        if args.decision == "reopen":
            match = reopen_match(ctx, args.id, reason=args.reason)
        else:
            match = decide_match(ctx, args.id, confirmed=args.decision == "confirm", reason=args.reason)
        if args.json:
            _print_json(match)
        else:
            print("\n".join(match_lines(match)))
        return EXIT_OK

    return _run(args, action)


def cmd_screen(args: argparse.Namespace) -> int:
    from fldd.usecases.exchange import find_supplier
    from fldd.usecases.screening import screen_suppliers, screening_matches

    def action(ctx) -> int:
        ids = [find_supplier(ctx, args.supplier)] if args.supplier else None
        asked = screen_suppliers(ctx, ids)
        pending = [m for m in screening_matches(ctx, status="pending") if ids is None or m["supplier_id"] in ids]
        print(f"{asked} new possible match(es); {len(pending)} pending a decision "
              "(fldd suppliers screening lists them)")
        return EXIT_OK

    return _run(args, action)


def add_screening(ssub: argparse._SubParsersAction) -> None:
    """`fldd suppliers screening [confirm|dismiss|reopen ID --reason TEXT]` and `fldd suppliers screen`."""
    p = ssub.add_parser("screening", help="possible entity-list matches of the suppliers, to confirm or dismiss",
                        description=PENDING_MEANS)
    p.add_argument("--status", choices=STATUS_CHOICES, default="pending",
                   help="which matches (default: pending; closed: those that no longer apply)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_screening_list)
    decisions = p.add_subparsers(title="decisions", metavar="DECISION")
    for decision, words in (("confirm", "the supplier is the listed entity"),
                            ("dismiss", "the supplier is not the listed entity"),
                            ("reopen", "put a decided match back to pending")):
        d = decisions.add_parser(decision, help=words)
        d.add_argument("id", type=int, metavar="MATCH_ID", help="as `fldd suppliers screening` lists it")
        d.add_argument("--reason", required=True, metavar="TEXT", help="why, kept with who and when")
        d.add_argument("--json", action="store_true")
        d.set_defaults(handler=cmd_screening_decide, decision=decision)
    p = ssub.add_parser("screen", help="screen suppliers against the entity lists in force now")
    p.add_argument("supplier", nargs="?", metavar="SUPPLIER", help="id or exact name (default: every supplier)")
    p.set_defaults(handler=cmd_screen)
