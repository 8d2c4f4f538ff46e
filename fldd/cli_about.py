"""Command-line face of the About box: `fldd about [--json]`, the same facts as Help > About fldd."""

from __future__ import annotations

import argparse
import sys

from fldd.cli_register import EXIT_OK, _print_json, _run


def cmd_about(args: argparse.Namespace) -> int:
    from fldd.usecases.about import about_facts, about_text

    def action(ctx) -> int:
        facts = about_facts(ctx)
        if args.json:
            _print_json(facts)
        else:
            sys.stdout.write(about_text(facts))
        return EXIT_OK

    return _run(args, action, current_risk=False)


def add_about(sub: argparse._SubParsersAction) -> None:
    """`fldd about`."""
    p = sub.add_parser("about", help="this copy's version, where your data lives, the questionnaire versions and "
                                     "the risk-data editions in force (what a support request needs)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_about)
